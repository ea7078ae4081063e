//! The teaching extras: "copy as Python" and the CSV/JSON exports, the predict-then-reveal
//! quiz, and the derivative lab. They build on the lessons and the numerics.

pub mod difflab;
pub mod export;
pub mod quiz;

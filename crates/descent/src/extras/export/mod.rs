//! What a learner takes away from a lesson: its runs as CSV and JSON tables, file names
//! from the lesson's settings, and a Python notebook cell that repeats the run.

pub mod pyexpr;
pub mod pyneuron;
pub mod pyoptim;
pub mod python;
pub mod table;

#[cfg(test)]
mod style_tests;
#[cfg(test)]
mod tests;

//! The lessons layer: each lesson's settings and runs (the notebook's 1-D and 2-D descents
//! and the neuron), the function catalogue, the settings tables and the link's state. It
//! builds on the numerics and is what the bindings and the teaching extras use.
//!
//! The notebook's ready-made runs ([`notebook`]) are re-exported here, so
//! `descent::lessons::notebook_1d_run` names them.

pub mod catalogue;
pub mod lesson1d;
pub mod lesson2d;
pub mod neuron;
pub mod notebook;
pub mod settings;
pub mod state;

pub use notebook::*;

//! The neuron lesson: a sigmoid neuron and a 2-H-1 network trained step by step.
//!
//! This is the notebook's In[22]–In[35]: one neuron a = σ(b + w·x), the cost ½(a − y)²,
//! per-sample gradient descent b −= lr·δ, w −= lr·δ·x with δ = (a − y)·a(1 − a), trained
//! as an AND gate until an epoch's mean cost falls below 0.001 (at most 20000 epochs).
//! Beside it, a network with one hidden layer learns XOR, which a single neuron cannot.

mod activation;
pub mod config;
mod data;
mod exp;
pub mod geometry;
pub mod landscape;
mod lesson;
mod model;
mod network;
pub mod presets;
mod single;
mod trainer;

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

pub use activation::Activation;
pub use config::NeuronConfig;
pub use data::{Gate, MAX_POINTS, NOTEBOOK_INPUTS, POINT_RANGE, ROW_FIELDS, TruthTable};
pub use lesson::{NeuronLesson, Progress, SampleView, heatmap};
pub use model::{Model, Output};
pub use network::Network;
pub use single::Neuron;
pub use trainer::{SampleOrder, SampleStep, TrainHistory, Trainer, TrainerConfig};

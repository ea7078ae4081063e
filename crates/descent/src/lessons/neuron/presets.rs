//! Ready-made trainers, above all the notebook's In[24]–In[35] run.

use super::activation::Activation;
use super::data::{Gate, TruthTable};
use super::single::Neuron;
use super::trainer::{Trainer, TrainerConfig};

/// The notebook's initial bias (In[25]).
pub const NOTEBOOK_B: f64 = -0.57089547;
/// The notebook's initial weights (In[25]).
pub const NOTEBOOK_W: [f64; 2] = [-0.43758178, 0.52004418];
/// The notebook's learning rate (`Train(..., lr = 0.5)`, In[23]).
pub const NOTEBOOK_LR: f64 = 0.5;
/// The notebook's stop rule: the epoch's mean cost below this (In[32]).
pub const NOTEBOOK_TARGET_COST: f64 = 0.001;
/// The notebook's epoch budget (In[32]).
pub const NOTEBOOK_MAX_EPOCHS: usize = 20_000;
/// The predictions the notebook printed after training (In[34]), rows in its order.
pub const NOTEBOOK_PREDICTIONS: [f64; 4] = [
    9.42445291e-01,
    4.82439876e-02,
    4.83079036e-02,
    1.57107087e-04,
];

/// The notebook's neuron with its printed initial weights.
pub fn notebook_neuron() -> Neuron {
    Neuron::new(NOTEBOOK_B, &NOTEBOOK_W, Activation::Sigmoid)
        .unwrap_or_else(|_| unreachable!("the notebook's weights are finite"))
}

/// The notebook's run: its neuron, the AND table in its order, lr 0.5, per-sample updates
/// in data order, stop below 0.001 or after 20000 epochs.
pub fn notebook_trainer() -> Trainer {
    Trainer::new(
        Box::new(notebook_neuron()),
        TruthTable::gate(Gate::And),
        TrainerConfig::notebook(),
    )
    .unwrap_or_else(|_| unreachable!("the notebook's settings are valid"))
}

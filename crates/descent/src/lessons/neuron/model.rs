//! What the trainer needs from a model: flat parameters, a prediction and backpropagation.

use std::ops::Range;

use super::activation::Activation;
use super::data::TruthTable;

/// The output unit's arithmetic for one sample, as the lesson's arithmetic panel shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Output {
    /// The output unit's weighted input z = b + w·x (w·h for a hidden layer).
    pub z: f64,
    /// Its activation a = f(z).
    pub a: f64,
    /// f′(z), from a as in the notebook.
    pub dact: f64,
    /// δ = (a − y)·f′(z) = ∂C/∂z for C = ½(a − y)².
    pub delta: f64,
}

/// A trainable model with one output: its parameters live in one flat vector so that the
/// trainer can update and record them without knowing the model's shape.
pub trait Model {
    /// Number of inputs.
    fn inputs(&self) -> usize;

    /// Hidden units (0 for a single neuron).
    fn hidden(&self) -> usize;

    /// The activation of its units.
    fn activation(&self) -> Activation;

    /// The parameters, in the model's documented layout.
    fn params(&self) -> &[f64];

    /// The parameters, to be updated.
    fn params_mut(&mut self) -> &mut [f64];

    /// Where the output unit's incoming weights sit in [`Model::params`].
    fn output_weights(&self) -> Range<usize>;

    /// Where the output unit's bias sits in [`Model::params`].
    fn output_bias(&self) -> usize;

    /// The output for input `x`.
    fn predict(&self, x: &[f64]) -> f64;

    /// Writes ∂C/∂θ for the cost C = ½(a − y)² of one sample into `grad` (same layout as
    /// the parameters) and returns the output unit's arithmetic.
    fn backprop(&self, x: &[f64], y: f64, grad: &mut [f64]) -> Output;

    /// Trains one epoch of per-sample updates θ ← θ − lr·∂C/∂θ, visiting the rows in
    /// `order`. Returns the sum of the samples' costs (added in visiting order from 0) and
    /// the last sample's arithmetic; `grad` is left holding the last sample's gradient.
    ///
    /// The result equals [`Model::backprop`] followed by the update, sample by sample, bit
    /// for bit; models override it with a loop the compiler can specialise.
    fn train_epoch(
        &mut self,
        data: &TruthTable,
        order: &[usize],
        lr: f64,
        grad: &mut [f64],
    ) -> (f64, Output) {
        per_sample_epoch(self, data, order, lr, grad)
    }

    /// A copy of the model (the views draw past epochs on a copy).
    fn clone_box(&self) -> Box<dyn Model>;

    /// The cost ½(a − y)² of one sample.
    fn cost(&self, x: &[f64], y: f64) -> f64 {
        let e = self.predict(x) - y;
        0.5 * (e * e)
    }
}

/// The arithmetic reported when an epoch visits no row.
pub(crate) const NO_OUTPUT: Output = Output {
    z: f64::NAN,
    a: f64::NAN,
    dact: f64::NAN,
    delta: f64::NAN,
};

/// [`Model::train_epoch`] through [`Model::backprop`], for any model.
pub(crate) fn per_sample_epoch<M: Model + ?Sized>(
    model: &mut M,
    data: &TruthTable,
    order: &[usize],
    lr: f64,
    grad: &mut [f64],
) -> (f64, Output) {
    let mut cost_sum = 0.0;
    let mut last = NO_OUTPUT;
    for &i in order {
        let y = data.target(i);
        last = model.backprop(data.input(i), y, grad);
        let err = last.a - y;
        cost_sum += 0.5 * (err * err);
        for (p, g) in model.params_mut().iter_mut().zip(grad.iter()) {
            *p -= lr * g;
        }
    }
    (cost_sum, last)
}

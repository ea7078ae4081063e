//! Optimizers: update rules that turn a gradient into the next iterate, each declared once
//! in its own module and listed in one registry, [`RULES`].
//!
//! Every rule used here is element-wise, so an optimizer is written as one required
//! method, [`Optimizer::update`], applied to one coordinate at a time. That single shape
//! serves both update orders of a [`Run`](crate::Run): the simultaneous (textbook) order
//! and the notebook's sequential order, where y's partial is taken after x has moved.

mod adagrad;
mod adam;
mod adamw;
pub mod explain;
mod gd;
pub mod lanes;
mod momentum;
mod rmsprop;
pub mod rule;
mod spec;
#[cfg(test)]
mod tests;

pub use adagrad::Adagrad;
pub use adam::Adam;
pub use adamw::AdamW;
pub use gd::GradientDescent;
pub use momentum::MomentumSgd;
pub use rmsprop::RmsProp;
pub use rule::{Param, PythonForm, Rule};
pub use spec::{OptimSpec, by_name, rule};

/// Every update rule the lab knows, in the order the page lists them. Adding a rule is
/// one module and one line here.
pub const RULES: &[Rule] = &[
    gd::RULE,
    momentum::RULE,
    momentum::NESTEROV,
    adagrad::RULE,
    rmsprop::RULE,
    adam::RULE,
    adamw::RULE,
];

/// Most coordinates an optimizer's memory grows to on demand (a million: far beyond the
/// two of a lesson, far below what would exhaust memory).
pub const MAX_COORDINATES: usize = 1 << 20;

/// Grows each of `buffers` to hold coordinate `i`, new entries `init`.
///
/// # Panics
/// If `i` ≥ [`MAX_COORDINATES`]: [`Optimizer::update`]'s precondition.
pub(crate) fn grow(buffers: &mut [&mut Vec<f64>], i: usize, init: f64) {
    assert!(
        i < MAX_COORDINATES,
        "optimizer coordinate {i} is past the limit of {MAX_COORDINATES}"
    );
    for buf in buffers {
        if buf.len() <= i {
            buf.resize(i + 1, init);
        }
    }
}

/// An element-wise update rule with its own memory (velocity, moments…).
pub trait Optimizer {
    /// Returns the new value of coordinate `i`, given its current value `x` and the
    /// partial derivative `g` there. Called once per coordinate per step, after
    /// [`Optimizer::begin_step`]. The memory grows on demand to hold coordinate `i`
    /// ([`Optimizer::reset`] sizes it ahead).
    ///
    /// # Panics
    /// If `i` ≥ [`MAX_COORDINATES`] (for an optimizer with per-coordinate memory).
    fn update(&mut self, i: usize, x: f64, g: f64) -> f64;

    /// Called once before each step's coordinate updates (advances a step counter, say).
    fn begin_step(&mut self) {}

    /// Forgets all memory and sizes it for `dim` coordinates.
    fn reset(&mut self, dim: usize) {
        let _ = dim;
    }

    /// A short name such as `"gd"`.
    fn name(&self) -> &'static str;

    /// Named per-coordinate state (e.g. `("velocity", v)`) for arrows and the arithmetic panel.
    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        Vec::new()
    }

    /// One simultaneous step: x ← update(x, g) for every coordinate.
    fn step(&mut self, x: &mut [f64], grad: &[f64]) {
        self.begin_step();
        for (i, (xi, gi)) in x.iter_mut().zip(grad).enumerate() {
            *xi = self.update(i, *xi, *gi);
        }
    }
}

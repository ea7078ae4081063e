//! Optimizers: update rules that turn a gradient into the next iterate, each declared once
//! in its own module and listed in one registry, [`RULES`].
//!
//! Most rules are element-wise, so an optimizer is written as one required method,
//! [`Optimizer::update`], applied to one coordinate at a time. That single shape serves
//! both update orders of a [`Run`](crate::Run): the simultaneous (textbook) order and the
//! notebook's sequential order, where y's partial is taken after x has moved.
//!
//! The line searches and Newton's method are not element-wise: they evaluate f along the
//! step or its Hessian at the iterate. They say so through [`Optimizer::whole`] and move the
//! whole iterate at once with [`Optimizer::step_on`], which is given the objective; their
//! runs always take the simultaneous order (the step needs the whole gradient at x_k).

mod adagrad;
mod adam;
mod adamw;
mod armijo;
mod exactls;
pub mod explain;
mod gd;
pub mod lanes;
mod momentum;
mod newton;
mod rmsprop;
pub mod rule;
#[cfg(test)]
mod search_tests;
mod spec;
#[cfg(test)]
mod tests;

pub use adagrad::Adagrad;
pub use adam::Adam;
pub use adamw::AdamW;
pub use armijo::{Armijo, Backtracking, backtrack};
pub use exactls::{ExactLineSearch, LineMinimum, line_minimum};
pub use gd::GradientDescent;
pub use momentum::MomentumSgd;
pub use newton::{Newton, NewtonStep, newton_step};
pub use rmsprop::RmsProp;
pub use rule::{Param, PythonForm, Rule};
pub use spec::{OptimSpec, by_name, rule};

use crate::objective::Objective;

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
    armijo::RULE,
    exactls::RULE,
    newton::RULE,
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

    /// Whether the rule moves the whole iterate at once through [`Optimizer::step_on`]
    /// (it evaluates f along the step, or its Hessian) rather than coordinate by
    /// coordinate through [`Optimizer::update`].
    fn whole(&self) -> bool {
        false
    }

    /// One step on the objective `f`: x ← the next iterate, given `grad`, the gradient at
    /// x. The default is [`Optimizer::step`], which does not look at `f`.
    fn step_on(&mut self, f: &dyn Objective, x: &mut [f64], grad: &[f64]) {
        let _ = f;
        self.step(x, grad);
    }

    /// One simultaneous step: x ← update(x, g) for every coordinate.
    fn step(&mut self, x: &mut [f64], grad: &[f64]) {
        self.begin_step();
        for (i, (xi, gi)) in x.iter_mut().zip(grad).enumerate() {
            *xi = self.update(i, *xi, *gi);
        }
    }
}

//! The objective abstraction: a function of n variables with its value and gradient.

use std::rc::Rc;

use crate::diff;

/// A function f: ℝⁿ → ℝ to be minimised.
///
/// `value` is the one required method besides `dim`. `gradient` defaults to a central
/// difference with step ∛ε; objectives that know their derivative override it and
/// report so through [`Objective::has_exact_gradient`].
pub trait Objective {
    /// Number of variables n.
    fn dim(&self) -> usize;

    /// f(x). `x.len()` equals [`Objective::dim`].
    fn value(&self, x: &[f64]) -> f64;

    /// Writes ∇f(x) into `g` (same length as `x`).
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        diff::central_gradient(|p| self.value(p), x, diff::DEFAULT_H, g);
    }

    /// Whether [`Objective::gradient`] is exact rather than approximated.
    fn has_exact_gradient(&self) -> bool {
        false
    }

    /// ∂f/∂xᵢ at x. The default takes the i-th component of the full gradient.
    fn partial(&self, x: &[f64], i: usize) -> f64 {
        let mut g = vec![0.0; x.len()];
        self.gradient(x, &mut g);
        g[i]
    }
}

type ValueFn = dyn Fn(&[f64]) -> f64;
type GradFn = dyn Fn(&[f64], &mut [f64]);

/// An objective made of closures: a value and, optionally, an exact gradient.
///
/// ```
/// use descent::{FnObjective, Objective};
/// let f = FnObjective::new(1, |x| (x[0] - 1.0).powi(2))
///     .with_gradient(|x, g| g[0] = 2.0 * (x[0] - 1.0));
/// let mut g = [0.0];
/// f.gradient(&[3.0], &mut g);
/// assert_eq!((f.value(&[3.0]), g[0]), (4.0, 4.0));
/// ```
#[derive(Clone)]
pub struct FnObjective {
    dim: usize,
    value: Rc<ValueFn>,
    gradient: Option<Rc<GradFn>>,
}

impl FnObjective {
    /// An objective of `dim` variables with the given value function.
    pub fn new(dim: usize, value: impl Fn(&[f64]) -> f64 + 'static) -> Self {
        FnObjective {
            dim,
            value: Rc::new(value),
            gradient: None,
        }
    }

    /// Adds an exact gradient.
    pub fn with_gradient(mut self, gradient: impl Fn(&[f64], &mut [f64]) + 'static) -> Self {
        self.gradient = Some(Rc::new(gradient));
        self
    }
}

impl Objective for FnObjective {
    fn dim(&self) -> usize {
        self.dim
    }

    fn value(&self, x: &[f64]) -> f64 {
        (self.value)(x)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        match &self.gradient {
            Some(grad) => grad(x, g),
            None => diff::central_gradient(|p| (self.value)(p), x, diff::DEFAULT_H, g),
        }
    }

    fn has_exact_gradient(&self) -> bool {
        self.gradient.is_some()
    }
}

impl std::fmt::Debug for FnObjective {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FnObjective")
            .field("dim", &self.dim)
            .field("exact_gradient", &self.gradient.is_some())
            .finish()
    }
}

/// The notebook's 1-D function f(x) = (x − 1)² with its exact derivative 2(x − 1).
pub fn notebook_1d() -> FnObjective {
    FnObjective::new(1, |x| (x[0] - 1.0).powi(2)).with_gradient(|x, g| g[0] = 2.0 * (x[0] - 1.0))
}

/// The notebook's 2-D function f(x, y) = x⁴ + y⁴ − 2(x − y)² with its exact gradient.
pub fn notebook_2d() -> FnObjective {
    FnObjective::new(2, |p| {
        let (x, y) = (p[0], p[1]);
        x.powi(4) + y.powi(4) - 2.0 * (x - y).powi(2)
    })
    .with_gradient(|p, g| {
        let (x, y) = (p[0], p[1]);
        g[0] = 4.0 * x.powi(3) - 4.0 * (x - y);
        g[1] = 4.0 * y.powi(3) + 4.0 * (x - y);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notebook_functions_have_known_values() {
        let f = notebook_1d();
        assert_eq!(f.value(&[1.0]), 0.0);
        let f2 = notebook_2d();
        let s = 2f64.sqrt();
        assert!((f2.value(&[s, -s]) + 8.0).abs() < 1e-12);
        let mut g = [0.0; 2];
        f2.gradient(&[s, -s], &mut g);
        assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12);
    }

    #[test]
    fn default_gradient_is_central_difference() {
        struct Cube;
        impl Objective for Cube {
            fn dim(&self) -> usize {
                1
            }
            fn value(&self, x: &[f64]) -> f64 {
                x[0].powi(3)
            }
        }
        let mut g = [0.0];
        Cube.gradient(&[2.0], &mut g);
        assert!((g[0] - 12.0).abs() < 1e-8);
        assert!(!Cube.has_exact_gradient());
        assert!((Cube.partial(&[2.0], 0) - 12.0).abs() < 1e-8);
    }
}

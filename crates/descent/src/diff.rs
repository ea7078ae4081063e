//! Finite differences and the choice of gradient mode (exact, central, forward).

use serde::{Deserialize, Serialize};

use crate::error::{ConfigError, positive};
use crate::objective::Objective;

/// Default step for central differences, about ∛ε ≈ 6.06e-6, which balances truncation
/// error (O(h²)) against round-off (O(ε/h)).
pub const DEFAULT_H: f64 = 6.055454452393343e-6;

/// How a run obtains its gradient.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum GradientMode {
    /// The objective's own gradient (exact when the objective knows it).
    Exact,
    /// (f(x + h) − f(x − h)) / 2h per coordinate: the notebook's `Df`, error O(h²).
    Central {
        /// The step h > 0.
        h: f64,
    },
    /// (f(x + h) − f(x)) / h per coordinate, error O(h).
    Forward {
        /// The step h > 0.
        h: f64,
    },
}

impl GradientMode {
    /// Checks the step h of a finite-difference mode.
    pub fn validate(self) -> Result<Self, ConfigError> {
        match self {
            GradientMode::Exact => Ok(self),
            GradientMode::Central { h } | GradientMode::Forward { h } => {
                positive("h (difference step)", h).map(|_| self)
            }
        }
    }

    /// Writes the gradient of `f` at `x` into `g` using this mode.
    pub fn gradient(self, f: &dyn Objective, x: &[f64], g: &mut [f64]) {
        match self {
            GradientMode::Exact => f.gradient(x, g),
            _ => {
                let mut p = x.to_vec();
                for (i, gi) in g.iter_mut().enumerate() {
                    *gi = self.partial_at(f, &mut p, i);
                }
            }
        }
    }

    /// ∂f/∂xᵢ at `x` using this mode.
    pub fn partial(self, f: &dyn Objective, x: &[f64], i: usize) -> f64 {
        match self {
            GradientMode::Exact => f.partial(x, i),
            _ => self.partial_at(f, &mut x.to_vec(), i),
        }
    }

    /// Finite-difference partial, perturbing `p[i]` in place and restoring it.
    fn partial_at(self, f: &dyn Objective, p: &mut [f64], i: usize) -> f64 {
        let xi = p[i];
        let d = match self {
            GradientMode::Exact => unreachable!("exact mode has no finite difference"),
            GradientMode::Central { h } => {
                p[i] = xi + h;
                let up = f.value(p);
                p[i] = xi - h;
                let down = f.value(p);
                (up - down) / (2.0 * h)
            }
            GradientMode::Forward { h } => {
                let here = f.value(p);
                p[i] = xi + h;
                (f.value(p) - here) / h
            }
        };
        p[i] = xi;
        d
    }
}

/// The notebook's `Df`: the central difference (f(x+h) − f(x−h)) / 2h of a 1-D function,
/// or 0 when h = 0 as the notebook returns.
///
/// ```
/// let d = descent::diff::central(|x| (x - 1.0) * (x - 1.0), 3.0, 1e-3);
/// assert!((d - 4.0).abs() < 1e-9);
/// ```
pub fn central(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    if h == 0.0 {
        0.0
    } else {
        (f(x + h) - f(x - h)) / (2.0 * h)
    }
}

/// The forward difference (f(x+h) − f(x)) / h of a 1-D function (0 when h = 0).
pub fn forward(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    if h == 0.0 { 0.0 } else { (f(x + h) - f(x)) / h }
}

/// Central-difference gradient of an n-D function into `g`.
pub fn central_gradient(f: impl Fn(&[f64]) -> f64, x: &[f64], h: f64, g: &mut [f64]) {
    let mut p = x.to_vec();
    for (i, gi) in g.iter_mut().enumerate() {
        let xi = p[i];
        p[i] = xi + h;
        let up = f(&p);
        p[i] = xi - h;
        let down = f(&p);
        p[i] = xi;
        *gi = (up - down) / (2.0 * h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{notebook_1d, notebook_2d};
    use proptest::prelude::*;

    #[test]
    fn zero_step_gives_zero_like_the_notebook() {
        assert_eq!(central(|x| x * x, 2.0, 0.0), 0.0);
        assert_eq!(forward(|x| x * x, 2.0, 0.0), 0.0);
    }

    #[test]
    fn bad_step_is_rejected() {
        let e = GradientMode::Central { h: 0.0 }.validate().unwrap_err();
        assert_eq!(
            e.to_string(),
            "h (difference step) must be a finite number > 0 (got 0)"
        );
        assert!(
            GradientMode::Forward { h: f64::INFINITY }
                .validate()
                .is_err()
        );
    }

    proptest! {
        #[test]
        fn central_difference_matches_exact_derivative_1d(x in -10.0f64..10.0) {
            let f = notebook_1d();
            let mut g = [0.0];
            GradientMode::Central { h: 1e-3 }.gradient(&f, &[x], &mut g);
            // (x-1)^2 is quadratic: the central difference is exact up to round-off.
            prop_assert!((g[0] - 2.0 * (x - 1.0)).abs() < 1e-9);
            let fwd = forward(|t| (t - 1.0).powi(2), x, 1e-3);
            // Forward difference carries the truncation error h.
            prop_assert!((fwd - 2.0 * (x - 1.0) - 1e-3).abs() < 1e-8);
        }

        #[test]
        fn central_difference_matches_exact_gradient_2d(x in -3.0f64..3.0, y in -3.0f64..3.0) {
            let f = notebook_2d();
            let (mut exact, mut approx) = ([0.0; 2], [0.0; 2]);
            GradientMode::Exact.gradient(&f, &[x, y], &mut exact);
            GradientMode::Central { h: 1e-4 }.gradient(&f, &[x, y], &mut approx);
            for i in 0..2 {
                prop_assert!((exact[i] - approx[i]).abs() < 1e-6 * (1.0 + exact[i].abs()));
                let p = GradientMode::Central { h: 1e-4 }.partial(&f, &[x, y], i);
                prop_assert!((p - approx[i]).abs() < 1e-12);
            }
        }
    }
}

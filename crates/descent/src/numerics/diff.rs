//! Finite differences and the choice of gradient mode (exact, central, forward).

use crate::error::{ConfigError, positive};
use crate::objective::Objective;

/// Default step for central differences, about ∛ε ≈ 6.06e-6, which balances truncation
/// error (O(h²)) against round-off (O(ε/h)).
pub const DEFAULT_H: f64 = 6.055454452393343e-6;

/// How a run obtains its gradient.
#[derive(Debug, Clone, Copy, PartialEq)]
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
                let mut s = FdScratch::default();
                for (i, gi) in g.iter_mut().enumerate() {
                    *gi = self.partial_point(f, x, i, &mut s);
                }
            }
        }
    }

    /// ∂f/∂xᵢ at `x` using this mode.
    pub fn partial(self, f: &dyn Objective, x: &[f64], i: usize) -> f64 {
        match self {
            GradientMode::Exact => f.partial(x, i),
            _ => self.partial_point(f, x, i, &mut FdScratch::default()),
        }
    }

    /// A finite-difference partial at one point: [`GradientMode::partial_many`] with
    /// one lane, so that a single run and the many-start kernels share one formula.
    fn partial_point(self, f: &dyn Objective, x: &[f64], i: usize, s: &mut FdScratch) -> f64 {
        let cols: Vec<&[f64]> = x.chunks(1).collect();
        let mut out = [0.0];
        self.partial_many(f, &cols, i, &mut out, s);
        out[0]
    }

    /// ∂f/∂xᵢ at many points (`xs[c][l]` is coordinate c of point l) into `out`, by this
    /// mode: the objective's exact partial, or the finite difference
    /// (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, resp. (f(x + h eᵢ) − f(x)) / h, lane by lane.
    pub fn partial_many(
        self,
        f: &dyn Objective,
        xs: &[&[f64]],
        i: usize,
        out: &mut [f64],
        s: &mut FdScratch,
    ) {
        let n = out.len();
        match self {
            GradientMode::Exact => {
                if n == 1 {
                    let p: Vec<f64> = xs.iter().map(|c| c[0]).collect();
                    out[0] = f.partial(&p, i);
                    return;
                }
                s.values.resize(n * xs.len(), 0.0);
                let mut g: Vec<&mut [f64]> = s.values.chunks_mut(n).collect();
                f.gradient_many(xs, &mut g);
                out.copy_from_slice(g[i]);
            }
            GradientMode::Central { h } => {
                s.shifted.clear();
                s.shifted.extend(xs[i].iter().map(|v| v + h));
                s.shifted.extend(xs[i].iter().map(|v| v - h));
                let (up, down) = s.shifted.split_at(n);
                let mut cols = xs.to_vec();
                cols[i] = up;
                f.value_many(&cols, out);
                cols[i] = down;
                s.values.resize(n, 0.0);
                f.value_many(&cols, &mut s.values);
                for (o, down) in out.iter_mut().zip(&s.values) {
                    *o = (*o - down) / (2.0 * h);
                }
            }
            GradientMode::Forward { h } => {
                s.values.resize(n, 0.0);
                f.value_many(xs, &mut s.values);
                s.shifted.clear();
                s.shifted.extend(xs[i].iter().map(|v| v + h));
                let mut cols = xs.to_vec();
                cols[i] = &s.shifted;
                f.value_many(&cols, out);
                for (o, here) in out.iter_mut().zip(&s.values) {
                    *o = (*o - here) / h;
                }
            }
        }
    }

    /// ∇f at many points (`g[c][l]` receives ∂f/∂x_c at point l) by this mode.
    pub fn gradient_many(
        self,
        f: &dyn Objective,
        xs: &[&[f64]],
        g: &mut [&mut [f64]],
        s: &mut FdScratch,
    ) {
        match self {
            GradientMode::Exact => f.gradient_many(xs, g),
            _ => {
                for (i, gi) in g.iter_mut().enumerate() {
                    self.partial_many(f, xs, i, gi, s);
                }
            }
        }
    }
}

/// Buffers the finite differences reuse between calls (shifted coordinates, values).
#[derive(Debug, Clone, Default)]
pub struct FdScratch {
    shifted: Vec<f64>,
    values: Vec<f64>,
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

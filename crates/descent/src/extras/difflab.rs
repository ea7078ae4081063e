//! The numerical-derivative lab: finite-difference error against the step h.
//!
//! At a point x, for h on a logarithmic grid, the lab measures |D₊(h) − f′(x)| (forward,
//! (f(x+h) − f(x))/h) and |D₀(h) − f′(x)| (central, (f(x+h) − f(x−h))/2h) against the
//! exact derivative. On a log–log plot the truncation regime has slope 1 (forward) and 2
//! (central) and the round-off regime slope −1; their meeting point is the best h.
//!
//! The marked optimum is the **measured** argmin of the error on the grid (what the
//! student sees). The textbook estimates √ε·max(1, |x|) (forward) and ∛ε·max(1, |x|)
//! (central) are reported too, for comparison.
//!
//! ```
//! use descent::{difflab, objective::FnObjective};
//! let f = FnObjective::new(1, |x| x[0].sin()).with_gradient(|x, g| g[0] = x[0].cos());
//! let s = difflab::series(&f, 1.0, 1e-16, 1.0, 161).unwrap();
//! // The best central step is far larger than the best forward step's error suggests.
//! assert!(s.best_central.1 < s.best_forward.1);
//! assert!(s.best_forward.0 > 1e-10 && s.best_forward.0 < 1e-6);
//! ```

use crate::error::{ConfigError, count, finite, interval};
use crate::objective::Objective;

/// Errors below this are reported as this, so that a log scale can show them.
pub const FLOOR: f64 = 1e-20;
/// The notebook's step (In[4]).
pub const NOTEBOOK_H: f64 = 1e-3;

/// The lab's measurements at one point.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The point x.
    pub x: f64,
    /// The exact derivative f′(x).
    pub exact: f64,
    /// The steps h, increasing, log-spaced.
    pub h: Vec<f64>,
    /// |forward difference − f′(x)| at each h (at least [`FLOOR`]).
    pub forward: Vec<f64>,
    /// |central difference − f′(x)| at each h (at least [`FLOOR`]).
    pub central: Vec<f64>,
    /// (h, error) of the smallest forward error on the grid.
    pub best_forward: (f64, f64),
    /// (h, error) of the smallest central error on the grid.
    pub best_central: (f64, f64),
    /// The rule of thumb √ε·max(1, |x|) for the forward step.
    pub rule_forward: f64,
    /// The rule of thumb ∛ε·max(1, |x|) for the central step.
    pub rule_central: f64,
}

/// |forward − exact| and |central − exact| at one step h (each at least [`FLOOR`]).
pub fn errors_at(f: &dyn Objective, x: f64, exact: f64, h: f64) -> (f64, f64) {
    let v = |t: f64| f.value(&[t]);
    let fwd = crate::diff::forward(v, x, h);
    let cen = crate::diff::central(v, x, h);
    (floor(fwd - exact), floor(cen - exact))
}

fn floor(e: f64) -> f64 {
    if e.is_nan() {
        f64::INFINITY
    } else {
        e.abs().max(FLOOR)
    }
}

/// The exact derivative of a 1-D objective at x.
pub fn exact_derivative(f: &dyn Objective, x: f64) -> f64 {
    let mut g = [0.0];
    f.gradient(&[x], &mut g);
    g[0]
}

/// Measures both errors for `n` steps log-spaced from `h_lo` to `h_hi` at `x`.
pub fn series(
    f: &dyn Objective,
    x: f64,
    h_lo: f64,
    h_hi: f64,
    n: usize,
) -> Result<Series, ConfigError> {
    if f.dim() != 1 {
        return Err(ConfigError::BadDimension {
            what: "the derivative lab's function",
            expected: 1,
            got: f.dim(),
        });
    }
    finite("x (lab point)", x)?;
    crate::error::positive("smallest h", h_lo)?;
    interval("smallest h", "largest h", h_lo, h_hi)?;
    let n = count("lab points", "an integer from 2 to 10000", n, 2, 10_000)?;
    let exact = exact_derivative(f, x);
    let (l0, l1) = (h_lo.log10(), h_hi.log10());
    let h: Vec<f64> = (0..n)
        .map(|i| 10f64.powf(l0 + (l1 - l0) * i as f64 / (n - 1) as f64))
        .collect();
    let (forward, central): (Vec<f64>, Vec<f64>) =
        h.iter().map(|&hi| errors_at(f, x, exact, hi)).unzip();
    let best = |errs: &[f64]| {
        let (i, e) =
            errs.iter().enumerate().fold(
                (0, f64::INFINITY),
                |acc, (i, &e)| if e < acc.1 { (i, e) } else { acc },
            );
        (h[i], e)
    };
    let scale = x.abs().max(1.0);
    Ok(Series {
        x,
        exact,
        best_forward: best(&forward),
        best_central: best(&central),
        rule_forward: f64::EPSILON.sqrt() * scale,
        rule_central: f64::EPSILON.cbrt() * scale,
        h,
        forward,
        central,
    })
}

/// The slope of log(error) against log(h) fitted by least squares over h in [a, b].
pub fn slope(s: &Series, errors: &[f64], a: f64, b: f64) -> f64 {
    let pts: Vec<(f64, f64)> =
        s.h.iter()
            .zip(errors)
            .filter(|(h, e)| **h >= a && **h <= b && e.is_finite() && **e > FLOOR)
            .map(|(h, e)| (h.log10(), e.log10()))
            .collect();
    let n = pts.len() as f64;
    let (sx, sy) = pts.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
    let (mx, my) = (sx / n, sy / n);
    let (num, den) = pts.iter().fold((0.0, 0.0), |a, p| {
        (a.0 + (p.0 - mx) * (p.1 - my), a.1 + (p.0 - mx).powi(2))
    });
    num / den
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::compile;

    #[test]
    fn regimes_have_the_textbook_slopes() {
        // exp at x = 1: f″ = f‴ = e, so both truncation errors are clean.
        let f = compile("exp(x)", &["x"]).unwrap();
        let s = series(&f, 1.0, 1e-16, 1.0, 161).unwrap();
        assert_eq!(s.exact, 1f64.exp());
        assert!((slope(&s, &s.forward, 1e-5, 1e-2) - 1.0).abs() < 0.05);
        assert!((slope(&s, &s.central, 1e-3, 1e-1) - 2.0).abs() < 0.05);
        // Round-off: error ~ ε/h, slope −1 (noisy, so a loose band).
        let r = slope(&s, &s.forward, 1e-15, 1e-11);
        assert!((-1.4..=-0.6).contains(&r), "round-off slope {r}");
        // The measured optima sit near the rules of thumb (within two decades).
        for (best, rule) in [
            (s.best_forward.0, s.rule_forward),
            (s.best_central.0, s.rule_central),
        ] {
            assert!((best / rule).log10().abs() < 2.0, "{best} vs {rule}");
        }
        assert!(s.best_central.1 < 1e-9 && s.best_forward.1 < 1e-6);
        assert!(s.best_central.1 < s.best_forward.1);
    }

    #[test]
    fn the_notebook_parabola_has_no_central_truncation_error() {
        // (x-1)^2: the central difference is exact but for round-off, at every h.
        let f = compile("(x-1)**2", &["x"]).unwrap();
        let s = series(&f, 3.0, 1e-16, 1.0, 33).unwrap();
        let (fwd, cen) = errors_at(&f, 3.0, s.exact, NOTEBOOK_H);
        assert!((fwd - 1e-3).abs() < 1e-9, "forward error is h: {fwd}");
        assert!(cen < 1e-10);
        assert!(
            s.central
                .iter()
                .zip(&s.h)
                .all(|(e, h)| *e < 1e-13 / h.min(1.0) + 1e-12)
        );
    }

    #[test]
    fn bad_settings_are_rejected() {
        let f = compile("x^2", &["x"]).unwrap();
        assert!(series(&f, 1.0, 0.0, 1.0, 10).is_err());
        assert!(series(&f, 1.0, 1.0, 1e-3, 10).is_err());
        assert!(series(&f, f64::NAN, 1e-3, 1.0, 10).is_err());
        assert!(series(&f, 1.0, 1e-3, 1.0, 1).is_err());
        let f2 = compile("x*y", &["x", "y"]).unwrap();
        assert!(series(&f2, 1.0, 1e-3, 1.0, 10).is_err());
        // A non-finite difference (ln at a negative point) is infinite error, not a panic.
        let ln = compile("ln(x)", &["x"]).unwrap();
        let s = series(&ln, 0.5, 1e-3, 1.0, 5).unwrap();
        assert_eq!(*s.central.last().unwrap(), f64::INFINITY);
    }
}

//! Why a run diverged: the cause read from its history (the start out of range, f undefined
//! at an iterate, an overflow, a step that overshoots because γ·f″ > 2, or the iterate
//! leaving the divergence bound), with a message for the page.
//!
//! ```
//! use std::collections::BTreeMap;
//! use descent::divergence::{Cause, diagnose};
//! use descent::optim::OptimSpec;
//! use descent::{Run, RunConfig};
//! let f = descent::catalogue::find("notebook-1d").unwrap().default_objective();
//! let gd = OptimSpec::new("gd", &BTreeMap::from([("lr".to_string(), 1.5)])).unwrap();
//! let mut run = Run::new(f.clone(), gd.build().unwrap(), RunConfig::new(vec![3.0], 100)).unwrap();
//! run.finish();
//! let d = diagnose(&run, f.as_ref(), Some(1.5)).unwrap();
//! assert!(matches!(d.cause, Cause::Overshoot { .. }));
//! assert!(d.message.contains("γ > 1 diverges"));
//! ```

use crate::numerics::declared::compact;
use crate::objective::Objective;
use crate::run::{History, Run, Status};

/// A number of a sentence: its shortest text, with the decimal separator of the numbers shown.
fn shown(v: f64) -> String {
    crate::text::shown(&compact(v))
}

/// What made a run diverge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// f or its gradient is not finite at the start itself (e.g. x₀ = 1e308 overflows f),
    /// or the start lies outside the divergence bound.
    Start,
    /// f (or a difference quotient's neighbour) is NaN at a finite iterate: f is undefined
    /// there, as the log or square root of a negative number.
    Undefined {
        /// The step whose iterate it is.
        step: usize,
    },
    /// Every step overshoots: along the last steps γ·f″ > 2, so each step lands farther
    /// from the minimum than it started.
    Overshoot {
        /// The step at which the run stopped.
        step: usize,
        /// γ·f″ measured along the last finite step.
        gamma_curvature: f64,
    },
    /// The step overflowed: the iterate or f became ±∞ (or NaN from ∞ − ∞).
    Overflow {
        /// The step at which it happened.
        step: usize,
    },
    /// The iterate left the divergence bound with every value still finite.
    Bound {
        /// The step at which it happened.
        step: usize,
        /// The bound on |xᵢ|.
        bound: f64,
    },
}

/// A cause with its message, which reads after the run's name ("The run diverged at step
/// 3: …").
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// The cause.
    pub cause: Cause,
    /// One or two sentences for the page.
    pub message: String,
}

/// Whether `f` is the notebook's parabola (x − 1)², checked at a few points.
fn is_notebook_parabola(f: &dyn Objective) -> bool {
    f.dim() == 1
        && [-2.5, -0.5, 0.0, 1.0, 1.75, 4.0, 100.0].iter().all(|&x| {
            let want = (x - 1.0f64).powi(2);
            (f.value(&[x]) - want).abs() <= 1e-12 * want.max(1.0)
        })
}

/// γ·f″ along the step from point `a` to point `b` (gradients `ga`, `gb`), if measurable.
fn gamma_curvature(gamma: f64, a: &[f64], b: &[f64], ga: &[f64], gb: &[f64]) -> Option<f64> {
    let d: Vec<f64> = a.iter().zip(b).map(|(p, q)| q - p).collect();
    let dd: f64 = d.iter().map(|v| v * v).sum();
    let dg: f64 = ga
        .iter()
        .zip(gb)
        .zip(&d)
        .map(|((p, q), v)| (q - p) * v)
        .sum();
    let c = gamma * dg / dd;
    (dd > 0.0 && c.is_finite()).then_some(c)
}

/// The cause of a diverged run (`None` when it did not diverge). `gamma` is the plain
/// gradient-descent step size, when the run used one: only then is the overshoot test
/// γ·f″ > 2 meaningful. The hint "on (x − 1)², γ > 1 diverges" is added only when f is
/// that parabola.
pub fn diagnose(run: &Run, f: &dyn Objective, gamma: Option<f64>) -> Option<Diagnosis> {
    if run.status() != Status::Diverged {
        return None;
    }
    let h = run.history();
    let k = h.len() - 1;
    let finite = |i: usize| {
        h.point(i).iter().all(|v| v.is_finite())
            && h.value(i).is_finite()
            && h.gradient(i).iter().all(|v| v.is_finite())
    };
    let bound = run.config().bound;
    let x0 = h.point(0);
    let name = |i: usize| {
        let p: Vec<String> = h.point(i).iter().map(|&v| shown(v)).collect();
        if p.len() == 1 {
            format!("x_{i} = {}", p[0])
        } else {
            format!("x_{i} = ({})", p.join(crate::text::list_separator()))
        }
    };
    if !finite(0) || x0.iter().any(|v| v.abs() > bound) {
        return Some(bad_start(h, bound, k, name(0)));
    }
    // The last step whose values are all finite, and the one before it.
    let last_finite = (0..=k).rev().find(|&i| finite(i)).unwrap_or(0);
    if let (Some(g), true) = (gamma, last_finite >= 1) {
        let (a, b) = (last_finite - 1, last_finite);
        let c = gamma_curvature(g, h.point(a), h.point(b), h.gradient(a), h.gradient(b));
        // Overshooting: the iterate moved away from where it was heading, by growing steps.
        if let Some(c) = c.filter(|&c| c > 2.0) {
            let mut message = crate::msg!(
                "core.div.overshoot",
                "diverged at step {k}: every step overshoots — γ·f″ ≈ {c} > 2, so each step lands farther from the minimum than it started. Try a smaller γ.",
                k = k,
                c = shown((c * 1000.0).round() / 1000.0)
            );
            if is_notebook_parabola(f) {
                message.push(' ');
                message.push_str(&crate::msg!(
                    "core.div.parabola",
                    "On (x−1)², f″ = 2, so γ > 1 diverges."
                ));
            }
            return Some(Diagnosis {
                cause: Cause::Overshoot {
                    step: k,
                    gamma_curvature: c,
                },
                message,
            });
        }
    }
    let x_finite = h.point(k).iter().all(|v| v.is_finite());
    let nan = h.value(k).is_nan() || h.gradient(k).iter().any(|v| v.is_nan());
    if x_finite && nan && h.point(k).iter().all(|v| v.abs() <= bound) {
        return Some(Diagnosis {
            cause: Cause::Undefined { step: k },
            message: crate::msg!(
                "core.div.undefined",
                "diverged at step {k}: f is undefined at the iterate {at} (f or f at x ± h is not a number there, as the log or square root of a negative number).",
                k = k,
                at = name(k)
            ),
        });
    }
    if !finite(k) {
        return Some(Diagnosis {
            cause: Cause::Overflow { step: k },
            message: crate::msg!(
                "core.div.overflow",
                "diverged at step {k}: the step overflowed — the iterate or f became ±∞ or not a number ({at}, f = {f}).",
                k = k,
                at = name(k),
                f = shown(h.value(k))
            ),
        });
    }
    Some(Diagnosis {
        cause: Cause::Bound { step: k, bound },
        message: crate::msg!(
            "core.div.bound",
            "diverged at step {k}: the iterate left |x| ≤ {bound} ({at}).",
            k = k,
            bound = shown(bound),
            at = name(k)
        ),
    })
}

/// The diagnosis of a start that is itself out of range: f or its derivative overflows or
/// is undefined there, or it lies beyond the bound. `at` names the start.
fn bad_start(h: &History, bound: f64, k: usize, at: String) -> Diagnosis {
    let finite0 = h.point(0).iter().all(|v| v.is_finite())
        && h.value(0).is_finite()
        && h.gradient(0).iter().all(|v| v.is_finite());
    let why = if h.value(0).is_infinite() || h.gradient(0).iter().any(|v| v.is_infinite()) {
        crate::msg!(
            "core.div.overflows",
            "f or its derivative overflows to ±∞ there"
        )
    } else if !finite0 {
        crate::msg!(
            "core.div.undefinedthere",
            "f or its derivative is undefined there"
        )
    } else {
        crate::msg!(
            "core.div.outside",
            "it lies outside |x| ≤ {bound}",
            bound = shown(bound)
        )
    };
    Diagnosis {
        cause: Cause::Start,
        message: crate::msg!(
            "core.div.start",
            "diverged at step {k}: the start itself is out of range — {why} ({at}). Choose a start where f is finite.",
            k = k,
            why = why,
            at = at
        ),
    }
}

#[cfg(test)]
#[path = "divergence_tests.rs"]
mod tests;

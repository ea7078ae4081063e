//! The 1-D lesson's work: its multi-start (settings, checks, budget) and the sampled curves
//! of f and f′ the page draws.

use std::rc::Rc;

use crate::diff::GradientMode;
use crate::error::ConfigError;
use crate::lessons::Config1D;
use crate::multistart::MultiStart;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::RunConfig;
use crate::runset::RunSet;

/// The multi-start settings as the page sends them (numbers as typed, checked here).
/// The default is the notebook's In[6]: 50 starts uniform in [−10, 10].
#[derive(Debug, Clone, PartialEq)]
pub struct Starts1D {
    /// Number of starts.
    pub n: f64,
    /// Lower end of the start interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Seed of the starts.
    pub seed: f64,
}

impl Default for Starts1D {
    fn default() -> Self {
        Starts1D {
            n: 50.0,
            lo: -10.0,
            hi: 10.0,
            seed: 1.0,
        }
    }
}

impl Starts1D {
    /// The checked multi-start (against the 1-D settings table: `n`, `lo`, `hi`, `seed`).
    pub fn multistart(&self) -> Result<MultiStart, ConfigError> {
        crate::lessons::starts_1d(self.n, self.lo, self.hi, self.seed)
    }
}

/// The multi-start's runs on `objective` with the lesson's γ, gradient mode and steps, not
/// yet computed; refused when starts × steps is over [`crate::budget::RUN_STEPS`].
pub fn multistart(
    config: &Config1D,
    starts: &Starts1D,
    objective: Rc<dyn Objective>,
) -> Result<RunSet, ConfigError> {
    config.validate()?;
    let gd = OptimSpec::new(
        "gd",
        &[("lr".to_string(), config.gamma)].into_iter().collect(),
    )?;
    let template = RunConfig::new(vec![0.0], config.step_budget()?).mode(config.gradient_mode()?);
    let starts = starts.multistart()?.starts();
    RunSet::new(
        objective,
        f64::NEG_INFINITY,
        vec![gd],
        template,
        starts,
        ["n", "steps"],
    )
}

/// Largest number of samples of a curve.
pub const MAX_SAMPLES: usize = 100_000;

/// `n` samples (clamped to 2..=[`MAX_SAMPLES`]) of [lo, hi]: the x's, then f(x), then f′(x)
/// in gradient `mode`, one flat vector of 3n numbers.
pub fn sample(
    objective: &dyn Objective,
    mode: GradientMode,
    lo: f64,
    hi: f64,
    n: usize,
) -> Vec<f64> {
    let n = n.clamp(2, MAX_SAMPLES);
    let xs: Vec<f64> = (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
        .collect();
    let mut out = xs.clone();
    out.extend(xs.iter().map(|&x| objective.value(&[x])));
    out.extend(xs.iter().map(|&x| mode.partial(objective, &[x], 0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::notebook_1d;

    #[test]
    fn the_notebook_multistart_ends_where_the_formula_says() {
        let c = Config1D::default();
        let mut set = multistart(&c, &Starts1D::default(), Rc::new(notebook_1d())).unwrap();
        set.finish();
        assert!(set.keeps_history());
        for s in set.summaries() {
            let expect = 1.0 + (s.start[0] - 1.0) * 0.98f64.powi(50);
            assert!((s.end[0] - expect).abs() < 1e-9);
            assert!((-10.0..10.0).contains(&s.start[0]));
        }
        let best = set.best().unwrap();
        let d = |s: &crate::runset::RunSummary| (s.end[0] - 1.0).abs();
        assert!(
            set.summaries()
                .iter()
                .all(|s| d(s) >= d(&set.summaries()[best]))
        );
    }

    #[test]
    fn bad_and_oversize_multistarts_name_the_setting() {
        let c = Config1D::default();
        let f = || -> Rc<dyn Objective> { Rc::new(notebook_1d()) };
        let bad = |s: Starts1D| multistart(&c, &s, f()).unwrap_err();
        assert_eq!(
            bad(Starts1D {
                n: 0.0,
                ..Default::default()
            })
            .field(),
            "n"
        );
        assert_eq!(
            bad(Starts1D {
                lo: 5.0,
                hi: 1.0,
                ..Default::default()
            })
            .to_string(),
            "start interval min must be less than start interval max"
        );
        assert_eq!(
            multistart(
                &Config1D::default(),
                &Starts1D {
                    n: 10_000.0,
                    ..Default::default()
                },
                f()
            )
            .map(|s| s.len())
            .unwrap(),
            10_000
        );
        let big = Config1D {
            steps: 100_000.0,
            ..Config1D::default()
        };
        let e = multistart(
            &big,
            &Starts1D {
                n: 10_000.0,
                ..Default::default()
            },
            f(),
        )
        .unwrap_err();
        assert_eq!(e.field(), "n");
        assert!(
            e.to_string()
                .contains("N (starts) × steps = 10000 × 100000"),
            "{e}"
        );
    }

    #[test]
    fn samples_are_x_then_f_then_the_derivative() {
        let s = sample(&notebook_1d(), GradientMode::Exact, -1.0, 3.0, 5);
        assert_eq!(&s[..5], &[-1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(&s[5..10], &[4.0, 1.0, 0.0, 1.0, 4.0]);
        assert_eq!(&s[10..], &[-4.0, -2.0, 0.0, 2.0, 4.0]);
        let c = sample(
            &notebook_1d(),
            GradientMode::Central { h: 1e-3 },
            -1.0,
            3.0,
            5,
        );
        assert!((c[10] + 4.0).abs() < 1e-9);
        assert_eq!(
            sample(&notebook_1d(), GradientMode::Exact, 0.0, 1.0, 0).len(),
            6
        );
    }
}

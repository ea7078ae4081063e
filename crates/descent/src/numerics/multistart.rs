//! Multi-start: N runs from seeded uniform random starts in a box, and the best of them.

use std::rc::Rc;

use crate::error::{ConfigError, count, interval};
use crate::objective::Objective;
use crate::optim::Optimizer;
use crate::rng;
use crate::run::{Run, RunConfig, Status};

/// N seeded random starts drawn uniformly from the box [lo, hi] (one interval per
/// coordinate), as the notebook's `np.random.uniform(-limites, limites)` per coordinate.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiStart {
    /// Number of starts.
    pub n: usize,
    /// Lower corner of the box.
    pub lo: Vec<f64>,
    /// Upper corner of the box.
    pub hi: Vec<f64>,
    /// The seed every start is drawn from.
    pub seed: u64,
}

impl MultiStart {
    /// Largest number of starts.
    pub const MAX_N: usize = 10_000;

    /// Checks the count and the box.
    pub fn validate(&self, dim: usize) -> Result<(), ConfigError> {
        count(
            "N (starts)",
            "an integer from 1 to 10000",
            self.n,
            1,
            Self::MAX_N,
        )?;
        for (what, v) in [("box min", &self.lo), ("box max", &self.hi)] {
            if v.len() != dim {
                return Err(ConfigError::BadDimension {
                    what,
                    expected: dim,
                    got: v.len(),
                });
            }
        }
        for (&lo, &hi) in self.lo.iter().zip(&self.hi) {
            interval("min", "max", lo, hi)?;
        }
        Ok(())
    }

    /// The starts, in order: for each run, coordinate 0, then 1, … from one stream.
    pub fn starts(&self) -> Vec<Vec<f64>> {
        let mut r = rng::from_seed(self.seed);
        (0..self.n)
            .map(|_| {
                self.lo
                    .iter()
                    .zip(&self.hi)
                    .map(|(&lo, &hi)| rng::uniform(&mut r, lo, hi))
                    .collect()
            })
            .collect()
    }

    /// Builds one run per start (not yet stepped). `make_optimizer` gives each run a
    /// fresh optimizer; `template` supplies every setting but the start. Every run keeps
    /// its history, so the runs are refused over [`crate::budget::RUN_STEPS`] or, for more
    /// than one run, over [`crate::budget::KEPT_STEPS`] (see [`crate::budget::histories`];
    /// [`crate::runset::RunSet`] computes larger sets, keeping summaries).
    pub fn runs(
        &self,
        objective: Rc<dyn Objective>,
        make_optimizer: &dyn Fn() -> Box<dyn Optimizer>,
        template: &RunConfig,
    ) -> Result<Vec<Run>, ConfigError> {
        self.validate(objective.dim())?;
        crate::budget::histories("N (starts)", self.n, "steps", template.max_steps)?;
        self.starts()
            .into_iter()
            .map(|start| {
                let config = RunConfig {
                    start,
                    ..template.clone()
                };
                Run::new(objective.clone(), make_optimizer(), config)
            })
            .collect()
    }

    /// Builds and finishes every run, then reports their ends and the best one.
    pub fn run_all(
        &self,
        objective: Rc<dyn Objective>,
        make_optimizer: &dyn Fn() -> Box<dyn Optimizer>,
        template: &RunConfig,
    ) -> Result<MultiStartResult, ConfigError> {
        let mut runs = self.runs(objective, make_optimizer, template)?;
        for run in &mut runs {
            run.finish();
        }
        Ok(MultiStartResult::new(runs))
    }
}

/// Finished runs of a multi-start and the index of the best one.
#[derive(Debug)]
pub struct MultiStartResult {
    /// Every run, in start order.
    pub runs: Vec<Run>,
    /// The run with the lowest final f among those that did not diverge.
    pub best: Option<usize>,
}

impl MultiStartResult {
    /// Wraps finished runs and finds the best (lowest f at the end, not diverged).
    pub fn new(runs: Vec<Run>) -> Self {
        let best = best_index(&runs);
        MultiStartResult { runs, best }
    }
}

/// The index of the run with the lowest final value among the runs that did not diverge,
/// like the notebook's `np.argmin(f(Vector[:,-1]))`.
pub fn best_index(runs: &[Run]) -> Option<usize> {
    runs.iter()
        .enumerate()
        .filter(|(_, r)| r.status() != Status::Diverged)
        .min_by(|(_, a), (_, b)| {
            a.history()
                .last_value()
                .total_cmp(&b.history().last_value())
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::GradientMode;
    use crate::objective::{notebook_1d, notebook_2d};
    use crate::optim::GradientDescent;
    use crate::run::UpdateOrder;

    fn gd(lr: f64) -> impl Fn() -> Box<dyn Optimizer> {
        move || Box::new(GradientDescent::new(lr).unwrap())
    }

    #[test]
    fn notebook_1d_multistart_is_reproducible_and_best_is_closest_to_one() {
        let ms = MultiStart {
            n: 50,
            lo: vec![-10.0],
            hi: vec![10.0],
            seed: 7,
        };
        let template = RunConfig::new(vec![0.0], 50).mode(GradientMode::Central { h: 1e-3 });
        let a = ms
            .run_all(Rc::new(notebook_1d()), &gd(0.01), &template)
            .unwrap();
        let b = ms
            .run_all(Rc::new(notebook_1d()), &gd(0.01), &template)
            .unwrap();
        let ends = |r: &MultiStartResult| -> Vec<f64> {
            r.runs.iter().map(|r| r.history().last_point()[0]).collect()
        };
        assert_eq!(ends(&a), ends(&b));
        assert_eq!(a.best, b.best);
        let best = a.best.unwrap();
        let dist = |x: f64| (x - 1.0).abs();
        let best_end = ends(&a)[best];
        assert!(ends(&a).iter().all(|&x| dist(best_end) <= dist(x)));
        // Each end is 1 + (x0 - 1)(0.98)^50.
        for run in &a.runs {
            let x0 = run.history().point(0)[0];
            let expect = 1.0 + (x0 - 1.0) * 0.98f64.powi(50);
            assert!((run.history().last_point()[0] - expect).abs() < 1e-9);
            assert!((-10.0..10.0).contains(&x0));
        }
        // A different seed gives different starts.
        let other = MultiStart {
            seed: 8,
            ..ms.clone()
        };
        assert_ne!(other.starts(), ms.starts());
    }

    #[test]
    fn notebook_2d_multistart_finds_minus_eight() {
        let ms = MultiStart {
            n: 4,
            lo: vec![-3.0, -3.0],
            hi: vec![3.0, 3.0],
            seed: 3,
        };
        let template = RunConfig::new(vec![0.0, 0.0], 100)
            .mode(GradientMode::Central { h: 1e-3 })
            .order(UpdateOrder::Sequential);
        let r = ms
            .run_all(Rc::new(notebook_2d()), &gd(0.01), &template)
            .unwrap();
        let best = &r.runs[r.best.unwrap()];
        assert!(best.history().last_value() < -7.9);
    }

    #[test]
    fn bad_multistart_configs_are_rejected() {
        let ms = MultiStart {
            n: 0,
            lo: vec![-1.0],
            hi: vec![1.0],
            seed: 1,
        };
        assert_eq!(
            ms.validate(1).unwrap_err().to_string(),
            "N (starts) must be an integer from 1 to 10000 (got 0)"
        );
        let ms = MultiStart {
            n: 3,
            lo: vec![2.0],
            hi: vec![1.0],
            seed: 1,
        };
        assert_eq!(
            ms.validate(1).unwrap_err().to_string(),
            "min must be less than max"
        );
    }

    #[test]
    fn all_diverged_has_no_best() {
        let ms = MultiStart {
            n: 3,
            lo: vec![5.0],
            hi: vec![6.0],
            seed: 1,
        };
        let r = ms
            .run_all(
                Rc::new(notebook_1d()),
                &gd(1.5),
                &RunConfig::new(vec![0.0], 100),
            )
            .unwrap();
        assert!(r.runs.iter().all(|r| r.status() == Status::Diverged));
        assert_eq!(r.best, None);
    }
}

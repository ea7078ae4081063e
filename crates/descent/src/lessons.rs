//! Ready-made runs for the notebook's lessons, with the notebook's numbers as defaults.

use std::rc::Rc;

use crate::diff::GradientMode;
use crate::error::ConfigError;
use crate::multistart::MultiStart;
use crate::objective::{Objective, notebook_1d};
use crate::optim::GradientDescent;
use crate::run::{Run, RunConfig};

/// The notebook's learning rate γ (In[6], In[13]).
pub const NOTEBOOK_GAMMA: f64 = 0.01;
/// The notebook's difference step h (In[4]).
pub const NOTEBOOK_H: f64 = 1e-3;

/// A plain gradient-descent run of `objective` from `start`.
pub fn gd_run(
    objective: Rc<dyn Objective>,
    start: Vec<f64>,
    gamma: f64,
    mode: GradientMode,
    steps: usize,
) -> Result<Run, ConfigError> {
    let optimizer = GradientDescent::new(gamma)?;
    Run::new(
        objective,
        Box::new(optimizer),
        RunConfig::new(start, steps).mode(mode),
    )
}

/// The notebook's In[6] descent on f(x) = (x − 1)² from `x0`, with central differences of
/// step `h`.
pub fn notebook_1d_run(x0: f64, gamma: f64, h: f64, steps: usize) -> Result<Run, ConfigError> {
    gd_run(
        Rc::new(notebook_1d()),
        vec![x0],
        gamma,
        GradientMode::Central { h },
        steps,
    )
}

/// The notebook's In[6] multi-start: 50 starts uniform in [−10, 10], with this seed.
pub fn notebook_1d_multistart(seed: u64) -> MultiStart {
    MultiStart {
        n: 50,
        lo: vec![-10.0],
        hi: vec![10.0],
        seed,
    }
}

/// The notebook's In[13] multi-start: 4 starts uniform in [−3, 3]², with this seed.
pub fn notebook_2d_multistart(seed: u64) -> MultiStart {
    MultiStart {
        n: 4,
        lo: vec![-3.0, -3.0],
        hi: vec![3.0, 3.0],
        seed,
    }
}

/// The 1-D lesson's settings as the page sends them (numbers as typed, checked here).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Config1D {
    /// Start point x₀.
    pub x0: f64,
    /// Learning rate γ.
    pub gamma: f64,
    /// Difference step h (used by the central and forward modes and by the f′ plot).
    pub h: f64,
    /// Step budget.
    pub steps: f64,
    /// `"central"` (the notebook's), `"exact"` or `"forward"`.
    pub mode: String,
    /// The function f(x) as typed (issue 3); the notebook's `(x-1)**2` by default.
    pub f: String,
}

impl Default for Config1D {
    fn default() -> Self {
        Config1D {
            x0: 3.0,
            gamma: NOTEBOOK_GAMMA,
            h: NOTEBOOK_H,
            steps: 50.0,
            mode: "central".into(),
            f: "(x-1)**2".into(),
        }
    }
}

impl Config1D {
    /// The gradient mode named by `mode`, with step `h`.
    pub fn gradient_mode(&self) -> Result<GradientMode, ConfigError> {
        crate::error::positive("h (difference step)", self.h)?;
        match self.mode.as_str() {
            "central" => Ok(GradientMode::Central { h: self.h }),
            "forward" => Ok(GradientMode::Forward { h: self.h }),
            "exact" => Ok(GradientMode::Exact),
            other => Err(ConfigError::Invalid {
                field: "gradient mode",
                message: format!("expected exact, central or forward, got \"{other}\""),
            }),
        }
    }

    /// The step budget as an integer from 1 to 1000000.
    pub fn step_budget(&self) -> Result<usize, ConfigError> {
        whole(
            "steps",
            "an integer from 1 to 1000000",
            self.steps,
            1,
            RunConfig::MAX_STEPS,
        )
    }

    /// Compiles the typed function f(x), with its exact derivative.
    pub fn objective(&self) -> Result<Rc<dyn Objective>, crate::expr::ExprError> {
        Ok(Rc::new(crate::expr::compile(&self.f, &["x"])?))
    }

    /// Builds the run on `objective` (which must be 1-D).
    pub fn build(&self, objective: Rc<dyn Objective>) -> Result<Run, ConfigError> {
        let mode = self.gradient_mode()?;
        crate::error::finite("x₀ (start point)", self.x0)?;
        gd_run(
            objective,
            vec![self.x0],
            self.gamma,
            mode,
            self.step_budget()?,
        )
    }
}

/// Checks that a number typed in the page is a whole number in [lo, hi].
pub fn whole(
    field: &'static str,
    range: &'static str,
    v: f64,
    lo: usize,
    hi: usize,
) -> Result<usize, ConfigError> {
    if v.is_finite() && v.fract() == 0.0 && v >= lo as f64 && v <= hi as f64 {
        Ok(v as usize)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range,
            got: format!("{v}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Status;

    #[test]
    fn config_builds_the_notebook_run() {
        let mut run = Config1D::default().build(Rc::new(notebook_1d())).unwrap();
        run.step_n(5);
        let expect = 1.0 + 2.0 * 0.98f64.powi(5);
        assert!((run.history().point(5)[0] - expect).abs() < 1e-12);
    }

    #[test]
    fn config_errors_name_the_field() {
        let f = || -> Rc<dyn Objective> { Rc::new(notebook_1d()) };
        let err = |c: Config1D| c.build(f()).unwrap_err().to_string();
        let base = Config1D::default();
        assert_eq!(
            err(Config1D {
                gamma: 0.0,
                ..base.clone()
            }),
            "γ (learning rate) must be a finite number > 0 (got 0)"
        );
        assert_eq!(
            err(Config1D {
                h: -1e-3,
                ..base.clone()
            }),
            "h (difference step) must be a finite number > 0 (got -0.001)"
        );
        assert_eq!(
            err(Config1D {
                steps: 2.5,
                ..base.clone()
            }),
            "steps must be an integer from 1 to 1000000 (got 2.5)"
        );
        assert_eq!(
            err(Config1D {
                x0: f64::NAN,
                ..base.clone()
            }),
            "x₀ (start point) must be a finite number (got not a number)"
        );
        assert!(
            err(Config1D {
                mode: "magic".into(),
                ..base
            })
            .contains("gradient mode")
        );
    }

    #[test]
    fn gamma_one_and_a_half_diverges() {
        let c = Config1D {
            gamma: 1.5,
            steps: 1000.0,
            ..Config1D::default()
        };
        let mut run = c.build(Rc::new(notebook_1d())).unwrap();
        assert_eq!(run.finish(), Status::Diverged);
    }
}

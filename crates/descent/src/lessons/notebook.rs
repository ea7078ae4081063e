//! Ready-made runs for the notebook's lessons, with the notebook's numbers as defaults.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::diff::GradientMode;
use crate::error::ConfigError;
use crate::multistart::MultiStart;
use crate::objective::{Objective, notebook_1d};
use crate::optim::{GradientDescent, OptimSpec};
use crate::run::{Run, RunConfig};
use crate::settings::{self, Values};

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

/// The 1-D lesson's settings as the page sends them, checked against the 1-D settings
/// table ([`crate::settings::LESSON_1D`]) by [`Config1D::validate`].
#[derive(Debug, Clone, PartialEq)]
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
    /// The function f(x) as typed; the notebook's `(x-1)**2` by default.
    pub f: String,
    /// The method (`opt1`): `"gd"` (the notebook's), `"armijo"`, `"exactls"` or `"newton"`.
    pub optimizer: String,
    /// The method's hyperparameters by keyword (`rho`, `c`, `tol`, `lr`); absent ones take
    /// their defaults, and a method that steps with γ takes [`Config1D::gamma`] as `lr`.
    pub params: BTreeMap<String, f64>,
}

impl Default for Config1D {
    /// The table's defaults: the notebook's run from x₀ = 3.
    fn default() -> Self {
        Self::from_values(&Values::notebook())
    }
}

impl Config1D {
    /// The settings held by `values` (already checked against the table).
    pub fn from_values(values: &Values) -> Self {
        Config1D {
            x0: values.number("x0"),
            gamma: values.number("gamma"),
            h: values.number("h"),
            steps: values.number("steps"),
            mode: values.get("mode").into(),
            f: values.get("f").into(),
            optimizer: values.get("opt1").into(),
            params: params_1d(values.get("opt1"), values),
        }
    }

    /// Checks every setting against its row of the table; the error names the key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        settings::text("f", &self.f)?;
        settings::number("gamma", self.gamma)?;
        settings::number("h", self.h)?;
        settings::choice("mode", &self.mode)?;
        settings::integer("steps", self.steps)?;
        settings::number("x0", self.x0)?;
        settings::choice("opt1", &self.optimizer)?;
        let rule = crate::optim::rule(&self.optimizer)?;
        for (name, v) in &self.params {
            let key = rule
                .params
                .iter()
                .find(|p| p.name == name.as_str())
                .and_then(|p| settings::key_1d(p.key()));
            match key {
                Some(key) => {
                    settings::number(key, *v)?;
                }
                None => {
                    OptimSpec::of(rule, &BTreeMap::from([(name.clone(), *v)]))?;
                }
            }
        }
        Ok(())
    }

    /// The checked method with its hyperparameters (γ as the rate of a method that steps
    /// with γ); errors name lesson 1's key of the bad value.
    ///
    /// ```
    /// use descent::lessons::Config1D;
    /// let c = Config1D { optimizer: "newton".into(), ..Config1D::default() };
    /// assert_eq!(c.optimizer_spec().unwrap().values(), &[1.0]);
    /// let bad = Config1D { params: [("rho".to_string(), 2.0)].into(), optimizer: "armijo".into(), ..c };
    /// assert_eq!(bad.optimizer_spec().unwrap_err().field(), "armijo1.rho");
    /// ```
    pub fn optimizer_spec(&self) -> Result<OptimSpec, ConfigError> {
        self.validate()?;
        let rule = crate::optim::rule(&self.optimizer)?;
        let mut p = self.params.clone();
        if rule.uses_gamma() {
            p.insert("lr".into(), self.gamma);
        }
        OptimSpec::of(rule, &p)
    }

    /// The gradient mode named by `mode`, with step `h`.
    pub fn gradient_mode(&self) -> Result<GradientMode, ConfigError> {
        gradient_mode(("mode", &self.mode), ("h", self.h))
    }

    /// The step budget, in the table's range.
    pub fn step_budget(&self) -> Result<usize, ConfigError> {
        Ok(settings::integer("steps", self.steps)? as usize)
    }

    /// Compiles the typed function f(x), with its exact derivative.
    pub fn objective(&self) -> Result<Rc<dyn Objective>, crate::expr::ExprError> {
        Ok(Rc::new(crate::expr::compile(&self.f, &["x"])?))
    }

    /// Builds the run of the chosen method on `objective` (which must be 1-D).
    pub fn build(&self, objective: Rc<dyn Objective>) -> Result<Run, ConfigError> {
        let spec = self.optimizer_spec()?;
        let mode = self.gradient_mode()?;
        Run::new(
            objective,
            spec.build()?,
            RunConfig::new(vec![self.x0], self.step_budget()?).mode(mode),
        )
    }
}

/// The hyperparameters of lesson 1's method `name` held by `values` (under lesson 1's
/// keys), by keyword; γ, lesson 1's own `gamma`, is not among them.
pub fn params_1d(name: &str, values: &Values) -> BTreeMap<String, f64> {
    let Ok(rule) = crate::optim::rule(name) else {
        return BTreeMap::new();
    };
    rule.params
        .iter()
        .filter_map(|p| Some((p.name, settings::key_1d(p.key())?)))
        .filter(|(_, key)| *key != "gamma")
        .map(|(name, key)| (name.to_string(), values.number(key)))
        .collect()
}

/// The gradient mode named by the choice `(key, word)` with the step `(key, h)`, both
/// checked against their settings.
pub fn gradient_mode(
    (mode_key, mode): (&str, &str),
    (h_key, h): (&str, f64),
) -> Result<GradientMode, ConfigError> {
    let h = settings::number(h_key, h)?;
    match settings::choice(mode_key, mode)? {
        "forward" => Ok(GradientMode::Forward { h }),
        "exact" => Ok(GradientMode::Exact),
        _ => Ok(GradientMode::Central { h }),
    }
}

/// The 1-D multi-start's `n` starts uniform in [lo, hi] with `seed`, checked against the
/// table (`n`, `lo`, `hi`, `seed`).
pub fn starts_1d(n: f64, lo: f64, hi: f64, seed: f64) -> Result<MultiStart, ConfigError> {
    let n = settings::integer("n", n)? as usize;
    let lo = settings::number("lo", lo)?;
    let hi = settings::number("hi", hi)?;
    let seed = settings::integer("seed", seed)?;
    crate::error::interval("lo", "hi", lo, hi)?;
    Ok(MultiStart {
        n,
        lo: vec![lo],
        hi: vec![hi],
        seed,
    })
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
    fn config_errors_name_the_setting_by_key() {
        let f = || -> Rc<dyn Objective> { Rc::new(notebook_1d()) };
        let err = |c: Config1D| {
            let e = c.build(f()).unwrap_err();
            (e.field().to_string(), e.to_string())
        };
        let base = Config1D::default();
        let cases = [
            (
                Config1D {
                    gamma: 0.0,
                    ..base.clone()
                },
                "gamma",
                "γ (learning rate) must be a number in (0, 10000] (got 0)",
            ),
            (
                Config1D {
                    h: -1e-3,
                    ..base.clone()
                },
                "h",
                "h (difference step) must be a number in (0, 10] (got -0.001)",
            ),
            (
                Config1D {
                    steps: 2.5,
                    ..base.clone()
                },
                "steps",
                "steps must be an integer from 1 to 1000000 (got 2.5)",
            ),
            (
                Config1D {
                    x0: f64::NAN,
                    ..base.clone()
                },
                "x0",
                "x₀ (start point) must be a number in [-1e9, 1e9] (got not a number)",
            ),
            (
                Config1D {
                    mode: "magic".into(),
                    ..base.clone()
                },
                "mode",
                "gradient must be one of central, forward, exact (got \"magic\")",
            ),
            (
                Config1D {
                    gamma: 1e300,
                    ..base.clone()
                },
                "gamma",
                "γ (learning rate) must be a number in (0, 10000] (got 1e300)",
            ),
        ];
        for (config, key, message) in cases {
            assert_eq!(err(config), (key.to_string(), message.to_string()));
        }
    }

    #[test]
    fn starts_are_checked_against_the_table() {
        assert_eq!(starts_1d(50.0, -10.0, 10.0, 7.0).unwrap().n, 50);
        assert_eq!(starts_1d(0.0, -10.0, 10.0, 7.0).unwrap_err().field(), "n");
        assert_eq!(starts_1d(5.0, 1.0, 1.0, 7.0).unwrap_err().field(), "lo");
        assert_eq!(starts_1d(5.0, -1e10, 1.0, 7.0).unwrap_err().field(), "lo");
        assert_eq!(starts_1d(5.0, 0.0, 1.0, -1.0).unwrap_err().field(), "seed");
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

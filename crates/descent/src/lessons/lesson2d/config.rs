//! The 2-D lesson's settings as the page sends them, checked here.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::settings::{self, Values};

use super::rate::params_from;
use crate::diff::GradientMode;
use crate::error::{ConfigError, finite, interval};
use crate::multistart::MultiStart;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{RunConfig, UpdateOrder};
use crate::runset::RunSet;
use crate::trace::TracedRun;

/// The 2-D lesson's settings (numbers as typed), checked against the 2-D settings table
/// ([`crate::settings::LESSON_2D`]) by [`Config2D::validate`].
/// Defaults are the notebook's In[13]: 4 seeded starts in [−3, 3]², 100 steps, plain
/// gradient descent with γ = 0.01 and central differences with h = 1e-3, sequential order
/// (y's update uses the new x); the basin map's starts take up to 750 steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Config2D {
    /// Optimizer name (see [`crate::optim::NAMES`]).
    pub optimizer: String,
    /// Its hyperparameters; absent ones take their defaults. `lr` defaults to γ below.
    pub params: BTreeMap<String, f64>,
    /// Learning rate γ used when `params` has no `lr`.
    pub gamma: f64,
    /// `"central"`, `"forward"` or `"exact"`.
    pub mode: String,
    /// Difference step h.
    pub h: f64,
    /// `"simultaneous"` or `"sequential"`.
    pub order: String,
    /// Step budget.
    pub steps: f64,
    /// Step budget of every start of a basin map.
    pub basin_steps: f64,
    /// Stop when ‖∇f‖ falls below this (0: never).
    pub grad_tol: f64,
    /// Number of multi-start runs.
    pub n: f64,
    /// Lower end of the start box (both coordinates).
    pub lo: f64,
    /// Upper end of the start box.
    pub hi: f64,
    /// Seed of the random starts.
    pub seed: f64,
}

impl Default for Config2D {
    /// The table's defaults with seed 1 (the notebook's In[13]); no hyperparameters given
    /// beyond γ, so every optimizer takes its own defaults.
    fn default() -> Self {
        Config2D {
            params: BTreeMap::new(),
            ..Self::from_values(&Values::notebook())
        }
    }
}

impl Config2D {
    /// The settings held by `values` (already checked against the table): the start box
    /// is [−b, b]², γ feeds the optimizers that take a plain learning rate, and the chosen
    /// optimizer's hyperparameters are its rows of the table.
    pub fn from_values(values: &Values) -> Self {
        let b = values.number("box");
        let optimizer = values.get("opt");
        Config2D {
            optimizer: optimizer.into(),
            params: params_from(optimizer, values),
            gamma: values.number("gamma2"),
            mode: values.get("mode2").into(),
            h: values.number("h2"),
            order: values.get("order").into(),
            steps: values.number("steps2"),
            basin_steps: values.number("bsteps"),
            grad_tol: 0.0,
            n: values.number("n2"),
            lo: -b,
            hi: b,
            seed: values.number("seed"),
        }
    }

    /// Checks every setting against its row of the table; the error names the key. The
    /// optimizer's hyperparameters are checked by their rows (for the plain-gradient
    /// family, a learning rate in `params` is γ and has γ's range).
    pub fn validate(&self) -> Result<(), ConfigError> {
        settings::choice("opt", &self.optimizer)?;
        settings::number("gamma2", self.gamma)?;
        self.optimizer_spec()?;
        settings::number("h2", self.h)?;
        settings::choice("mode2", &self.mode)?;
        settings::choice("order", &self.order)?;
        settings::integer("steps2", self.steps)?;
        settings::integer("bsteps", self.basin_steps)?;
        settings::integer("n2", self.n)?;
        interval("box", "box", self.lo, self.hi)?;
        settings::number("box", self.lo.abs().max(self.hi.abs()))?;
        settings::integer("seed", self.seed)?;
        Ok(())
    }

    /// The gradient mode named by `mode`, with step `h`.
    pub fn gradient_mode(&self) -> Result<GradientMode, ConfigError> {
        crate::lessons::gradient_mode(("mode2", &self.mode), ("h2", self.h))
    }

    /// The optimizer with its hyperparameters (γ filled in from `gamma` if absent).
    pub fn optimizer_spec(&self) -> Result<OptimSpec, ConfigError> {
        Self::spec_for(&self.optimizer, &self.params, self.gamma)
    }

    /// Resolves optimizer `name` with `params`, using `gamma` for a missing `lr` when the
    /// optimizer is a plain-gradient one (gd, momentum, nesterov).
    pub fn spec_for(
        name: &str,
        params: &BTreeMap<String, f64>,
        gamma: f64,
    ) -> Result<OptimSpec, ConfigError> {
        let rule = crate::optim::rule(name)?;
        let mut p = params.clone();
        if rule.uses_gamma() && !p.contains_key("lr") {
            p.insert("lr".into(), gamma);
        }
        OptimSpec::of(rule, &p)
    }

    /// Everything of a run but its start.
    pub fn template(&self) -> Result<RunConfig, ConfigError> {
        self.validate()?;
        let steps = settings::integer("steps2", self.steps)? as usize;
        let mut t = RunConfig::new(vec![0.0, 0.0], steps)
            .mode(self.gradient_mode()?)
            .order(UpdateOrder::parse(&self.order)?);
        t.grad_tol = crate::error::within(
            "gradient tolerance",
            "a finite number ≥ 0",
            self.grad_tol,
            0.0,
            f64::MAX,
        )?;
        Ok(t)
    }

    /// The seeded multi-start box [lo, hi]².
    pub fn multistart(&self) -> Result<MultiStart, ConfigError> {
        self.validate()?;
        let ms = MultiStart {
            n: settings::integer("n2", self.n)? as usize,
            lo: vec![self.lo, self.lo],
            hi: vec![self.hi, self.hi],
            seed: settings::integer("seed", self.seed)?,
        };
        ms.validate(2)?;
        Ok(ms)
    }

    /// Runs one start to its stop rule with the configured optimizer.
    pub fn simulate(
        &self,
        objective: Rc<dyn Objective>,
        start: [f64; 2],
    ) -> Result<TracedRun, ConfigError> {
        finite("start x", start[0])?;
        finite("start y", start[1])?;
        let mut cfg = self.template()?;
        // The page's budget for one run (its history is bounded by RunConfig::MAX_STEPS).
        let spec = self.optimizer_spec()?;
        crate::budget::costing("n2", 1, 1, spec.rule().step_cost, "steps2", cfg.max_steps)?;
        cfg.start = start.to_vec();
        TracedRun::simulate(objective, spec, cfg)
    }

    /// Runs every multi-start start to its stop rule (In[13]). Within the budgets; a large
    /// set keeps each run's summary, not its history (see [`crate::runset`]).
    pub fn simulate_multistart(&self, objective: Rc<dyn Objective>) -> Result<RunSet, ConfigError> {
        let starts = self.multistart()?.starts();
        let mut set = RunSet::new(
            objective,
            f64::NEG_INFINITY,
            vec![self.optimizer_spec()?],
            self.template()?,
            starts,
            ["n2", "steps2"],
        )?;
        set.finish();
        Ok(set)
    }
}

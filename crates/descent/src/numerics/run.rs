//! A descent run: advances one iteration at a time and records its whole history.

use std::rc::Rc;

use crate::diff::GradientMode;
use crate::error::{ConfigError, count, positive};
use crate::lanes::{Lanes, Observer, Starts, Track};
use crate::objective::Objective;
use crate::optim::Optimizer;
use crate::optim::lanes::OneLane;

/// In which order the coordinates of a multi-dimensional step are updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpdateOrder {
    /// Textbook order: the whole gradient is taken at x_k, then every coordinate moves.
    #[default]
    Simultaneous,
    /// The notebook's In[13] order: x moves first, then y's partial is taken at the new x.
    Sequential,
}

impl UpdateOrder {
    /// Parses `"simultaneous"` or `"sequential"`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        match s {
            "simultaneous" => Ok(UpdateOrder::Simultaneous),
            "sequential" => Ok(UpdateOrder::Sequential),
            _ => Err(crate::error::expected(
                "update order",
                &["\"simultaneous\"", "\"sequential\""],
                s,
            )),
        }
    }
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// More steps may be taken.
    Running,
    /// The step budget is spent.
    MaxSteps,
    /// The gradient norm fell below the tolerance.
    Converged,
    /// The iterate, value or gradient became non-finite, or the iterate left the bound.
    Diverged,
}

impl Status {
    /// A stable lower-case name: `running`, `max-steps`, `converged`, `diverged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::MaxSteps => "max-steps",
            Status::Converged => "converged",
            Status::Diverged => "diverged",
        }
    }

    /// Whether the run has stopped.
    pub fn is_done(self) -> bool {
        self != Status::Running
    }
}

/// Settings of a run other than its objective and optimizer.
#[derive(Debug, Clone, PartialEq)]
pub struct RunConfig {
    /// The start point x₀.
    pub start: Vec<f64>,
    /// Stop after this many steps.
    pub max_steps: usize,
    /// Where the gradient comes from.
    pub mode: GradientMode,
    /// Coordinate update order.
    pub order: UpdateOrder,
    /// The run diverges when any |xᵢ| exceeds this bound.
    pub bound: f64,
    /// The run converges when ‖∇f‖ falls below this; 0 disables the rule.
    pub grad_tol: f64,
}

impl RunConfig {
    /// Largest number of steps a run may be asked for.
    pub const MAX_STEPS: usize = 1_000_000;
    /// Default divergence bound on |xᵢ|.
    pub const DEFAULT_BOUND: f64 = 1e6;

    /// A config from `start` with exact gradients, simultaneous order, the default bound
    /// and no gradient tolerance.
    pub fn new(start: Vec<f64>, max_steps: usize) -> Self {
        RunConfig {
            start,
            max_steps,
            mode: GradientMode::Exact,
            order: UpdateOrder::Simultaneous,
            bound: Self::DEFAULT_BOUND,
            grad_tol: 0.0,
        }
    }

    /// Sets the gradient mode.
    pub fn mode(mut self, mode: GradientMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the update order.
    pub fn order(mut self, order: UpdateOrder) -> Self {
        self.order = order;
        self
    }

    /// Checks every field against the objective's dimension.
    pub fn validate(&self, dim: usize) -> Result<(), ConfigError> {
        if self.start.len() != dim {
            return Err(ConfigError::BadDimension {
                what: "start point",
                expected: dim,
                got: self.start.len(),
            });
        }
        for &x in &self.start {
            crate::error::finite("start point", x)?;
        }
        count(
            "steps",
            "an integer from 1 to 1000000",
            self.max_steps,
            1,
            Self::MAX_STEPS,
        )?;
        self.mode.validate()?;
        positive("divergence bound", self.bound)?;
        if !(self.grad_tol >= 0.0 && self.grad_tol.is_finite()) {
            return Err(ConfigError::OutOfRange {
                field: "gradient tolerance",
                range: "a finite number ≥ 0",
                got: self.grad_tol.to_string(),
            });
        }
        Ok(())
    }
}

/// Everything a run has visited: for each k = 0..=steps, x_k, f(x_k) and ∇f(x_k), and
/// for each step the gradient it used, stored flat so they copy out as typed arrays.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    dim: usize,
    points: Vec<f64>,
    values: Vec<f64>,
    gradients: Vec<f64>,
    used: Vec<f64>,
}

impl History {
    fn new(dim: usize) -> Self {
        History {
            dim,
            ..Default::default()
        }
    }

    fn push(&mut self, x: &[f64], value: f64, grad: &[f64]) {
        self.points.extend_from_slice(x);
        self.values.push(value);
        self.gradients.extend_from_slice(grad);
    }

    fn truncate(&mut self, len: usize) {
        self.points.truncate(len * self.dim);
        self.values.truncate(len);
        self.gradients.truncate(len * self.dim);
        self.used.truncate(len.saturating_sub(1) * self.dim);
    }

    /// Number of recorded iterates (steps taken + 1).
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing is recorded (never true for a constructed run).
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Number of coordinates per iterate.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// x_k.
    ///
    /// # Panics
    /// If `k` ≥ [`History::len`] (a run records steps + 1 iterates).
    pub fn point(&self, k: usize) -> &[f64] {
        self.check(k);
        &self.points[k * self.dim..(k + 1) * self.dim]
    }

    /// f(x_k).
    ///
    /// # Panics
    /// If `k` ≥ [`History::len`].
    pub fn value(&self, k: usize) -> f64 {
        self.check(k);
        self.values[k]
    }

    /// ∇f(x_k).
    ///
    /// # Panics
    /// If `k` ≥ [`History::len`].
    pub fn gradient(&self, k: usize) -> &[f64] {
        self.check(k);
        &self.gradients[k * self.dim..(k + 1) * self.dim]
    }

    /// The gradient the step from x_k used: ∇f(x_k), except that in the sequential order
    /// a later partial is taken at the coordinates already moved; for the last iterate
    /// (no step from it yet), ∇f(x_k).
    ///
    /// # Panics
    /// If `k` ≥ [`History::len`].
    pub fn used_gradient(&self, k: usize) -> &[f64] {
        self.check(k);
        match self.used.get(k * self.dim..(k + 1) * self.dim) {
            Some(g) => g,
            None => self.gradient(k),
        }
    }

    /// x_k, f(x_k) and ∇f(x_k), or `None` past the end: for an index that comes from
    /// outside (a slider, a link).
    pub fn get(&self, k: usize) -> Option<(&[f64], f64, &[f64])> {
        (k < self.len()).then(|| (self.point(k), self.value(k), self.gradient(k)))
    }

    fn check(&self, k: usize) {
        assert!(
            k < self.len(),
            "iterate {k} of a history of {} iterates",
            self.len()
        );
    }

    /// All iterates, row after row.
    pub fn points(&self) -> &[f64] {
        &self.points
    }

    /// All values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// All gradients, row after row.
    pub fn gradients(&self) -> &[f64] {
        &self.gradients
    }

    /// The last recorded iterate.
    ///
    /// # Panics
    /// If the history is empty (only a `History::default()` is: a run's never is).
    pub fn last_point(&self) -> &[f64] {
        self.point(self.len().saturating_sub(1))
    }

    /// The last recorded value.
    ///
    /// # Panics
    /// If the history is empty (only a `History::default()` is: a run's never is).
    pub fn last_value(&self) -> f64 {
        self.value(self.len().saturating_sub(1))
    }
}

impl Observer for History {
    fn record(&mut self, _: usize, x: &[f64], value: f64, gradient: &[f64]) {
        self.push(x, value, gradient);
    }

    fn used(&mut self, _: usize, gradient: &[f64]) {
        self.used.extend_from_slice(gradient);
    }
}

/// A descent in progress: an objective, an optimizer, a config, the current state and
/// the recorded history. Built with [`Run::new`], advanced with [`Run::step`]. It is one
/// lane of the engine ([`Lanes`]), whose observer is the history.
pub struct Run {
    objective: Rc<dyn Objective>,
    config: RunConfig,
    lane: Lanes,
    history: History,
    status: Status,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("optimizer", &self.optimizer().map(|o| o.name()))
            .field("config", &self.config)
            .field("steps", &self.steps())
            .field("status", &self.status)
            .finish()
    }
}

impl Run {
    /// A run at its start point, with x₀, f(x₀) and ∇f(x₀) recorded.
    pub fn new(
        objective: Rc<dyn Objective>,
        optimizer: Box<dyn Optimizer>,
        config: RunConfig,
    ) -> Result<Self, ConfigError> {
        let dim = objective.dim();
        config.validate(dim)?;
        let starts = Rc::new(Starts::new(dim, config.start.clone()));
        let lane = Lanes::new(
            Rc::clone(&objective),
            Box::new(OneLane::new(optimizer)),
            &config,
            Track::Values,
            starts,
        )?;
        let mut run = Run {
            history: History::new(dim),
            objective,
            config,
            lane,
            status: Status::Running,
        };
        run.reset();
        Ok(run)
    }

    /// Returns to x₀, forgetting the optimizer's memory and the history.
    pub fn reset(&mut self) {
        self.lane.restart();
        self.history = History::new(self.objective.dim());
        self.lane.fill(Some(&mut self.history));
        self.status = self.stopped();
    }

    /// The status the engine reports: the finished run's, else running.
    fn stopped(&mut self) -> Status {
        let mut status = Status::Running;
        self.lane.drain(|done, _| status = done.status);
        status
    }

    /// Takes one step (if still running) and returns the status after it.
    pub fn step(&mut self) -> Status {
        if self.status.is_done() {
            return self.status;
        }
        self.lane.iterate(Some(&mut self.history));
        self.status = self.stopped();
        self.status
    }

    /// Takes up to `n` steps, stopping early when the run stops.
    pub fn step_n(&mut self, n: usize) -> Status {
        for _ in 0..n {
            if self.step().is_done() {
                break;
            }
        }
        self.status
    }

    /// Runs until a stop rule fires.
    pub fn finish(&mut self) -> Status {
        self.step_n(usize::MAX)
    }

    /// Goes back to step `k` (≤ steps taken) by replaying from x₀, so that the optimizer's
    /// memory is exactly what it was at step k.
    pub fn rewind(&mut self, k: usize) {
        let k = k.min(self.steps());
        self.reset();
        self.step_n(k);
        debug_assert_eq!(self.steps(), k);
        self.history.truncate(k + 1);
    }

    /// The recorded history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The status after the last step.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Steps taken so far.
    pub fn steps(&self) -> usize {
        self.history.len().saturating_sub(1)
    }

    /// The current iterate.
    pub fn x(&self) -> &[f64] {
        self.history.last_point()
    }

    /// The config this run was built with.
    pub fn config(&self) -> &RunConfig {
        &self.config
    }

    /// The objective.
    pub fn objective(&self) -> &Rc<dyn Objective> {
        &self.objective
    }

    /// The optimizer (for its state); always there for a run built by [`Run::new`].
    pub fn optimizer(&self) -> Option<&dyn Optimizer> {
        self.lane.rule().optimizer()
    }
}

#[cfg(test)]
mod tests;

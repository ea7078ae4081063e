//! Runs that also record the optimizer's memory after every step, and races of several
//! optimizers from the same start.

use std::rc::Rc;

use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{Run, RunConfig, Status};

/// A finished run with its optimizer spec and the optimizer's state after each step, so
/// the page can show velocity arrows and the arithmetic at any cursor position.
///
/// The states are stored flat (the names and lengths once, the numbers one step after
/// another), so a long run costs a few numbers per step and no allocation per step.
#[derive(Debug)]
pub struct TracedRun {
    spec: OptimSpec,
    run: Run,
    /// Each state vector's name, offset and length within a step's record.
    layout: Vec<(&'static str, usize, usize)>,
    /// Numbers per step.
    width: usize,
    /// Steps recorded.
    recorded: usize,
    states: Vec<f64>,
}

impl TracedRun {
    /// Builds the run and steps it until a stop rule fires, recording states.
    pub fn simulate(
        objective: Rc<dyn Objective>,
        spec: OptimSpec,
        config: RunConfig,
    ) -> Result<Self, ConfigError> {
        let mut t = Self::new(objective, spec, config)?;
        t.advance(usize::MAX);
        Ok(t)
    }

    /// Builds the run at x₀, not yet stepped (step it with [`TracedRun::advance`]).
    pub fn new(
        objective: Rc<dyn Objective>,
        spec: OptimSpec,
        config: RunConfig,
    ) -> Result<Self, ConfigError> {
        let run = Run::new(objective, spec.build()?, config)?;
        Ok(TracedRun {
            spec,
            run,
            layout: Vec::new(),
            width: 0,
            recorded: 0,
            states: Vec::new(),
        })
    }

    /// Takes up to `max` more steps, recording states; returns the steps taken. Stepping in
    /// slices gives the same run as [`TracedRun::simulate`].
    pub fn advance(&mut self, max: usize) -> usize {
        let mut taken = 0;
        while taken < max && !self.run.status().is_done() {
            self.run.step();
            self.record_state();
            taken += 1;
        }
        taken
    }

    fn record_state(&mut self) {
        let state = self.run.optimizer().map_or_else(Vec::new, |o| o.state());
        if self.recorded == 0 {
            let mut offset = 0;
            for (name, v) in &state {
                self.layout.push((name, offset, v.len()));
                offset += v.len();
            }
            self.width = offset;
        }
        debug_assert_eq!(
            state.iter().map(|(_, v)| v.len()).sum::<usize>(),
            self.width,
            "an optimizer's state keeps its layout"
        );
        for (_, v) in &state {
            self.states.extend_from_slice(v);
        }
        self.recorded += 1;
    }

    /// Whether a stop rule has fired.
    pub fn is_done(&self) -> bool {
        self.run.status().is_done()
    }

    /// The run and its history.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The optimizer and its hyperparameters.
    pub fn spec(&self) -> &OptimSpec {
        &self.spec
    }

    /// One named state vector right after step `k` (k ≥ 1), i.e. the memory that produced
    /// x_k; `None` for k = 0, beyond the last step or for a name the optimizer lacks.
    pub fn state_vector(&self, k: usize, name: &str) -> Option<&[f64]> {
        let i = k.checked_sub(1).filter(|&i| i < self.recorded)?;
        let &(_, offset, len) = self.layout.iter().find(|(n, _, _)| *n == name)?;
        let at = i * self.width + offset;
        Some(&self.states[at..at + len])
    }

    /// The velocity as a displacement at x_k, for momentum-type methods: −γ·b_k for
    /// momentum and Nesterov (and RMSProp with momentum), −γ·m̂_k for Adam. `None` for
    /// methods without momentum, and zero at k = 0.
    pub fn velocity(&self, k: usize) -> Option<Vec<f64>> {
        let key = self.spec.velocity()?;
        let lr = self.spec.lr();
        Some(match self.state_vector(k, key) {
            Some(v) => v.iter().map(|b| -lr * b).collect(),
            None => vec![0.0; self.run.history().dim()],
        })
    }

    /// The gradient the update from x_k used ([`crate::History::used_gradient`]).
    /// `None` past the last recorded iterate.
    pub fn used_gradient(&self, k: usize) -> Option<Vec<f64>> {
        let h = self.run.history();
        (k < h.len()).then(|| h.used_gradient(k).to_vec())
    }

    /// Whether the run diverged (it stopped at the step where it did).
    pub fn diverged(&self) -> bool {
        self.run.status() == Status::Diverged
    }
}

/// The same start with several optimizers: one traced run per spec.
pub fn race(
    objective: Rc<dyn Objective>,
    specs: &[OptimSpec],
    config: &RunConfig,
) -> Result<Vec<TracedRun>, ConfigError> {
    specs
        .iter()
        .map(|s| TracedRun::simulate(objective.clone(), s.clone(), config.clone()))
        .collect()
}

/// The index of the run with the lowest final f among those that did not diverge.
pub fn best_traced(runs: &[TracedRun]) -> Option<usize> {
    runs.iter()
        .enumerate()
        .filter(|(_, r)| !r.diverged())
        .min_by(|(_, a), (_, b)| {
            let (fa, fb) = (a.run.history().last_value(), b.run.history().last_value());
            fa.total_cmp(&fb)
        })
        .map(|(i, _)| i)
}

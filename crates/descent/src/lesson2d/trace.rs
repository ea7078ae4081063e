//! Runs that also record the optimizer's memory after every step, and races of several
//! optimizers from the same start.

use std::rc::Rc;

use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{Run, RunConfig, Status};

/// A finished run with its optimizer spec and the optimizer's state after each step, so
/// the page can show velocity arrows and the arithmetic at any cursor position.
#[derive(Debug)]
pub struct TracedRun {
    spec: OptimSpec,
    run: Run,
    states: Vec<Vec<(&'static str, Vec<f64>)>>,
}

impl TracedRun {
    /// Builds the run and steps it until a stop rule fires, recording states.
    pub fn simulate(
        objective: Rc<dyn Objective>,
        spec: OptimSpec,
        config: RunConfig,
    ) -> Result<Self, ConfigError> {
        let run = Run::new(objective, spec.build()?, config)?;
        let mut t = TracedRun {
            spec,
            run,
            states: Vec::new(),
        };
        while !t.run.status().is_done() {
            t.run.step();
            t.states.push(t.run.optimizer().state());
        }
        Ok(t)
    }

    /// The run and its history.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The optimizer and its hyperparameters.
    pub fn spec(&self) -> &OptimSpec {
        &self.spec
    }

    /// The optimizer's named state right after step `k` (k ≥ 1), i.e. the memory that
    /// produced x_k; `None` for k = 0 or beyond the last step.
    pub fn state_after(&self, k: usize) -> Option<&[(&'static str, Vec<f64>)]> {
        k.checked_sub(1)
            .and_then(|i| self.states.get(i))
            .map(Vec::as_slice)
    }

    /// One named state vector after step `k`.
    pub fn state_vector(&self, k: usize, name: &str) -> Option<&[f64]> {
        self.state_after(k)?
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The velocity as a displacement at x_k, for momentum-type methods: −γ·b_k for
    /// momentum and Nesterov (and RMSProp with momentum), −γ·m̂_k for Adam. `None` for
    /// methods without momentum, and zero at k = 0.
    pub fn velocity(&self, k: usize) -> Option<Vec<f64>> {
        let key = match self.spec.name() {
            "momentum" | "nesterov" => "velocity",
            "rmsprop" if self.spec.get("momentum") > 0.0 => "velocity",
            "adam" => "m_hat",
            _ => return None,
        };
        let lr = self.spec.lr();
        Some(match self.state_vector(k, key) {
            Some(v) => v.iter().map(|b| -lr * b).collect(),
            None => vec![0.0; self.run.history().dim()],
        })
    }

    /// The gradient the update from x_k used: the recorded ∇f(x_k), except that in the
    /// sequential order the later partials are taken at the already moved coordinates.
    /// `None` past the last recorded iterate.
    pub fn used_gradient(&self, k: usize) -> Option<Vec<f64>> {
        let h = self.run.history();
        let mut g = h.get(k)?.2.to_vec();
        if self.run.config().order == crate::UpdateOrder::Sequential && k + 1 < h.len() {
            let mut p = h.point(k).to_vec();
            let next = h.point(k + 1);
            for i in 1..g.len() {
                p[i - 1] = next[i - 1];
                g[i] = self
                    .run
                    .config()
                    .mode
                    .partial(self.run.objective().as_ref(), &p, i);
            }
        }
        Some(g)
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

//! Many runs of any dimension as lanes, with [`crate::Run`]'s own rules: f and ∇f recorded
//! at every iterate (one batched call each for all lanes), the same stop tests in the same
//! order (non-finite or out of bound, ‖∇f‖ below the tolerance, step budget), the same
//! update order. Each run ends as a [`RunSummary`] equal to the one of the same run
//! stepped alone, bit for bit (ends, values, lowest value, steps, status), without
//! keeping its history.

use std::rc::Rc;

use crate::diff::{FdScratch, GradientMode};
use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status, UpdateOrder};
use crate::runset::RunSummary;

use super::LANES;
use crate::optim::lanes::LaneRule;

/// Many starts of one descent (objective, optimizer, run template) in progress, each
/// finishing as the summary [`crate::Run`] would give. [`ManyRuns::iterate`] advances every
/// active lane by one step; [`ManyRuns::drain`] hands over the runs finished since.
pub struct ManyRuns {
    objective: Rc<dyn Objective>,
    optim: Box<dyn LaneRule>,
    dim: usize,
    mode: GradientMode,
    order: UpdateOrder,
    max_steps: usize,
    bound: f64,
    grad_tol: f64,
    racer: usize,
    starts: Rc<Vec<Vec<f64>>>,
    next: usize,
    finished: Vec<(usize, RunSummary)>,
    /// Per active lane: coordinates and gradient (one column per coordinate), f, f(x₀),
    /// the lowest finite f so far, steps taken, which start it runs.
    x: Vec<Vec<f64>>,
    g: Vec<Vec<f64>>,
    value: Vec<f64>,
    start_value: Vec<f64>,
    lowest: Vec<f64>,
    step: Vec<usize>,
    id: Vec<usize>,
    flags: Vec<bool>,
    norm2: Vec<f64>,
    partial: Vec<f64>,
    scratch: FdScratch,
}

impl std::fmt::Debug for ManyRuns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManyRuns")
            .field("starts", &self.starts.len())
            .field("next", &self.next)
            .field("active", &self.value.len())
            .finish_non_exhaustive()
    }
}

impl ManyRuns {
    /// Runs from every start with `optimizer` (fresh memory per start) and every setting
    /// of `template` but its start; summaries name `racer` as their optimizer's index.
    /// Refused when starts × steps is over [`crate::budget::RUN_STEPS`].
    pub fn new(
        objective: Rc<dyn Objective>,
        optimizer: &OptimSpec,
        template: &RunConfig,
        racer: usize,
        starts: Rc<Vec<Vec<f64>>>,
    ) -> Result<Self, ConfigError> {
        let dim = objective.dim();
        let mut t = template.clone();
        t.start = vec![0.0; dim];
        t.validate(dim)?;
        crate::budget::runs("N (starts)", starts.len(), 1, "steps", t.max_steps)?;
        for s in starts.iter() {
            RunConfig {
                start: s.clone(),
                ..t.clone()
            }
            .validate(dim)?;
        }
        Ok(ManyRuns {
            optim: optimizer.lanes(dim, t.max_steps),
            objective,
            dim,
            mode: t.mode,
            order: t.order,
            max_steps: t.max_steps,
            bound: t.bound,
            grad_tol: t.grad_tol,
            racer,
            starts,
            next: 0,
            finished: Vec::new(),
            x: vec![Vec::new(); dim],
            g: vec![Vec::new(); dim],
            value: Vec::new(),
            start_value: Vec::new(),
            lowest: Vec::new(),
            step: Vec::new(),
            id: Vec::new(),
            flags: Vec::new(),
            norm2: Vec::new(),
            partial: Vec::new(),
            scratch: FdScratch::default(),
        })
    }

    /// Whether every start has finished.
    pub fn is_done(&self) -> bool {
        self.next == self.starts.len() && self.value.is_empty()
    }

    /// Lanes running now.
    pub fn active(&self) -> usize {
        self.value.len()
    }

    /// Steps taken by the runs still going (for a progress estimate).
    pub fn active_steps(&self) -> usize {
        self.step.iter().sum()
    }

    /// The runs finished since the last call, as (start index, summary), in no
    /// particular order.
    pub fn drain(&mut self) -> std::vec::Drain<'_, (usize, RunSummary)> {
        self.finished.drain(..)
    }

    /// Fills free lanes, then advances every running lane by one step; returns the
    /// lane-steps taken.
    pub fn iterate(&mut self) -> usize {
        self.refill();
        let n = self.value.len();
        if n == 0 {
            return 0;
        }
        let objective = Rc::clone(&self.objective);
        let f = objective.as_ref();
        self.optim.begin_step();
        for c in 0..self.dim {
            if c > 0 && self.order == UpdateOrder::Sequential {
                // Later partials see the coordinates already moved, as `Run::step`.
                self.partial.resize(n, 0.0);
                let cols: Vec<&[f64]> = self.x.iter().map(Vec::as_slice).collect();
                self.mode
                    .partial_many(f, &cols, c, &mut self.partial, &mut self.scratch);
                self.optim.update(c, &mut self.x[c], &self.partial);
            } else {
                self.optim.update(c, &mut self.x[c], &self.g[c]);
            }
        }
        self.step.iter_mut().for_each(|s| *s += 1);
        self.record(f);
        if self.any_stops() {
            self.stop_lanes(f);
        }
        n
    }

    /// f and ∇f at every lane, and each lane's lowest finite f.
    fn record(&mut self, f: &dyn Objective) {
        let cols: Vec<&[f64]> = self.x.iter().map(Vec::as_slice).collect();
        f.value_many(&cols, &mut self.value);
        let mut g: Vec<&mut [f64]> = self.g.iter_mut().map(Vec::as_mut_slice).collect();
        self.mode.gradient_many(f, &cols, &mut g, &mut self.scratch);
        for (low, &v) in self.lowest.iter_mut().zip(&self.value) {
            if v.is_finite() {
                *low = low.min(v);
            }
        }
    }

    /// Marks in `flags` the lanes that may stop now (a branch-free pass over the
    /// columns) and tells whether any does; [`ManyRuns::status`] decides.
    fn any_stops(&mut self) -> bool {
        let (bound, max) = (self.bound, self.max_steps);
        let n = self.value.len();
        self.flags.clear();
        self.flags.extend(
            self.value
                .iter()
                .zip(&self.step)
                .map(|(v, &s)| !v.is_finite() | (s >= max)),
        );
        self.norm2.clear();
        self.norm2.resize(n, -0.0);
        for (xc, gc) in self.x.iter().zip(&self.g) {
            for (((flag, s), &x), &g) in self.flags.iter_mut().zip(&mut self.norm2).zip(xc).zip(gc)
            {
                let runs = (x.abs() <= bound) & (g.abs() < f64::INFINITY);
                *flag |= !runs;
                *s += g * g;
            }
        }
        if self.grad_tol > 0.0 {
            let tol = self.grad_tol;
            for (flag, s) in self.flags.iter_mut().zip(&self.norm2) {
                *flag |= s.sqrt() < tol;
            }
        }
        self.flags.iter().any(|&f| f)
    }

    /// Lane `l`'s status after its last record, by `Run`'s rule in its order.
    fn status(&self, l: usize) -> Status {
        let finite = self.value[l].is_finite()
            && self.x.iter().all(|c| c[l].is_finite())
            && self.g.iter().all(|c| c[l].is_finite());
        let inside = self.x.iter().all(|c| c[l].abs() <= self.bound);
        if !finite || !inside {
            Status::Diverged
        } else if self.grad_tol > 0.0
            && self.g.iter().map(|c| c[l] * c[l]).sum::<f64>().sqrt() < self.grad_tol
        {
            Status::Converged
        } else if self.step[l] >= self.max_steps {
            Status::MaxSteps
        } else {
            Status::Running
        }
    }

    /// Hands over lane `l`'s run as finished with `status`.
    fn finish_lane(&mut self, l: usize, status: Status) {
        let id = self.id[l];
        self.finished.push((
            id,
            RunSummary {
                start: self.starts[id].clone(),
                end: self.x.iter().map(|c| c[l]).collect(),
                start_value: self.start_value[l],
                end_value: self.value[l],
                lowest: self.lowest[l],
                steps: self.step[l],
                status,
                racer: self.racer,
            },
        ));
    }

    /// Finishes the marked lanes that stop now and loads the next starts into their
    /// slots (dropping a lane when no start is left).
    fn stop_lanes(&mut self, f: &dyn Objective) {
        let mut dropped = false;
        for l in 0..self.value.len() {
            if !self.flags[l] {
                continue;
            }
            let status = self.status(l);
            // A lane stays marked only if it is dropped.
            self.flags[l] = status.is_done() && {
                self.finish_lane(l, status);
                !self.load(l, f)
            };
            dropped |= self.flags[l];
        }
        if dropped {
            let keep: Vec<bool> = self.flags.iter().map(|d| !d).collect();
            self.compact(&keep);
        }
    }

    /// Appends lanes for the next starts while lanes are free.
    fn refill(&mut self) {
        if self.value.len() >= LANES || self.next == self.starts.len() {
            return;
        }
        let objective = Rc::clone(&self.objective);
        while self.value.len() < LANES && self.next < self.starts.len() {
            let l = self.value.len();
            for c in 0..self.dim {
                self.x[c].push(0.0);
                self.g[c].push(0.0);
            }
            self.value.push(0.0);
            self.start_value.push(0.0);
            self.lowest.push(f64::INFINITY);
            self.step.push(0);
            self.id.push(0);
            self.optim.push(self.dim);
            if !self.load(l, objective.as_ref()) {
                let mut keep = vec![true; l + 1];
                keep[l] = false;
                self.compact(&keep);
            }
        }
    }

    /// Loads the next start into lane `l` with fresh optimizer memory, recording f and ∇f
    /// at it as `Run::new` does (a start that stops there finishes at once, and the next
    /// one is tried); false when no start is left.
    fn load(&mut self, l: usize, f: &dyn Objective) -> bool {
        let mut grad = vec![0.0; self.dim];
        while self.next < self.starts.len() {
            let id = self.next;
            self.next += 1;
            let start = &self.starts[id];
            let value = f.value(start);
            self.mode.gradient(f, start, &mut grad);
            for c in 0..self.dim {
                self.x[c][l] = start[c];
                self.g[c][l] = grad[c];
            }
            self.value[l] = value;
            self.start_value[l] = value;
            self.lowest[l] = f64::INFINITY.min(if value.is_finite() {
                value
            } else {
                f64::INFINITY
            });
            self.step[l] = 0;
            self.id[l] = id;
            self.optim.reset_lane(l, self.dim);
            let status = self.status(l);
            if !status.is_done() {
                return true;
            }
            self.finish_lane(l, status);
        }
        false
    }

    /// Drops the lanes whose `keep` is false, keeping the others in order.
    fn compact(&mut self, keep: &[bool]) {
        fn retain<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut k = keep.iter();
            v.retain(|_| *k.next().unwrap_or(&true));
        }
        for c in self.x.iter_mut().chain(self.g.iter_mut()) {
            retain(c, keep);
        }
        retain(&mut self.value, keep);
        retain(&mut self.start_value, keep);
        retain(&mut self.lowest, keep);
        retain(&mut self.step, keep);
        retain(&mut self.id, keep);
        self.optim.retain(keep);
    }
}

//! A set of runs computed in slices: every start with every optimizer of a race, resumable
//! with a step budget per slice, so that a page can show progress and cancel.
//!
//! Within [`crate::budget::KEPT_STEPS`] every run keeps its whole history. Beyond it each run
//! keeps only a [`RunSummary`] (start, end, values, steps, status): the runs are then
//! computed as lanes ([`Lanes`], one set of lanes per optimizer), whose summaries equal
//! the runs stepped one at a time bit for bit, and the history of one run is recomputed
//! when it is selected ([`RunSet::select`]): runs are deterministic, so the recomputed run
//! equals the original step for step.
//!
//! ```
//! use std::rc::Rc;
//! use descent::runset::RunSet;
//! use descent::optim::OptimSpec;
//! use descent::RunConfig;
//! let gd = OptimSpec::new("gd", &Default::default()).unwrap();
//! let starts = vec![vec![2.0, 1.0], vec![-1.0, 0.5]];
//! let mut set = RunSet::new(Rc::new(descent::objective::notebook_2d()), f64::NEG_INFINITY,
//!     vec![gd], RunConfig::new(vec![0.0, 0.0], 100), starts, ["n2", "steps2"]).unwrap();
//! while !set.advance(30) {}
//! assert_eq!(set.len(), 2);
//! assert!(set.traced(0).is_some());
//! ```

use std::rc::Rc;

use crate::budget;
use crate::error::ConfigError;
use crate::lanes::{Finished, Lanes, Starts, Track};
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{Run, RunConfig, Status};
use crate::trace::TracedRun;

/// What a finished run keeps when its history is not kept.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// x₀.
    pub start: Vec<f64>,
    /// The last iterate.
    pub end: Vec<f64>,
    /// f(x₀).
    pub start_value: f64,
    /// f at the last iterate.
    pub end_value: f64,
    /// The lowest finite value along the run (+∞ if none).
    pub lowest: f64,
    /// Steps taken.
    pub steps: usize,
    /// Why it stopped.
    pub status: Status,
    /// Index of its optimizer in the race.
    pub racer: usize,
}

impl RunSummary {
    /// The summary of a run the engine finished, from `start` to `end`.
    pub fn finished(done: &Finished, start: &[f64], end: &[f64], racer: usize) -> Self {
        RunSummary {
            start: start.to_vec(),
            end: end.to_vec(),
            start_value: done.start_value,
            end_value: done.end_value,
            lowest: done.lowest,
            steps: done.steps,
            status: done.status,
            racer,
        }
    }

    /// The summary of a finished run with optimizer index `racer`.
    pub fn of(run: &Run, racer: usize) -> Self {
        let h = run.history();
        RunSummary {
            start: h.point(0).to_vec(),
            end: h.last_point().to_vec(),
            start_value: h.value(0),
            end_value: h.last_value(),
            lowest: h
                .values()
                .iter()
                .filter(|v| v.is_finite())
                .fold(f64::INFINITY, |m, &v| m.min(v)),
            steps: run.steps(),
            status: run.status(),
            racer,
        }
    }
}

/// Runs of several starts and optimizers, computed by [`RunSet::advance`] in slices. Run `i`
/// is start `i / racers` with optimizer `i % racers`.
pub struct RunSet {
    objective: Rc<dyn Objective>,
    known_min: f64,
    specs: Vec<OptimSpec>,
    template: RunConfig,
    starts: Rc<Starts>,
    keep: bool,
    summaries: Vec<RunSummary>,
    /// The lowest finite value of the summaries so far (+∞ if none), kept as they come in
    /// so that [`RunSet::f_min`] is O(1): the page asks for it once per cost curve.
    lowest: f64,
    kept: Vec<TracedRun>,
    /// With histories: the run being stepped.
    current: Option<TracedRun>,
    /// Without histories: the lanes of every optimizer, and the summaries of finished
    /// runs past the first unfinished one (run order), waiting to join `summaries`.
    lanes: Vec<Lanes>,
    /// The first start the lanes run (the starts before it came summarised from tiles).
    offset: usize,
    waiting: Vec<Option<RunSummary>>,
    finished: usize,
    trace: Option<(usize, TracedRun)>,
}

impl std::fmt::Debug for RunSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunSet")
            .field("runs", &self.len())
            .field("finished", &self.summaries.len())
            .field("keep", &self.keep)
            .finish()
    }
}

impl RunSet {
    /// Checks the runs against [`budget::RUN_STEPS`] and every start, computing nothing yet.
    /// `known_min` is the function's known minimum value (−∞ when unknown); `keys` are the
    /// setting keys of the number of starts and of the steps, which a budget error names.
    pub fn new(
        objective: Rc<dyn Objective>,
        known_min: f64,
        specs: Vec<OptimSpec>,
        template: RunConfig,
        starts: Vec<Vec<f64>>,
        keys: [&'static str; 2],
    ) -> Result<Self, ConfigError> {
        let cost = specs.iter().map(|s| s.rule().step_cost).sum();
        budget::costing(
            keys[0],
            starts.len(),
            specs.len(),
            cost,
            keys[1],
            template.max_steps,
        )?;
        let starts = Starts::from_points(objective.dim(), &starts)?;
        let mut t = template.clone();
        t.start = vec![0.0; objective.dim()];
        t.validate(objective.dim())?;
        starts.validate(objective.dim())?;
        for spec in &specs {
            spec.build()?;
        }
        let keep =
            budget::keeps_history(starts.len().saturating_mul(specs.len()), template.max_steps);
        Ok(RunSet {
            objective,
            known_min,
            specs,
            template,
            starts: Rc::new(starts),
            keep,
            summaries: Vec::new(),
            lowest: f64::INFINITY,
            kept: Vec::new(),
            current: None,
            lanes: Vec::new(),
            offset: 0,
            waiting: Vec::new(),
            finished: 0,
            trace: None,
        })
    }

    /// Number of runs (starts × racers).
    pub fn len(&self) -> usize {
        self.starts.len() * self.specs.len()
    }

    /// Whether there is no run.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Optimizers per start.
    pub fn racers(&self) -> usize {
        self.specs.len()
    }

    /// The optimizer of run `i`.
    pub fn spec(&self, i: usize) -> &OptimSpec {
        &self.specs[i % self.specs.len()]
    }

    /// Whether every run keeps its whole history.
    pub fn keeps_history(&self) -> bool {
        self.keep
    }

    fn config_of(&self, i: usize) -> RunConfig {
        RunConfig {
            start: self.starts.get(i / self.specs.len()).to_vec(),
            ..self.template.clone()
        }
    }

    fn traced_run(&self, i: usize) -> TracedRun {
        TracedRun::new(
            self.objective.clone(),
            self.spec(i).clone(),
            self.config_of(i),
        )
        .expect("checked when the set was built")
    }

    /// Computes about `budget` more steps (at least one); returns whether everything asked
    /// for (every run, then a selected run's history) is done.
    pub fn advance(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        if !self.keep {
            left = self.advance_lanes(left);
        }
        while left > 0 && self.summaries.len() < self.len() {
            let i = self.summaries.len();
            let mut t = self.current.take().unwrap_or_else(|| self.traced_run(i));
            let taken = t.advance(left);
            left = left.saturating_sub(taken.max(1));
            if !t.is_done() {
                self.current = Some(t);
                continue;
            }
            self.push_summary(RunSummary::of(t.run(), i % self.specs.len()));
            self.kept.push(t);
        }
        if left > 0
            && let Some((_, t)) = &mut self.trace
        {
            t.advance(left);
        }
        self.is_done()
    }

    /// Steps the lanes of every optimizer in turn (building them on first use) for about
    /// `budget` lane-steps; returns the budget left once every run is summarised.
    fn advance_lanes(&mut self, budget: usize) -> usize {
        if self.lanes.is_empty() && self.summaries.len() < self.len() {
            // Tiles summarise whole starts: the lanes run the starts after them.
            self.offset = self.summaries.len() / self.specs.len();
            self.finished = self.summaries.len();
            self.waiting = vec![None; self.len()];
            let starts = match self.offset {
                0 => Rc::clone(&self.starts),
                k => Rc::new(self.starts.range(k, self.starts.len())),
            };
            for spec in &self.specs {
                let lanes = Lanes::new(
                    self.objective.clone(),
                    spec.lanes(self.objective.dim(), self.template.max_steps),
                    &self.template,
                    Track::Values,
                    Rc::clone(&starts),
                )
                .expect("checked when the set was built");
                self.lanes.push(lanes);
            }
        }
        let mut left = budget;
        while left > 0 && self.finished < self.len() {
            let mut taken = 0;
            let racers = self.specs.len();
            for (racer, lanes) in self.lanes.iter_mut().enumerate() {
                taken += lanes.iterate(None);
                let (starts, waiting, finished) =
                    (&self.starts, &mut self.waiting, &mut self.finished);
                let offset = self.offset;
                lanes.drain(|done, end| {
                    let id = done.id + offset;
                    let summary = RunSummary::finished(done, starts.get(id), end, racer);
                    waiting[id * racers + racer] = Some(summary);
                    *finished += 1;
                });
            }
            left = left.saturating_sub(taken.max(1));
        }
        while let Some(Some(_)) = self.waiting.get(self.summaries.len()) {
            let i = self.summaries.len();
            if let Some(s) = self.waiting[i].take() {
                self.push_summary(s);
            }
        }
        if self.finished == self.len() {
            self.lanes.clear();
            self.waiting = Vec::new();
        }
        left
    }

    fn push_summary(&mut self, s: RunSummary) {
        self.lowest = self.lowest.min(s.lowest);
        self.summaries.push(s);
    }

    /// Runs everything to the end at once.
    pub fn finish(&mut self) {
        while !self.advance(usize::MAX) {}
    }

    /// Whether every run (and a selected run's history) is computed.
    pub fn is_done(&self) -> bool {
        self.summaries.len() == self.len() && self.trace.as_ref().is_none_or(|(_, t)| t.is_done())
    }

    /// Fraction done in [0, 1]: finished runs plus the current run's share; while a
    /// selected run's history is recomputed, the share of its steps.
    pub fn progress(&self) -> f64 {
        if !self.keep && self.summaries.len() < self.len() {
            let partial: usize = self.lanes.iter().map(Lanes::active_steps).sum();
            let partial = partial as f64 / self.template.max_steps.max(1) as f64;
            return ((self.finished as f64 + partial) / self.len() as f64).min(1.0);
        }
        if self.summaries.len() < self.len() {
            let partial = self.current.as_ref().map_or(0, |t| t.run().steps()) as f64
                / self.template.max_steps.max(1) as f64;
            return (self.summaries.len() as f64 + partial) / self.len() as f64;
        }
        match &self.trace {
            Some((i, t)) if !t.is_done() => {
                t.run().steps() as f64 / self.summaries[*i].steps.max(1) as f64
            }
            _ => 1.0,
        }
    }

    /// The summaries of the finished runs, in run order.
    pub fn summaries(&self) -> &[RunSummary] {
        &self.summaries
    }

    /// Asks for run `i`'s history: nothing to do when histories are kept; else it is
    /// recomputed by the next calls of [`RunSet::advance`]. Out-of-range `i` is ignored.
    pub fn select(&mut self, i: usize) {
        if self.keep || i >= self.summaries.len() || self.trace.as_ref().is_some_and(|t| t.0 == i) {
            return;
        }
        self.trace = Some((i, self.traced_run(i)));
    }

    /// Run `i` with its whole history, when it is kept or has been recomputed.
    pub fn traced(&self, i: usize) -> Option<&TracedRun> {
        if self.keep {
            return self.kept.get(i);
        }
        match &self.trace {
            Some((j, t)) if *j == i && t.is_done() => Some(t),
            _ => None,
        }
    }

    /// The finished runs with their histories (every run when histories are kept, else
    /// the recomputed selected run), with their indices.
    pub fn shown(&self) -> Vec<(usize, &TracedRun)> {
        if self.keep {
            self.kept.iter().enumerate().collect()
        } else {
            self.trace
                .iter()
                .filter(|(_, t)| t.is_done())
                .map(|(i, t)| (*i, t))
                .collect()
        }
    }

    /// Index of the finished run with the lowest final f among those that did not diverge.
    pub fn best(&self) -> Option<usize> {
        self.summaries
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status != Status::Diverged)
            .min_by(|(_, a), (_, b)| a.end_value.total_cmp(&b.end_value))
            .map(|(i, _)| i)
    }

    /// The lowest value known: the function's known minimum, or lower values a run reached.
    pub fn f_min(&self) -> f64 {
        if self.known_min.is_finite() {
            self.lowest.min(self.known_min)
        } else {
            self.lowest
        }
    }

    /// Run `i`'s cost curve (empty until its history is available): see [`cost_curve`],
    /// relative to [`RunSet::f_min`] when `relative`.
    pub fn costs(&self, i: usize, relative: bool, log: bool) -> Vec<f64> {
        let offset = if relative { self.f_min() } else { 0.0 };
        self.traced(i).map_or_else(Vec::new, |t| {
            cost_curve(t.run().history().values(), offset, log)
        })
    }

    /// The bounds of every shown path, as for [`crate::field::ViewBox::around`].
    pub fn shown_points(&self) -> Vec<f64> {
        self.shown()
            .iter()
            .flat_map(|(_, t)| t.run().history().points().iter().copied())
            .collect()
    }
}

/// A cost curve: f(x_k) − `offset` for each value, as log₁₀ when `log` (non-positive
/// differences become NaN, which a plot leaves out).
///
/// ```
/// let c = descent::runset::cost_curve(&[11.0, 2.0, 1.0], 1.0, true);
/// assert_eq!(c[0], 1.0);
/// assert!(c[2].is_nan());
/// ```
pub fn cost_curve(values: &[f64], offset: f64, log: bool) -> Vec<f64> {
    values
        .iter()
        .map(|v| v - offset)
        .map(|c| {
            if !log {
                c
            } else if c > 0.0 {
                c.log10()
            } else {
                f64::NAN
            }
        })
        .collect()
}

mod tiles;

#[cfg(test)]
mod tests;

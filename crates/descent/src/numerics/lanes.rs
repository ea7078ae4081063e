//! The one descent engine: every descent the lab computes is a set of lanes stepped here.
//!
//! A lane is one run from one start. Lanes are kept as structure of arrays (one array per
//! coordinate, gradient component and optimizer memory, see [`LaneRule`]); each step makes
//! one batched value-and-gradient call for all lanes ([`Objective::gradient_many`], or the
//! shared finite differences of [`GradientMode::partial_many`]), and a lane is refilled
//! with the next start as soon as its run stops, so early stops cost nothing.
//!
//! Everything steps through [`Lanes`]:
//! - one run with its history ([`crate::Run`]: one lane, its history kept by an
//!   [`Observer`]);
//! - run sets with or without histories and races ([`crate::runset::RunSet`]);
//! - multi-starts ([`crate::MultiStart`]) and the basin map ([`crate::basin::BasinMap`]),
//!   which keep only where each start ends ([`Track::Ends`]).
//!
//! The rules of a run, the same in every use: f and ∇f are known at x₀ and after every
//! step; a run stops as diverged when the iterate, f or ∇f is non-finite or the iterate
//! leaves the bound, as converged when ‖∇f‖ falls below the tolerance, and at the step
//! budget. In the sequential order a later coordinate's partial is taken at the
//! coordinates already moved; a rule that moves the whole iterate at once (line searches,
//! Newton: [`LaneRule::whole`]) always takes the simultaneous order.
//!
//! ```
//! use std::rc::Rc;
//! use descent::lanes::{Lanes, Starts, Track};
//! use descent::optim::OptimSpec;
//! use descent::{RunConfig, Status};
//! let f = Rc::new(descent::objective::notebook_2d());
//! let gd = OptimSpec::new("gd", &Default::default()).unwrap();
//! let mut template = RunConfig::new(vec![0.0, 0.0], 5000);
//! template.grad_tol = 1e-9;
//! let starts = Starts::from_points(2, &[vec![1.0, -1.0], vec![-2.0, 0.5], vec![0.3, 0.2]]).unwrap();
//! let mut lanes = Lanes::new(f, gd.lanes(2, 5000), &template, Track::Ends, Rc::new(starts))
//!     .unwrap();
//! let mut ends = vec![(Status::Running, f64::NAN); 3];
//! while !lanes.is_done() {
//!     lanes.iterate(None);
//!     lanes.drain(|done, end| ends[done.id] = (done.status, end[0]));
//! }
//! assert!(ends.iter().all(|(s, _)| *s == Status::Converged));
//! assert!((ends[0].1 - 2f64.sqrt()).abs() < 1e-6);
//! ```

use std::rc::Rc;

use crate::diff::{FdScratch, GradientMode};
use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::lanes::LaneRule;
use crate::run::{RunConfig, Status, UpdateOrder};

mod ends;
#[cfg(test)]
pub(crate) mod runs_tests;
mod starts;
mod stop;
#[cfg(test)]
mod tests;

pub use ends::Ends;
pub use starts::Starts;

/// Lanes run side by side (starts beyond this wait for a lane to free up).
pub const LANES: usize = 256;

/// What the engine evaluates at every iterate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    /// f and ∇f at every iterate, as a run records them: a summary carries f(x₀), the
    /// lowest f and the last f, and a non-finite f stops a run as diverged at once.
    Values,
    /// Only what the updates use: ∇f, or in the sequential finite-difference loop with
    /// no tolerance only the partials the updates use (x's at x_k, y's at the moved x;
    /// then a diverging start may stop one step later). f is evaluated where a run
    /// stops: non-finite there, the run diverged. A summary's `start_value` is NaN and
    /// its `lowest` is +∞.
    Ends,
}

/// Sees every iterate of every lane: x₀ when a start is loaded, then after each step the
/// gradient the step used and the new iterate x_k with f (NaN under [`Track::Ends`]) and
/// ∇f there.
pub trait Observer {
    /// Start `id` is at `x`, with value `value` and gradient `gradient`.
    fn record(&mut self, id: usize, x: &[f64], value: f64, gradient: &[f64]);

    /// Start `id`'s step used `gradient`: ∇f at the iterate, except that in the
    /// sequential order a later partial is taken at the coordinates already moved.
    fn used(&mut self, id: usize, gradient: &[f64]);
}

/// A run the engine has finished (its end point is handed over beside it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finished {
    /// Which start it ran.
    pub id: usize,
    /// Why it stopped.
    pub status: Status,
    /// Steps taken.
    pub steps: usize,
    /// f(x₀) (NaN under [`Track::Ends`]).
    pub start_value: f64,
    /// f at the end (NaN when not evaluated: a run that diverged under [`Track::Ends`]).
    pub end_value: f64,
    /// The lowest finite f along the run (+∞ under [`Track::Ends`] or if none).
    pub lowest: f64,
}

/// Many runs of one descent (objective, optimizer, every setting of a run template but
/// its start) from many starts, in progress. [`Lanes::iterate`] advances every active lane
/// by one step; [`Lanes::drain`] hands over the runs finished since, as summaries.
pub struct Lanes {
    objective: Rc<dyn Objective>,
    dim: usize,
    mode: GradientMode,
    order: UpdateOrder,
    max_steps: usize,
    bound: f64,
    grad_tol: f64,
    /// A bound on ‖∇f‖² that every lane with ‖∇f‖ < `grad_tol` is under, for the
    /// vectorised pass (−∞ without a tolerance); the exact test then decides. Not
    /// `grad_tol²`, which is 0 for a tolerance under about 1.5e-162.
    tol2: f64,
    track: Track,
    lean: bool,
    starts: Rc<Starts>,
    next: usize,
    finished: Vec<Finished>,
    /// The end points of `finished`, one after another.
    finished_ends: Vec<f64>,
    /// Per active lane: coordinates and gradient (one column per coordinate), f, f(x₀),
    /// the lowest finite f so far, steps taken, which start it runs.
    x: Vec<Vec<f64>>,
    g: Vec<Vec<f64>>,
    value: Vec<f64>,
    start_value: Vec<f64>,
    lowest: Vec<f64>,
    step: Vec<usize>,
    id: Vec<usize>,
    /// 1 for a lane marked by the vectorised stop pass.
    flags: Vec<u64>,
    norm2: Vec<f64>,
    /// Per coordinate after the first, in the sequential order: the partials the update
    /// used (taken at the coordinates already moved).
    partial: Vec<Vec<f64>>,
    scratch: FdScratch,
    /// One lane's point and gradient, for the observer and single-point calls.
    point: Vec<f64>,
    grad: Vec<f64>,
    optim: Box<dyn LaneRule>,
}

impl std::fmt::Debug for Lanes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lanes")
            .field("starts", &self.starts.len())
            .field("next", &self.next)
            .field("active", &self.step.len())
            .field("track", &self.track)
            .finish_non_exhaustive()
    }
}

impl Lanes {
    /// Runs from every start with the rule `optim` (fresh memory per start) and every
    /// setting of `template` but its start. Refused when a start is not a finite point
    /// of the objective's dimension, or starts × steps is over [`crate::budget::RUN_STEPS`].
    pub fn new(
        objective: Rc<dyn Objective>,
        optim: Box<dyn LaneRule>,
        template: &RunConfig,
        track: Track,
        starts: Rc<Starts>,
    ) -> Result<Self, ConfigError> {
        let dim = objective.dim();
        let mut t = template.clone();
        t.start = vec![0.0; dim];
        t.validate(dim)?;
        crate::budget::runs("N (starts)", starts.len(), 1, "steps", t.max_steps)?;
        starts.validate(dim)?;
        if optim.whole() {
            // A step that moves the whole iterate needs the whole gradient at x_k.
            t.order = UpdateOrder::Simultaneous;
        }
        let lean = track == Track::Ends
            && t.grad_tol == 0.0
            && t.order == UpdateOrder::Sequential
            && t.mode != GradientMode::Exact;
        Ok(Lanes {
            objective,
            dim,
            mode: t.mode,
            order: t.order,
            max_steps: t.max_steps,
            bound: t.bound,
            grad_tol: t.grad_tol,
            tol2: squared_bound(t.grad_tol),
            track,
            lean,
            starts,
            next: 0,
            finished: Vec::new(),
            finished_ends: Vec::new(),
            x: vec![Vec::new(); dim],
            g: vec![Vec::new(); dim],
            value: Vec::new(),
            start_value: Vec::new(),
            lowest: Vec::new(),
            step: Vec::new(),
            id: Vec::new(),
            flags: Vec::new(),
            norm2: Vec::new(),
            partial: vec![Vec::new(); dim],
            scratch: FdScratch::default(),
            point: vec![0.0; dim],
            grad: vec![0.0; dim],
            optim,
        })
    }

    /// Whether every start has finished.
    pub fn is_done(&self) -> bool {
        self.next == self.starts.len() && self.step.is_empty()
    }

    /// Steps taken by the runs still going (for a progress estimate).
    pub fn active_steps(&self) -> usize {
        self.step.iter().sum()
    }

    /// The rule and its memory of every lane.
    pub fn rule(&self) -> &dyn LaneRule {
        self.optim.as_ref()
    }

    /// Hands each run finished since the last call to `each`, with its end point, in no
    /// particular order.
    pub fn drain(&mut self, mut each: impl FnMut(&Finished, &[f64])) {
        for (done, end) in self
            .finished
            .iter()
            .zip(self.finished_ends.chunks_exact(self.dim))
        {
            each(done, end);
        }
        self.finished.clear();
        self.finished_ends.clear();
    }

    /// Goes back to before the first start: every lane dropped, nothing finished.
    pub fn restart(&mut self) {
        let keep = vec![false; self.step.len()];
        self.compact(&keep);
        self.next = 0;
        self.finished.clear();
        self.finished_ends.clear();
    }

    /// Loads starts into the free lanes (f and ∇f at each, shown to `observer`); a start
    /// that stops there finishes at once. [`Lanes::iterate`] does this first.
    pub fn fill(&mut self, mut observer: Option<&mut dyn Observer>) {
        while self.step.len() < LANES && self.next < self.starts.len() {
            let l = self.step.len();
            for c in 0..self.dim {
                self.x[c].push(0.0);
                self.g[c].push(0.0);
            }
            self.value.push(f64::NAN);
            self.start_value.push(f64::NAN);
            self.lowest.push(f64::INFINITY);
            self.step.push(0);
            self.id.push(0);
            self.optim.push(self.dim);
            if !self.load(l, reborrow(&mut observer)) {
                let mut keep = vec![true; l + 1];
                keep[l] = false;
                self.compact(&keep);
            }
        }
    }

    /// Fills free lanes, then advances every running lane by one step; returns the
    /// lane-steps taken.
    pub fn iterate(&mut self, mut observer: Option<&mut dyn Observer>) -> usize {
        self.fill(reborrow(&mut observer));
        let n = self.step.len();
        if n == 0 {
            return 0;
        }
        self.update();
        if let Some(o) = reborrow(&mut observer) {
            for l in 0..n {
                self.show_used(l, o);
            }
        }
        self.step.iter_mut().for_each(|s| *s += 1);
        self.record();
        if let Some(o) = reborrow(&mut observer) {
            for l in 0..n {
                self.show(l, o);
            }
        }
        if self.any_stops() {
            self.stop_lanes(observer);
        }
        n
    }

    /// One update of every running lane, coordinate after coordinate.
    fn update(&mut self) {
        let objective = Rc::clone(&self.objective);
        let f = objective.as_ref();
        let n = self.step.len();
        self.optim.begin_step();
        if self.optim.whole() {
            self.optim.step_lanes(f, &mut self.x, &self.g);
            return;
        }
        for c in 0..self.dim {
            if c > 0 && self.order == UpdateOrder::Sequential {
                // Later partials see the coordinates already moved. In the lean loop the
                // partial is kept as the lane's gradient component (nothing else computes
                // it), else it is used once.
                let out = if self.lean {
                    &mut self.g[c]
                } else {
                    self.partial[c].resize(n, 0.0);
                    &mut self.partial[c]
                };
                with_columns(&self.x, |cols| {
                    self.mode.partial_many(f, cols, c, out, &mut self.scratch)
                });
                let g = if self.lean {
                    &self.g[c]
                } else {
                    &self.partial[c]
                };
                self.optim.update(c, &mut self.x[c], g);
            } else {
                self.optim.update(c, &mut self.x[c], &self.g[c]);
            }
        }
    }

    /// What [`Track`] asks for at every lane's new iterate: f and ∇f, ∇f, or (lean) the
    /// first partial; and each lane's lowest finite f.
    fn record(&mut self) {
        let objective = Rc::clone(&self.objective);
        let f = objective.as_ref();
        let (mode, scratch) = (self.mode, &mut self.scratch);
        let (x, g) = (&self.x, &mut self.g);
        with_columns(x, |cols| {
            if self.lean {
                mode.partial_many(f, cols, 0, &mut g[0], scratch);
                return;
            }
            if self.track == Track::Values {
                f.value_many(cols, &mut self.value);
            }
            with_columns_mut(g, |g| mode.gradient_many(f, cols, g, scratch));
        });
        if self.track == Track::Values {
            for (low, &v) in self.lowest.iter_mut().zip(&self.value) {
                if v.is_finite() {
                    *low = low.min(v);
                }
            }
        }
    }

    /// Shows the gradient lane `l`'s step used to `observer` (right after the update).
    fn show_used(&mut self, l: usize, observer: &mut dyn Observer) {
        for c in 0..self.dim {
            let sequential = c > 0 && self.order == UpdateOrder::Sequential && !self.lean;
            self.grad[c] = if sequential {
                self.partial[c][l]
            } else {
                self.g[c][l]
            };
        }
        observer.used(self.id[l], &self.grad);
    }

    /// Shows lane `l`'s iterate to `observer`.
    fn show(&mut self, l: usize, observer: &mut dyn Observer) {
        for c in 0..self.dim {
            self.point[c] = self.x[c][l];
            self.grad[c] = self.g[c][l];
        }
        observer.record(self.id[l], &self.point, self.value[l], &self.grad);
    }
}

/// The observer again, for one more call.
fn reborrow<'s>(o: &'s mut Option<&mut dyn Observer>) -> Option<&'s mut dyn Observer> {
    match o {
        Some(o) => Some(&mut **o),
        None => None,
    }
}

/// A number that ‖g‖² is at most for every g with ‖g‖ < `tol` as computed, with a margin
/// for rounding and never below the smallest normal number; −∞ for no tolerance.
fn squared_bound(tol: f64) -> f64 {
    if tol > 0.0 {
        (tol * tol * (1.0 + 1e-9)).max(f64::MIN_POSITIVE)
    } else {
        f64::NEG_INFINITY
    }
}

/// Calls `f` with the columns as slices, without allocating for one or two coordinates.
fn with_columns<T>(x: &[Vec<f64>], f: impl FnOnce(&[&[f64]]) -> T) -> T {
    match x {
        [a] => f(&[a]),
        [a, b] => f(&[a, b]),
        _ => f(&x.iter().map(Vec::as_slice).collect::<Vec<_>>()),
    }
}

/// [`with_columns`] for mutable columns.
fn with_columns_mut<T>(x: &mut [Vec<f64>], f: impl FnOnce(&mut [&mut [f64]]) -> T) -> T {
    match x {
        [a] => f(&mut [a]),
        [a, b] => f(&mut [a, b]),
        _ => f(&mut x.iter_mut().map(Vec::as_mut_slice).collect::<Vec<_>>()),
    }
}

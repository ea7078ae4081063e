//! Many 2-D descents run together as lanes: structure of arrays (one array per
//! coordinate, gradient component and optimizer memory), one batched value-and-gradient
//! call per step for all lanes ([`Objective::gradient_many`], or the shared finite
//! differences of [`GradientMode::partial_many`]), and a lane refilled with the next
//! start as soon as its run stops (converged, diverged, step budget), so early stops
//! cost nothing.
//!
//! Every start ends exactly where the one-start-at-a-time run would, with the same
//! status, bit for bit: same stop tests in the same order, same formulas (tested against
//! the basin map's scalar rule and [`crate::Run`] in `lanes/tests.rs`).
//!
//! ```
//! use std::rc::Rc;
//! use descent::lanes::ManyStarts2;
//! use descent::optim::OptimSpec;
//! use descent::{RunConfig, Status};
//! let f = Rc::new(descent::objective::notebook_2d());
//! let gd = OptimSpec::new("gd", &Default::default()).unwrap();
//! let starts = vec![[1.0, -1.0], [-2.0, 0.5], [0.3, 0.2]];
//! let mut many = ManyStarts2::new(f, &gd, &RunConfig::new(vec![0.0, 0.0], 5000), 1e-9, starts).unwrap();
//! while !many.is_done() { many.advance(100); }
//! assert!(many.statuses().iter().all(|s| *s == Status::Converged));
//! assert!((many.ends()[0][0] - 2f64.sqrt()).abs() < 1e-6);
//! ```

use std::rc::Rc;

use crate::diff::{FdScratch, GradientMode};
use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status, UpdateOrder};

mod runs;
#[cfg(test)]
pub(crate) mod runs_tests;
#[cfg(test)]
mod tests;

use crate::optim::lanes::LaneRule;
pub use runs::ManyRuns;

/// A number that |g|² is at most for every g with |g| < `tol` as computed (√(gx² + gy²)),
/// with a margin for rounding and never below the smallest normal number; −∞ for no
/// tolerance (no lane is marked for it).
fn squared_bound(tol: f64) -> f64 {
    if tol > 0.0 {
        (tol * tol * (1.0 + 1e-9)).max(f64::MIN_POSITIVE)
    } else {
        f64::NEG_INFINITY
    }
}

/// Lanes run side by side (starts beyond this wait for a lane to free up).
pub const LANES: usize = 256;

/// Many starts of one 2-D descent (objective, optimizer, run template) in progress.
/// [`ManyStarts2::advance`] runs a bounded slice of work; ends and statuses of starts not
/// finished yet are NaN and [`Status::Running`].
pub struct ManyStarts2 {
    objective: Rc<dyn Objective>,
    optim: Box<dyn LaneRule>,
    mode: GradientMode,
    order: UpdateOrder,
    max_steps: usize,
    bound: f64,
    /// The gradient tolerance (0: no tolerance).
    tol: f64,
    /// A bound on |∇f|² that every lane with |∇f| < `tol` is under, for the vectorised
    /// pass; `stop_test` then compares |∇f| with `tol` itself. Not `tol²`, which is 0 for
    /// a tolerance under about 1.5e-162 and would let no lane converge.
    tol2: f64,
    starts: Vec<[f64; 2]>,
    next: usize,
    ends: Vec<[f64; 2]>,
    status: Vec<Status>,
    /// Per active lane: coordinates, gradient, steps taken, which start it runs.
    x: Vec<f64>,
    y: Vec<f64>,
    gx: Vec<f64>,
    gy: Vec<f64>,
    step: Vec<usize>,
    id: Vec<usize>,
    keep: Vec<bool>,
    /// 1 for a lane marked by `any_stops` (a whole word a lane: no packing in the pass).
    flags: Vec<u64>,
    scratch: FdScratch,
    evaluations: u64,
}

impl std::fmt::Debug for ManyStarts2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManyStarts2")
            .field("starts", &self.starts.len())
            .field("next", &self.next)
            .field("active", &self.x.len())
            .finish_non_exhaustive()
    }
}

impl ManyStarts2 {
    /// Runs from every start with `optimizer` (fresh memory per start) and the step
    /// budget, gradient mode, update order and divergence bound of `template` (its start
    /// is ignored); a run converges when ‖∇f‖ < `grad_tol` (0 disables the rule). Refused
    /// when starts × steps is over [`crate::budget::RUN_STEPS`].
    pub fn new(
        objective: Rc<dyn Objective>,
        optimizer: &OptimSpec,
        template: &RunConfig,
        grad_tol: f64,
        starts: Vec<[f64; 2]>,
    ) -> Result<Self, ConfigError> {
        if objective.dim() != 2 {
            return Err(ConfigError::BadDimension {
                what: "the many-start kernel's function",
                expected: 2,
                got: objective.dim(),
            });
        }
        let mut t = template.clone();
        t.start = vec![0.0; 2];
        t.grad_tol = grad_tol;
        t.validate(2)?;
        crate::budget::runs("N (starts)", starts.len(), 1, "steps", t.max_steps)?;
        let n = starts.len();
        Ok(ManyStarts2 {
            optim: optimizer.lanes(2, t.max_steps),
            objective,
            mode: t.mode,
            order: t.order,
            max_steps: t.max_steps,
            bound: t.bound,
            tol: grad_tol,
            tol2: squared_bound(grad_tol),
            starts,
            next: 0,
            ends: vec![[f64::NAN; 2]; n],
            status: vec![Status::Running; n],
            x: Vec::new(),
            y: Vec::new(),
            gx: Vec::new(),
            gy: Vec::new(),
            step: Vec::new(),
            id: Vec::new(),
            keep: Vec::new(),
            flags: Vec::new(),
            scratch: FdScratch::default(),
            evaluations: 0,
        })
    }

    /// Whether every start has finished.
    pub fn is_done(&self) -> bool {
        self.next == self.starts.len() && self.x.is_empty()
    }

    /// Runs at most `iterations` lockstep iterations (each advances every active lane
    /// by one step); returns whether every start has finished.
    pub fn advance(&mut self, iterations: usize) -> bool {
        for _ in 0..iterations {
            if self.is_done() {
                break;
            }
            self.iterate();
        }
        self.is_done()
    }

    /// Runs every start to its end.
    pub fn finish(&mut self) {
        while !self.is_done() {
            self.iterate();
        }
    }

    /// End point of every start (NaN while it runs).
    pub fn ends(&self) -> &[[f64; 2]] {
        &self.ends
    }

    /// Status of every start ([`Status::Running`] until it stops).
    pub fn statuses(&self) -> &[Status] {
        &self.status
    }

    /// Objective evaluations so far, counting one per point for a value or a gradient.
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// Fills free lanes with the next starts.
    fn refill(&mut self) {
        while self.x.len() < LANES && self.next < self.starts.len() {
            let [x, y] = self.starts[self.next];
            self.x.push(x);
            self.y.push(y);
            self.step.push(0);
            self.id.push(self.next);
            self.optim.push(2);
            self.next += 1;
        }
        let n = self.x.len();
        self.gx.resize(n, 0.0);
        self.gy.resize(n, 0.0);
    }

    /// One step of every lane: the gradient at every lane, the stop tests, then the
    /// update of the lanes still running (as `BasinMap`'s scalar rule and [`crate::Run`]).
    fn iterate(&mut self) {
        self.refill();
        let objective = Rc::clone(&self.objective);
        let f = objective.as_ref();
        if self.lean() {
            // Only x's partial: y's comes after x moves; the finiteness test sees the
            // y partial of the last update (0 for a fresh lane).
            self.mode
                .partial_many(f, &[&self.x, &self.y], 0, &mut self.gx, &mut self.scratch);
            self.evaluations += self.cost(1) * self.x.len() as u64;
        } else {
            self.mode.gradient_many(
                f,
                &[&self.x, &self.y],
                &mut [&mut self.gx, &mut self.gy],
                &mut self.scratch,
            );
            self.evaluations += self.cost(2) * self.x.len() as u64;
        }
        if self.any_stops() {
            self.stop_lanes(f);
        }
        if self.x.is_empty() {
            return;
        }
        self.update(f);
    }

    /// Marks in `flags` the lanes that may stop now and tells whether any does: a
    /// branch-free pass over the lanes (it vectorises) with the tests of
    /// [`ManyStarts2::stop_test`], which then looks at the marked lanes only.
    fn any_stops(&mut self) -> bool {
        let (bound, tol2, max) = (self.bound, self.tol2, self.max_steps);
        self.flags.resize(self.x.len(), 0);
        let mut stop = 0;
        let lanes = self.x.iter().zip(&self.y).zip(&self.gx).zip(&self.gy);
        for ((((&x, &y), &gx), &gy), (&step, flag)) in
            lanes.zip(self.step.iter().zip(self.flags.iter_mut()))
        {
            let runs = (x.abs() <= bound)
                & (y.abs() <= bound)
                & (gx.abs() < f64::INFINITY)
                & (gy.abs() < f64::INFINITY)
                & (gx * gx + gy * gy > tol2)
                & (step != max);
            *flag = u64::from(!runs);
            stop |= *flag;
        }
        stop != 0
    }

    /// Records the end and status of every marked lane that stops now and loads the
    /// next start into its slot (dropping the lane when no start is left).
    fn stop_lanes(&mut self, f: &dyn Objective) {
        let mut dropped = false;
        for l in 0..self.x.len() {
            if self.flags[l] == 0 {
                continue;
            }
            // A marked lane stays marked only if it is dropped.
            self.flags[l] = match self.stop_test(l, f) {
                None => 0,
                Some(status) => {
                    self.ends[self.id[l]] = [self.x[l], self.y[l]];
                    self.status[self.id[l]] = status;
                    u64::from(!self.reload(l, f))
                }
            };
            dropped |= self.flags[l] != 0;
        }
        if dropped {
            self.keep.clear();
            self.keep
                .extend(self.flags.iter().map(|&dropped| dropped == 0));
            self.compact();
        }
    }

    /// Whether lane `l` stops at its current point, and how: the scalar rule's tests in
    /// its order (diverged, converged, step budget; a stop elsewhere than at divergence
    /// needs a finite value).
    fn stop_test(&self, l: usize, f: &dyn Objective) -> Option<Status> {
        let (x, y, gx, gy) = (self.x[l], self.y[l], self.gx[l], self.gy[l]);
        let finite = x.is_finite() && y.is_finite() && gx.is_finite() && gy.is_finite();
        let status = if !finite || x.abs() > self.bound || y.abs() > self.bound {
            return Some(Status::Diverged);
        } else if (gx * gx + gy * gy).sqrt() < self.tol {
            Status::Converged
        } else if self.step[l] == self.max_steps {
            Status::MaxSteps
        } else {
            return None;
        };
        Some(if f.value(&[x, y]).is_finite() {
            status
        } else {
            Status::Diverged
        })
    }

    /// Loads the next start into lane `l` with fresh optimizer memory and its gradient
    /// (skipping starts that stop before their first step); false when none is left.
    fn reload(&mut self, l: usize, f: &dyn Objective) -> bool {
        while self.next < self.starts.len() {
            let [x, y] = self.starts[self.next];
            (self.x[l], self.y[l], self.step[l], self.id[l]) = (x, y, 0, self.next);
            self.next += 1;
            self.optim.reset_lane(l, 2);
            let (mut gx, mut gy) = ([0.0], [0.0]);
            if self.lean() {
                self.mode
                    .partial_many(f, &[&[x], &[y]], 0, &mut gx, &mut self.scratch);
                self.evaluations += self.cost(1);
            } else {
                self.mode.gradient_many(
                    f,
                    &[&[x], &[y]],
                    &mut [&mut gx, &mut gy],
                    &mut self.scratch,
                );
                self.evaluations += self.cost(2);
            }
            (self.gx[l], self.gy[l]) = (gx[0], gy[0]);
            match self.stop_test(l, f) {
                None => return true,
                Some(status) => {
                    self.ends[self.id[l]] = [x, y];
                    self.status[self.id[l]] = status;
                }
            }
        }
        false
    }

    /// One update of every running lane.
    fn update(&mut self, f: &dyn Objective) {
        self.optim.begin_step();
        self.optim.update(0, &mut self.x, &self.gx);
        if self.order == UpdateOrder::Sequential {
            // y's partial at the moved x, like the notebook's In[13].
            self.mode
                .partial_many(f, &[&self.x, &self.y], 1, &mut self.gy, &mut self.scratch);
            self.evaluations += self.cost(1) * self.x.len() as u64;
        }
        self.optim.update(1, &mut self.y, &self.gy);
        self.step.iter_mut().for_each(|s| *s += 1);
    }

    /// Whether a step needs only the partials its updates use: sequential finite
    /// differences with no tolerance, the notebook's loop, take 4 evaluations per step
    /// (x's partial at x_k, y's at the moved x) instead of 6. Ends equal a single
    /// [`crate::Run`]'s except for a diverging start, which may stop one step later.
    fn lean(&self) -> bool {
        self.tol == 0.0 && self.order == UpdateOrder::Sequential && self.mode != GradientMode::Exact
    }

    /// Evaluations per point of `partials` partial derivatives in this mode.
    fn cost(&self, partials: u64) -> u64 {
        match self.mode {
            GradientMode::Exact => 1,
            GradientMode::Central { .. } | GradientMode::Forward { .. } => 2 * partials,
        }
    }

    /// Drops the lanes whose `keep` is false, keeping the others in order.
    fn compact(&mut self) {
        fn retain<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut k = keep.iter();
            v.retain(|_| *k.next().unwrap_or(&true));
        }
        let keep = &self.keep;
        retain(&mut self.x, keep);
        retain(&mut self.y, keep);
        retain(&mut self.gx, keep);
        retain(&mut self.gy, keep);
        retain(&mut self.step, keep);
        retain(&mut self.id, keep);
        self.optim.retain(keep);
    }
}

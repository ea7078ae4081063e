//! A rule applied to many lanes at once: the interface the lanes engine steps, and the
//! fallback of one scalar optimizer per lane for rules without a structure-of-arrays form.

use super::Optimizer;
use super::rule::Build;
use crate::objective::Objective;

/// An update rule's memory for many lanes, one array per coordinate (structure of arrays).
/// Every implementation equals the rule's scalar [`Optimizer`] bit for bit, lane by lane.
pub trait LaneRule {
    /// Adds a lane with fresh memory for `dim` coordinates.
    fn push(&mut self, dim: usize);
    /// Forgets the memory of lane `l` (a new start runs in it).
    fn reset_lane(&mut self, l: usize, dim: usize);
    /// Keeps the lanes whose `keep` is true, in order.
    fn retain(&mut self, keep: &[bool]);
    /// Starts a step in every lane (the scalar rule's `begin_step`).
    fn begin_step(&mut self);
    /// Moves coordinate `c` of every lane: `x[l]` ← the rule's update with gradient `g[l]`.
    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]);

    /// Whether the rule moves whole lanes through [`LaneRule::step_lanes`] (see
    /// [`Optimizer::whole`]) instead of coordinate by coordinate.
    fn whole(&self) -> bool {
        false
    }

    /// One step of every lane on `f` for a [`LaneRule::whole`] rule: `x[c][l]` is
    /// coordinate c of lane l, `g` the gradient there. Others never get this call.
    fn step_lanes(&mut self, f: &dyn Objective, x: &mut [Vec<f64>], g: &[Vec<f64>]) {
        let _ = (f, x, g);
    }

    /// The scalar optimizer of a single lane, for its memory (only [`OneLane`] has one).
    fn optimizer(&self) -> Option<&dyn Optimizer> {
        None
    }
}

/// Keeps the items of `v` whose `keep` is true (items past `keep` stay).
pub(crate) fn retain_vec<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut k = keep.iter();
    v.retain(|_| *k.next().unwrap_or(&true));
}

/// One scalar optimizer per lane.
pub struct EachLane {
    build: Build,
    values: Vec<f64>,
    lanes: Vec<Box<dyn Optimizer>>,
    whole: bool,
}

impl EachLane {
    /// Lanes of the rule that `build` makes from `values` (already checked).
    pub fn boxed(build: Build, values: &[f64]) -> Box<dyn LaneRule> {
        let whole = build(values).is_ok_and(|o| o.whole());
        Box::new(EachLane {
            build,
            values: values.to_vec(),
            lanes: Vec::new(),
            whole,
        })
    }
}

impl LaneRule for EachLane {
    fn push(&mut self, dim: usize) {
        let mut o = (self.build)(&self.values)
            .unwrap_or_else(|_| unreachable!("the values were checked by OptimSpec"));
        o.reset(dim);
        self.lanes.push(o);
    }

    fn reset_lane(&mut self, l: usize, dim: usize) {
        self.lanes[l].reset(dim);
    }

    fn retain(&mut self, keep: &[bool]) {
        retain_vec(&mut self.lanes, keep);
    }

    fn begin_step(&mut self) {
        self.lanes.iter_mut().for_each(|o| o.begin_step());
    }

    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        for ((o, x), g) in self.lanes.iter_mut().zip(x.iter_mut()).zip(g) {
            *x = o.update(c, *x, *g);
        }
    }

    fn whole(&self) -> bool {
        self.whole
    }

    fn step_lanes(&mut self, f: &dyn Objective, x: &mut [Vec<f64>], g: &[Vec<f64>]) {
        let dim = x.len();
        let (mut p, mut q) = (vec![0.0; dim], vec![0.0; dim]);
        for (l, o) in self.lanes.iter_mut().enumerate() {
            for c in 0..dim {
                (p[c], q[c]) = (x[c][l], g[c][l]);
            }
            o.step_on(f, &mut p, &q);
            for c in 0..dim {
                x[c][l] = p[c];
            }
        }
    }
}

/// One lane driven by a given scalar optimizer, as a single run steps it. Its memory
/// outlives the lane: when the run stops and its lane is dropped, the optimizer stays
/// readable ([`LaneRule::optimizer`]).
pub struct OneLane(Box<dyn Optimizer>);

impl OneLane {
    /// The lane of `optimizer`.
    pub fn new(optimizer: Box<dyn Optimizer>) -> Self {
        OneLane(optimizer)
    }
}

impl LaneRule for OneLane {
    fn push(&mut self, dim: usize) {
        self.0.reset(dim);
    }

    fn reset_lane(&mut self, _: usize, dim: usize) {
        self.0.reset(dim);
    }

    fn retain(&mut self, _: &[bool]) {}

    fn begin_step(&mut self) {
        self.0.begin_step();
    }

    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        if let (Some(x), Some(&g)) = (x.first_mut(), g.first()) {
            *x = self.0.update(c, *x, g);
        }
    }

    fn whole(&self) -> bool {
        self.0.whole()
    }

    fn step_lanes(&mut self, f: &dyn Objective, x: &mut [Vec<f64>], g: &[Vec<f64>]) {
        let mut p: Vec<f64> = x.iter().filter_map(|c| c.first().copied()).collect();
        let q: Vec<f64> = g.iter().filter_map(|c| c.first().copied()).collect();
        if p.len() != x.len() || q.len() != x.len() {
            return;
        }
        self.0.step_on(f, &mut p, &q);
        for (c, v) in x.iter_mut().zip(p) {
            c[0] = v;
        }
    }

    fn optimizer(&self) -> Option<&dyn Optimizer> {
        Some(self.0.as_ref())
    }
}

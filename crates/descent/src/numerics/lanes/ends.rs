//! Where each of many starts ends: the engine under [`Track::Ends`], with the end points
//! and statuses gathered in start order (the basin map's rows, the benchmark's notebook
//! loop).

use std::rc::Rc;

use super::{Lanes, Starts, Track};
use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status};

/// Many starts of one descent in progress, keeping only where each ends. Ends and
/// statuses of starts not finished yet are NaN and [`Status::Running`].
#[derive(Debug)]
pub struct Ends {
    lanes: Lanes,
    dim: usize,
    ends: Vec<f64>,
    status: Vec<Status>,
}

impl Ends {
    /// Runs from every start with `optimizer` (fresh memory per start) and every setting
    /// of `template` but its start; refused as [`Lanes::new`] refuses.
    pub fn new(
        objective: Rc<dyn Objective>,
        optimizer: &OptimSpec,
        template: &RunConfig,
        starts: Starts,
    ) -> Result<Self, ConfigError> {
        let dim = objective.dim();
        let n = starts.len();
        let rule = optimizer.lanes(dim, template.max_steps);
        let lanes = Lanes::new(objective, rule, template, Track::Ends, Rc::new(starts))?;
        Ok(Ends {
            lanes,
            dim,
            ends: vec![f64::NAN; n * dim],
            status: vec![Status::Running; n],
        })
    }

    /// Whether every start has finished.
    pub fn is_done(&self) -> bool {
        self.lanes.is_done()
    }

    /// Runs at most `iterations` lockstep iterations (each advances every active lane by
    /// one step); returns whether every start has finished.
    pub fn advance(&mut self, iterations: usize) -> bool {
        for _ in 0..iterations {
            if self.lanes.is_done() {
                break;
            }
            self.lanes.iterate(None);
            let (ends, status, dim) = (&mut self.ends, &mut self.status, self.dim);
            self.lanes.drain(|done, end| {
                ends[done.id * dim..(done.id + 1) * dim].copy_from_slice(end);
                status[done.id] = done.status;
            });
        }
        self.is_done()
    }

    /// Runs every start to its end.
    pub fn finish(&mut self) {
        self.advance(usize::MAX);
    }

    /// End points, start after start (`dim` numbers each; NaN while running).
    pub fn ends(&self) -> &[f64] {
        &self.ends
    }

    /// Status of every start ([`Status::Running`] until it stops).
    pub fn statuses(&self) -> &[Status] {
        &self.status
    }
}

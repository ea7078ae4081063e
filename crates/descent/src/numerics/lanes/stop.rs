//! How lanes start and stop: loading a start, the stop tests of a run in their order,
//! handing a finished run over as a summary, and dropping lanes no start is left for.

use super::{Finished, Lanes, Observer, Track, reborrow};
use crate::optim::lanes::retain_vec;
use crate::run::Status;

impl Lanes {
    /// Loads the next start into lane `l` with fresh optimizer memory and what [`Track`]
    /// asks for at it (a start that stops there finishes at once, and the next one is
    /// tried); false when no start is left.
    pub(super) fn load(&mut self, l: usize, mut observer: Option<&mut dyn Observer>) -> bool {
        let objective = std::rc::Rc::clone(&self.objective);
        let f = objective.as_ref();
        while self.next < self.starts.len() {
            let id = self.next;
            self.next += 1;
            let start = self.starts.get(id);
            let value = match self.track {
                Track::Values => f.value(start),
                Track::Ends => f64::NAN,
            };
            if self.lean {
                self.grad.fill(0.0);
                self.grad[0] = self.mode.partial(f, start, 0);
            } else {
                self.mode.gradient(f, start, &mut self.grad);
            }
            for ((xc, gc), (&s, &g)) in self
                .x
                .iter_mut()
                .zip(&mut self.g)
                .zip(start.iter().zip(&self.grad))
            {
                xc[l] = s;
                gc[l] = g;
            }
            self.value[l] = value;
            self.start_value[l] = value;
            self.lowest[l] = if value.is_finite() {
                value
            } else {
                f64::INFINITY
            };
            self.step[l] = 0;
            self.id[l] = id;
            self.optim.reset_lane(l, self.dim);
            if let Some(o) = reborrow(&mut observer) {
                self.show(l, o);
            }
            let status = self.status(l);
            if !status.is_done() {
                return true;
            }
            self.finish_lane(l, status);
        }
        false
    }

    /// Marks in `flags` the lanes that may stop now and tells whether any does: a
    /// branch-free pass over the columns (it vectorises; a whole word a lane, so no
    /// packing) with the tests of [`Lanes::status`], which then looks at the marked
    /// lanes only.
    pub(super) fn any_stops(&mut self) -> bool {
        let (bound, max, tol2) = (self.bound, self.max_steps, self.tol2);
        let n = self.step.len();
        self.flags.resize(n, 0);
        let mut stop = 0;
        if let ([x, y], [gx, gy]) = (&self.x[..], &self.g[..]) {
            let lanes = x.iter().zip(y).zip(gx).zip(gy);
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
        } else {
            self.flags.fill(0);
            self.norm2.clear();
            self.norm2.resize(n, 0.0);
            for (xc, gc) in self.x.iter().zip(&self.g) {
                let lanes = self.flags.iter_mut().zip(&mut self.norm2).zip(xc).zip(gc);
                for (((flag, s), &x), &g) in lanes {
                    *flag |= u64::from(!((x.abs() <= bound) & (g.abs() < f64::INFINITY)));
                    *s += g * g;
                }
            }
            let lanes = self.flags.iter_mut().zip(&self.norm2).zip(&self.step);
            for ((flag, &s), &step) in lanes {
                *flag |= u64::from((s <= tol2) | (step == max));
                stop |= *flag;
            }
        }
        if self.track == Track::Values {
            for (flag, v) in self.flags.iter_mut().zip(&self.value) {
                *flag |= u64::from(!v.is_finite());
                stop |= *flag;
            }
        }
        stop != 0
    }

    /// Lane `l`'s status at its current iterate, by a run's rule in its order: diverged,
    /// converged, step budget. Under [`Track::Ends`] f is evaluated here, for a lane that
    /// stops: non-finite, the run diverged.
    pub(super) fn status(&mut self, l: usize) -> Status {
        let mut finite = self.value[l].is_finite() || self.track == Track::Ends;
        let (mut inside, mut norm2) = (true, 0.0);
        for c in 0..self.dim {
            let (x, g) = (self.x[c][l], self.g[c][l]);
            self.point[c] = x;
            finite &= x.is_finite() & g.is_finite();
            inside &= x.abs() <= self.bound;
            norm2 += g * g;
        }
        let status = if !finite || !inside {
            return Status::Diverged;
        } else if self.grad_tol > 0.0 && f64::sqrt(norm2) < self.grad_tol {
            Status::Converged
        } else if self.step[l] >= self.max_steps {
            Status::MaxSteps
        } else {
            return Status::Running;
        };
        if self.track == Track::Ends {
            self.value[l] = self.objective.value(&self.point);
            if !self.value[l].is_finite() {
                return Status::Diverged;
            }
        }
        status
    }

    /// Hands over lane `l`'s run as finished with `status`.
    fn finish_lane(&mut self, l: usize, status: Status) {
        self.finished.push(Finished {
            id: self.id[l],
            status,
            steps: self.step[l],
            start_value: self.start_value[l],
            end_value: self.value[l],
            lowest: self.lowest[l],
        });
        self.finished_ends.extend(self.x.iter().map(|c| c[l]));
    }

    /// Finishes the marked lanes that stop now and loads the next starts into their
    /// slots (dropping a lane when no start is left).
    pub(super) fn stop_lanes(&mut self, mut observer: Option<&mut dyn Observer>) {
        let mut dropped = false;
        for l in 0..self.step.len() {
            if self.flags[l] == 0 {
                continue;
            }
            let status = self.status(l);
            // A lane stays marked only if it is dropped.
            let drop = status.is_done() && {
                self.finish_lane(l, status);
                !self.load(l, reborrow(&mut observer))
            };
            self.flags[l] = u64::from(drop);
            dropped |= drop;
        }
        if dropped {
            let keep: Vec<bool> = self.flags.iter().map(|&d| d == 0).collect();
            self.compact(&keep);
        }
    }

    /// Drops the lanes whose `keep` is false, keeping the others in order.
    pub(super) fn compact(&mut self, keep: &[bool]) {
        for c in self.x.iter_mut().chain(self.g.iter_mut()) {
            retain_vec(c, keep);
        }
        retain_vec(&mut self.value, keep);
        retain_vec(&mut self.start_value, keep);
        retain_vec(&mut self.lowest, keep);
        retain_vec(&mut self.step, keep);
        retain_vec(&mut self.id, keep);
        self.optim.retain(keep);
    }
}

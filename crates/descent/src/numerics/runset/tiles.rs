//! A run set summarised in tiles of starts, on other threads: each tile's runs step as
//! lanes of their own (a lane does not depend on the others), and the set takes the tiles'
//! summaries in start order, so they equal the summaries of the set stepped in one piece.

use std::rc::Rc;

use super::{RunSet, RunSummary};
use crate::error::ConfigError;
use crate::lanes::{Lanes, Track};

impl RunSet {
    /// The summaries of the runs of starts `first..stop` (clamped), every racer, in run
    /// order: the work of a tile, which [`RunSet::ingest`] of a set built the same way takes.
    /// Sets that keep histories are refused (their runs are recorded one by one).
    pub fn compute_tile(&self, first: usize, stop: usize) -> Result<Vec<RunSummary>, ConfigError> {
        if self.keep {
            return Err(tile_error(
                "runs that keep their histories are not computed in tiles".into(),
            ));
        }
        let stop = stop.min(self.starts.len());
        let first = first.min(stop);
        let racers = self.specs.len();
        let starts = Rc::new(self.starts.range(first, stop));
        let mut out = vec![None; starts.len() * racers];
        for (racer, spec) in self.specs.iter().enumerate() {
            let mut lanes = Lanes::new(
                self.objective.clone(),
                spec.lanes(self.objective.dim(), self.template.max_steps),
                &self.template,
                Track::Values,
                Rc::clone(&starts),
            )?;
            while !lanes.is_done() {
                lanes.iterate(None);
                lanes.drain(|done, end| {
                    let summary = RunSummary::finished(done, starts.get(done.id), end, racer);
                    out[done.id * racers + racer] = Some(summary);
                });
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// Takes the summaries of a tile that starts at start `first`, which must be the next
    /// start to summarise (tiles arrive in any order and are taken in start order), before
    /// the set has stepped any run itself. Returns the starts summarised.
    pub fn ingest(&mut self, first: usize, tile: Vec<RunSummary>) -> Result<usize, ConfigError> {
        let racers = self.specs.len();
        let fits = tile.len().is_multiple_of(racers)
            && first * racers == self.summaries.len()
            && first + tile.len() / racers <= self.starts.len()
            && tile.iter().enumerate().all(|(k, s)| s.racer == k % racers);
        if self.keep || !self.lanes.is_empty() || !fits {
            return Err(tile_error(format!(
                "a tile of {} runs from start {first} does not follow start {} of this set",
                tile.len(),
                self.summaries.len() / racers
            )));
        }
        for s in tile {
            self.push_summary(s);
        }
        self.finished = self.summaries.len();
        Ok(self.summaries.len() / racers)
    }
}

fn tile_error(message: String) -> ConfigError {
    ConfigError::Invalid {
        field: "run tile",
        message,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::objective::notebook_2d;
    use crate::optim::OptimSpec;
    use crate::run::RunConfig;

    fn set(starts: usize, steps: usize) -> RunSet {
        let spec = |name: &str, lr: f64| {
            OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap()
        };
        let points = (0..starts)
            .map(|i| vec![(i as f64 * 0.37).sin() * 2.5, (i as f64 * 0.61).cos() * 2.5])
            .collect();
        let mut template = RunConfig::new(vec![0.0, 0.0], steps);
        template.grad_tol = 1e-6;
        RunSet::new(
            Rc::new(notebook_2d()),
            -8.0,
            vec![spec("gd", 0.02), spec("adam", 0.05), spec("momentum", 0.01)],
            template,
            points,
            ["n2", "steps2"],
        )
        .unwrap()
    }

    #[test]
    fn tiles_in_any_order_give_the_summaries_of_one_piece() {
        let mut whole = set(300, 400);
        assert!(!whole.keeps_history());
        whole.finish();
        let worker = set(300, 400);
        let mut tiles: Vec<(usize, Vec<RunSummary>)> = [(0, 70), (70, 71), (71, 200), (200, 300)]
            .iter()
            .map(|&(a, b)| (a, worker.compute_tile(a, b).unwrap()))
            .collect();
        tiles.reverse();
        let mut merged = set(300, 400);
        assert!(
            merged.ingest(200, tiles[0].1.clone()).is_err(),
            "out of turn"
        );
        let mut done = 0;
        while done < 300 {
            let k = tiles.iter().position(|t| t.0 == done).unwrap();
            let (first, tile) = tiles.remove(k);
            done = merged.ingest(first, tile).unwrap();
        }
        assert!(merged.is_done());
        assert_eq!(merged.summaries(), whole.summaries());
        assert_eq!(merged.f_min().to_bits(), whole.f_min().to_bits());
        assert_eq!(merged.best(), whole.best());
    }

    #[test]
    fn the_page_thread_goes_on_after_the_tiles_that_came() {
        let mut whole = set(150, 300);
        whole.finish();
        let worker = set(150, 300);
        let mut merged = set(150, 300);
        merged
            .ingest(0, worker.compute_tile(0, 40).unwrap())
            .unwrap();
        assert!(merged.progress() > 0.25 && merged.progress() < 0.3);
        // A worker failed: the set steps the remaining starts itself, and takes no more tiles.
        merged.advance(10);
        let late = worker.compute_tile(40, 60).unwrap();
        assert!(merged.ingest(40, late).is_err(), "stepping has begun");
        merged.finish();
        assert_eq!(merged.summaries(), whole.summaries());
        assert_eq!(merged.f_min().to_bits(), whole.f_min().to_bits());
    }

    #[test]
    fn sets_that_keep_histories_are_not_tiled() {
        let small = set(3, 50);
        assert!(small.keeps_history());
        assert!(small.compute_tile(0, 3).is_err());
    }
}

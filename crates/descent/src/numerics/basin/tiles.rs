//! A basin map computed in tiles of rows, on other threads: each tile's starts run apart
//! (their lanes do not depend on one another), and the map labels the tiles' end points
//! in row order, so the labels and minima equal a map computed in one piece.

use super::{BasinMap, Status};
use crate::error::ConfigError;

/// The end points and statuses of the starts of rows `first..first + rows`, in cell order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    /// The first row.
    pub first: usize,
    /// Each start's end point (x, y pairs).
    pub ends: Vec<f64>,
    /// Each start's status.
    pub statuses: Vec<Status>,
}

impl Tile {
    /// The number of rows it holds.
    pub fn rows(&self, nx: usize) -> usize {
        self.statuses.len() / nx.max(1)
    }
}

impl BasinMap {
    /// Runs the starts of rows `first..stop` (clamped to the grid) to their ends, without
    /// labelling them: the work of a tile, which [`BasinMap::ingest`] of a map with the same
    /// settings labels.
    pub fn compute_tile(&self, first: usize, stop: usize) -> Result<Tile, ConfigError> {
        let stop = stop.min(self.settings.ny);
        let first = first.min(stop);
        let mut lanes = self.row_lanes(first, stop)?;
        lanes.finish();
        Ok(Tile {
            first,
            ends: lanes.ends().to_vec(),
            statuses: lanes.statuses().to_vec(),
        })
    }

    /// Labels a tile computed elsewhere; it must start at the next row to label (tiles
    /// arrive in any order, and are ingested in row order). Returns the rows done.
    pub fn ingest(&mut self, tile: &Tile) -> Result<usize, ConfigError> {
        let nx = self.settings.nx;
        let rows = tile.rows(nx);
        let fits = tile.statuses.len() == rows * nx
            && tile.ends.len() == 2 * tile.statuses.len()
            && tile.first + rows <= self.settings.ny;
        if self.row.is_some() || tile.first != self.next_row || !fits {
            return Err(ConfigError::Invalid {
                field: "basin tile",
                message: format!(
                    "rows {}..{} do not follow row {} of a {nx}-column map",
                    tile.first,
                    tile.first + rows,
                    self.next_row
                ),
            });
        }
        if !self.cancelled {
            self.label_ends(tile.first, &tile.ends, &tile.statuses);
            self.next_row += rows;
        }
        Ok(self.next_row)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use super::super::BasinSettings;
    use super::*;
    use crate::field::ViewBox;
    use crate::objective::notebook_2d;
    use crate::optim::OptimSpec;
    use crate::run::RunConfig;

    fn map(name: &str, lr: f64) -> BasinMap {
        let settings = BasinSettings {
            optimizer: OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap(),
            template: RunConfig::new(vec![0.0, 0.0], 400),
            view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
            nx: 24,
            ny: 24,
            grad_tol: 1e-6,
            tol: 1e-2,
        };
        BasinMap::new(Rc::new(notebook_2d()), settings).unwrap()
    }

    #[test]
    fn tiles_computed_out_of_order_label_the_map_bit_for_bit() {
        for (name, lr) in [("gd", 0.02), ("adam", 0.05), ("momentum", 0.2)] {
            let mut whole = map(name, lr);
            whole.finish();
            // Tiles of 1 to 5 rows, computed last first, as workers might return them.
            let worker = map(name, lr);
            let mut tiles = Vec::new();
            let (mut first, mut size) = (0, 1);
            while first < 24 {
                tiles.push(worker.compute_tile(first, first + size).unwrap());
                first += size;
                size = size % 5 + 1;
            }
            tiles.reverse();
            let mut merged = map(name, lr);
            while !merged.is_done() {
                let next = tiles.iter().position(|t| t.first == merged.progress_rows());
                let tile = tiles.remove(next.expect("the next tile"));
                merged.ingest(&tile).unwrap();
            }
            assert_eq!(merged.labels(), whole.labels(), "{name}");
            let bits = |m: &BasinMap| m.ends().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&merged), bits(&whole), "{name}");
            assert_eq!(merged.minima(), whole.minima(), "{name}");
            assert!(whole.minima().len() >= 2, "{name}");
        }
    }

    #[test]
    fn a_tile_out_of_turn_is_refused_and_changes_nothing() {
        let worker = map("gd", 0.02);
        let mut m = map("gd", 0.02);
        let second = worker.compute_tile(2, 4).unwrap();
        assert!(m.ingest(&second).is_err());
        assert_eq!(m.progress_rows(), 0);
        let mut cut = worker.compute_tile(0, 2).unwrap();
        cut.ends.pop();
        assert!(m.ingest(&cut).is_err());
        let past = worker.compute_tile(20, 99).unwrap();
        assert_eq!(past.rows(24), 4);
        assert!(m.labels().iter().all(|&l| l == super::super::PENDING));
    }
}

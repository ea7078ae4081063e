//! The basin-map handle: computed a few rows per animation frame, with progress and cancel.

use descent::Status;
use descent::basin::{BasinMap, Tile};
use descent::lesson2d::basin_settings;
use wasm_bindgen::prelude::*;

use super::{err, field::objective, view};
use crate::summaries::RunStatus;

/// A basin-of-attraction map in progress, exported to JavaScript.
#[wasm_bindgen]
pub struct Basin2D {
    map: BasinMap,
}

#[wasm_bindgen]
impl Basin2D {
    /// Every centre of an `nx` × `ny` grid over the box is a start, run with the lesson's
    /// optimizer and settings (`config` as for `Runs2D`). A run converges when ‖∇f‖ falls
    /// below `gradTol` (1e-6 if unset); ends within 1% of the box size are one minimum.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(constructor)]
    pub fn new(
        function: &str,
        config: JsValue,
        x_min: f64,
        x_max: f64,
        y_min: f64,
        y_max: f64,
        nx: u32,
        ny: u32,
    ) -> Result<Basin2D, JsValue> {
        let config = crate::configs::config_2d(config)?;
        let v = view(x_min, x_max, y_min, y_max)?;
        let settings = basin_settings(&config, v, nx as usize, ny as usize).map_err(err)?;
        Ok(Basin2D {
            map: BasinMap::new(objective(function)?, settings).map_err(err)?,
        })
    }

    /// Computes up to `rows` more rows; returns the rows done.
    pub fn advance(&mut self, rows: u32) -> u32 {
        self.map.advance(rows as usize) as u32
    }

    /// Computes about `iterations` lockstep descent steps of the current row (see
    /// [`BasinMap::advance_steps`]); returns the number of rows done.
    #[wasm_bindgen(js_name = advanceSteps)]
    pub fn advance_steps(&mut self, iterations: u32) -> u32 {
        self.map.advance_steps(iterations as usize) as u32
    }

    /// Runs the starts of rows `first..stop` to their ends without labelling them (a
    /// worker's tile): x, y and the status code ([`RunStatus`]) of each start, in cell order.
    #[wasm_bindgen(js_name = computeTile)]
    pub fn compute_tile(&self, first: u32, stop: u32) -> Result<Vec<f64>, JsValue> {
        let tile = self
            .map
            .compute_tile(first as usize, stop as usize)
            .map_err(err)?;
        Ok(tile
            .ends
            .chunks_exact(2)
            .zip(&tile.statuses)
            .flat_map(|(p, &s)| [p[0], p[1], RunStatus::from(s) as u8 as f64])
            .collect())
    }

    /// Labels a tile that [`Basin2D::compute_tile`] gave from row `first` (tiles are
    /// ingested in row order); returns the rows done.
    #[wasm_bindgen(js_name = ingestTile)]
    pub fn ingest_tile(&mut self, first: u32, data: &[f64]) -> Result<u32, JsValue> {
        let code = |c: f64| match c as u8 {
            0 => Status::Running,
            1 => Status::MaxSteps,
            2 => Status::Converged,
            _ => Status::Diverged,
        };
        let tile = Tile {
            first: first as usize,
            ends: data.chunks_exact(3).flat_map(|t| [t[0], t[1]]).collect(),
            statuses: data.chunks_exact(3).map(|t| code(t[2])).collect(),
        };
        self.map.ingest(&tile).map(|r| r as u32).map_err(err)
    }

    /// Fraction done in [0, 1].
    pub fn progress(&self) -> f64 {
        self.map.progress()
    }

    /// Whether every row is done (or the map was cancelled).
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.map.is_done()
    }

    /// Stops the computation.
    pub fn cancel(&mut self) {
        self.map.cancel();
    }

    /// Whether it was cancelled.
    #[wasm_bindgen(js_name = isCancelled)]
    pub fn is_cancelled(&self) -> bool {
        self.map.is_cancelled()
    }

    /// Columns.
    pub fn nx(&self) -> u32 {
        self.map.settings().nx as u32
    }

    /// Rows.
    pub fn ny(&self) -> u32 {
        self.map.settings().ny as u32
    }

    /// The labels' colours (RGBA, row 0 on top, pending cells transparent).
    pub fn rgba(&self) -> Vec<u8> {
        self.map.rgba()
    }

    /// Every cell's label: minimum index, −1 diverged, −2 unconverged, −3 pending, −4 saddle.
    pub fn labels(&self) -> Vec<i32> {
        self.map.labels().to_vec()
    }

    /// The minima found: x, y, f, count for each, flat.
    pub fn minima(&self) -> Vec<f64> {
        self.map
            .minima()
            .iter()
            .flat_map(|m| [m.point[0], m.point[1], m.value, m.count as f64])
            .collect()
    }
}

//! Run summaries as the flat numbers a worker's tile carries: for each run its start and
//! end (`dim` numbers each), f(x₀), f at the end, the lowest f, steps, the status code
//! ([`RunStatus`]) and its racer.

use descent::Status;
use descent::runset::{RunSet, RunSummary};
use wasm_bindgen::prelude::*;

use crate::convert::js_error;
use crate::summaries::RunStatus;

/// Numbers one summary of dimension `dim` takes.
fn stride(dim: usize) -> usize {
    2 * dim + 6
}

fn status_of(code: f64) -> Status {
    match code as u8 {
        0 => Status::Running,
        1 => Status::MaxSteps,
        2 => Status::Converged,
        _ => Status::Diverged,
    }
}

/// The summaries of starts `first..stop` of `set` (a worker's tile), flat.
pub fn compute(set: &RunSet, dim: usize, first: u32, stop: u32) -> Result<Vec<f64>, JsValue> {
    let tile = set
        .compute_tile(first as usize, stop as usize)
        .map_err(js_error)?;
    let mut out = Vec::with_capacity(tile.len() * stride(dim));
    for s in &tile {
        out.extend_from_slice(&s.start);
        out.extend_from_slice(&s.end);
        let status = RunStatus::from(s.status) as u8 as f64;
        out.extend([
            s.start_value,
            s.end_value,
            s.lowest,
            s.steps as f64,
            status,
            s.racer as f64,
        ]);
    }
    Ok(out)
}

/// Gives `set` the tile `data` that [`compute`] made from start `first`; returns the starts
/// summarised.
pub fn ingest(set: &mut RunSet, dim: usize, first: u32, data: &[f64]) -> Result<u32, JsValue> {
    let tile = data
        .chunks_exact(stride(dim))
        .map(|c| RunSummary {
            start: c[..dim].to_vec(),
            end: c[dim..2 * dim].to_vec(),
            start_value: c[2 * dim],
            end_value: c[2 * dim + 1],
            lowest: c[2 * dim + 2],
            steps: c[2 * dim + 3] as usize,
            status: status_of(c[2 * dim + 4]),
            racer: c[2 * dim + 5] as usize,
        })
        .collect();
    set.ingest(first as usize, tile)
        .map(|n| n as u32)
        .map_err(js_error)
}

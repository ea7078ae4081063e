//! Run outcomes as typed records for JavaScript: the run-status enum, and a run set's
//! summaries with one named column per field.

use descent::Status;
use descent::runset::RunSummary;
use wasm_bindgen::prelude::*;

/// Where a run stands (the core's [`Status`]), as a number JavaScript compares with
/// `RunStatus.Converged` and so on; [`status_name`] gives its stable name.
#[wasm_bindgen]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// More steps may be taken.
    Running = 0,
    /// The step budget is spent.
    MaxSteps = 1,
    /// The gradient norm fell below the tolerance.
    Converged = 2,
    /// The iterate, value or gradient became non-finite, or the iterate left the bound.
    Diverged = 3,
}

impl From<Status> for RunStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Running => RunStatus::Running,
            Status::MaxSteps => RunStatus::MaxSteps,
            Status::Converged => RunStatus::Converged,
            Status::Diverged => RunStatus::Diverged,
        }
    }
}

impl From<RunStatus> for Status {
    fn from(s: RunStatus) -> Self {
        match s {
            RunStatus::Running => Status::Running,
            RunStatus::MaxSteps => Status::MaxSteps,
            RunStatus::Converged => Status::Converged,
            RunStatus::Diverged => Status::Diverged,
        }
    }
}

/// The stable name of a status, as links, exports and embed events write it: `running`,
/// `max-steps`, `converged`, `diverged`.
#[wasm_bindgen(js_name = statusName)]
pub fn status_name(status: RunStatus) -> String {
    Status::from(status).as_str().into()
}

/// The summaries of a run set's finished runs, in run order, one column per field (each
/// getter returns a copy). Coordinates beyond the second are not included.
#[wasm_bindgen(getter_with_clone)]
pub struct Summaries {
    /// x₀ of every run.
    #[wasm_bindgen(js_name = startX)]
    pub start_x: Vec<f64>,
    /// y₀ of every run (empty in 1-D).
    #[wasm_bindgen(js_name = startY)]
    pub start_y: Vec<f64>,
    /// The last x of every run.
    #[wasm_bindgen(js_name = endX)]
    pub end_x: Vec<f64>,
    /// The last y of every run (empty in 1-D).
    #[wasm_bindgen(js_name = endY)]
    pub end_y: Vec<f64>,
    /// f at the last iterate.
    #[wasm_bindgen(js_name = endValue)]
    pub end_value: Vec<f64>,
    /// Steps taken.
    pub steps: Vec<u32>,
    /// Why each run stopped, as [`RunStatus`] numbers.
    pub status: Vec<u8>,
}

impl Summaries {
    /// The columns of `runs`.
    pub fn of(runs: &[RunSummary]) -> Self {
        let coord = |pick: fn(&RunSummary) -> &[f64], c: usize| -> Vec<f64> {
            runs.iter()
                .filter_map(|s| pick(s).get(c).copied())
                .collect()
        };
        Summaries {
            start_x: coord(|s| &s.start, 0),
            start_y: coord(|s| &s.start, 1),
            end_x: coord(|s| &s.end, 0),
            end_y: coord(|s| &s.end, 1),
            end_value: runs.iter().map(|s| s.end_value).collect(),
            steps: runs.iter().map(|s| s.steps as u32).collect(),
            status: runs
                .iter()
                .map(|s| RunStatus::from(s.status) as u8)
                .collect(),
        }
    }
}

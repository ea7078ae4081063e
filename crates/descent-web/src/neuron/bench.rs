//! The in-browser benchmark: the notebook's AND run to its stop rule, timed with
//! `performance.now()`.

use descent::neuron::presets;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Runs per timed batch: browsers coarsen `performance.now()` (to 100 µs without
/// cross-origin isolation), so runs are timed in batches and divided.
const BATCH: u32 = 20;

/// What [`bench_neuron`] measured.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct BenchResult {
    /// Median over batches of the mean time of one run to the stop rule, in ms.
    median_ms: f64,
    /// The fastest batch's mean time of one run, in ms (least disturbed by other work).
    best_ms: f64,
    /// Runs timed (after as many warm-up runs).
    runs: u32,
    /// Epochs each run took.
    epochs: usize,
    /// Whether every run ended at the stop rule.
    converged: bool,
}

/// Trains the notebook preset (In[25]'s weights, AND, lr 0.5) to its stop rule: `runs`
/// warm-up runs (so that the engine has tiered the code up), then `runs` timed runs in
/// batches of 20 (default 200 runs, 20 to 2000). Returns `{medianMs, bestMs, runs,
/// epochs, converged}`.
#[wasm_bindgen(js_name = benchNeuron)]
pub fn bench_neuron(runs: Option<u32>) -> JsValue {
    let batches = (runs.unwrap_or(200) / BATCH).clamp(1, 100);
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map_or(0.0, web_sys::Performance::now);
    let mut converged = true;
    let mut epochs = 0;
    let mut run_batch = || {
        for _ in 0..BATCH {
            let mut t = presets::notebook_trainer();
            converged &= t.train() == descent::Status::Converged;
            epochs = t.epoch();
        }
    };
    for _ in 0..batches {
        run_batch();
    }
    let mut means: Vec<f64> = (0..batches)
        .map(|_| {
            let start = now();
            run_batch();
            (now() - start) / f64::from(BATCH)
        })
        .collect();
    means.sort_by(f64::total_cmp);
    serde_wasm_bindgen::to_value(&BenchResult {
        median_ms: means[means.len() / 2],
        best_ms: means[0],
        runs: batches * BATCH,
        epochs,
        converged,
    })
    .unwrap_or(JsValue::NULL)
}

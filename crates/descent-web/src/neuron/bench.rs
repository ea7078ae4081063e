//! The in-browser benchmark: the notebook's AND run to its stop rule, timed with
//! `performance.now()`.

use crate::configs::Out;
use descent::neuron::presets;
use wasm_bindgen::prelude::*;

/// Runs per timed batch: browsers coarsen `performance.now()` (to 100 µs without
/// cross-origin isolation), so runs are timed in batches and divided.
const BATCH: u32 = 20;

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
    Out::new()
        .set("medianMs", means[means.len() / 2])
        .set("bestMs", means[0])
        .set("runs", batches * BATCH)
        .set("epochs", epochs as f64)
        .set("converged", converged)
        .done()
}

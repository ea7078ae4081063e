//! The in-browser benchmark: the notebook's AND run to its stop rule, timed with
//! `performance.now()`.

use descent::neuron::presets;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What [`bench_neuron`] measured.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct BenchResult {
    /// Mean time of one run to the stop rule, in milliseconds.
    mean_ms: f64,
    /// Runs timed.
    runs: u32,
    /// Epochs each run took.
    epochs: usize,
    /// Whether every run ended at the stop rule.
    converged: bool,
}

fn now_ms(perf: Option<&web_sys::Performance>) -> f64 {
    perf.map_or(0.0, web_sys::Performance::now)
}

/// Trains the notebook preset (In[25]'s weights, AND, lr 0.5) to its stop rule `runs`
/// times (default 200, at most 1000, after one warm-up run) and returns `{meanMs, runs,
/// epochs, converged}`. The runs are timed together because browsers coarsen
/// `performance.now()`.
#[wasm_bindgen(js_name = benchNeuron)]
pub fn bench_neuron(runs: Option<u32>) -> JsValue {
    let runs = runs.unwrap_or(200).clamp(1, 1000);
    let perf = web_sys::window().and_then(|w| w.performance());
    let mut warm = presets::notebook_trainer();
    warm.train();
    let mut converged = true;
    let mut epochs = 0;
    let start = now_ms(perf.as_ref());
    for _ in 0..runs {
        let mut t = presets::notebook_trainer();
        converged &= t.train() == descent::Status::Converged;
        epochs = t.epoch();
    }
    let elapsed = now_ms(perf.as_ref()) - start;
    serde_wasm_bindgen::to_value(&BenchResult {
        mean_ms: elapsed / f64::from(runs),
        runs,
        epochs,
        converged,
    })
    .unwrap_or(JsValue::NULL)
}

//! Bindings tests of the benchmark's in-browser workloads, in headless Chromium.
#![cfg(feature = "bench")]
#![cfg(target_arch = "wasm32")]

use descent_web::{bench_expr, bench_neuron, bench_workload};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, k: &str) -> f64 {
    js_sys::Reflect::get(o, &k.into())
        .unwrap()
        .as_f64()
        .unwrap()
}

#[wasm_bindgen_test]
fn workloads_report_time_units_and_the_native_checksum() {
    // The notebook's AND stops after the same number of epochs as natively.
    let native = descent::workloads::run("neuron_and").unwrap();
    let r = bench_workload("neuron_and", 0.0);
    assert_eq!(get(&r, "checksum"), native.checksum);
    assert!(get(&r, "reps") >= 1.0 && get(&r, "units") == get(&r, "reps"));
    assert!(get(&r, "ms") >= 0.0);
    // The compiled typed function gives the closed form's sums.
    let jit = bench_workload("typed_jit", 0.0);
    let closed = bench_workload("typed_closed", 0.0);
    let (a, b) = (get(&jit, "checksum"), get(&closed, "checksum"));
    assert!((a - b).abs() <= 1e-9 * b.abs(), "{a} vs {b}");
    assert!(bench_workload("no such workload", 0.0).is_null());
}

#[wasm_bindgen_test]
fn bench_expr_reports_figures() {
    let r = bench_expr();
    assert!(get(&r, "typedNs") > 0.0 && get(&r, "closedNs") > 0.0);
    assert_eq!(get(&r, "instructions"), 4.0);
}

#[wasm_bindgen_test]
fn bench_runs_the_preset_to_its_stop_rule() {
    let r = bench_neuron(Some(40));
    assert_eq!(
        js_sys::Reflect::get(&r, &"converged".into())
            .unwrap()
            .as_bool(),
        Some(true)
    );
    assert_eq!(get(&r, "epochs"), 2561.0);
    let ms = get(&r, "medianMs");
    assert!(get(&r, "bestMs") <= ms);
    web_sys::console::log_1(&format!("benchNeuron: {ms:.3} ms per run to the stop rule").into());
    assert!(ms.is_finite() && ms >= 0.0);
}

//! The benchmark's workloads timed in the browser with `performance.now()`: the same
//! Rust code as the native bench (`descent::workloads`), plus the typed function compiled
//! to WebAssembly at run time, which exists only here.

use std::rc::Rc;

use descent::workloads;
use wasm_bindgen::prelude::*;

/// One workload by name: the core's, or `typed_jit` / `basin_typed_jit` (the typed
/// function through its run-time compiled module).
fn run(name: &str) -> Option<workloads::Outcome> {
    match name {
        "typed_jit" => {
            let jit = crate::jit::JitObjective::new(&workloads::typed_notebook()?)?;
            Some(workloads::typed(&mut |p, g| jit.value_and_gradient(p, g)))
        }
        "basin_typed_jit" => {
            let f = crate::jit::typed_objective(workloads::typed_notebook()?);
            Some(workloads::basin(Rc::clone(&f), "gd", 0.01))
        }
        _ => workloads::run(name),
    }
}

/// Runs workload `name` repeatedly until `min_ms` milliseconds have passed (at least
/// once) and returns `{ms, units, reps, checksum}`, or `null` for an unknown name. The
/// runner (`tests/bench/run.mjs`) calls it once per round, interleaved with the
/// hand-written JavaScript, the native binary and the notebook's Python.
#[wasm_bindgen(js_name = benchWorkload)]
pub fn bench_workload(name: &str, min_ms: f64) -> JsValue {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return JsValue::NULL;
    };
    let t0 = perf.now();
    let (mut units, mut checksum, mut reps) = (0.0, 0.0, 0u32);
    while reps == 0 || perf.now() - t0 < min_ms {
        let Some(out) = run(name) else {
            return JsValue::NULL;
        };
        units += out.units;
        checksum = out.checksum;
        reps += 1;
    }
    let ms = perf.now() - t0;
    let out = js_sys::Object::new();
    for (k, v) in [
        ("ms", ms),
        ("units", units),
        ("reps", f64::from(reps)),
        ("checksum", checksum),
    ] {
        let _ = js_sys::Reflect::set(&out, &k.into(), &v.into());
    }
    out.into()
}

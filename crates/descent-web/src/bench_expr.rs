//! The in-browser benchmark of typed functions: interpreter, run-time compiled
//! WebAssembly, and the hand-written closed form, on the notebook's f(x, y).

use wasm_bindgen::prelude::*;

/// The hand-written closed form of x⁴ + y⁴ − 2(x − y)² with its gradient.
fn closed_form(p: &[f64], g: &mut [f64]) -> f64 {
    let (x, y) = (p[0], p[1]);
    let d = x - y;
    g[0] = 4.0 * x * x * x - 4.0 * d;
    g[1] = 4.0 * y * y * y + 4.0 * d;
    x * x * x * x + y * y * y * y - 2.0 * d * d
}

/// A way to compute f(p) and write ∇f(p) into the slice.
type Eval<'a> = &'a mut dyn FnMut(&[f64], &mut [f64]) -> f64;

/// Best-of-rounds nanoseconds per call of each of `fs`, timed with `performance.now()`,
/// and a checksum. The rounds take turns (one of each function, twelve times), so that
/// the machine's load and the engine's tiering affect them alike; each lasts at least
/// 4 ms, far above the browser's coarsened clock (0.1 ms).
fn time_ns(perf: &web_sys::Performance, points: &[[f64; 2]], fs: &mut [Eval]) -> (Vec<f64>, f64) {
    let mut best = vec![f64::INFINITY; fs.len()];
    let mut acc = 0.0;
    let mut g = [0.0; 2];
    for _ in 0..12 {
        for (f, best) in fs.iter_mut().zip(best.iter_mut()) {
            let t0 = perf.now();
            let mut calls = 0usize;
            let mut elapsed = 0.0;
            while elapsed < 4.0 {
                for p in points {
                    acc += f(std::hint::black_box(p), &mut g) + g[0] + g[1];
                }
                calls += points.len();
                elapsed = perf.now() - t0;
            }
            *best = best.min(elapsed * 1e6 / calls as f64);
        }
    }
    (best, acc)
}

/// In-browser (wasm) cost of value + gradient of the typed `x^4 + y^4 - 2(x-y)^2`
/// against the hand-written closed form: `{typedNs, closedNs, ratio, instructions}` for
/// the interpreter, and `{jitNs, jitRatio, jitJsNs, jitCall2Ns}` for the tape compiled to
/// WebAssembly (called wasm to wasm through the trampoline, through a typed JavaScript
/// function, and through `Function::call2`).
#[wasm_bindgen(js_name = benchExpr)]
pub fn bench_expr() -> JsValue {
    let out = js_sys::Object::new();
    let set = |k: &str, v: f64| {
        let _ = js_sys::Reflect::set(&out, &k.into(), &v.into());
    };
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return out.into();
    };
    let Ok(typed) = descent::expr::compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"]) else {
        return out.into();
    };
    let points: Vec<[f64; 2]> = (0..256)
        .map(|i| {
            let t = i as f64 / 256.0;
            [-3.0 + 6.0 * t, 3.0 - 5.0 * (t * 7.0).fract()]
        })
        .collect();
    set("instructions", typed.tape().len() as f64);
    let mut closed = closed_form;
    let mut interpreted = |p: &[f64], g: &mut [f64]| typed.value_and_gradient(p, g);
    let (ns, checksum) = match crate::jit::JitObjective::new(&typed) {
        Some(jit) => time_ns(
            &perf,
            &points,
            &mut [
                &mut closed,
                &mut interpreted,
                &mut |p, g| jit.value_and_gradient(p, g),
                &mut |p, g| jit.value_and_gradient_js(p, g),
                &mut |p, g| jit.value_and_gradient_boxed(p, g),
            ],
        ),
        None => time_ns(&perf, &points, &mut [&mut closed, &mut interpreted]),
    };
    set("closedNs", ns[0]);
    set("typedNs", ns[1]);
    set("ratio", ns[1] / ns[0]);
    if let [_, _, jit, js, boxed] = ns[..] {
        set("jitNs", jit);
        set("jitRatio", jit / ns[0]);
        set("jitJsNs", js);
        set("jitCall2Ns", boxed);
    }
    // The sum is returned so that no loop can be optimised away.
    set("checksum", checksum);
    out.into()
}

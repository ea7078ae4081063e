//! The interpreter fallback when the start-up probe of run-time compiled functions fails, in
//! headless Chromium: the table is broken the way some WebKit releases break it (a function
//! put in a slot reads back but `call_indirect` finds a null entry), before anything is
//! compiled, so the one-time probe traps and every typed function is interpreted, silently.
#![cfg(target_arch = "wasm32")]

use descent::expr::compile;
use descent_web::{Descent1D, JitObjective, typed_objective};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod broken_table;
use broken_table::break_funcref_tables;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_failed_probe_leaves_every_function_interpreted_with_the_same_numbers() {
    break_funcref_tables(true);
    let f = compile("(x-1)**2 + x*y", &["x", "y"]).unwrap();
    assert!(
        JitObjective::new(&f).is_none(),
        "the probe failed: nothing compiles"
    );
    let obj = typed_objective(f.clone());
    let (mut g, mut want) = ([0.0; 2], [0.0; 2]);
    obj.gradient(&[2.0, 3.0], &mut g);
    let v = f.value_and_gradient(&[2.0, 3.0], &mut want);
    assert_eq!(obj.value(&[2.0, 3.0]), v);
    assert_eq!(v, 7.0);
    assert_eq!(g, want);
}

#[wasm_bindgen_test]
fn the_1d_lesson_loads_and_steps_on_its_default_function_after_a_failed_probe() {
    break_funcref_tables(true);
    let config = js_sys::Object::new();
    for (k, v) in [
        ("x0", JsValue::from(3.0)),
        ("gamma", 0.01.into()),
        ("h", 1e-3.into()),
        ("steps", 100.0.into()),
        ("mode", "central".into()),
        ("f", "(x-1)**2".into()),
    ] {
        js_sys::Reflect::set(&config, &k.into(), &v).unwrap();
    }
    let mut lesson = Descent1D::new(config.into()).expect("the lesson builds, interpreted");
    lesson.step_n(5);
    let xs = lesson.xs().to_vec();
    assert_eq!(xs.len(), 6);
    // x_{k+1} = 1 + (x_k - 1)(1 - 2γ): the central difference is exact on a parabola.
    let want = 1.0 + 2.0 * 0.98f64.powi(5);
    assert!((xs[5] - want).abs() < 1e-9, "x_5 = {} vs {want}", xs[5]);
}

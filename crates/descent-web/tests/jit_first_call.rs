//! The interpreter fallback when a run-time compiled function's first call fails, in
//! headless Chromium: the start-up probe passes, then the table is broken (functions put in
//! a slot are dropped, so `call_indirect` traps on a null entry); the checked first call of
//! a newly compiled function catches the trap and the function stays interpreted.
#![cfg(target_arch = "wasm32")]

use descent::expr::compile;
use descent_web::{JitObjective, typed_objective};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Drops functions put into any wasm table (emptying a slot still works) while `broken`.
fn table_set_broken(broken: bool) {
    js_sys::eval(if broken {
        "(() => { const t = WebAssembly.Table.prototype; t.realSet = t.set; \
         t.set = function (i, f) { if (f == null) t.realSet.call(this, i, f); }; })()"
    } else {
        "(() => { const t = WebAssembly.Table.prototype; t.set = t.realSet; })()"
    })
    .unwrap();
}

#[wasm_bindgen_test]
fn a_trap_on_the_first_call_falls_back_to_the_interpreter() {
    let f = compile("x^4 - 3x^2 + x*y", &["x", "y"]).unwrap();
    assert!(
        JitObjective::new(&f).is_some(),
        "the probe passed: it compiles"
    );
    table_set_broken(true);
    let compiled = JitObjective::new(&f);
    table_set_broken(false);
    assert!(
        compiled.is_none(),
        "the first call trapped: no compiled function"
    );
    table_set_broken(true);
    let obj = typed_objective(f.clone());
    table_set_broken(false);
    let (mut g, mut want) = ([0.0; 2], [0.0; 2]);
    obj.gradient(&[1.5, -2.0], &mut g);
    let v = f.value_and_gradient(&[1.5, -2.0], &mut want);
    assert_eq!(obj.value(&[1.5, -2.0]), v);
    assert_eq!(g, want);
    assert!(
        JitObjective::new(&f).is_some(),
        "the table works again: it compiles"
    );
}

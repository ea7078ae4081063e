//! The interpreter fallback when a run-time compiled function's first call fails, in
//! headless Chromium: the start-up probe passes, then the table is broken (functions put in
//! a slot are dropped, so `call_indirect` traps on a null entry); the checked first call of
//! a newly compiled function catches the trap and the function stays interpreted.
#![cfg(target_arch = "wasm32")]

use descent::expr::compile;
use descent_web::{JitObjective, typed_objective};
use wasm_bindgen_test::*;

mod broken_table;
use broken_table::break_funcref_tables;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_trap_on_the_first_call_falls_back_to_the_interpreter() {
    let f = compile("x^4 - 3x^2 + x*y", &["x", "y"]).unwrap();
    assert!(
        JitObjective::new(&f).is_some(),
        "the probe passed: it compiles"
    );
    break_funcref_tables(true);
    let compiled = JitObjective::new(&f);
    break_funcref_tables(false);
    assert!(
        compiled.is_none(),
        "the first call trapped: no compiled function"
    );
    break_funcref_tables(true);
    let obj = typed_objective(f.clone());
    break_funcref_tables(false);
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

//! Bindings tests in headless Chromium: typed functions, the catalogue and the derivative lab.
#![cfg(target_arch = "wasm32")]

use descent_web::{
    Descent1D, DiffLab, RunStatus, TypedFunction, catalogue_formula, catalogue_list,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &k.into()).unwrap()
}

fn config(f: &str, mode: &str) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in [
        ("x0", JsValue::from(3.0)),
        ("gamma", 0.01.into()),
        ("h", 1e-3.into()),
        ("steps", 50.0.into()),
        ("mode", mode.into()),
        ("f", f.into()),
    ] {
        js_sys::Reflect::set(&o, &k.into(), &v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn a_typed_function_compiles_with_exact_gradient_and_mathml() {
    let f = TypedFunction::new("x**4 + y**4 - 2*(x-y)**2", 2).unwrap();
    assert_eq!(f.dim(), 2);
    assert_eq!(f.text(), "x^4 + y^4 - 2*(x - y)^2");
    assert!(f.mathml().starts_with("<math"));
    assert_eq!(f.value(&[1.0, 2.0]), 15.0);
    assert_eq!(f.gradient(&[1.0, 2.0]).to_vec(), vec![8.0, 28.0]);
    assert_eq!(f.instruction_count(), 4);
}

#[wasm_bindgen_test]
fn a_bad_function_throws_message_and_column() {
    let err = TypedFunction::new("x^^2", 1).err().unwrap();
    let e: js_sys::Error = err.clone().dyn_into().unwrap();
    assert_eq!(String::from(e.message()), "unexpected '^' at column 3");
    assert_eq!(get(&err, "column").as_f64(), Some(3.0));
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("f"));
    let err = TypedFunction::new("x + z", 2).err().unwrap();
    let e: js_sys::Error = err.dyn_into().unwrap();
    assert_eq!(
        String::from(e.message()),
        "unknown name 'z': the variables are x and y"
    );
}

#[wasm_bindgen_test]
fn the_1d_lesson_runs_a_typed_function_in_every_mode() {
    for mode in ["exact", "central", "forward"] {
        let mut run = Descent1D::new(config("x^2/2 + 1", mode)).unwrap();
        run.finish();
        // x_k = 3·0.99^k for the exact and central derivative of x²/2.
        let x50 = run.xs().get_index(50);
        let tol = if mode == "forward" { 1e-3 } else { 1e-12 };
        assert!((x50 - 3.0 * 0.99f64.powi(50)).abs() < tol, "{mode}: {x50}");
    }
    let err = Descent1D::new(config("sqrt()", "exact")).err().unwrap();
    assert_eq!(get(&err, "column").as_f64(), Some(1.0));
    let e: js_sys::Error = err.dyn_into().unwrap();
    assert_eq!(String::from(e.message()), "sqrt needs one argument");
    // The exact derivative is plotted in exact mode.
    let run = Descent1D::new(config("x^3", "exact")).unwrap();
    let s = run.sample_curve(0.0, 2.0, 3).to_vec();
    assert_eq!(&s[6..], &[0.0, 3.0, 12.0]);
}

#[wasm_bindgen_test]
fn the_catalogue_lists_entries_with_minima() {
    let all = js_sys::Array::from(&catalogue_list(0));
    let two = js_sys::Array::from(&catalogue_list(2));
    assert!(all.length() > two.length() && two.length() >= 13);
    let himmelblau = two
        .iter()
        .find(|e| get(e, "id").as_string().as_deref() == Some("himmelblau"))
        .unwrap();
    let points = js_sys::Array::from(&get(&himmelblau, "points"));
    assert_eq!(points.length(), 4);
    let formula = get(&himmelblau, "formula").as_string().unwrap();
    let typed = TypedFunction::new(&formula, 2).unwrap();
    assert_eq!(typed.value(&[3.0, 2.0]), 0.0);
    assert_eq!(
        catalogue_formula("bowl", 100.0).unwrap(),
        "(x^2 + 100*y^2)/2"
    );
    assert!(catalogue_formula("bowl", 0.0).is_err());
}

#[wasm_bindgen_test]
fn the_derivative_lab_marks_optima() {
    let lab = DiffLab::new("exp(x)", 1.0, 161).unwrap();
    assert_eq!(lab.h().length(), 161);
    assert_eq!(lab.exact(), 1f64.exp());
    let (bf, bc) = (lab.best_forward().to_vec(), lab.best_central().to_vec());
    assert!(bc[1] < bf[1] && bc[0] > bf[0]);
    let at = lab.errors_at(1e-3).to_vec();
    // Forward error ≈ h·f″/2, central ≈ h²·f‴/6.
    assert!((at[0] / (1e-3 * 1f64.exp() / 2.0) - 1.0).abs() < 0.01);
    assert!((at[1] / (1e-6 * 1f64.exp() / 6.0) - 1.0).abs() < 0.01);
}

#[wasm_bindgen_test]
fn catalogue_entries_carry_their_recommended_settings_and_note() {
    let two = js_sys::Array::from(&catalogue_list(2));
    let rosenbrock = two
        .iter()
        .find(|e| get(e, "id").as_string().as_deref() == Some("rosenbrock"))
        .unwrap();
    let rec = get(&rosenbrock, "recommended");
    let note = get(&rec, "note").as_string().unwrap();
    assert!(
        note.starts_with("Rosenbrock: γ = 0.001, 20000 steps, box 2"),
        "{note}"
    );
    let settings = js_sys::Array::from(&get(&rec, "settings"));
    let pair = |k: &str| {
        settings
            .iter()
            .map(|p| js_sys::Array::from(&p))
            .find(|p| p.get(0).as_string().as_deref() == Some(k))
            .and_then(|p| p.get(1).as_string())
    };
    assert_eq!(pair("gamma2").as_deref(), Some("0.001"));
    assert_eq!(pair("bsteps").as_deref(), Some("3000"));
}

#[wasm_bindgen_test]
fn a_diverged_1d_run_names_its_cause() {
    let mut log = Descent1D::new(config("log(x)", "central")).unwrap();
    assert_eq!(log.divergence(), "");
    let mut over = js_sys::Object::from(config("(x-1)**2", "central"));
    js_sys::Reflect::set(&over, &"gamma".into(), &1.5.into()).unwrap();
    let mut parabola = Descent1D::new(over.clone().into()).unwrap();
    assert_eq!(parabola.finish(), RunStatus::Diverged);
    assert!(parabola.divergence().contains("γ > 1 diverges"));
    over = js_sys::Object::from(config("log(x)", "central"));
    js_sys::Reflect::set(&over, &"gamma".into(), &1.0.into()).unwrap();
    js_sys::Reflect::set(&over, &"x0".into(), &0.5.into()).unwrap();
    log = Descent1D::new(over.into()).unwrap();
    assert_eq!(log.finish(), RunStatus::Diverged);
    let cause = log.divergence();
    assert!(
        cause.contains("undefined") && !cause.contains("γ > 1"),
        "{cause}"
    );
}

//! Wasm tests of the export and quiz bindings: tables, file names, Python cells and quiz
//! answers cross from the handles as the core writes them.

#![cfg(target_arch = "wasm32")]

use descent_web::{Descent1D, NeuronTrainer, Runs2D};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap()
}

fn lines(reveal: &JsValue) -> Vec<String> {
    js_sys::Array::from(&get(reveal, "lines"))
        .iter()
        .map(|l| l.as_string().unwrap())
        .collect()
}

/// A settings object as the page sends it (absent fields take the table's defaults).
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn the_1d_handle_exports_its_run_and_judges_guesses() {
    let mut d = Descent1D::new(js("{}")).unwrap();
    d.finish();
    let csv = d.csv();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 52);
    assert_eq!(rows[0], "k,x,f,df/dx");
    let last_x: f64 = rows[51].split(',').nth(1).unwrap().parse().unwrap();
    assert_eq!(last_x, *d.xs().to_vec().last().unwrap());
    assert!(d.json().starts_with("{\"lesson\":\"1d\""));
    assert_eq!(d.file_stem(), "descent-1d-gd-gamma0.01-central-x0_3");
    assert!(d.python().unwrap().contains("x0 += -gamma*Df(x0,f,h)"));
    let near = d.quiz_next(0, 2.961, 5.0);
    assert_eq!(get(&near, "right").as_bool(), Some(true));
    assert_eq!(lines(&near)[0], "x_1 = x_0 − γ·f′(x_0) = 3 − 0.01·4 = 2.96");
    assert_eq!(
        get(&d.quiz_next(0, 0.0, 5.0), "right").as_bool(),
        Some(false)
    );
    assert!(
        d.quiz_next(50, 1.0, 5.0).is_undefined(),
        "nothing after the last step"
    );
    // JavaScript's −1 arrives as u32::MAX: nothing to judge, and no panic.
    assert!(d.quiz_next(u32::MAX, 1.0, 5.0).is_undefined());
    let b = d.quiz_behaviour(0, "converge").unwrap();
    assert_eq!(get(&b, "choice").as_string().unwrap(), "converge");
    assert!(d.quiz_behaviour(0, "wander").is_err());
}

#[wasm_bindgen_test]
fn the_2d_handle_exports_runs_and_refuses_python_for_a_race() {
    let mut gd = Runs2D::new(
        "notebook-2d",
        js("{}"),
        JsValue::UNDEFINED,
        &[1.0, -1.0],
        true,
    )
    .unwrap();
    gd.finish();
    let csv = gd.csv();
    assert_eq!(
        csv.lines().count(),
        1 + 5 * 101,
        "4 seeded starts and a clicked one"
    );
    assert!(csv.starts_with("run,optimizer,status,k,x,y,f,df/dx,df/dy\n1,gd,"));
    let cell = gd.python().unwrap();
    assert!(cell.contains(", [1, -1]]\nEpochs = len(Starts)"), "{cell}");
    assert_eq!(gd.file_stem(), "descent-2d-gd-gamma0.01-seed1");
    let p = gd.points(4);
    let r = gd.quiz_next(4, 0, p[2], p[3], 6.0);
    assert_eq!(get(&r, "right").as_bool(), Some(true));
    assert!(gd.quiz_next(4, u32::MAX, 0.0, 0.0, 6.0).is_undefined());
    assert!(gd.arithmetic(4, u32::MAX).is_empty());
    let a = Runs2D::new(
        "notebook-2d",
        js(r#"{"optimizer":"adam"}"#),
        JsValue::UNDEFINED,
        &[],
        true,
    )
    .unwrap();
    assert!(a.python().unwrap().contains("opt = Adam("));
    let race = js_sys::JSON::parse(r#"[{"optimizer":"gd"},{"optimizer":"adam"}]"#).unwrap();
    let r = Runs2D::new("notebook-2d", js("{}"), race, &[], true).unwrap();
    let e = r.python().unwrap_err();
    assert_eq!(get(&e, "field").as_string().unwrap(), "race");
}

#[wasm_bindgen_test]
fn the_neuron_handle_exports_epochs_and_answers_the_line_question() {
    let mut t = NeuronTrainer::new(JsValue::UNDEFINED).unwrap();
    let r = t.quiz_line("rises");
    assert_eq!(get(&r, "right").as_bool(), Some(true));
    t.step_epochs(2);
    let csv = t.csv();
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.starts_with("epoch,cost,b,w1,w2\n0,,-0.57089547,-0.43758178,0.52004418\n"));
    assert!(t.python().unwrap().contains("class Neuron():"));
    assert_eq!(t.file_stem(), "descent-neuron-and-lr0.5-seed1");
}

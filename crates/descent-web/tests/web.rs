//! Bindings tests in headless Chromium: the handles give the core's numbers.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use descent::lessons::Config1D;
use descent_web::{
    Descent1D, MultiStart1D, RunStatus, first_uniform, optimizer_params_1d, parse_state,
    serialize_state,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn config(x0: f64, gamma: f64, h: f64, steps: f64, mode: &str) -> JsValue {
    obj(&[
        ("x0", x0.into()),
        ("gamma", gamma.into()),
        ("h", h.into()),
        ("steps", steps.into()),
        ("mode", mode.into()),
    ])
}

fn error_message(e: JsValue) -> String {
    e.dyn_into::<js_sys::Error>().unwrap().message().into()
}

#[wasm_bindgen_test]
fn seeded_stream_matches_native() {
    // The same bits as the native test `rng::tests::stream_is_pinned`.
    assert_eq!(first_uniform(1).to_bits(), 4605891841464458724);
}

#[wasm_bindgen_test]
fn descent_handle_matches_core() {
    let mut handle = Descent1D::new(config(5.0, 0.01, 1e-3, 50.0, "central")).unwrap();
    assert_eq!(handle.finish(), RunStatus::MaxSteps);
    let mut core = Config1D {
        x0: 5.0,
        ..Config1D::default()
    }
    .build(Rc::new(descent::objective::notebook_1d()))
    .unwrap();
    core.finish();
    assert_eq!(handle.xs().to_vec(), core.history().points());
    assert_eq!(handle.values().to_vec(), core.history().values());
    assert_eq!(handle.grads().to_vec(), core.history().gradients());
    let x50 = handle.xs().get_index(50);
    assert!((x50 - (1.0 + 4.0 * 0.98f64.powi(50))).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn stepping_and_reset() {
    let mut handle = Descent1D::new(config(3.0, 0.1, 1e-3, 10.0, "exact")).unwrap();
    assert_eq!(handle.step(), RunStatus::Running);
    assert_eq!(handle.step_n(3), RunStatus::Running);
    assert_eq!(handle.steps(), 4);
    handle.reset();
    assert_eq!(handle.steps(), 0);
    assert_eq!(handle.xs().length(), 1);
    assert_eq!(handle.step_n(100), RunStatus::MaxSteps);
    assert_eq!(handle.steps(), 10);
}

#[wasm_bindgen_test]
fn divergence_is_a_status() {
    let mut handle = Descent1D::new(config(5.0, 1.5, 1e-3, 1000.0, "central")).unwrap();
    assert_eq!(handle.finish(), RunStatus::Diverged);
    assert_eq!(handle.steps(), 18);
}

#[wasm_bindgen_test]
fn bad_configs_throw_errors_naming_the_field() {
    let e = Descent1D::new(config(1.0, -0.5, 1e-3, 50.0, "central"))
        .err()
        .unwrap();
    let field = js_sys::Reflect::get(&e, &"field".into()).unwrap();
    assert_eq!(field.as_string().unwrap(), "gamma");
    assert_eq!(
        error_message(e),
        "γ (learning rate) must be a number in (0, 10000] (got -0.5)"
    );
    let e = Descent1D::new(config(1.0, 0.1, 0.0, 50.0, "central"))
        .err()
        .unwrap();
    assert_eq!(
        error_message(e),
        "h (difference step) must be a number in (0, 10] (got 0)"
    );
    let starts = obj(&[
        ("n", 0.into()),
        ("lo", (-1).into()),
        ("hi", 1.into()),
        ("seed", 1.into()),
    ]);
    let e = MultiStart1D::new(config(1.0, 0.1, 1e-3, 50.0, "central"), starts)
        .err()
        .unwrap();
    assert_eq!(
        error_message(e),
        "N (starts) must be an integer from 1 to 10000 (got 0)"
    );
    let starts = obj(&[
        ("n", 5.into()),
        ("lo", 2.into()),
        ("hi", 1.into()),
        ("seed", 1.into()),
    ]);
    let e = MultiStart1D::new(config(1.0, 0.1, 1e-3, 50.0, "central"), starts)
        .err()
        .unwrap();
    assert_eq!(
        error_message(e),
        "start interval min must be less than start interval max"
    );
    let e = Descent1D::new(JsValue::from("nonsense")).err().unwrap();
    assert!(error_message(e).starts_with("bad settings"));
}

/// The 1-D config `config` with the method `optimizer` and its hyperparameters `params`.
fn with_method(config: JsValue, optimizer: &str, params: &[(&str, f64)]) -> JsValue {
    let p = js_sys::Object::new();
    for (k, v) in params {
        js_sys::Reflect::set(&p, &(*k).into(), &(*v).into()).unwrap();
    }
    js_sys::Reflect::set(&config, &"optimizer".into(), &optimizer.into()).unwrap();
    js_sys::Reflect::set(&config, &"params".into(), &p).unwrap();
    config
}

#[wasm_bindgen_test]
fn lesson_1s_methods_run_explain_and_check_through_the_handle() {
    let newton = with_method(config(7.0, 0.01, 1e-3, 5.0, "exact"), "newton", &[]);
    let mut handle = Descent1D::new(newton).unwrap();
    handle.step();
    assert!((handle.xs().get_index(1) - 1.0).abs() < 1e-14);
    let lines = handle.arithmetic(0, 7.0, 12.0, handle.xs().get_index(1));
    assert!(
        lines.iter().any(|l| l == "H(x_0) = f″ = 2 (exact)"),
        "{lines:?}"
    );
    assert_eq!(handle.file_stem(), "descent-1d-newton-gamma0.01-exact-x0_7");
    let armijo = with_method(config(3.0, 1.0, 1e-3, 5.0, "exact"), "armijo", &[]);
    let lines = Descent1D::new(armijo).unwrap().arithmetic(0, 3.0, 4.0, 1.0);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("trial 2: γ = 0.5: f = 0 ≤")),
        "{lines:?}"
    );
    // The form's inputs: each method's own rows under lesson 1's keys, γ not among them.
    let keys = |name: &str| -> Vec<String> {
        js_sys::Array::from(&optimizer_params_1d(name))
            .iter()
            .map(|p| {
                js_sys::Reflect::get(&p, &"setting".into())
                    .unwrap()
                    .as_string()
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(keys("armijo"), ["armijo1.rho", "armijo1.c"]);
    assert_eq!(keys("newton"), ["newton1.lr"]);
    assert!(keys("gd").is_empty() && keys("adam").is_empty());
    let bad = with_method(
        config(3.0, 1.0, 1e-3, 5.0, "exact"),
        "armijo",
        &[("rho", 1.0)],
    );
    let e = Descent1D::new(bad).err().unwrap();
    let field = js_sys::Reflect::get(&e, &"field".into()).unwrap();
    assert_eq!(field.as_string().unwrap(), "armijo1.rho");
    // The multi-start's budget weighs the method's step cost.
    let starts = obj(&[
        ("n", 10_000.into()),
        ("lo", (-1).into()),
        ("hi", 1.into()),
        ("seed", 1.into()),
    ]);
    let exactls = with_method(config(0.0, 0.01, 1e-3, 2000.0, "central"), "exactls", &[]);
    let e = MultiStart1D::new(exactls, starts).err().unwrap();
    assert!(error_message(e).contains("step cost"));
}

#[wasm_bindgen_test]
fn multistart_matches_core() {
    let starts = obj(&[
        ("n", 50.into()),
        ("lo", (-10).into()),
        ("hi", 10.into()),
        ("seed", 7.into()),
    ]);
    let mut ms = MultiStart1D::new(config(0.0, 0.01, 1e-3, 50.0, "central"), starts).unwrap();
    while !ms.advance(100) {}
    let mut core = descent::lesson1d::multistart(
        &descent::lessons::Config1D::default(),
        &descent::lesson1d::Starts1D {
            seed: 7.0,
            ..Default::default()
        },
        std::rc::Rc::new(descent::objective::notebook_1d()),
    )
    .unwrap();
    core.finish();
    assert_eq!(ms.count(), 50);
    assert_eq!(ms.best(), core.best().unwrap() as i32);
    let ends: Vec<f64> = core.summaries().iter().map(|r| r.end[0]).collect();
    assert_eq!(ms.ends().to_vec(), ends);
    assert_eq!(ms.trail(3).length(), 51);
}

#[wasm_bindgen_test]
fn url_state_round_trips() {
    let parsed = parse_state("#gamma=0.5&seed=9&h=oops");
    let values: js_sys::Object = js_sys::Reflect::get(&parsed, &"values".into())
        .unwrap()
        .into();
    let gamma = js_sys::Reflect::get(&values, &"gamma".into()).unwrap();
    assert_eq!(gamma.as_string().unwrap(), "0.5");
    let errors: js_sys::Array = js_sys::Reflect::get(&parsed, &"errors".into())
        .unwrap()
        .into();
    assert_eq!(errors.length(), 1);
    assert_eq!(serialize_state(&values), "seed=9&gamma=0.5");
}

#[wasm_bindgen_test]
fn the_settings_tables_and_their_checks_cross_as_plain_objects() {
    use descent_web::{check_settings, settings_table};
    let table: js_sys::Array = settings_table("1d").unwrap().into();
    let gamma = table
        .iter()
        .find(|r| js_sys::Reflect::get(r, &"key".into()).unwrap() == "gamma")
        .unwrap();
    let get = |k: &str| js_sys::Reflect::get(&gamma, &k.into()).unwrap();
    assert_eq!(get("label").as_string().unwrap(), "γ (learning rate)");
    assert_eq!(get("kind").as_string().unwrap(), "number");
    assert_eq!(get("default").as_string().unwrap(), "0.01");
    assert_eq!(get("max").as_f64().unwrap(), 1e4);
    assert!(settings_table("nope").is_err());

    let typed: js_sys::Object =
        obj(&[("gamma", "5000".into()), ("seed", "7".into())]).unchecked_into();
    let checked = check_settings("1d", &typed).unwrap();
    let config = js_sys::Reflect::get(&checked, &"config".into()).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&config, &"gamma".into())
            .unwrap()
            .as_f64(),
        Some(5000.0)
    );
    let e = check_settings("1d", &obj(&[("steps", "0".into())]).unchecked_into()).unwrap_err();
    assert_eq!(
        js_sys::Reflect::get(&e, &"field".into())
            .unwrap()
            .as_string(),
        Some("steps".into())
    );
    let typed: js_sys::Object = obj(&[
        ("nhidden", "4".into()),
        ("ngate", "xor".into()),
        ("seed", "1".into()),
    ])
    .unchecked_into();
    let checked = check_settings("neuron", &typed).unwrap();
    let values = js_sys::Reflect::get(&checked, &"values".into()).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&values, &"ninit".into()).unwrap(),
        "seeded"
    );
    assert!(
        js_sys::Reflect::get(&checked, &"note".into())
            .unwrap()
            .as_string()
            .is_some()
    );
}

#[wasm_bindgen_test]
fn optimizer_hyperparameters_are_rows_of_the_2d_table_and_reach_every_racer() {
    use descent_web::{check_settings, optimizer_params, settings_table};
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap();
    let adam: js_sys::Array = optimizer_params("adam").into();
    let settings: Vec<String> = adam
        .iter()
        .map(|p| get(&p, "setting").as_string().unwrap())
        .collect();
    assert_eq!(
        settings,
        [
            "adam.lr",
            "adam.beta1",
            "adam.beta2",
            "adam.eps",
            "adam.amsgrad"
        ]
    );
    let gd: js_sys::Array = optimizer_params("gd").into();
    assert_eq!(
        get(&gd.get(0), "setting"),
        "gamma2",
        "gd takes the shared γ"
    );
    for name in ["armijo", "exactls", "newton"] {
        assert!(descent_web::optimizer_moves_whole(name), "{name}");
    }
    assert!(
        !descent_web::optimizer_moves_whole("gd") && !descent_web::optimizer_moves_whole("nope")
    );
    let armijo: js_sys::Array = optimizer_params("armijo").into();
    let keys: Vec<String> = armijo
        .iter()
        .map(|p| get(&p, "setting").as_string().unwrap())
        .collect();
    assert_eq!(keys, ["gamma2", "armijo.rho", "armijo.c"]);
    let table: js_sys::Array = settings_table("2d").unwrap().into();
    let beta1 = table
        .iter()
        .find(|r| get(r, "key") == "adam.beta1")
        .unwrap();
    assert_eq!(get(&beta1, "openMax").as_bool(), Some(true));
    assert_eq!(
        get(&beta1, "range").as_string().unwrap(),
        "a number in [0, 1)"
    );

    let typed: js_sys::Object = obj(&[
        ("opt", "adam".into()),
        ("adam.beta1", "0.5".into()),
        ("momentum.mu", "0.25".into()),
        ("race", "gd,momentum,adam".into()),
        ("seed", "1".into()),
    ])
    .unchecked_into();
    let checked = check_settings("2d", &typed).unwrap();
    let params = get(&get(&checked, "config"), "params");
    assert_eq!(get(&params, "beta1").as_f64(), Some(0.5));
    assert_eq!(get(&params, "eps").as_f64(), Some(1e-8));
    let racers: js_sys::Array = get(&checked, "racers").into();
    assert_eq!(racers.length(), 3);
    let momentum = get(&racers.get(1), "params");
    assert_eq!(get(&racers.get(1), "optimizer"), "momentum");
    assert_eq!(get(&momentum, "momentum").as_f64(), Some(0.25));
    assert_eq!(
        get(&get(&racers.get(2), "params"), "beta1").as_f64(),
        Some(0.5)
    );

    let bad: js_sys::Object =
        obj(&[("opt", "adam".into()), ("adam.eps", "0".into())]).unchecked_into();
    let e = check_settings("2d", &bad).unwrap_err();
    assert_eq!(get(&e, "field"), "adam.eps");
}

//! Wasm tests of the neuron bindings: the handle gives the same numbers as the core.

#![cfg(target_arch = "wasm32")]

use descent::neuron::{NeuronConfig, presets};
use descent_web::{NeuronTrainer, colormap_css};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap()
}

fn config(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn notebook_preset_matches_the_core_and_in34() {
    let mut t = NeuronTrainer::new(JsValue::UNDEFINED).unwrap();
    let p = t.train();
    assert_eq!(get(&p, "status").as_string().unwrap(), "converged");
    assert_eq!(get(&p, "done").as_bool(), Some(true));
    let mut core = presets::notebook_trainer();
    core.train();
    assert_eq!(get(&p, "epoch").as_f64(), Some(core.epoch() as f64));
    let preds = t.predictions_at(-1).to_vec();
    assert_eq!(preds, core.predictions(), "bit for bit");
    for (a, want) in preds.iter().zip(presets::NOTEBOOK_PREDICTIONS) {
        assert!((a - want).abs() < 1e-6);
    }
    assert_eq!(t.costs().to_vec(), core.history().costs());
    assert_eq!(t.weights().to_vec(), core.history().all_weights());
}

#[wasm_bindgen_test]
fn sample_step_reports_the_arithmetic() {
    let mut t = NeuronTrainer::new(JsValue::UNDEFINED).unwrap();
    assert!(t.last_sample().is_null());
    assert_eq!(t.next_sample(), 0);
    let p = t.step_sample();
    assert_eq!(get(&p, "position").as_f64(), Some(1.0));
    let s = t.last_sample();
    assert_eq!(get(&s, "sample").as_f64(), Some(0.0));
    assert!((get(&s, "z").as_f64().unwrap() + 0.48843307).abs() < 1e-12);
    assert!((get(&s, "delta").as_f64().unwrap() + 0.146049132573470).abs() < 1e-12);
    assert_eq!(t.next_sample(), 1);
    // Mid-epoch, the live weights have moved but the history has not.
    assert_ne!(t.weights_at(-1).to_vec(), t.weights_at(0).to_vec());
    assert_eq!(
        t.weights_at(0).to_vec(),
        [-0.57089547, -0.43758178, 0.52004418]
    );
    t.rewind(0);
    assert!(t.last_sample().is_null());
}

#[wasm_bindgen_test]
fn xor_with_a_hidden_layer_matches_the_core() {
    let mut t = NeuronTrainer::new(config(&[
        ("gate", "xor".into()),
        ("hidden", 3.into()),
        ("init", "seeded".into()),
    ]))
    .unwrap();
    let mut core = NeuronConfig {
        gate: "xor".into(),
        hidden: 3.0,
        init: "seeded".into(),
        ..NeuronConfig::default()
    }
    .build()
    .unwrap();
    core.train();
    while !get(&t.train_chunk(500), "done").as_bool().unwrap() {}
    assert_eq!(t.epoch() as usize, core.epoch());
    let rounded: Vec<f64> = t
        .predictions_at(-1)
        .to_vec()
        .iter()
        .map(|a| a.round())
        .collect();
    assert_eq!(rounded, [0.0, 1.0, 1.0, 0.0]);
    assert_eq!(t.weights().to_vec(), core.history().all_weights());
    assert_eq!(t.decision_line(-1, 0.0, 1.0).length(), 0);
    assert!(t.boundary(-1, 48, 0.0, 1.0).length() >= 4);
}

#[wasm_bindgen_test]
fn bad_settings_throw_a_message_naming_the_field() {
    let err = NeuronTrainer::new(config(&[("lr", (-1).into())])).unwrap_err();
    let msg: js_sys::Error = err.clone().into();
    assert_eq!(
        String::from(msg.message()),
        "lr (learning rate) must be a number in (0, 100] (got -1)"
    );
    assert_eq!(get(&err, "field").as_string().unwrap(), "nlr");
    let err = NeuronTrainer::new(config(&[
        ("gate", "custom".into()),
        ("targets", "1, 0, 7, 0".into()),
    ]))
    .unwrap_err();
    assert_eq!(get(&err, "field").as_string().unwrap(), "ntargets");
}

#[wasm_bindgen_test]
fn heatmap_and_decision_line_are_drawn_in_rust() {
    let mut t = NeuronTrainer::new(JsValue::UNDEFINED).unwrap();
    t.train();
    let img = t.heatmap(-1, 16, 8, 0.0, 1.0, "viridis").unwrap();
    assert_eq!(img.length(), 16 * 8 * 4);
    assert_eq!(t.decision_line(-1, 0.0, 1.0).length(), 4);
    assert!(t.heatmap(0, 4, 4, 0.0, 1.0, "jet").is_err());
    assert_eq!(colormap_css("viridis", 0.0).unwrap(), "#440154");
}

#[wasm_bindgen_test]
fn the_cost_surface_is_the_cores_and_bad_choices_throw() {
    let mut t = NeuronTrainer::new(JsValue::UNDEFINED).unwrap();
    t.train();
    assert_eq!(t.param_names(), ["b", "w₁", "w₂"]);
    let l = t.landscape(50, 1, 2, 24).unwrap();
    let mut core = presets::notebook_trainer();
    core.train();
    let want = descent::neuron::landscape::landscape(&core, 50, 1, 2, 24).unwrap();
    assert_eq!(l.rgba, want.map.rgba);
    assert_eq!(l.path, want.path);
    assert_eq!(l.at, want.at.to_vec());
    assert_eq!(l.iso_points, want.map.isolines.points);
    assert!(t.landscape(50, 1, 1, 24).is_err());
    assert!(t.landscape(50, 0, 9, 24).is_err());
}

#[wasm_bindgen_test]
fn own_points_train_export_and_coarsen_the_surface() {
    let data = "0.1,0.2,0;0.3,0.1,0;0.8,0.9,1;0.9,0.7,1";
    let mut t =
        NeuronTrainer::new(config(&[("gate", "points".into()), ("data", data.into())])).unwrap();
    assert_eq!(
        t.inputs().to_vec(),
        [0.1, 0.2, 0.3, 0.1, 0.8, 0.9, 0.9, 0.7]
    );
    assert_eq!(t.targets().to_vec(), [0.0, 0.0, 1.0, 1.0]);
    t.train();
    let csv = t.csv();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("epoch,cost,b,w1,w2,x1,x2,label"));
    assert!(lines.next().unwrap().ends_with(",0.1,0.2,0"), "{csv}");
    assert!(t.json().contains("\"x1\",\"x2\",\"label\""));
    let err = NeuronTrainer::new(config(&[
        ("gate", "points".into()),
        ("data", "0,0,5".into()),
    ]))
    .unwrap_err();
    assert_eq!(get(&err, "field").as_string().unwrap(), "ndata");
    // The page clamps a dragged point to the range the core checks: its edges are accepted,
    // a point just beyond refused.
    let [lo, hi] = NeuronTrainer::point_range()[..] else {
        panic!("two ends")
    };
    let edge = |x: f64| {
        NeuronTrainer::new(config(&[
            ("gate", "points".into()),
            ("data", format!("{x},{hi},1;0,0,0").into()),
        ]))
    };
    assert!(edge(lo).is_ok() && edge(hi).is_ok());
    assert!(edge(hi + 0.5).is_err() && edge(lo - 0.5).is_err());
    // 200 points on a 2-unit network: a coarser surface grid than asked for.
    let many: Vec<String> = (0..200)
        .map(|i| format!("{},{},{}", f64::from(i % 20) / 20.0, i / 20, i % 2))
        .collect();
    let mut t = NeuronTrainer::new(config(&[
        ("gate", "points".into()),
        ("data", many.join(";").into()),
        ("hidden", 2.into()),
        ("init", "seeded".into()),
        ("maxEpochs", 5.into()),
    ]))
    .unwrap();
    t.train();
    let l = t.landscape(-1, 0, 1, 96).unwrap();
    assert!(
        l.n < 96 && l.rgba.len() == (l.n * l.n * 4) as usize,
        "{}",
        l.n
    );
}

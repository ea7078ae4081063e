//! The 2-D lesson's handles in headless Chromium: they give the core's numbers.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use descent::lesson2d::Config2D;
use descent_web::{Basin2D, Field2D, RunStatus, Runs2D, Surface3D, check_optimizer};
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

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &k.into()).unwrap()
}

fn racers(names: &[&str]) -> JsValue {
    let arr = js_sys::Array::new();
    for n in names {
        arr.push(&obj(&[("optimizer", (*n).into()), ("params", obj(&[]))]));
    }
    arr.into()
}

#[wasm_bindgen_test]
fn runs_match_the_core_in_both_orders() {
    for order in ["simultaneous", "sequential"] {
        let cfg = obj(&[("order", order.into()), ("mode", "central".into())]);
        let mut runs =
            Runs2D::new("notebook-2d", cfg, JsValue::UNDEFINED, &[1.0, 0.5], false).unwrap();
        runs.finish();
        let core = Config2D {
            order: order.into(),
            ..Config2D::default()
        }
        .simulate(Rc::new(descent::objective::notebook_2d()), [1.0, 0.5])
        .unwrap();
        assert_eq!(runs.points(0), core.run().history().points());
        assert_eq!(runs.values(0), core.run().history().values());
        assert_eq!(runs.steps(0), 100);
        assert_eq!(runs.status(0), RunStatus::MaxSteps);
        assert!(runs.arithmetic(0, 0)[1].starts_with("x_0 = (1, 0.5)"));
    }
}

#[wasm_bindgen_test]
fn multistart_and_race() {
    let mut runs = Runs2D::new(
        "notebook-2d",
        obj(&[("seed", 3.into())]),
        racers(&["gd", "momentum", "adam"]),
        &[],
        true,
    )
    .unwrap();
    assert_eq!(runs.progress(), 0.0);
    while !runs.advance(37) {}
    assert!(runs.keeps_history());
    assert_eq!(runs.count(), 12, "4 starts × 3 racers");
    assert_eq!(runs.racers(), 3);
    assert_eq!(runs.optimizer(4), "momentum");
    assert_eq!(&runs.points(3)[..2], &runs.points(4)[..2], "same start");
    assert!(runs.velocity(0, 5).is_empty());
    assert_eq!(runs.velocity(1, 5).len(), 2);
    let best = runs.best();
    assert!(best >= 0);
    let s = runs.summaries();
    assert_eq!(
        s.end_value[best as usize],
        *runs.values(best as u32).last().unwrap()
    );
    assert_eq!(s.status[best as usize], runs.status(best as u32) as u8);
    assert_eq!(
        s.steps[best as usize] as usize + 1,
        runs.values(best as u32).len()
    );
    let rel = runs.costs(best as u32, true, false);
    assert!(rel.iter().all(|c| *c >= 0.0));
    let b = runs.path_bounds(best, 1.0);
    assert_eq!(b.len(), 4);
    assert!(b[0] < b[1] && b[2] < b[3]);
}

#[wasm_bindgen_test]
fn oversize_runs_are_refused_and_large_ones_recompute_the_selected_history() {
    let cfg = || obj(&[("n", 10_000.into()), ("steps", 100_000.into())]);
    let e = Runs2D::new("notebook-2d", cfg(), JsValue::UNDEFINED, &[], true)
        .err()
        .unwrap();
    assert_eq!(get(&e, "field").as_string().unwrap(), "n2");
    let cfg = obj(&[("n", 3000.into()), ("steps", 100.into())]);
    let mut runs = Runs2D::new("notebook-2d", cfg, JsValue::UNDEFINED, &[], true).unwrap();
    runs.finish();
    assert!(!runs.keeps_history());
    let best = runs.best() as u32;
    assert!(runs.points(best).is_empty() && !runs.has_history(best));
    runs.select(best);
    assert!(!runs.is_done());
    while !runs.advance(10) {}
    let s = runs.summaries();
    let b = best as usize;
    let p = runs.points(best);
    assert_eq!(&p[..2], &[s.start_x[b], s.start_y[b]]);
    assert_eq!(&p[p.len() - 2..], &[s.end_x[b], s.end_y[b]]);
}

#[wasm_bindgen_test]
fn divergence_and_critical_step_on_the_bowl() {
    let mut runs = Runs2D::new(
        "bowl",
        obj(&[
            ("gamma", 0.25.into()),
            ("mode", "exact".into()),
            ("steps", 500.into()),
        ]),
        JsValue::UNDEFINED,
        &[1.0, 1.0],
        false,
    )
    .unwrap();
    runs.finish();
    assert_eq!(runs.status(0), RunStatus::Diverged);
    assert!(runs.steps(0) < 500);
    // The catalogue's bowl (x² + 10y²)/2 has L = 10.
    assert!((runs.critical_step(-3.0, 3.0, -3.0, 3.0) - 0.2).abs() < 1e-6);
    assert_eq!(runs.best(), -1);
}

#[wasm_bindgen_test]
fn field_surface_and_basin() {
    let mut field = Field2D::new("x^4 + y^4 - 2*(x - y)^2").unwrap();
    field
        .compute(-3.0, 3.0, -3.0, 3.0, 64, 48, 12, "quantile")
        .unwrap();
    assert_eq!(field.rgba().len(), 64 * 48 * 4);
    let starts = field.iso_starts();
    assert_eq!(
        *starts.last().unwrap() as usize * 2,
        field.iso_points().len()
    );
    assert!(
        field
            .compute(-3.0, 3.0, -3.0, 3.0, 64, 48, 12, "cubic")
            .is_err()
    );
    assert_eq!(
        field.levels_note(),
        "",
        "a smooth function draws every level"
    );
    // A high-frequency product draws fewer levels, within the segment budget, and says so.
    let mut wavy = Field2D::new("sin(40*x)*sin(40*y)").unwrap();
    wavy.compute(-5.0, 5.0, -5.0, 5.0, 256, 256, 24, "quantile")
        .unwrap();
    let note = wavy.levels_note();
    assert!(note.contains("contour levels drawn"), "{note}");
    let segments: u32 = wavy.iso_starts().windows(2).map(|w| w[1] - w[0] - 1).sum();
    assert!(segments <= 200_000, "{segments} segments");

    let mut surface = Surface3D::new("notebook-2d", -3.0, 3.0, -3.0, 3.0, 30).unwrap();
    let before = surface.corners();
    assert_eq!(before.len(), 29 * 29 * 8);
    surface.view(57.0, 60.0).unwrap();
    assert_ne!(surface.corners(), before);
    assert_eq!(surface.project(&[0.0, 0.0, 1.0, 1.0]).len(), 4);

    // The notebook's map, in one piece; then the same map from a worker's tiles (x, y,
    // status per start), ingested in row order.
    let make = || {
        Basin2D::new(
            "notebook-2d",
            obj(&[("mode", "exact".into())]),
            -3.0,
            3.0,
            -3.0,
            3.0,
            24,
            24,
        )
        .unwrap()
    };
    let mut basin = make();
    assert_eq!(basin.advance(5), 5);
    assert!(!basin.is_done());
    while !basin.is_done() {
        basin.advance(5);
    }
    assert_eq!(basin.minima().len(), 2 * 4, "two minima");

    let worker = make();
    let mut merged = make();
    let late = worker.compute_tile(10, 24).unwrap();
    assert_eq!(late.len(), 14 * 24 * 3);
    assert!(merged.ingest_tile(10, &late).is_err(), "row 10 is not next");
    assert_eq!(
        merged.ingest_tile(0, &worker.compute_tile(0, 10).unwrap()),
        Ok(10)
    );
    assert_eq!(merged.ingest_tile(10, &late), Ok(24));
    assert!(merged.is_done());
    assert_eq!(merged.labels(), basin.labels());
    assert_eq!(merged.minima(), basin.minima());

    // A view whose size overflows is refused when made, with a message, not later.
    let e = Basin2D::new("notebook-2d", obj(&[]), -1e308, 1e308, -3.0, 3.0, 8, 8)
        .err()
        .unwrap();
    let msg: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.contains("size must be finite"), "{msg}");
}

#[wasm_bindgen_test]
fn bad_settings_name_the_input() {
    let bad = check_optimizer("adam", obj(&[("beta1", 1.0.into())]));
    assert_eq!(get(&bad, "key").as_string().unwrap(), "beta1");
    assert_eq!(
        get(&bad, "message").as_string().unwrap(),
        "β₁ (first-moment decay) must be a number in [0, 1) (got 1)"
    );
    assert!(check_optimizer("adam", obj(&[])).is_null());
    let e = Runs2D::new("x^2 + * y", obj(&[]), JsValue::UNDEFINED, &[], true)
        .err()
        .unwrap();
    assert_eq!(get(&e, "field").as_string().unwrap(), "f");
    assert_eq!(get(&e, "column").as_f64().unwrap(), 7.0);
    let e = Runs2D::new(
        "notebook-2d",
        obj(&[("h", (-1.0).into())]),
        JsValue::UNDEFINED,
        &[],
        true,
    )
    .err()
    .unwrap();
    assert_eq!(get(&e, "field").as_string().unwrap(), "h2");
    let msg: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert_eq!(
        msg,
        "h (difference step) must be a number in (0, 10] (got -1)"
    );
}

#[wasm_bindgen_test]
fn typed_functions_run_compiled_with_the_interpreters_numbers() {
    // Not a catalogue formula, and JIT-able: the 2-D lesson runs it compiled to wasm.
    let text = "x^4 + y^4 - 2*(x - y)^2 + x*y/4";
    for mode in ["exact", "central"] {
        let mut runs = Runs2D::new(
            text,
            obj(&[("mode", mode.into())]),
            JsValue::UNDEFINED,
            &[1.0, 0.5],
            false,
        )
        .unwrap();
        runs.finish();
        let interpreted = Config2D {
            mode: mode.into(),
            ..Config2D::default()
        }
        .simulate(
            Rc::new(descent::expr::compile(text, &["x", "y"]).unwrap()),
            [1.0, 0.5],
        )
        .unwrap();
        let h = interpreted.run().history();
        let rel = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
        assert!(
            runs.points(0)
                .iter()
                .zip(h.points())
                .all(|(a, b)| rel(*a, *b))
        );
        assert!(
            runs.values(0)
                .iter()
                .zip(h.values())
                .all(|(a, b)| rel(*a, *b))
        );
    }
}

#[wasm_bindgen_test]
fn the_step_size_view_is_the_cores_at_the_runs_iterate() {
    let cfg = obj(&[("mode", "exact".into()), ("order", "simultaneous".into())]);
    let mut runs = Runs2D::new("notebook-2d", cfg, JsValue::UNDEFINED, &[1.0, 0.5], false).unwrap();
    runs.finish();
    let v = runs
        .step_size(0, 3, 0.0, 50, false)
        .expect("iterate 3 exists");
    let points = runs.points(0);
    let grads = runs.grads(0);
    let (x, g) = (&points[6..8], &grads[6..8]);
    let f = descent::objective::notebook_2d();
    let core = descent::stepsize::step_size_view(&f, x, g, v.gamma, 0.0, 50, false);
    assert_eq!(v.gamma, 0.01);
    assert_eq!(v.gammas, core.gammas);
    assert_eq!(v.phi, core.phi);
    assert_eq!(v.exact_gamma, core.exact.unwrap().0);
    assert_eq!(v.critical, core.critical().unwrap());
    assert!(
        runs.step_size(0, 10_000, 0.0, 50, false).is_none(),
        "past the last iterate"
    );
}

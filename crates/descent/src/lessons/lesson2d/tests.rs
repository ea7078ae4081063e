//! The 2-D lesson against the notebook: orders, minima, races, divergence and 2/L.

use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::prelude::*;

use super::*;
use crate::objective::{FnObjective, Objective, notebook_2d};
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status};

fn nb() -> Rc<dyn Objective> {
    Rc::new(notebook_2d())
}

/// The notebook's In[13] loop, transcribed: x first, then y from the new x, with Dfx/Dfy.
fn notebook_loop(mut x0: f64, mut y0: f64, gamma: f64, h: f64, steps: usize) -> Vec<[f64; 2]> {
    let f2 = |x: f64, y: f64| x.powi(4) + y.powi(4) - 2.0 * (x - y).powi(2);
    let dfx = |x: f64, y: f64| (f2(x + h, y) - f2(x - h, y)) / (2.0 * h);
    let dfy = |x: f64, y: f64| (f2(x, y + h) - f2(x, y - h)) / (2.0 * h);
    let mut out = Vec::new();
    for _ in 0..steps {
        out.push([x0, y0]);
        x0 += -gamma * dfx(x0, y0);
        y0 += -gamma * dfy(x0, y0);
    }
    out.push([x0, y0]);
    out
}

#[test]
fn sequential_order_replays_the_notebook_and_simultaneous_the_textbook() {
    let start = [0.7, -2.1];
    let seq = Config2D {
        order: "sequential".into(),
        ..Config2D::default()
    };
    let run = seq.simulate(nb(), start).unwrap();
    let expect = notebook_loop(start[0], start[1], 0.01, 1e-3, 100);
    for (k, p) in expect.iter().enumerate() {
        let got = run.run().history().point(k);
        assert!(
            (got[0] - p[0]).abs() < 1e-12 && (got[1] - p[1]).abs() < 1e-12,
            "k = {k}"
        );
    }
    // Textbook: both partials at x_k.
    let sim = Config2D {
        order: "simultaneous".into(),
        ..Config2D::default()
    }
    .simulate(nb(), start)
    .unwrap();
    let h = sim.run().history();
    for k in 0..100 {
        let (p, g, q) = (h.point(k), h.gradient(k), h.point(k + 1));
        assert!((q[0] - (p[0] - 0.01 * g[0])).abs() < 1e-15);
        assert!((q[1] - (p[1] - 0.01 * g[1])).abs() < 1e-15);
    }
    assert_ne!(h.point(1), run.run().history().point(1));
    // The sequential update's gradient takes y's partial at the new x; past the end, none.
    let used = run.used_gradient(0).unwrap();
    assert_eq!(used[0], run.run().history().gradient(0)[0]);
    assert_ne!(used[1], run.run().history().gradient(0)[1]);
    assert!(run.used_gradient(100).is_some() && run.used_gradient(101).is_none());
    assert!(run.used_gradient(usize::MAX).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_converged_start_ends_at_a_notebook_minimum(
        x in -3.0f64..3.0, y in -3.0f64..3.0, seq in any::<bool>(), exact in any::<bool>()
    ) {
        let cfg = Config2D {
            steps: 3000.0,
            grad_tol: 1e-8,
            order: if seq { "sequential" } else { "simultaneous" }.into(),
            mode: if exact { "exact" } else { "central" }.into(),
            ..Config2D::default()
        };
        let run = cfg.simulate(nb(), [x, y]).unwrap();
        if run.run().status() == Status::Converged {
            let s = 2f64.sqrt();
            let e = run.run().x();
            let d = ((e[0] - s).abs() + (e[1] + s).abs()).min((e[0] + s).abs() + (e[1] - s).abs());
            // Starts on the saddle line y = x may converge to the saddle (0, 0).
            let saddle = e[0].abs() + e[1].abs() < 1e-2;
            prop_assert!(d < 1e-6 || (saddle && (x - y).abs() < 1e-6), "({x}, {y}) → {e:?}");
        }
    }
}

#[test]
fn notebook_multistart_reproduces_in_13_to_18() {
    let cfg = Config2D {
        order: "sequential".into(),
        seed: 3.0,
        ..Config2D::default()
    };
    let set = cfg.simulate_multistart(nb()).unwrap();
    assert_eq!(set.len(), 4);
    let again = cfg.simulate_multistart(nb()).unwrap();
    let runs: Vec<&TracedRun> = (0..4).map(|i| set.traced(i).unwrap()).collect();
    for (i, a) in runs.iter().enumerate() {
        let b = again.traced(i).unwrap();
        assert_eq!(a.run().history().points(), b.run().history().points());
        assert!(
            a.run()
                .history()
                .point(0)
                .iter()
                .all(|v| (-3.0..3.0).contains(v))
        );
        assert_eq!(a.run().steps(), 100);
    }
    let best = set.best().unwrap();
    let v = runs[best].run().history().last_value();
    assert!(runs.iter().all(|r| r.run().history().last_value() >= v));
}

#[test]
fn the_largest_multistart_is_refused_and_a_large_one_keeps_summaries() {
    let huge = Config2D {
        n: 10_000.0,
        steps: 1_000_000.0,
        ..Config2D::default()
    };
    let e = huge.simulate_multistart(nb()).unwrap_err();
    assert!(e.to_string().contains("exceeds the budget"), "{e}");
    let large = Config2D {
        n: 5000.0,
        steps: 100.0,
        ..Config2D::default()
    };
    let set = large.simulate_multistart(nb()).unwrap();
    assert_eq!(set.summaries().len(), 5000);
    assert!(!set.keeps_history() && set.traced(0).is_none());
}

#[test]
fn race_gives_one_run_per_optimizer_with_velocity_where_it_has_one() {
    let specs: Vec<OptimSpec> = ["gd", "momentum", "adam"]
        .iter()
        .map(|n| Config2D::spec_for(n, &BTreeMap::new(), 0.01).unwrap())
        .collect();
    let cfg = RunConfig::new(vec![2.0, 1.0], 50);
    let runs = race(nb(), &specs, &cfg).unwrap();
    assert_eq!(runs.len(), 3);
    assert!(
        runs.iter()
            .all(|r| r.run().history().point(0) == [2.0, 1.0])
    );
    assert!(runs[0].velocity(3).is_none());
    // Momentum's velocity at x_1 is −γ b_1 = −γ g_0, which is exactly x_1 − x_0.
    let h = runs[1].run().history();
    let v = runs[1].velocity(1).unwrap();
    for (i, vi) in v.iter().enumerate() {
        assert!((vi - (h.point(1)[i] - h.point(0)[i])).abs() < 1e-12);
    }
    assert_eq!(runs[2].velocity(0).unwrap(), vec![0.0, 0.0]);
    assert!(runs[2].state_vector(2, "v_hat").is_some());
}

#[test]
fn divergence_stops_the_run_and_critical_step_predicts_it() {
    let bowl: Rc<dyn Objective> = Rc::new(
        FnObjective::new(2, |p| p[0] * p[0] + 10.0 * p[1] * p[1]).with_gradient(|p, g| {
            g[0] = 2.0 * p[0];
            g[1] = 20.0 * p[1];
        }),
    );
    let view = crate::field::ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    let crit = critical_step(bowl.as_ref(), view).unwrap();
    assert!((crit - 0.1).abs() < 1e-6);
    let run_with = |gamma: f64| {
        Config2D {
            gamma,
            steps: 2000.0,
            mode: "exact".into(),
            ..Config2D::default()
        }
        .simulate(bowl.clone(), [1.0, 1.0])
        .unwrap()
    };
    let above = run_with(crit * 1.05);
    assert!(above.diverged());
    assert!(above.run().steps() < 2000, "stops at the step it diverges");
    let below = run_with(crit * 0.95);
    assert_eq!(below.run().status(), Status::MaxSteps);
    assert!(below.run().history().last_value() < 1e-6);
}

#[test]
fn hessian_of_notebook_function_at_its_minimum() {
    let s = 2f64.sqrt();
    let h = hessian(&notebook_2d(), [s, -s], 1e-4);
    assert!((h[0][0] - 20.0).abs() < 1e-4 && (h[0][1] - 4.0).abs() < 1e-4);
    assert!((largest_eigenvalue(h) - 24.0).abs() < 1e-4);
}

#[test]
fn arithmetic_substitutes_the_numbers_of_each_rule() {
    let start = [1.0, 0.5];
    let lines = |name: &str, order: &str| {
        let cfg = Config2D {
            optimizer: name.into(),
            mode: "exact".into(),
            order: order.into(),
            ..Config2D::default()
        };
        arithmetic(&cfg.simulate(nb(), start).unwrap(), 1).join("\n")
    };
    assert!(lines("momentum", "simultaneous").contains("b_2 = μ·b_1 + (1 − τ)·g = 0.9·"));
    let adam = lines("adam", "simultaneous");
    assert!(adam.contains("m̂_2 = m_2 / (1 − β₁^2) = "), "{adam}");
    assert!(adam.contains("/ 0.19 = "), "{adam}");
    assert!(lines("gd", "sequential").contains("sequential order"));
    assert!(lines("nesterov", "simultaneous").contains("d = g + μ·b_2"));
    assert!(lines("adagrad", "simultaneous").contains("s_2 = s_1 + g²"));
    assert!(lines("rmsprop", "simultaneous").contains("v_2 = α·v_1"));
    // AdamW (λ = 0.01, γ = 0.001): the decay line first, with 1 − γλ = 0.99999.
    let adamw = lines("adamw", "simultaneous");
    assert!(adamw.contains("x̃ = x_1·(1 − γ·λ) = "), "{adamw}");
    assert!(adamw.contains("·0.99999 = "), "{adamw}");
    assert!(adamw.contains("m̂_2 = m_2 / (1 − β₁^2) = "), "{adamw}");
    assert!(adamw.contains("x_2 = x̃ − γ·m̂_2 / (√v̂_2 + ε) = "), "{adamw}");
}

#[test]
fn config_errors_name_the_field() {
    let err = |c: Config2D| c.simulate(nb(), [0.0, 0.0]).unwrap_err().to_string();
    let base = Config2D::default();
    assert!(
        err(Config2D {
            order: "diagonal".into(),
            ..base.clone()
        })
        .starts_with("update order")
    );
    assert!(
        err(Config2D {
            optimizer: "lbfgs".into(),
            ..base.clone()
        })
        .starts_with("optimizer")
    );
    assert_eq!(
        Config2D {
            n: 0.0,
            ..base.clone()
        }
        .multistart()
        .unwrap_err()
        .to_string(),
        "N (starts) must be an integer from 1 to 10000 (got 0)"
    );
    let mut params = BTreeMap::new();
    params.insert("beta2".to_string(), 1.5);
    assert_eq!(
        err(Config2D {
            optimizer: "adam".into(),
            params,
            ..base.clone()
        }),
        "β₂ (second-moment decay) must be a number in [0, 1) (got 1.5)"
    );
    assert_eq!(
        base.simulate(nb(), [f64::NAN, 0.0])
            .unwrap_err()
            .to_string(),
        "start x must be a finite number (got not a number)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn every_optimizer_mode_and_order_runs_and_reports(
        x in -3.0f64..3.0, y in -3.0f64..3.0, opt in 0usize..crate::optim::RULES.len(), mode in 0usize..3, seq in any::<bool>()
    ) {
        let cfg = Config2D {
            optimizer: crate::optim::RULES[opt].name.into(),
            mode: ["exact", "central", "forward"][mode].into(),
            order: if seq { "sequential" } else { "simultaneous" }.into(),
            steps: 60.0,
            ..Config2D::default()
        };
        let run = cfg.simulate(nb(), [x, y]).unwrap();
        let h = run.run().history();
        prop_assert_eq!(h.len(), run.run().steps() + 1);
        // Every recorded iterate but a diverged run's last is finite, and the arithmetic
        // of every step names its optimizer and ends at the recorded next iterate.
        for k in 0..h.len() {
            if !(run.diverged() && k + 1 == h.len()) {
                prop_assert!(h.point(k).iter().all(|v| v.is_finite()));
            }
        }
        let lines = arithmetic(&run, 0);
        prop_assert!(lines[0].contains(crate::optim::RULES[opt].name));
        prop_assert!(lines.last().unwrap().starts_with("x_1 = "));
    }
}

#[test]
fn catalogue_and_typed_functions_run_alike_in_every_mode() {
    let catalogue = function(NOTEBOOK_FORMULA).unwrap();
    assert_eq!(catalogue.key, "notebook-2d");
    assert_eq!(catalogue.f_min, -8.0);
    // Written differently, the same f is compiled as a typed function.
    let typed = function("x^4 + y^4 - 2*(x - y)^2").unwrap();
    assert_eq!(typed.f_min, f64::NEG_INFINITY);
    for mode in ["exact", "central", "forward"] {
        for order in ["simultaneous", "sequential"] {
            let cfg = Config2D {
                mode: mode.into(),
                order: order.into(),
                optimizer: "adam".into(),
                params: BTreeMap::from([("lr".to_string(), 0.05)]),
                ..Config2D::default()
            };
            let a = cfg
                .simulate(catalogue.objective.clone(), [0.7, -2.1])
                .unwrap();
            let b = cfg.simulate(typed.objective.clone(), [0.7, -2.1]).unwrap();
            let (ha, hb) = (a.run().history(), b.run().history());
            assert_eq!(ha.len(), hb.len());
            for (p, q) in ha.points().iter().zip(hb.points()) {
                assert!((p - q).abs() < 1e-9, "{mode} {order}: {p} vs {q}");
            }
        }
    }
    let settings = crate::basin::BasinSettings {
        optimizer: Config2D::default().optimizer_spec().unwrap(),
        template: RunConfig::new(vec![0.0, 0.0], 300),
        view: crate::field::ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
        nx: 32,
        ny: 32,
        grad_tol: 1e-6,
        tol: 1e-2,
    };
    let mut map = crate::basin::BasinMap::new(typed.objective, settings).unwrap();
    map.finish();
    assert_eq!(map.minima().len(), 2);
}

#[test]
fn a_bad_typed_function_names_its_column() {
    let e = function("x^2 + * y").err().unwrap();
    assert_eq!(e.column, 7, "{e}");
    assert_eq!(
        function_or_config_error("x^2 + * y").err().unwrap().field(),
        "f"
    );
}

#[test]
fn the_bowl_formula_with_any_condition_number_is_the_catalogue_bowl() {
    let f = function("(x^2 + 250*y^2)/2").unwrap();
    assert_eq!(
        f.key, "bowl",
        "the catalogue entry, with its markers and f_min"
    );
    assert_eq!(f.f_min, 0.0);
    let mut g = [0.0; 2];
    f.objective.gradient(&[1.0, 2.0], &mut g);
    assert_eq!(g, [1.0, 500.0]);
    let view = crate::field::ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    let crit = critical_step(f.objective.as_ref(), view).unwrap();
    assert!((crit - 2.0 / 250.0).abs() < 1e-6, "2/L with L = κ: {crit}");
    // Out of range κ is just a typed function.
    assert_eq!(
        function("(x^2 + 5000*y^2)/2").unwrap().key,
        "(x^2 + 5000*y^2)/2"
    );
}

#[test]
fn basin_maps_over_the_budget_are_refused_and_others_get_the_lesson_settings() {
    let view = crate::field::ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    let cfg = Config2D::default();
    let s = basin_settings(&cfg, view, 128, 128).unwrap();
    assert_eq!(s.grad_tol, 1e-6);
    assert!((s.tol - 0.01).abs() < 1e-12);
    // The map has its own step budget, not the runs'.
    assert_eq!(s.template.max_steps, 750);
    // The default fits the largest grid the page offers.
    assert!(basin_settings(&cfg, view, 256, 256).is_ok());
    assert_eq!(s.template.order, crate::UpdateOrder::Sequential);
    let long = Config2D {
        basin_steps: 100_000.0,
        ..Config2D::default()
    };
    let e = basin_settings(&long, view, 256, 256).unwrap_err();
    assert_eq!(e.field(), "basin grid");
    assert!(e.to_string().contains("256 × 100000"), "{e}");
    assert!(e.to_string().contains("basin-map steps"), "{e}");
    // The runs' budget does not limit the map.
    let runs_long = Config2D {
        steps: 100_000.0,
        ..Config2D::default()
    };
    assert!(basin_settings(&runs_long, view, 256, 128).is_ok());
}

/// Shares of a finished map's cells: (unconverged, diverged, saddle) in percent.
fn basin_shares(cfg: &Config2D, n: usize) -> (f64, f64, f64) {
    let view = crate::field::ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    let s = basin_settings(cfg, view, n, n).unwrap();
    let mut map = crate::basin::BasinMap::new(nb(), s).unwrap();
    map.finish();
    let share =
        |l: i32| 100.0 * map.labels().iter().filter(|&&x| x == l).count() as f64 / (n * n) as f64;
    (
        share(crate::basin::UNCONVERGED),
        share(crate::basin::DIVERGED),
        share(crate::basin::SADDLE),
    )
}

#[test]
fn the_default_basin_budget_gives_the_notebook_function_a_clean_map() {
    // At the runs' 100 steps most of the 128² map has not settled yet ...
    let short = Config2D {
        basin_steps: 100.0,
        ..Config2D::default()
    };
    let (grey, black, _) = basin_shares(&short, 128);
    println!("basin map of the notebook function, 100 steps: {grey:.1}% unconverged");
    assert!(grey > 50.0, "{grey}% unconverged at 100 steps");
    // ... at the default budget the two basins are clean: only the saddle line y = x stays.
    let (grey, black2, saddle) = basin_shares(&Config2D::default(), 128);
    println!(
        "basin map of the notebook function, 750 steps: {grey:.1}% unconverged, {saddle:.1}% saddle"
    );
    assert!(grey + saddle < 2.0, "{grey}% unconverged, {saddle}% saddle");
    assert_eq!((black, black2), (0.0, 0.0));
    // The textbook order too: only the saddle line y = x stays unresolved.
    for steps in [100.0, 750.0] {
        let sim = Config2D {
            order: "simultaneous".into(),
            basin_steps: steps,
            ..Config2D::default()
        };
        let (grey, _, saddle) = basin_shares(&sim, 128);
        println!(
            "basin map, simultaneous order, {steps} steps: {grey:.1}% unconverged, {saddle:.1}% saddle"
        );
        if steps > 100.0 {
            assert!(grey + saddle < 2.0, "{grey}% unconverged, {saddle}% saddle");
        }
    }
}

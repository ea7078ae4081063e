//! The lanes keeping only ends equal one start at a time, bit for bit: against a scalar
//! reference of the rule (written out here with the plain formulas) and against `Run`.

use std::collections::BTreeMap;
use std::rc::Rc;

use std::cell::Cell;

use super::*;
use crate::objective::{FnObjective, notebook_2d};
use crate::optim::{OptimSpec, RULES};
use crate::run::{Run, Status};

/// One start, one step at a time, with the finite differences written out.
fn reference(
    f: &dyn Objective,
    spec: &OptimSpec,
    t: &RunConfig,
    tol: f64,
    start: [f64; 2],
) -> ([f64; 2], Status) {
    let partial = |p: &[f64; 2], i: usize| -> f64 {
        let mut q = *p;
        match t.mode {
            GradientMode::Exact => f.partial(p, i),
            GradientMode::Central { h } => {
                q[i] = p[i] + h;
                let up = f.value(&q);
                q[i] = p[i] - h;
                (up - f.value(&q)) / (2.0 * h)
            }
            GradientMode::Forward { h } => {
                q[i] = p[i] + h;
                (f.value(&q) - f.value(p)) / h
            }
        }
    };
    let mut opt = spec.build().unwrap();
    opt.reset(2);
    let mut p = start;
    let mut g = [0.0; 2];
    for step in 0..=t.max_steps {
        match t.mode {
            GradientMode::Exact => f.gradient(&p, &mut g),
            _ => g = [partial(&p, 0), partial(&p, 1)],
        }
        if !p.iter().chain(&g).all(|v| v.is_finite()) || p.iter().any(|v| v.abs() > t.bound) {
            return (p, Status::Diverged);
        }
        if g[0] * g[0] + g[1] * g[1] < tol * tol {
            let s = if f.value(&p).is_finite() {
                Status::Converged
            } else {
                Status::Diverged
            };
            return (p, s);
        }
        if step == t.max_steps {
            break;
        }
        if opt.whole() {
            // Line searches and Newton move the whole iterate, in the simultaneous order.
            opt.step_on(f, &mut p, &g);
            continue;
        }
        opt.begin_step();
        p[0] = opt.update(0, p[0], g[0]);
        let gy = match t.order {
            UpdateOrder::Simultaneous => g[1],
            UpdateOrder::Sequential => partial(&p, 1),
        };
        p[1] = opt.update(1, p[1], gy);
    }
    let s = if f.value(&p).is_finite() {
        Status::MaxSteps
    } else {
        Status::Diverged
    };
    (p, s)
}

fn grid(n: usize, half: f64) -> Vec<Vec<f64>> {
    (0..n * n)
        .map(|k| {
            let (i, j) = ((k % n) as f64, (k / n) as f64);
            let s = 2.0 * half / n as f64;
            vec![-half + (i + 0.5) * s, half - (j + 0.5) * s]
        })
        .collect()
}

fn spec(name: &str, lr: f64) -> OptimSpec {
    OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap()
}

fn assert_same(
    f: Rc<dyn Objective>,
    spec: &OptimSpec,
    t: &RunConfig,
    tol: f64,
    starts: Vec<Vec<f64>>,
    slice: usize,
) {
    let t = &RunConfig {
        grad_tol: tol,
        ..t.clone()
    };
    let flat = Starts::from_points(2, &starts).unwrap();
    let mut many = Ends::new(f.clone(), spec, t, flat).unwrap();
    while !many.advance(slice) {}
    for (k, s) in starts.iter().enumerate() {
        let (p, status) = reference(f.as_ref(), spec, t, tol, [s[0], s[1]]);
        let got = &many.ends()[2 * k..2 * k + 2];
        assert_eq!(
            (got[0].to_bits(), got[1].to_bits(), many.statuses()[k]),
            (p[0].to_bits(), p[1].to_bits(), status),
            "start {s:?} with {} {:?} {:?}: lanes {got:?}, reference {p:?}",
            spec.name(),
            t.mode,
            t.order
        );
    }
}

#[test]
fn every_optimizer_mode_and_order_equals_one_start_at_a_time() {
    let modes = [
        GradientMode::Exact,
        GradientMode::Central { h: 1e-3 },
        GradientMode::Forward { h: 1e-4 },
    ];
    for name in RULES.iter().map(|r| r.name) {
        for mode in modes {
            for order in [UpdateOrder::Simultaneous, UpdateOrder::Sequential] {
                let t = RunConfig::new(vec![0.0, 0.0], 120).mode(mode).order(order);
                let mut starts = grid(9, 3.0);
                // Far starts: some diverge, some leave the bound.
                starts.extend([vec![40.0, -40.0], vec![1e3, 2.0], vec![-7.0, 9.0]]);
                assert_same(
                    Rc::new(notebook_2d()),
                    &spec(name, 0.02),
                    &t,
                    1e-4,
                    starts,
                    7,
                );
            }
        }
    }
}

#[test]
fn lanes_refill_past_the_lane_count_with_early_stops() {
    // 30² = 900 starts > LANES, stopping at very different steps.
    let t = RunConfig::new(vec![0.0, 0.0], 400);
    let starts = grid(30, 3.0);
    assert!(starts.len() > LANES);
    assert_same(
        Rc::new(notebook_2d()),
        &spec("gd", 0.01),
        &t,
        1e-3,
        starts.clone(),
        13,
    );
    assert_same(
        Rc::new(notebook_2d()),
        &spec("adam", 0.05),
        &t,
        1e-3,
        starts,
        1000,
    );
}

#[test]
fn point_by_point_objectives_and_typed_functions_agree_too() {
    // No batched loops: the default gradient_many / value_many.
    let plain = FnObjective::new(2, |p| {
        (p[0] - 1.0).powi(2) + 10.0 * (p[1] + p[0] * p[0]).powi(2)
    });
    let typed = crate::expr::compile("x^4 + y^4 - 2(x-y)^2 + sin(x)", &["x", "y"]).unwrap();
    let himmelblau = crate::catalogue::find("himmelblau")
        .unwrap()
        .default_objective();
    let objectives: [Rc<dyn Objective>; 3] = [Rc::new(plain), Rc::new(typed), himmelblau];
    for f in objectives {
        for mode in [GradientMode::Exact, GradientMode::Central { h: 1e-3 }] {
            let t = RunConfig::new(vec![0.0, 0.0], 150)
                .mode(mode)
                .order(UpdateOrder::Sequential);
            assert_same(
                f.clone(),
                &spec("momentum", 0.005),
                &t,
                1e-5,
                grid(6, 2.5),
                50,
            );
        }
    }
}

#[test]
fn without_a_tolerance_the_notebook_loop_ends_where_run_ends() {
    // The notebook's In[13]: central differences h = 1e-3, sequential, γ = 0.01.
    let t = RunConfig::new(vec![0.0, 0.0], 1000)
        .mode(GradientMode::Central { h: 1e-3 })
        .order(UpdateOrder::Sequential);
    let starts = grid(5, 3.0);
    let calls = Rc::new(Cell::new(0u64));
    let counted = Rc::clone(&calls);
    let f: Rc<dyn Objective> = Rc::new(FnObjective::new(2, move |p| {
        counted.set(counted.get() + 1);
        p[0].powi(4) + p[1].powi(4) - 2.0 * (p[0] - p[1]).powi(2)
    }));
    let flat = Starts::from_points(2, &starts).unwrap();
    let mut many = Ends::new(f.clone(), &spec("gd", 0.01), &t, flat).unwrap();
    many.finish();
    // Four evaluations per step and start (two per partial), as the notebook's loop
    // takes, plus the last x partial before the budget stops the run and f at the end.
    assert_eq!(calls.get(), starts.len() as u64 * (4 * 1000 + 2 + 1));
    for (k, s) in starts.iter().enumerate() {
        let mut cfg = t.clone();
        cfg.start = s.to_vec();
        let mut run = Run::new(f.clone(), spec("gd", 0.01).build().unwrap(), cfg).unwrap();
        assert_eq!(run.finish(), Status::MaxSteps);
        let p = run.history().last_point();
        assert_eq!(
            [
                many.ends()[2 * k].to_bits(),
                many.ends()[2 * k + 1].to_bits()
            ],
            [p[0].to_bits(), p[1].to_bits()]
        );
        assert_eq!(many.statuses()[k], Status::MaxSteps);
    }
}

#[test]
fn bad_settings_are_rejected() {
    let f: Rc<dyn Objective> = Rc::new(crate::objective::notebook_1d());
    let t = RunConfig::new(vec![0.0, 0.0], 10);
    assert!(Ends::new(f, &spec("gd", 0.1), &t, Starts::new(2, vec![1.0, 2.0])).is_err());
    let t0 = RunConfig::new(vec![0.0, 0.0], 0);
    let none = Starts::default();
    assert!(Ends::new(Rc::new(notebook_2d()), &spec("gd", 0.1), &t0, none).is_err());
}

//! Many lanes equal each run stepped alone (one lane, `Run`), bit for bit: ends, values, lowest value, steps
//! and status, for every optimizer, gradient mode and update order, in 1-D and 2-D.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::objective::{FnObjective, notebook_1d, notebook_2d};
use crate::optim::OptimSpec;
use crate::optim::RULES;
use crate::run::{Run, Status};
use crate::runset::RunSummary;

/// A summary's numbers as bits (NaN equals NaN), with its steps, status and racer.
pub(crate) fn bits(s: &RunSummary) -> (Vec<u64>, Vec<u64>, [u64; 3], usize, Status, usize) {
    let b = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect();
    (
        b(&s.start),
        b(&s.end),
        [
            s.start_value.to_bits(),
            s.end_value.to_bits(),
            s.lowest.to_bits(),
        ],
        s.steps,
        s.status,
        s.racer,
    )
}

fn spec(name: &str, lr: f64) -> OptimSpec {
    OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap()
}

fn assert_same(f: Rc<dyn Objective>, spec: &OptimSpec, t: &RunConfig, starts: Vec<Vec<f64>>) {
    let flat = Rc::new(Starts::from_points(f.dim(), &starts).unwrap());
    let rule = spec.lanes(f.dim(), t.max_steps);
    let mut many = Lanes::new(f.clone(), rule, t, Track::Values, flat).unwrap();
    let mut got: Vec<Option<RunSummary>> = vec![None; starts.len()];
    while !many.is_done() {
        many.iterate(None);
        many.drain(|done, end| {
            let i = done.id;
            assert!(got[i].is_none(), "start {i} finished twice");
            got[i] = Some(RunSummary::finished(done, &starts[i], end, 0));
        });
    }
    for (i, s) in starts.iter().enumerate() {
        let cfg = RunConfig {
            start: s.clone(),
            ..t.clone()
        };
        let mut run = Run::new(f.clone(), spec.build().unwrap(), cfg).unwrap();
        run.finish();
        let want = RunSummary::of(&run, 0);
        let got = got[i].as_ref().expect("every start finishes");
        assert_eq!(
            bits(got),
            bits(&want),
            "start {s:?} with {} {:?} {:?}: lanes {got:?}, run {want:?}",
            spec.name(),
            t.mode,
            t.order
        );
    }
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

const MODES: [GradientMode; 3] = [
    GradientMode::Exact,
    GradientMode::Central { h: 1e-3 },
    GradientMode::Forward { h: 1e-4 },
];

#[test]
fn every_optimizer_mode_and_order_equals_run_in_2d() {
    let mut starts = grid(9, 3.0);
    // Far starts: some diverge, some leave the bound, one at the minimum stops at once.
    starts.extend([
        vec![40.0, -40.0],
        vec![1e3, 2.0],
        vec![-7.0, 9.0],
        vec![2f64.sqrt(), -(2f64.sqrt())],
    ]);
    for name in RULES.iter().map(|r| r.name) {
        for mode in MODES {
            for order in [UpdateOrder::Simultaneous, UpdateOrder::Sequential] {
                for tol in [0.0, 1e-4] {
                    let mut t = RunConfig::new(vec![0.0, 0.0], 120).mode(mode).order(order);
                    t.grad_tol = tol;
                    let f = Rc::new(notebook_2d());
                    assert_same(f, &spec(name, 0.02), &t, starts.clone());
                }
            }
        }
    }
}

#[test]
fn every_optimizer_and_mode_equals_run_in_1d() {
    let starts: Vec<Vec<f64>> = (0..40).map(|i| vec![-10.0 + 0.5 * i as f64]).collect();
    let typed = crate::expr::compile("log(x) + x^2/10", &["x"]).unwrap();
    let objectives: [Rc<dyn Objective>; 2] = [Rc::new(notebook_1d()), Rc::new(typed)];
    for f in objectives {
        for name in RULES.iter().map(|r| r.name) {
            for mode in MODES {
                for (lr, tol) in [(0.1, 0.0), (0.3, 1e-6), (1.2, 0.0)] {
                    let mut t = RunConfig::new(vec![0.0], 200).mode(mode);
                    t.grad_tol = tol;
                    assert_same(f.clone(), &spec(name, lr), &t, starts.clone());
                }
            }
        }
    }
}

#[test]
fn lanes_refill_past_the_lane_count_and_point_by_point_objectives_agree() {
    // 30² = 900 starts > LANES, stopping at very different steps.
    let mut t = RunConfig::new(vec![0.0, 0.0], 400).order(UpdateOrder::Sequential);
    t.grad_tol = 1e-3;
    assert!(grid(30, 3.0).len() > LANES);
    for name in ["gd", "adam", "rmsprop"] {
        assert_same(Rc::new(notebook_2d()), &spec(name, 0.01), &t, grid(30, 3.0));
    }
    // No batched loops (the default value_many and gradient_many), and a typed function.
    let plain = FnObjective::new(2, |p| {
        (p[0] - 1.0).powi(2) + 10.0 * (p[1] + p[0] * p[0]).powi(2)
    });
    let typed = crate::expr::compile("x^4 + y^4 - 2(x-y)^2 + sin(x)", &["x", "y"]).unwrap();
    let objectives: [Rc<dyn Objective>; 2] = [Rc::new(plain), Rc::new(typed)];
    for f in objectives {
        for mode in [GradientMode::Exact, GradientMode::Central { h: 1e-3 }] {
            let t = t.clone().mode(mode);
            assert_same(f.clone(), &spec("momentum", 0.005), &t, grid(6, 2.5));
        }
    }
}

#[test]
fn bad_settings_are_rejected() {
    let lanes = |t: &RunConfig, starts: Starts| {
        let f: Rc<dyn Objective> = Rc::new(notebook_2d());
        let rule = spec("gd", 0.1).lanes(2, t.max_steps);
        Lanes::new(f, rule, t, Track::Values, Rc::new(starts))
    };
    let none = Starts::default;
    assert!(lanes(&RunConfig::new(vec![0.0, 0.0], 0), none()).is_err());
    let t = RunConfig::new(vec![0.0, 0.0], 10);
    assert!(Starts::from_points(2, &[vec![1.0]]).is_err());
    assert!(lanes(&t, Starts::new(1, vec![1.0])).is_err());
    assert!(lanes(&t, Starts::new(2, vec![1.0, f64::NAN])).is_err());
    assert!(lanes(&t, none()).unwrap().is_done());
}

#[test]
fn momentum_with_dampening_or_none_equals_run() {
    let t = RunConfig::new(vec![0.0, 0.0], 150).mode(GradientMode::Central { h: 1e-3 });
    for (mu, damp) in [(0.0, 0.0), (0.9, 0.3), (0.5, 1.0)] {
        let params = BTreeMap::from([
            ("lr".to_string(), 0.01),
            ("momentum".to_string(), mu),
            ("dampening".to_string(), damp),
        ]);
        let s = OptimSpec::new("momentum", &params).unwrap();
        assert_same(Rc::new(notebook_2d()), &s, &t, grid(7, 3.0));
    }
}

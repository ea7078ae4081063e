//! Tests of runs: closed forms, stop rules, update orders and config errors.

use super::*;
use crate::objective::{notebook_1d, notebook_2d};
use crate::optim::GradientDescent;
use proptest::prelude::*;

fn run_1d(x0: f64, lr: f64, steps: usize) -> Run {
    Run::new(
        Rc::new(notebook_1d()),
        Box::new(GradientDescent::new(lr).unwrap()),
        RunConfig::new(vec![x0], steps).mode(GradientMode::Central { h: 1e-3 }),
    )
    .unwrap()
}

proptest! {
    #[test]
    fn gd_on_parabola_matches_closed_form(x0 in -10.0f64..10.0, n in 0usize..200, lr in 0.001f64..0.9) {
        let mut run = run_1d(x0, lr, 200);
        run.step_n(n);
        let expected = 1.0 + (x0 - 1.0) * (1.0 - 2.0 * lr).powi(n as i32);
        prop_assert!((run.history().point(n)[0] - expected).abs() < 1e-9);
        prop_assert_eq!(run.history().len(), n + 1);
    }
}

#[test]
fn large_step_diverges_instead_of_looping() {
    let mut run = run_1d(5.0, 1.5, 1000);
    assert_eq!(run.finish(), Status::Diverged);
    // |x - 1| doubles each step from 4: the bound 1e6 is passed at step 18.
    assert_eq!(run.steps(), 18);
    assert!(run.history().last_point()[0].abs() > 1e6);
}

#[test]
fn non_finite_value_diverges_at_that_step() {
    let f = crate::FnObjective::new(1, |x| if x[0] < 0.0 { f64::NAN } else { x[0] * x[0] })
        .with_gradient(|x, g| g[0] = 2.0 * x[0]);
    let mut run = Run::new(
        Rc::new(f),
        Box::new(GradientDescent::new(1.5).unwrap()),
        RunConfig::new(vec![1.0], 10),
    )
    .unwrap();
    assert_eq!(run.step(), Status::Diverged);
    assert_eq!(run.steps(), 1);
    assert_eq!(run.step(), Status::Diverged);
    assert_eq!(run.steps(), 1, "a stopped run takes no more steps");
}

#[test]
fn max_steps_and_convergence_stop_the_run() {
    let mut run = run_1d(3.0, 0.1, 7);
    assert_eq!(run.finish(), Status::MaxSteps);
    assert_eq!(run.steps(), 7);
    let mut cfg = RunConfig::new(vec![3.0], 10_000);
    cfg.grad_tol = 1e-8;
    let mut run = Run::new(
        Rc::new(notebook_1d()),
        Box::new(GradientDescent::new(0.1).unwrap()),
        cfg,
    )
    .unwrap();
    assert_eq!(run.finish(), Status::Converged);
    assert!(run.history().gradient(run.steps())[0].abs() < 1e-8);
}

#[test]
fn rewind_replays_exactly() {
    let mut run = run_1d(3.0, 0.1, 50);
    run.step_n(10);
    let x4 = run.history().point(4).to_vec();
    run.rewind(4);
    assert_eq!(run.steps(), 4);
    assert_eq!(run.x(), &x4[..]);
    assert_eq!(run.history().len(), 5);
}

#[test]
fn sequential_order_uses_the_moved_x() {
    let f: Rc<dyn Objective> = Rc::new(notebook_2d());
    let start = vec![1.0, 0.5];
    let lr = 0.01;
    let mut seq = Run::new(
        f.clone(),
        Box::new(GradientDescent::new(lr).unwrap()),
        RunConfig::new(start.clone(), 1).order(UpdateOrder::Sequential),
    )
    .unwrap();
    let mut sim = Run::new(
        f,
        Box::new(GradientDescent::new(lr).unwrap()),
        RunConfig::new(start, 1),
    )
    .unwrap();
    seq.step();
    sim.step();
    // By hand: gx = 4x³ − 4(x−y) = 4 − 2 = 2 → x1 = 0.98 in both orders.
    let x1 = 1.0 - lr * 2.0;
    // Simultaneous: gy = 4y³ + 4(x−y) at (1, 0.5) = 0.5 + 2 = 2.5.
    let y1_sim = 0.5 - lr * 2.5;
    // Sequential: gy at (0.98, 0.5) = 0.5 + 4·0.48 = 2.42.
    let y1_seq = 0.5 - lr * (4.0 * 0.125 + 4.0 * (x1 - 0.5));
    assert!((sim.x()[0] - x1).abs() < 1e-15 && (sim.x()[1] - y1_sim).abs() < 1e-15);
    assert!((seq.x()[0] - x1).abs() < 1e-15 && (seq.x()[1] - y1_seq).abs() < 1e-15);
}

#[test]
fn bad_configs_name_their_field() {
    let err = |cfg: RunConfig| {
        Run::new(
            Rc::new(notebook_1d()),
            Box::new(GradientDescent::new(0.1).unwrap()),
            cfg,
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        err(RunConfig::new(vec![1.0], 0)),
        "steps must be an integer from 1 to 1000000 (got 0)"
    );
    assert_eq!(
        err(RunConfig::new(vec![1.0, 2.0], 5)),
        "start point needs 1 coordinate(s), got 2"
    );
    assert_eq!(
        err(RunConfig::new(vec![f64::NAN], 5)),
        "start point must be a finite number (got not a number)"
    );
    assert_eq!(
        err(RunConfig::new(vec![1.0], 5).mode(GradientMode::Central { h: -1.0 })),
        "h (difference step) must be a finite number > 0 (got -1)"
    );
    assert_eq!(
        GradientDescent::new(f64::INFINITY).unwrap_err().to_string(),
        "γ (learning rate) must be a finite number > 0 (got inf)"
    );
}

#[test]
fn history_indices_are_checked() {
    let f: Rc<dyn Objective> = Rc::new(notebook_1d());
    let mut run = crate::lessons::gd_run(f, vec![5.0], 0.1, GradientMode::Exact, 3).unwrap();
    run.finish();
    let h = run.history();
    assert_eq!(h.len(), 4);
    assert_eq!(
        h.get(3).map(|p| p.0.to_vec()),
        Some(h.last_point().to_vec())
    );
    assert_eq!(h.get(4), None);
    assert_eq!(h.get(usize::MAX), None);
    let msg = |r: std::thread::Result<()>| {
        let e = r.unwrap_err();
        e.downcast_ref::<String>().cloned().unwrap_or_default()
    };
    let past = std::panic::catch_unwind(|| {
        h.point(usize::MAX);
    });
    assert_eq!(
        msg(past),
        format!("iterate {} of a history of 4 iterates", usize::MAX)
    );
    let empty = std::panic::catch_unwind(|| {
        History::default().last_value();
    });
    assert_eq!(msg(empty), "iterate 0 of a history of 0 iterates");
}

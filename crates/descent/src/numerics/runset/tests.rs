//! Tests of resumable run sets: slices equal one shot, recomputed histories equal the
//! originals, budgets and summaries.

use super::*;
use crate::diff::GradientMode;
use crate::lesson2d::TracedRun;
use crate::multistart::MultiStart;
use crate::objective::notebook_2d;
use crate::run::{Run, UpdateOrder};

fn spec(name: &str) -> OptimSpec {
    OptimSpec::new(name, &Default::default()).unwrap()
}

fn set(n: usize, steps: usize, specs: &[&str]) -> RunSet {
    let starts = MultiStart {
        n,
        lo: vec![-3.0, -3.0],
        hi: vec![3.0, 3.0],
        seed: 11,
    }
    .starts();
    let template = RunConfig::new(vec![0.0, 0.0], steps)
        .mode(GradientMode::Central { h: 1e-3 })
        .order(UpdateOrder::Sequential);
    RunSet::new(
        Rc::new(notebook_2d()),
        f64::NEG_INFINITY,
        specs.iter().map(|s| spec(s)).collect(),
        template,
        starts,
        ["n2", "steps2"],
    )
    .unwrap()
}

fn same_run(a: &TracedRun, b: &TracedRun) {
    let (ha, hb) = (a.run().history(), b.run().history());
    assert_eq!(ha.points(), hb.points());
    assert_eq!(ha.values(), hb.values());
    assert_eq!(ha.gradients(), hb.gradients());
    assert_eq!(a.run().status(), b.run().status());
    for k in 0..ha.len() {
        assert_eq!(a.velocity(k), b.velocity(k));
    }
}

#[test]
fn slices_of_any_size_give_the_one_shot_result() {
    let mut whole = set(6, 150, &["gd", "momentum", "adam"]);
    whole.finish();
    assert!(whole.keeps_history());
    assert_eq!(whole.summaries().len(), 18);
    for slice in [1, 7, 149, 151, 1000] {
        let mut sliced = set(6, 150, &["gd", "momentum", "adam"]);
        let mut calls = 0;
        while !sliced.advance(slice) {
            calls += 1;
            let p = sliced.progress();
            assert!((0.0..=1.0).contains(&p));
        }
        assert!(
            calls >= 18 * 150 / slice.max(1) / 2,
            "slice {slice}: {calls} calls"
        );
        assert_eq!(sliced.summaries(), whole.summaries());
        assert_eq!(sliced.best(), whole.best());
        for i in 0..whole.len() {
            same_run(sliced.traced(i).unwrap(), whole.traced(i).unwrap());
        }
    }
}

#[test]
fn runs_match_traced_runs_simulated_alone() {
    let mut s = set(3, 100, &["gd", "nesterov"]);
    s.finish();
    for i in 0..s.len() {
        let alone =
            TracedRun::simulate(Rc::new(notebook_2d()), s.spec(i).clone(), s.config_of(i)).unwrap();
        same_run(s.traced(i).unwrap(), &alone);
        assert_eq!(s.summaries()[i].racer, i % 2);
    }
}

#[test]
fn large_sets_keep_summaries_and_recompute_a_selected_history() {
    // 2100 runs × 101 recorded steps is over the kept-history budget.
    let mut s = set(2100, 100, &["gd"]);
    assert!(!s.keeps_history());
    while !s.advance(5000) {}
    assert_eq!(s.summaries().len(), 2100);
    assert!(s.traced(0).is_none() && s.shown().is_empty());
    let best = s.best().unwrap();
    s.select(best);
    assert!(!s.is_done(), "the selected history is still to compute");
    assert!(s.progress() < 1.0);
    while !s.advance(7) {}
    let t = s.traced(best).unwrap();
    let alone = TracedRun::simulate(Rc::new(notebook_2d()), spec("gd"), s.config_of(best)).unwrap();
    same_run(t, &alone);
    let sum = &s.summaries()[best];
    assert_eq!(t.run().history().last_point(), &sum.end[..]);
    assert_eq!(t.run().history().last_value(), sum.end_value);
    assert_eq!(t.run().steps(), sum.steps);
    assert_eq!(s.shown().len(), 1);
    assert_eq!(s.costs(best, false, false), t.run().history().values());
    // Another selection replaces the first.
    s.select(0);
    s.finish();
    assert!(s.traced(best).is_none() || best == 0);
    assert!(s.traced(0).is_some());
}

#[test]
fn best_and_f_min_follow_the_summaries() {
    let mut s = set(8, 200, &["gd"]);
    s.finish();
    let best = s.best().unwrap();
    let ends: Vec<f64> = s.summaries().iter().map(|r| r.end_value).collect();
    assert!(ends.iter().all(|&e| e >= ends[best]));
    // The notebook function's minimum is −8 at ±(√2, −√2); 200 steps reach it closely.
    assert!((s.f_min() + 8.0).abs() < 1e-3, "{}", s.f_min());
    let rel = s.costs(best, true, false);
    assert!(rel.iter().all(|&c| c >= 0.0));
    let log = s.costs(best, true, true);
    assert_eq!(log.len(), rel.len());
}

#[test]
fn oversize_sets_are_refused_before_any_work() {
    let starts = vec![vec![0.0, 0.0]; 10_000];
    let e = RunSet::new(
        Rc::new(notebook_2d()),
        f64::NEG_INFINITY,
        vec![spec("gd")],
        RunConfig::new(vec![0.0, 0.0], 100_000),
        starts,
        ["n2", "steps2"],
    )
    .unwrap_err();
    assert_eq!(e.field(), "n2");
    assert!(e.to_string().contains("10000 × 100000"), "{e}");
}

#[test]
fn cost_curves_are_relative_and_logarithmic() {
    assert_eq!(cost_curve(&[3.0, 2.0], 1.0, false), vec![2.0, 1.0]);
    let l = cost_curve(&[101.0, 1.0, 0.0], 1.0, true);
    assert_eq!(l[0], 2.0);
    assert!(l[1].is_nan() && l[2].is_nan());
}

#[test]
fn summaries_without_histories_equal_runs_stepped_alone() {
    // 700 starts × 3 racers × 101 recorded steps is over the kept-history budget: the
    // runs go through the lanes, every optimizer with its own.
    let racers = ["gd", "momentum", "adam"];
    let mut whole = set(700, 100, &racers);
    assert!(!whole.keeps_history());
    let mut prefix = 0;
    while !whole.advance(4999) {
        // Summaries arrive in run order, whatever order the lanes finish in.
        assert!(whole.summaries().len() >= prefix);
        prefix = whole.summaries().len();
        assert!((0.0..=1.0).contains(&whole.progress()));
    }
    assert_eq!(whole.summaries().len(), 2100);
    assert_eq!(whole.progress(), 1.0);
    for (i, got) in whole.summaries().iter().enumerate() {
        let mut run = Run::new(
            Rc::new(notebook_2d()),
            whole.spec(i).build().unwrap(),
            whole.config_of(i),
        )
        .unwrap();
        run.finish();
        let want = RunSummary::of(&run, i % 3);
        assert_eq!(
            crate::lanes::runs_tests::bits(got),
            crate::lanes::runs_tests::bits(&want),
            "run {i}"
        );
    }
    // Any slicing gives the same summaries.
    let mut sliced = set(700, 100, &racers);
    while !sliced.advance(1) {}
    assert_eq!(sliced.summaries(), whole.summaries());
    assert_eq!(sliced.best(), whole.best());
    assert_eq!(sliced.f_min(), whole.f_min());
}

#[test]
fn f_min_is_kept_as_summaries_come_in() {
    // Many one-step runs (summaries only): f_min is the lowest value of any run.
    let mut s = set(1200, 1, &["gd", "adam"]);
    assert!(!s.keeps_history(), "over the kept-paths budget");
    assert_eq!(s.f_min(), f64::INFINITY);
    while !s.advance(97) {
        let lowest = s
            .summaries()
            .iter()
            .fold(f64::INFINITY, |m, r| m.min(r.lowest));
        assert_eq!(s.f_min(), lowest);
    }
    let lowest = s
        .summaries()
        .iter()
        .fold(f64::INFINITY, |m, r| m.min(r.lowest));
    assert_eq!(s.f_min(), lowest);
    assert!(lowest.is_finite());
}

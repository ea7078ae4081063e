//! Each cause of divergence, produced by a real run, and the parabola hint only where it
//! applies.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::diff::GradientMode;
use crate::objective::FnObjective;
use crate::optim::OptimSpec;
use crate::run::RunConfig;

fn typed(text: &str) -> Rc<dyn Objective> {
    Rc::new(crate::expr::compile(text, &["x"]).unwrap())
}

/// Gradient descent with step `gamma` from `x0` (central differences, h = 1e-3) on `f`.
fn run(f: &Rc<dyn Objective>, gamma: f64, x0: Vec<f64>) -> Run {
    let gd = OptimSpec::new("gd", &BTreeMap::from([("lr".to_string(), gamma)])).unwrap();
    let cfg = RunConfig::new(x0, 200).mode(GradientMode::Central { h: 1e-3 });
    let mut r = Run::new(f.clone(), gd.build().unwrap(), cfg).unwrap();
    r.finish();
    r
}

fn diag(f: &Rc<dyn Objective>, gamma: f64, x0: Vec<f64>) -> Diagnosis {
    diagnose(&run(f, gamma, x0), f.as_ref(), Some(gamma)).expect("the run diverges")
}

#[test]
fn a_run_that_does_not_diverge_has_no_cause() {
    let f = typed("(x-1)**2");
    assert_eq!(
        diagnose(&run(&f, 0.1, vec![3.0]), f.as_ref(), Some(0.1)),
        None
    );
}

#[test]
fn gamma_above_one_on_the_notebook_parabola_overshoots_with_the_hint() {
    for text in ["(x-1)**2", "x^2 - 2*x + 1"] {
        let d = diag(&typed(text), 1.5, vec![3.0]);
        let Cause::Overshoot {
            gamma_curvature, ..
        } = d.cause
        else {
            panic!("{text}: {d:?}")
        };
        assert!((gamma_curvature - 3.0).abs() < 1e-6, "γ·f″ = 1.5·2");
        assert!(d.message.contains("γ·f″ ≈ 3 > 2"), "{}", d.message);
        assert!(
            d.message.contains("On (x−1)², f″ = 2, so γ > 1 diverges."),
            "{}",
            d.message
        );
    }
    // Another quadratic overshoots too, without the parabola's hint.
    let d = diag(&typed("5*x^2"), 0.3, vec![3.0]);
    assert!(matches!(d.cause, Cause::Overshoot { .. }), "{d:?}");
    assert!(
        d.message.contains("γ·f″ ≈ 3 > 2") && !d.message.contains("(x−1)²"),
        "{}",
        d.message
    );
}

#[test]
fn log_of_a_negative_iterate_is_undefined_not_overshooting() {
    // From x₀ = 0.5 a step of γ = 1 on log(x) jumps to 0.5 − 1/0.5 = −1.5.
    let d = diag(&typed("log(x)"), 1.0, vec![0.5]);
    assert_eq!(d.cause, Cause::Undefined { step: 1 }, "{}", d.message);
    assert!(
        d.message.contains("undefined") && d.message.contains("log"),
        "{}",
        d.message
    );
    assert!(!d.message.contains("γ > 1"), "{}", d.message);
}

#[test]
fn a_start_where_f_overflows_is_out_of_range() {
    let f = typed("(x-1)**2");
    let d = diag(&f, 0.01, vec![1e308]);
    assert_eq!(d.cause, Cause::Start, "{}", d.message);
    assert!(
        d.message.starts_with(
            "diverged at step 0: the start itself is out of range — f or its derivative overflows"
        ),
        "{}",
        d.message
    );
    assert!(!d.message.contains("γ > 1"), "{}", d.message);
    let d = diag(&typed("sqrt(x)"), 0.01, vec![-4.0]);
    assert_eq!(d.cause, Cause::Start);
    assert!(d.message.contains("undefined"), "{}", d.message);
}

#[test]
fn an_overflowing_step_and_a_slow_escape_are_told_apart() {
    // exp(x²) with a start at 10: the first gradient is about 10⁴⁴, the step overflows f.
    let f = typed("exp(x^2)");
    let d = diag(&f, 1.0, vec![10.0]);
    assert!(
        matches!(d.cause, Cause::Overflow { .. } | Cause::Overshoot { .. }),
        "{d:?}"
    );
    // −x descends forever at a constant pace: no overshoot, it leaves the bound.
    let line: Rc<dyn Objective> = Rc::new(FnObjective::new(1, |x: &[f64]| -x[0]));
    let d = diag(&line, 1e4, vec![0.0]);
    assert_eq!(
        d.cause,
        Cause::Bound {
            step: 100,
            bound: 1e6
        },
        "{}",
        d.message
    );
    assert!(d.message.contains("left |x| ≤ 1000000"), "{}", d.message);
}

#[test]
fn without_a_plain_step_size_there_is_no_overshoot_test() {
    let f = typed("(x-1)**2");
    let r = run(&f, 1.5, vec![3.0]);
    let d = diagnose(&r, f.as_ref(), None).unwrap();
    assert!(!matches!(d.cause, Cause::Overshoot { .. }), "{d:?}");
    assert!(!d.message.contains("γ > 1"));
}

//! Tests of the whole pipeline: text → tape → values, gradients and runs.

use std::rc::Rc;

use proptest::prelude::*;

use super::*;
use crate::lessons::gd_run;
use crate::objective::{Objective, notebook_1d, notebook_2d};
use crate::{GradientMode, Status};

const XY: &[&str] = &["x", "y"];

#[test]
fn notebook_functions_match_the_hand_written_ones() {
    let f = compile("(x-1)**2", &["x"]).unwrap();
    let f2 = compile("x**4 + y**4 - 2*(x-y)**2", XY).unwrap();
    let (nb1, nb2) = (notebook_1d(), notebook_2d());
    for i in 0..50 {
        let x = -3.0 + 0.13 * i as f64;
        let y = 2.0 - 0.07 * i as f64;
        assert_eq!(f.value(&[x]), nb1.value(&[x]));
        let (mut g, mut h) = ([0.0; 2], [0.0; 2]);
        f2.gradient(&[x, y], &mut g);
        nb2.gradient(&[x, y], &mut h);
        assert!((f2.value(&[x, y]) - nb2.value(&[x, y])).abs() < 1e-12);
        for k in 0..2 {
            assert!((g[k] - h[k]).abs() < 1e-12 * (1.0 + h[k].abs()));
        }
    }
}

#[test]
fn runs_in_every_gradient_mode() {
    let modes = [
        GradientMode::Exact,
        GradientMode::Central { h: 1e-3 },
        GradientMode::Forward { h: 1e-6 },
    ];
    for mode in modes {
        let f: Rc<dyn Objective> = Rc::new(compile("x^4 + y^4 - 2(x-y)^2", XY).unwrap());
        let mut run = gd_run(f, vec![1.0, -0.5], 0.01, mode, 2000).unwrap();
        run.finish();
        let p = run.history().last_point();
        let s = 2f64.sqrt();
        assert!(
            (p[0] - s).abs() < 1e-3 && (p[1] + s).abs() < 1e-3,
            "{mode:?}: {p:?}"
        );
    }
    // The typed 1-D run equals the notebook's run step for step in its own mode.
    let typed: Rc<dyn Objective> = Rc::new(compile("(x-1)**2", &["x"]).unwrap());
    let mode = GradientMode::Central { h: 1e-3 };
    let mut a = gd_run(typed, vec![5.0], 0.01, mode, 50).unwrap();
    let mut b = crate::lessons::notebook_1d_run(5.0, 0.01, 1e-3, 50).unwrap();
    a.finish();
    b.finish();
    assert_eq!(a.history().points(), b.history().points());
}

#[test]
fn domain_errors_stop_the_run_as_diverged() {
    // ln and sqrt are pushed below 0 by a large step; 1/x is started at its pole.
    for (text, x0) in [("ln(x)", 0.5), ("sqrt(x)", 0.5), ("1/x", 0.0)] {
        let f: Rc<dyn Objective> = Rc::new(compile(text, &["x"]).unwrap());
        let mut run = gd_run(f, vec![x0], 1.0, GradientMode::Exact, 100).unwrap();
        assert_eq!(run.finish(), Status::Diverged, "{text}");
    }
    let f = compile("ln(x)", &["x"]).unwrap();
    assert!(f.value(&[-1.0]).is_nan());
    assert_eq!(f.value(&[0.0]), f64::NEG_INFINITY);
}

#[test]
fn the_variable_list_is_checked() {
    assert!(compile("x", &[]).is_err());
    assert!(compile("x", &["x", "y", "z"]).is_err());
    assert!(compile("x", &["x", "x"]).is_err());
    assert!(compile("x", &["sin"]).is_err());
    assert!(compile("x", &["2"]).is_err());
    let f = compile("t^2", &["t"]).unwrap();
    assert_eq!(f.derivative(3.0), (9.0, 6.0));
    assert_eq!(f.partial(&[3.0], 0), 6.0);
}

#[test]
fn canonical_text_and_mathml_are_available() {
    let f = compile("x**4 + y**4 - 2*(x-y)**2", XY).unwrap();
    assert_eq!(f.text(), "x^4 + y^4 - 2*(x - y)^2");
    assert!(f.mathml().starts_with("<math"));
    assert_eq!(f.tape().len(), 4);
    assert_eq!(f.clone().value(&[1.0, 1.0]), 2.0);
}

/// Random expressions that stay smooth: ln, sqrt and division get positive arguments.
fn arb_smooth() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        (1u32..30).prop_map(|n| format!("{}", n as f64 / 10.0)),
    ];
    leaf.prop_recursive(5, 40, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) - ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/(1 + ({b})^2)")),
            (inner.clone(), 0i32..5).prop_map(|(a, n)| format!("({a})^{n}")),
            inner.clone().prop_map(|a| format!("sin({a})")),
            inner.clone().prop_map(|a| format!("tanh({a})")),
            inner.clone().prop_map(|a| format!("exp(atan({a}))")),
            inner.clone().prop_map(|a| format!("ln(1 + ({a})^2)")),
            inner.clone().prop_map(|a| format!("sqrt(2 + cos({a}))")),
            inner
                .clone()
                .prop_map(|a| format!("(1.5 + sin({a}))^(0.5 + cos({a})^2)")),
        ]
    })
}

/// A plain tree-walking evaluator, independent of the compiler, to check the tape against.
fn eval_tree(e: &Expr, x: &[f64]) -> f64 {
    match e {
        Expr::Num(v) => *v,
        Expr::Const(c) => c.value(),
        Expr::Var(i) => x[*i],
        Expr::Neg(a) => -eval_tree(a, x),
        Expr::Bin(op, l, r) => {
            let (a, b) = (eval_tree(l, x), eval_tree(r, x));
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => a / b,
                BinOp::Pow => a.powf(b),
            }
        }
        Expr::Call(f, args) => {
            let a = eval_tree(&args[0], x);
            match f {
                Func::Sin => a.sin(),
                Func::Cos => a.cos(),
                Func::Tan => a.tan(),
                Func::Exp => a.exp(),
                Func::Ln | Func::Log => a.ln(),
                Func::Sqrt => a.sqrt(),
                Func::Abs => a.abs(),
                Func::Tanh => a.tanh(),
                Func::Sinh => a.sinh(),
                Func::Cosh => a.cosh(),
                Func::Atan => a.atan(),
                Func::Min => a.min(eval_tree(&args[1], x)),
                Func::Max => a.max(eval_tree(&args[1], x)),
            }
        }
    }
}

proptest! {
    #[test]
    fn the_tape_computes_what_the_tree_says(text in arb_smooth(), x in -1.5f64..1.5, y in -1.5f64..1.5) {
        let f = compile(&text, XY).unwrap();
        let want = eval_tree(f.expr(), &[x, y]);
        let got = f.value(&[x, y]);
        let mut g = [0.0; 2];
        let got2 = f.value_and_gradient(&[x, y], &mut g);
        let tol = 1e-9 * want.abs().max(1.0);
        prop_assert!((got - want).abs() <= tol, "{text} at ({x}, {y}): tape {got} vs tree {want}");
        prop_assert!((got2 - want).abs() <= tol, "{text}: one-pass {got2} vs tree {want}");
    }

    #[test]
    fn random_printable_input_never_panics(s in "[ -~]{0,200}") {
        let _ = parse(&s, XY);
        if let Ok(f) = compile(&s, XY) {
            let mut g = [0.0; 2];
            let _ = f.value(&[0.3, -0.7]);
            f.gradient(&[0.3, -0.7], &mut g);
        }
    }

    #[test]
    fn random_token_soup_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("x"), Just("y"), Just("z"), Just("2"), Just("1e-3"), Just("."),
                Just("+"), Just("-"), Just("*"), Just("**"), Just("/"), Just("^"),
                Just("("), Just(")"), Just(","), Just(" "), Just("sin"), Just("max"),
                Just("pi"), Just("e"), Just("sqrt"), Just("−"), Just("π"),
            ],
            0..80,
        )
    ) {
        let s: String = parts.concat();
        match compile(&s, XY) {
            Ok(f) => { let _ = f.value(&[1.0, 2.0]); }
            Err(e) => {
                prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1, "{s}: {e:?}");
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn exact_gradient_matches_central_differences(text in arb_smooth(), x in -1.5f64..1.5, y in -1.5f64..1.5) {
        let f = compile(&text, XY).unwrap();
        let mut g = [0.0; 2];
        let v = f.value_and_gradient(&[x, y], &mut g);
        prop_assert_eq!(v.to_bits(), f.value(&[x, y]).to_bits());
        // Two central differences, h and h/2: their gap estimates the truncation error,
        // so fast-oscillating random functions get a fair tolerance.
        let (mut fd, mut fd2) = ([0.0; 2], [0.0; 2]);
        crate::diff::central_gradient(|p| f.value(p), &[x, y], 1e-5, &mut fd);
        crate::diff::central_gradient(|p| f.value(p), &[x, y], 5e-6, &mut fd2);
        for k in 0..2 {
            let tol = 1e-6 * (1.0 + g[k].abs() + v.abs()) + 10.0 * (fd[k] - fd2[k]).abs();
            prop_assert!((g[k] - fd2[k]).abs() < tol, "{text} at ({x}, {y}): {g:?} vs {fd2:?}");
        }
    }
}

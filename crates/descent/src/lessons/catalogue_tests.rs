//! Tests of the catalogue: stated minima, gradients against differences, typed formulas.

use proptest::prelude::*;

use super::*;
use crate::expr;

const VARS: [&[&str]; 2] = [&["x"], &["x", "y"]];

/// A point of the entry's view box from two numbers in [0, 1).
fn point_in(e: &Entry, u: f64, v: f64) -> Vec<f64> {
    let [x0, x1, y0, y1] = e.view;
    let x = x0 + (x1 - x0) * u;
    if e.dim == 1 {
        vec![x]
    } else {
        vec![x, y0 + (y1 - y0) * v]
    }
}

/// A parameter inside the entry's range from a number in [0, 1).
fn param_of(e: &Entry, w: f64) -> f64 {
    e.param.map_or(0.0, |p| p.min + (p.max - p.min) * w)
}

#[test]
fn ids_are_unique_and_boxes_sensible() {
    for (i, e) in all().iter().enumerate() {
        assert!(
            all()[..i].iter().all(|o| o.id != e.id),
            "duplicate {}",
            e.id
        );
        assert!(e.dim == 1 || e.dim == 2);
        assert!(e.view[0] < e.view[1] && e.view[2] < e.view[3], "{}", e.id);
        for m in e.points {
            assert_eq!(m.at.len(), e.dim, "{}", e.id);
            if e.dim == 2 {
                assert!(m.at[0] >= e.view[0] && m.at[0] <= e.view[1], "{}", e.id);
                assert!(m.at[1] >= e.view[2] && m.at[1] <= e.view[3], "{}", e.id);
            }
        }
        assert!(find(e.id).is_some());
    }
    assert_eq!(of_dim(1).count() + of_dim(2).count(), all().len());
    assert_eq!(find("himmelblau").unwrap().minima().count(), 4);
    assert_eq!(find("six-hump-camel").unwrap().minima().count(), 6);
    assert_eq!(find("saddle").unwrap().minima().count(), 0);
}

#[test]
fn stated_points_have_zero_gradient_and_the_stated_value() {
    for e in all() {
        let k = e.default_param();
        for m in e.points {
            let v = e.value(m.at, k);
            assert!(
                (v - m.value).abs() <= 1e-12 * m.value.abs().max(1.0),
                "{} at {:?}: {v} vs {}",
                e.id,
                m.at,
                m.value
            );
            let mut g = vec![0.0; e.dim];
            e.gradient(m.at, &mut g, k);
            assert!(
                g.iter().all(|gi| gi.abs() < 1e-12),
                "{} at {:?}: {g:?}",
                e.id,
                m.at
            );
        }
        // Every global minimum is at least as low as every other marked minimum.
        let global = e.points.iter().filter(|m| m.kind == PointKind::Global);
        for gm in global {
            assert!(e.minima().all(|m| m.value >= gm.value - 1e-12), "{}", e.id);
        }
    }
}

#[test]
fn stated_minima_are_minima() {
    // f rises in every direction a small step away from each stated minimum.
    for e in all() {
        let k = e.default_param();
        for m in e.minima() {
            let steps: Vec<[f64; 2]> = if e.dim == 1 {
                vec![[1e-3, 0.0], [-1e-3, 0.0]]
            } else {
                (0..8)
                    .map(|t| {
                        let a = t as f64 * std::f64::consts::PI / 4.0;
                        [1e-3 * a.cos(), 1e-3 * a.sin()]
                    })
                    .collect()
            };
            for step in steps {
                let p: Vec<f64> = m.at.iter().zip(step).map(|(x, s)| x + s).collect();
                assert!(e.value(&p, k) > m.value, "{} at {:?}", e.id, m.at);
            }
        }
    }
}

#[test]
fn parameters_are_checked() {
    let bowl = find("bowl").unwrap();
    assert_eq!(
        bowl.objective(0.5).err().unwrap().to_string(),
        "κ (condition number) must be a number from 1 to 1000 (got 0.5)"
    );
    let f = bowl.objective(100.0).unwrap();
    assert_eq!(f.value(&[1.0, 1.0]), 50.5);
    assert_eq!(bowl.formula(100.0), "(x^2 + 100*y^2)/2");
    assert!(find("rosenbrock").unwrap().objective(123.0).is_ok());
}

#[test]
fn a_point_of_the_wrong_dimension_gives_nan_not_a_panic() {
    for e in all() {
        let p = e.default_param();
        assert!(e.value(&[], p).is_nan(), "{}", e.id);
        assert!(e.value(&vec![0.5; e.dim - 1], p).is_nan(), "{}", e.id);
        assert!(e.value(&vec![0.5; e.dim + 3], p).is_finite(), "{}", e.id);
        let mut g = vec![0.0; e.dim];
        e.gradient(&[0.5], &mut g, p);
        if e.dim > 1 {
            assert!(g.iter().all(|v| v.is_nan()), "{}", e.id);
        }
        let mut short = vec![0.0; e.dim - 1];
        e.gradient(&vec![0.5; e.dim], &mut short, p);
        assert!(short.iter().all(|v| v.is_nan()), "{}", e.id);
    }
}

#[test]
fn ackley_gradient_is_zero_at_its_minimum_also_when_typed() {
    let e = find("ackley").unwrap();
    let typed = expr::compile(&e.default_formula(), &["x", "y"]).unwrap();
    let mut g = [1.0; 2];
    typed.gradient(&[0.0, 0.0], &mut g);
    assert_eq!(g, [0.0, 0.0]);
}

proptest! {
    #[test]
    fn exact_gradient_agrees_with_central_differences(
        i in 0usize..1000, u in 0.0f64..1.0, v in 0.0f64..1.0, w in 0.0f64..1.0,
    ) {
        let e = &all()[i % all().len()];
        let (x, k) = (point_in(e, u, v), param_of(e, w));
        let mut g = vec![0.0; e.dim];
        e.gradient(&x, &mut g, k);
        let f = |p: &[f64]| e.value(p, k);
        let (mut fd, mut fd2) = (vec![0.0; e.dim], vec![0.0; e.dim]);
        crate::diff::central_gradient(f, &x, 1e-5, &mut fd);
        crate::diff::central_gradient(f, &x, 5e-6, &mut fd2);
        for d in 0..e.dim {
            let tol = 1e-6 * (1.0 + g[d].abs() + f(&x).abs()) + 10.0 * (fd[d] - fd2[d]).abs();
            prop_assert!((g[d] - fd2[d]).abs() < tol, "{} at {x:?}: {g:?} vs {fd2:?}", e.id);
        }
    }

    #[test]
    fn typing_the_formula_gives_the_built_in(
        i in 0usize..1000, u in 0.0f64..1.0, v in 0.0f64..1.0, w in 0.0f64..1.0,
    ) {
        let e = &all()[i % all().len()];
        let (x, k) = (point_in(e, u, v), param_of(e, w));
        let typed = expr::compile(&e.formula(k), VARS[e.dim - 1])
            .map_err(|err| TestCaseError::fail(format!("{}: {err}", e.id)))?;
        let built_in = e.objective(k).unwrap();
        // 1e-12 relative, with a floor of 1 so values near zero compare absolutely.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
        let (tv, bv) = (typed.value(&x), built_in.value(&x));
        prop_assert!(close(tv, bv), "{} at {x:?}: typed {tv} vs built-in {bv}", e.id);
        let (mut tg, mut bg) = (vec![0.0; e.dim], vec![0.0; e.dim]);
        typed.gradient(&x, &mut tg);
        built_in.gradient(&x, &mut bg);
        for d in 0..e.dim {
            prop_assert!(
                (tg[d] - bg[d]).abs() <= 1e-10 * tg[d].abs().max(bg[d].abs()).max(1.0),
                "{} at {x:?}: typed {tg:?} vs built-in {bg:?}", e.id
            );
        }
    }
}

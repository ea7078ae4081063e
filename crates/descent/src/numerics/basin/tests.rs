//! Basin maps of the notebook function and of a bowl, cross-checked against full runs.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::diff::GradientMode;
use crate::objective::{FnObjective, notebook_2d};
use crate::run::{Run, UpdateOrder};

fn settings(name: &str, lr: f64, n: usize, steps: usize) -> BasinSettings {
    BasinSettings {
        optimizer: OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap(),
        template: RunConfig::new(vec![0.0, 0.0], steps),
        view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
        nx: n,
        ny: n,
        grad_tol: 1e-6,
        tol: 1e-2,
    }
}

#[test]
fn notebook_map_has_two_minima_apart_from_the_saddle_line() {
    let n = 64;
    let mut map = BasinMap::new(Rc::new(notebook_2d()), settings("gd", 0.01, n, 300)).unwrap();
    map.finish();
    let s = 2f64.sqrt();
    let minima = map.minima();
    assert_eq!(minima.len(), 2, "{minima:?}");
    for m in minima {
        let a = (m.point[0] - s).abs() + (m.point[1] + s).abs();
        let b = (m.point[0] + s).abs() + (m.point[1] - s).abs();
        assert!(a.min(b) < 1e-5, "{m:?}");
        assert!((m.value + 8.0).abs() < 1e-9);
    }
    let cell = 6.0 / n as f64;
    let mut off_line = 0;
    for j in 0..n {
        for i in 0..n {
            let label = map.labels()[j * n + i];
            let [x, y] = map.start(i, j);
            assert_ne!(label, DIVERGED);
            assert_ne!(label, PENDING);
            if label == UNCONVERGED {
                // Only starts on (or within a cell of) the saddle line y = x fail to pick a side.
                assert!((x - y).abs() <= 2.0 * cell, "unconverged at ({x}, {y})");
            } else {
                off_line += 1;
                // Each side of the line y = x falls into its own minimum.
                let end = minima[label as usize].point;
                assert_eq!(end[0] > 0.0, x > y, "({x}, {y}) → {end:?}");
            }
        }
    }
    assert!(off_line >= n * n - 3 * n);
    // The saddle line itself is there: starts on y = x head for the saddle at the origin.
    assert!(
        n * n - off_line >= n / 2,
        "{} unconverged",
        n * n - off_line
    );
}

#[test]
fn map_ends_match_full_runs_in_every_order_and_mode() {
    let f: Rc<dyn Objective> = Rc::new(notebook_2d());
    for order in [UpdateOrder::Simultaneous, UpdateOrder::Sequential] {
        for mode in [GradientMode::Exact, GradientMode::Central { h: 1e-3 }] {
            let mut s = settings("adam", 0.05, 8, 200);
            s.template = s.template.order(order).mode(mode);
            let mut map = BasinMap::new(f.clone(), s.clone()).unwrap();
            map.finish();
            for (i, j) in [(0, 0), (3, 5), (7, 2)] {
                let mut cfg = s.template.clone();
                cfg.start = map.start(i, j).to_vec();
                cfg.grad_tol = s.grad_tol;
                let mut run = Run::new(f.clone(), s.optimizer.build().unwrap(), cfg).unwrap();
                run.finish();
                let cell = j * 8 + i;
                assert_eq!(run.x(), &map.ends()[2 * cell..2 * cell + 2]);
                let expect = match run.status() {
                    Status::Converged => map.labels()[cell] >= 0,
                    Status::Diverged => map.labels()[cell] == DIVERGED,
                    _ => map.labels()[cell] == UNCONVERGED,
                };
                assert!(expect, "{order:?} {mode:?} ({i}, {j}): {:?}", run.status());
            }
        }
    }
}

#[test]
fn runs_that_stop_at_the_saddle_are_not_minima() {
    // Adam crosses the flat quartic saddle line and stops within a few thousandths of the
    // origin for starts on y = x: those ends are the saddle, labelled as such.
    let mut map = BasinMap::new(Rc::new(notebook_2d()), settings("adam", 0.05, 64, 300)).unwrap();
    map.finish();
    assert_eq!(map.minima().len(), 2, "{:?}", map.minima());
    let saddles = map.labels().iter().filter(|&&l| l == SADDLE).count();
    assert!(saddles > 0);
    for j in 0..64 {
        for i in 0..64 {
            if map.labels()[j * 64 + i] == SADDLE {
                let [x, y] = map.start(i, j);
                assert!((x - y).abs() < 0.2, "saddle from ({x}, {y})");
            }
        }
    }
    assert!(map.rgba().chunks_exact(4).any(|p| p[..3] == SADDLE_COLOUR));
}

#[test]
fn chunks_progress_and_cancel() {
    let f: Rc<dyn Objective> = Rc::new(notebook_2d());
    let mut whole = BasinMap::new(f.clone(), settings("gd", 0.01, 10, 100)).unwrap();
    whole.finish();
    let mut parts = BasinMap::new(f.clone(), settings("gd", 0.01, 10, 100)).unwrap();
    assert_eq!(parts.progress(), 0.0);
    assert_eq!(parts.advance(3), 3);
    assert!((parts.progress() - 0.3).abs() < 1e-12);
    assert!(parts.labels()[3 * 10..].iter().all(|&l| l == PENDING));
    assert_eq!(
        parts.rgba()[3 * 10 * 4 + 3],
        0,
        "pending cells are transparent"
    );
    while !parts.is_done() {
        parts.advance(3);
    }
    assert_eq!(parts.labels(), whole.labels());
    let mut cancelled = BasinMap::new(f, settings("gd", 0.01, 10, 100)).unwrap();
    cancelled.advance(2);
    cancelled.cancel();
    assert_eq!(cancelled.advance(5), 2);
    assert!(cancelled.is_done() && cancelled.is_cancelled());
}

#[test]
fn too_large_a_step_diverges_everywhere() {
    let bowl = FnObjective::new(2, |p| p[0] * p[0] + p[1] * p[1]).with_gradient(|p, g| {
        g[0] = 2.0 * p[0];
        g[1] = 2.0 * p[1];
    });
    let mut map = BasinMap::new(Rc::new(bowl), settings("gd", 1.5, 6, 300)).unwrap();
    map.finish();
    assert!(map.labels().iter().all(|&l| l == DIVERGED));
    assert!(map.rgba().chunks_exact(4).all(|p| p == [0, 0, 0, 255]));
}

#[test]
fn bad_settings_are_rejected() {
    let mut s = settings("gd", 0.01, 1, 10);
    let f: Rc<dyn Objective> = Rc::new(notebook_2d());
    assert!(BasinMap::new(f.clone(), s.clone()).is_err());
    s.nx = 4;
    s.ny = 4;
    s.tol = 0.0;
    assert_eq!(
        BasinMap::new(f, s).unwrap_err().to_string(),
        "minimum tolerance must be a finite number > 0 (got 0)"
    );
}

#[test]
fn row_slices_give_the_whole_map_bit_for_bit() {
    let f = Rc::new(notebook_2d());
    let mut s = settings("adam", 0.05, 24, 200);
    s.template = s.template.clone().mode(GradientMode::Central { h: 1e-3 });
    let mut whole = BasinMap::new(f.clone(), s.clone()).unwrap();
    whole.finish();
    let mut sliced = BasinMap::new(f, s).unwrap();
    let mut calls = 0;
    while !sliced.is_done() {
        sliced.advance(5);
        calls += 1;
    }
    assert_eq!(calls, 5);
    assert_eq!(whole.labels(), sliced.labels());
    let bits = |m: &BasinMap| m.ends().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&whole), bits(&sliced));
    assert_eq!(whole.minima(), sliced.minima());
}

#[test]
fn a_tiny_gradient_tolerance_still_lets_a_stationary_start_converge() {
    // 1e-300² underflows to 0: the lanes must compare |∇f| with the tolerance itself.
    let mut s = settings("gd", 0.01, 3, 50);
    s.grad_tol = 1e-300;
    let mut map = BasinMap::new(Rc::new(notebook_2d()), s.clone()).unwrap();
    map.finish();
    assert_eq!(map.start(1, 1), [0.0, 0.0]);
    let alone = {
        let mut t = s.template.clone();
        t.grad_tol = s.grad_tol;
        let mut run = Run::new(Rc::new(notebook_2d()), s.optimizer.build().unwrap(), t).unwrap();
        run.finish();
        run
    };
    assert_eq!(
        alone.status(),
        crate::run::Status::Converged,
        "the run alone converges"
    );
    assert_ne!(
        map.labels()[4],
        UNCONVERGED,
        "the map's centre converges too"
    );
    assert_eq!(&map.ends()[8..10], &[0.0, 0.0]);
}

#[test]
fn steps_of_any_size_give_the_rows_result() {
    let whole = {
        let mut map = BasinMap::new(Rc::new(notebook_2d()), settings("gd", 0.01, 12, 300)).unwrap();
        map.finish();
        map
    };
    for iterations in [1, 7, 299, 300, 10_000] {
        let mut map = BasinMap::new(Rc::new(notebook_2d()), settings("gd", 0.01, 12, 300)).unwrap();
        let mut calls = 0;
        while !map.is_done() {
            let rows = map.advance_steps(iterations);
            assert!(rows <= 12 && map.progress() <= 1.0);
            calls += 1;
        }
        assert!(calls >= 12, "{iterations}: at least one call a row");
        assert_eq!(
            map.labels(),
            whole.labels(),
            "{iterations} iterations a call"
        );
        assert_eq!(map.ends(), whole.ends());
        assert_eq!(map.minima(), whole.minima());
    }
    // A row left half done by steps is finished by a later `advance`.
    let mut map = BasinMap::new(Rc::new(notebook_2d()), settings("gd", 0.01, 12, 300)).unwrap();
    map.advance_steps(5);
    map.finish();
    assert_eq!(map.labels(), whole.labels());
}

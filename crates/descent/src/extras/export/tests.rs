//! The generated Python cells, run with python3 + numpy, end where the core's runs end.
//!
//! The interpreter is `$DESCENT_PYTHON`, else the benchmark's virtual environment
//! (`target/bench-venv`, which `scripts/test.sh` creates), else `python3`. Without numpy
//! the tests fail under CI (`CI` set) and are reported as not run elsewhere.

use std::path::PathBuf;
use std::process::Command;
use std::rc::Rc;

use super::python;
use crate::lesson2d::{self, Config2D};
use crate::lessons::Config1D;
use crate::neuron::NeuronConfig;

pub(super) fn interpreter() -> Option<PathBuf> {
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-venv/bin/python");
    let candidates: Vec<PathBuf> = std::env::var_os("DESCENT_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([venv, PathBuf::from("python3")])
        .collect();
    let found = candidates.iter().find(|p| {
        Command::new(p)
            .args(["-c", "import numpy"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let message = format!(
            "no Python with numpy found (tried {candidates:?}): run scripts/test.sh, which creates \
             target/bench-venv, or set DESCENT_PYTHON to a python3 that has numpy"
        );
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("python tests not run: {message}");
    }
    found.cloned()
}

/// Runs `cell` and returns its printed lines as numbers.
pub(super) fn run(python: &PathBuf, cell: &str) -> Vec<Vec<f64>> {
    let out = Command::new(python)
        .args(["-c", cell])
        .output()
        .expect("python starts");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python failed:\n{}\n--- cell ---\n{cell}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter(|l| !l.starts_with("Training") && !l.starts_with("Entrenamiento"))
        .map(|l| {
            l.split_whitespace()
                .map(|v| v.parse().unwrap_or_else(|_| panic!("not a number: {l}")))
                .collect()
        })
        .collect()
}

pub(super) fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * (1.0 + b.abs()),
        "{what}: python {a} vs core {b}"
    );
}

#[test]
fn lesson1d_cells_end_where_the_runs_end() {
    let Some(py) = interpreter() else { return };
    let cases = [
        Config1D::default(),
        Config1D {
            f: "sin(3x) + x^2/4".into(),
            mode: "forward".into(),
            gamma: 0.05,
            x0: 2.0,
            steps: 200.0,
            ..Config1D::default()
        },
        Config1D {
            f: "x**4 - 2*x**2 + 0.5x + exp(-x)/3".into(),
            mode: "exact".into(),
            gamma: 0.02,
            x0: -1.7,
            steps: 300.0,
            ..Config1D::default()
        },
        Config1D {
            gamma: 1.5,
            steps: 1000.0,
            ..Config1D::default()
        },
        Config1D {
            optimizer: "armijo".into(),
            gamma: 1.0,
            params: [("rho".to_string(), 0.7), ("c".to_string(), 0.3)].into(),
            f: "sin(3x) + x^2/4".into(),
            x0: 2.0,
            ..Config1D::default()
        },
        Config1D {
            optimizer: "exactls".into(),
            f: "x**4 - 2*x**2 + 0.5x + exp(-x)/3".into(),
            mode: "exact".into(),
            x0: -1.7,
            ..Config1D::default()
        },
        Config1D {
            optimizer: "newton".into(),
            params: [("lr".to_string(), 0.5)].into(),
            f: "sin(3x) + x^2/4".into(),
            x0: -0.3,
            steps: 20.0,
            ..Config1D::default()
        },
    ];
    for c in cases {
        let cell = python::lesson1d(&c).unwrap();
        let mut r = c.build(c.objective().unwrap()).unwrap();
        r.finish();
        let got = run(&py, &cell);
        let end = r.history().last_point()[0];
        if end.is_finite() {
            close(got[0][0], end, &format!("x_end of {c:?}"));
        } else {
            assert!(!got[0][0].is_finite() || got[0][0].abs() > 1e6);
        }
    }
}

/// Runs the 2-D lesson's Python cell of each case and checks every start's end against
/// the page's own run of that start.
fn assert_lesson2d_cells_end_where_the_runs_end(py: &PathBuf, cases: Vec<(&str, Config2D)>) {
    for (spec, c) in cases {
        let starts: Vec<[f64; 2]> = c
            .multistart()
            .unwrap()
            .starts()
            .iter()
            .map(|s| [s[0], s[1]])
            .collect();
        let cell = python::lesson2d(spec, &c, &starts).unwrap();
        let got = run(py, &cell);
        assert_eq!(got.len(), starts.len());
        let f = lesson2d::function(spec).unwrap();
        for (start, line) in starts.iter().zip(&got) {
            let traced = c.simulate(Rc::clone(&f.objective), *start).unwrap();
            let end = traced.run().history().last_point();
            close(line[0], end[0], &format!("x_end of {spec} {c:?}"));
            close(line[1], end[1], &format!("y_end of {spec} {c:?}"));
        }
    }
}

#[test]
fn lesson2d_cells_of_the_gradient_rules_end_where_the_runs_end() {
    let Some(py) = interpreter() else { return };
    let base = Config2D::default();
    let cases = vec![
        ("notebook-2d", base.clone()),
        (
            "notebook-2d",
            Config2D {
                order: "sequential".into(),
                ..base.clone()
            },
        ),
        (
            "himmelblau",
            Config2D {
                mode: "exact".into(),
                steps: 300.0,
                ..base.clone()
            },
        ),
        (
            "notebook-2d",
            Config2D {
                optimizer: "momentum".into(),
                order: "sequential".into(),
                ..base.clone()
            },
        ),
        (
            "rosenbrock",
            Config2D {
                optimizer: "nesterov".into(),
                mode: "exact".into(),
                gamma: 1e-4,
                steps: 500.0,
                ..base.clone()
            },
        ),
        (
            "himmelblau",
            Config2D {
                optimizer: "adam".into(),
                params: [("lr".to_string(), 0.05), ("amsgrad".to_string(), 1.0)].into(),
                ..base.clone()
            },
        ),
        (
            "booth",
            Config2D {
                optimizer: "adamw".into(),
                params: [
                    ("lr".to_string(), 0.05),
                    ("weight_decay".to_string(), 0.3),
                    ("amsgrad".to_string(), 1.0),
                ]
                .into(),
                order: "sequential".into(),
                ..base.clone()
            },
        ),
        (
            "notebook-2d",
            Config2D {
                optimizer: "adagrad".into(),
                params: [("lr".to_string(), 0.1), ("lr_decay".to_string(), 0.01)].into(),
                order: "sequential".into(),
                ..base.clone()
            },
        ),
        (
            "booth",
            Config2D {
                optimizer: "rmsprop".into(),
                params: [("momentum".to_string(), 0.5), ("centered".to_string(), 1.0)].into(),
                ..base.clone()
            },
        ),
    ];
    assert_lesson2d_cells_end_where_the_runs_end(&py, cases);
}

#[test]
fn lesson2d_cells_of_line_searches_newton_and_typed_functions_end_where_the_runs_end() {
    let Some(py) = interpreter() else { return };
    let base = Config2D::default();
    let cases = vec![
        (
            "rosenbrock",
            Config2D {
                optimizer: "armijo".into(),
                gamma: 0.5,
                mode: "exact".into(),
                steps: 300.0,
                ..base.clone()
            },
        ),
        (
            "notebook-2d",
            Config2D {
                optimizer: "armijo".into(),
                params: [("rho".to_string(), 0.7), ("c".to_string(), 0.2)].into(),
                gamma: 1.0,
                // Few steps: near the minimum f's changes are at rounding level, where the
                // Armijo test's outcome is noise (the iterates wander within about √ε).
                steps: 12.0,
                order: "sequential".into(),
                ..base.clone()
            },
        ),
        (
            "himmelblau",
            Config2D {
                optimizer: "exactls".into(),
                mode: "exact".into(),
                steps: 40.0,
                ..base.clone()
            },
        ),
        (
            "notebook-2d",
            Config2D {
                optimizer: "newton".into(),
                steps: 30.0,
                ..base.clone()
            },
        ),
        (
            "x^2 + 3*sin(y) + x*y/4",
            Config2D {
                optimizer: "newton".into(),
                params: [("lr".to_string(), 0.5)].into(),
                mode: "exact".into(),
                n: 3.0,
                ..base.clone()
            },
        ),
        (
            "x^2 + 3*sin(y) + x*y/4",
            Config2D {
                mode: "forward".into(),
                order: "sequential".into(),
                gamma: 0.05,
                n: 3.0,
                ..base.clone()
            },
        ),
    ];
    assert_lesson2d_cells_end_where_the_runs_end(&py, cases);
}

#[test]
fn neuron_cells_end_with_the_trainers_weights() {
    let Some(py) = interpreter() else { return };
    let cases = [
        NeuronConfig::default(),
        NeuronConfig {
            gate: "custom".into(),
            targets: "1, 1, 0, 1".into(),
            init: "seeded".into(),
            seed: 7.0,
            lr: 0.8,
            ..NeuronConfig::default()
        },
        NeuronConfig {
            gate: "or".into(),
            activation: "tanh".into(),
            order: "batch".into(),
            max_epochs: 400.0,
            ..NeuronConfig::default()
        },
        NeuronConfig {
            gate: "points".into(),
            data: "0.1,0.2,0;0.35,-0.4,0;0.2,0.45,0;0.8,0.9,1;1.5,0.7,1;0.7,1,1;-2,3.25,1".into(),
            lr: 0.9,
            ..NeuronConfig::default()
        },
    ];
    for c in cases {
        let mut t = c.build().unwrap();
        let cell = python::neuron(&t).unwrap();
        t.train();
        let got = run(&py, &cell);
        let w = t.model().params();
        assert_eq!(got[0].len(), w.len());
        for (g, w) in got[0].iter().zip(w) {
            close(*g, *w, &format!("weights of {c:?}"));
        }
        assert_eq!(got[1][0] as usize, t.epoch(), "epochs of {c:?}");
    }
}

#[test]
fn what_python_cannot_repeat_is_refused_naming_the_setting() {
    let shuffle = NeuronConfig {
        order: "shuffle".into(),
        ..NeuronConfig::default()
    };
    let e = python::neuron(&shuffle.build().unwrap()).unwrap_err();
    assert_eq!(e.field(), "norder");
    let hidden = NeuronConfig {
        hidden: 2.0,
        gate: "xor".into(),
        ..NeuronConfig::default()
    };
    assert_eq!(
        python::neuron(&hidden.build().unwrap())
            .unwrap_err()
            .field(),
        "nhidden"
    );
}

//! The generated Python cells' form: the notebook's style, literals that read back
//! exactly, the printer on hand-built trees, and Spanish comments (run with the
//! interpreter [`super::tests`] finds).

use super::pyexpr::literal;
use super::python;
use super::tests::{interpreter, run};
use crate::lesson2d::Config2D;
use crate::lessons::Config1D;
use crate::neuron::NeuronConfig;

#[test]
fn cells_are_written_in_the_notebooks_style() {
    let cell = python::lesson1d(&Config1D::default()).unwrap();
    assert!(
        cell.contains("def f(x):\n    return (x - 1)**2\n"),
        "{cell}"
    );
    assert!(cell.contains("d = (f(x+h)-f(x-h))/(2*h)"), "{cell}");
    assert!(cell.contains("x0 += -gamma*Df(x0,f,h)"), "{cell}");
    assert!(
        cell.contains("h = 1e-3\ngamma = 0.01\nSteps = 50\n"),
        "{cell}"
    );
    let seq = Config2D {
        order: "sequential".into(),
        ..Config2D::default()
    };
    let cell = python::lesson2d("notebook-2d", &seq, &[[1.0, -2.5]]).unwrap();
    assert!(
        cell.contains("def f2(x,y):\n    return x**4 + y**4 - 2*(x - y)**2\n"),
        "{cell}"
    );
    assert!(
        cell.contains("x0 += -gamma*Dfx(x0,y0,f2,h)\n        y0 += -gamma*Dfy(x0,y0,f2,h)"),
        "{cell}"
    );
    assert!(cell.contains("Starts = [[1, -2.5]]"), "{cell}");
    let adam = Config2D {
        optimizer: "adam".into(),
        order: "simultaneous".into(),
        ..Config2D::default()
    };
    let cell = python::lesson2d("notebook-2d", &adam, &[[1.0, -2.5]]).unwrap();
    assert!(
        cell.contains("opt = Adam(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, amsgrad=0)\n"),
        "{cell}"
    );
    assert!(
        cell.contains("opt.begin_step()\n        x0 = opt.update(0, x0, gx)"),
        "{cell}"
    );
    let cell = python::neuron(&NeuronConfig::default().build().unwrap()).unwrap();
    assert!(
        cell.contains("N0 = Neuron(-0.57089547, [[-0.43758178], [0.52004418]], sigm, dsigm)"),
        "{cell}"
    );
    assert!(
        cell.contains(
            "XTrain = np.array([[1,1],[1,0],[0,1],[0,0]])\nYTrain = np.array([[1.],[0.],[0.],[0.]])"
        ),
        "{cell}"
    );
}

#[test]
fn python_reads_every_literal_back_exactly_non_finite_and_negative_zero_included() {
    let values = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -0.0,
        0.0,
        0.1,
        -2.5,
        1e300,
        5e-324,
        3.0,
    ];
    let literals: Vec<String> = values.iter().map(|&v| literal(v)).collect();
    assert_eq!(
        literals[..4],
        ["float('nan')", "float('inf')", "-float('inf')", "-0.0"]
    );
    let Some(python) = interpreter() else { return };
    let cell = format!(
        "import math\nfor a in [{}]:\n    print(float(a), math.copysign(1, a))",
        literals.join(", ")
    );
    let rows = run(&python, &cell);
    assert_eq!(rows.len(), values.len());
    for ((row, &v), lit) in rows.iter().zip(&values).zip(&literals) {
        assert!(
            row[0].to_bits() == v.to_bits() || (v.is_nan() && row[0].is_nan()),
            "{lit} reads back as {}, not {v}",
            row[0]
        );
        if !v.is_nan() {
            assert_eq!(row[1], v.signum(), "{lit}: the sign of {v}");
        }
    }
}

#[test]
fn python_printer_takes_hand_built_trees_without_panicking() {
    use rand::SeedableRng;
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(22);
    let xy = &["x", "y"];
    for _ in 0..3000 {
        let e = crate::expr::random::hand_built(&mut rng, 5);
        let _ = (
            super::pyexpr::python(&e, xy),
            super::pyexpr::partial(&e, 0, xy),
        );
    }
    let bare = crate::expr::Expr::Call(crate::expr::Func::Sqrt, vec![]);
    let text = super::pyexpr::python(&bare, &["x"]);
    assert!(text.contains("nan"), "{text}");
}

#[test]
fn spanish_cells_have_spanish_comments_and_print_the_same_numbers() {
    let adam = Config2D {
        optimizer: "armijo".into(),
        ..Config2D::default()
    };
    let neuron = NeuronConfig::default().build().unwrap();
    let cells = || {
        [
            python::lesson1d(&Config1D::default()).unwrap(),
            python::lesson2d("notebook-2d", &adam, &[[1.0, -2.5], [0.5, 0.25]]).unwrap(),
            python::neuron(&neuron).unwrap(),
        ]
    };
    let english = cells();
    crate::text::set_texts(&crate::text::spanish_texts());
    let spanish = cells();
    crate::text::set_texts("");
    assert!(
        spanish[0].contains("# Descent, lección 1: f(x) = (x - 1)^2, gamma = 0.01, 50 pasos"),
        "{}",
        spanish[0]
    );
    assert!(spanish[1].contains("# Descenso por gradiente con búsqueda lineal con retroceso"));
    assert!(spanish[2].contains("print('Entrenamiento finalizado')"));
    assert!(english[2].contains("print('Training finished')"));
    for (en, es) in english.iter().zip(&spanish) {
        let code = |cell: &str| -> Vec<String> {
            cell.lines()
                .filter(|l| !l.trim_start().starts_with('#') && !l.contains("print('"))
                .map(String::from)
                .collect()
        };
        assert_eq!(code(en), code(es), "only comments and printed words change");
        for line in es.lines().filter(|l| l.trim_start().starts_with('#')) {
            for word in [" the ", " with ", " steps", "Training", "written out"] {
                assert!(!line.contains(word), "English in {line}");
            }
        }
    }
    let Some(py) = interpreter() else { return };
    for (en, es) in english.iter().zip(&spanish) {
        assert_eq!(run(&py, en), run(&py, es));
    }
}

//! The line searches and Newton's method against the textbook's statements (Nocedal &
//! Wright, *Numerical Optimization*, 2nd ed., chapter 3), written out here.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::objective::{FnObjective, Objective, hessian_by_differences, notebook_2d};
use crate::optim::{OptimSpec, newton_step};
use crate::run::{Run, RunConfig};

fn typed(text: &str) -> Rc<dyn Objective> {
    Rc::new(crate::expr::compile(text, &["x", "y"]).unwrap())
}

fn run(
    f: Rc<dyn Objective>,
    name: &str,
    given: &[(&str, f64)],
    start: [f64; 2],
    steps: usize,
) -> Run {
    let given: BTreeMap<String, f64> = given.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let spec = OptimSpec::new(name, &given).unwrap();
    let mut r = Run::new(
        f,
        spec.build().unwrap(),
        RunConfig::new(start.to_vec(), steps),
    )
    .unwrap();
    r.finish();
    r
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

/// Armijo (N&W (3.4)): f(x_k − γ_k ∇f_k) ≤ f(x_k) − c·γ_k·‖∇f_k‖², with γ_k = γ₀ρⁱ for
/// some i ≥ 0, at every step; γ_k is read back from the step itself, ‖x_{k+1} − x_k‖/‖∇f_k‖.
#[test]
fn armijo_condition_holds_at_every_step() {
    let cases: [(Rc<dyn Objective>, [f64; 2]); 3] = [
        (Rc::new(notebook_2d()), [2.5, -1.0]),
        (typed("(1-x)^2 + 100*(y-x^2)^2"), [-1.2, 1.0]),
        (typed("x^2 + 10*y^2"), [3.0, 2.0]),
    ];
    for (f, start) in cases {
        for (gamma0, rho, c) in [(1.0, 0.5, 1e-4), (0.3, 0.8, 0.3)] {
            let r = run(
                Rc::clone(&f),
                "armijo",
                &[("lr", gamma0), ("rho", rho), ("c", c)],
                start,
                200,
            );
            let h = r.history();
            assert!(h.len() > 50, "{start:?}: {} steps", h.len());
            for k in 0..h.len() - 1 {
                let (x, next, g) = (h.point(k), h.point(k + 1), h.gradient(k));
                if norm(g) < 1e-12 {
                    break;
                }
                let step: Vec<f64> = x.iter().zip(next).map(|(a, b)| a - b).collect();
                let read = norm(&step) / norm(g);
                let gamma = gamma0 * rho.powf(((read / gamma0).ln() / rho.ln()).round());
                // The step is read back to within the rounding of x_{k+1} − x_k.
                let rounding = 4.0 * f64::EPSILON * norm(x) / norm(g);
                assert!(
                    (read - gamma).abs() < 1e-6 * gamma + rounding,
                    "step {k}: γ = {read} is no γ₀ρⁱ"
                );
                let (fx, fnext) = (f.value(x), f.value(next));
                assert!(
                    fnext <= fx - c * gamma * dot(g, g) + 1e-12 * fx.abs(),
                    "step {k}: f = {fnext} > {fx} − {c}·{gamma}·‖g‖²"
                );
            }
        }
    }
}

/// Exact line searches (N&W §3.1, and Theorem 3.3's zigzag): φ′(γ*) = −∇f(x_{k+1})·∇f(x_k)
/// = 0, so consecutive gradients are orthogonal; on a quadratic ½xᵀAx, γ* = gᵀg / gᵀAg.
#[test]
fn exact_line_search_gives_orthogonal_consecutive_gradients() {
    let cases: [(Rc<dyn Objective>, [f64; 2]); 3] = [
        (typed("(x^2 + 10*y^2)/2"), [3.0, 1.0]),
        (typed("x^4 + y^4 - 2*(x-y)^2"), [2.5, -0.5]),
        (typed("cosh(x) + cosh(2*y) + x*y/2 + x"), [1.5, 2.0]),
    ];
    for (f, start) in cases {
        let r = run(
            Rc::clone(&f),
            "exactls",
            &[("lr", 0.01), ("tol", 1e-10)],
            start,
            40,
        );
        let h = r.history();
        let mut checked = 0;
        for k in 0..h.len() - 1 {
            let (g0, g1) = (h.gradient(k), h.gradient(k + 1));
            if norm(g1) < 1e-6 {
                break;
            }
            let cos = dot(g0, g1) / (norm(g0) * norm(g1));
            assert!(cos.abs() < 1e-6, "{start:?} step {k}: cos = {cos}");
            checked += 1;
        }
        assert!(checked >= 3, "{start:?}: {checked} steps checked");
    }
    // The closed form on the quadratic with A = diag(1, 10).
    let f = typed("(x^2 + 10*y^2)/2");
    let r = run(f, "exactls", &[("lr", 0.01), ("tol", 1e-10)], [3.0, 1.0], 5);
    let h = r.history();
    for k in 0..5 {
        let (x, g) = (h.point(k), h.gradient(k));
        let exact = dot(g, g) / (g[0] * g[0] + 10.0 * g[1] * g[1]);
        let gamma = (x[0] - h.point(k + 1)[0]) / g[0];
        assert!(
            (gamma - exact).abs() < 1e-8 * exact,
            "step {k}: {gamma} vs {exact}"
        );
    }
}

/// Newton on a strictly convex quadratic ½xᵀAx − bᵀx lands on A⁻¹b in one step.
#[test]
fn newton_reaches_a_quadratics_minimum_in_one_step() {
    // A = [[3, 1], [1, 2]], b = (1, −1): A⁻¹b = (3/5, −4/5).
    let f = typed("(3*x^2 + 2*x*y + 2*y^2)/2 - x + y");
    let r = run(f, "newton", &[], [7.0, -5.0], 1);
    let x = r.history().point(1);
    assert!(
        (x[0] - 0.6).abs() < 1e-14 && (x[1] + 0.8).abs() < 1e-14,
        "{x:?}"
    );
}

/// Newton near a minimum with a positive definite Hessian (N&W Theorem 3.5): the error
/// e_k = ‖x_k − x*‖ satisfies e_{k+1} ≤ C·e_k², i.e. it squares each step.
#[test]
fn newton_converges_quadratically_on_a_strictly_convex_function() {
    // H = [[cosh x, ½], [½, 4 cosh 2y]] is positive definite everywhere; ∇f = 0 at 0.
    type Case = (Rc<dyn Objective>, [f64; 2], [f64; 2]);
    let cases: [Case; 2] = [
        (
            typed("cosh(x) + cosh(2*y) + x*y/2"),
            [1.0, -0.7],
            [0.0, 0.0],
        ),
        // The notebook's f near its minimum (√2, −√2), with its closed-form Hessian.
        (
            Rc::new(notebook_2d()),
            [1.0, -1.2],
            [2f64.sqrt(), -(2f64.sqrt())],
        ),
    ];
    for (f, start, min) in cases {
        let r = run(f, "newton", &[], start, 12);
        let h = r.history();
        let e: Vec<f64> = (0..h.len())
            .map(|k| norm(&[h.point(k)[0] - min[0], h.point(k)[1] - min[1]]))
            .collect();
        let mut squared = 0;
        for k in 0..e.len() - 1 {
            if e[k] < 1e-7 {
                break;
            }
            assert!(
                e[k + 1] <= 2.0 * e[k] * e[k],
                "{start:?} step {k}: {} → {}",
                e[k],
                e[k + 1]
            );
            squared += 1;
        }
        assert!(squared >= 3, "{start:?}: errors {e:?}");
        assert!(*e.last().unwrap() < 1e-14, "{start:?}: errors {e:?}");
    }
}

/// Where H is not positive definite the step is shifted (Levenberg-style, N&W Alg. 3.3):
/// H + τI is positive definite, so the direction is a descent direction.
#[test]
fn newton_shifts_an_indefinite_hessian_into_a_descent_step() {
    let f = notebook_2d();
    for p in [[0.1, 0.2], [0.3, -0.1], [-0.2, 0.05]] {
        let mut g = [0.0; 2];
        f.gradient(&p, &mut g);
        let s = newton_step(&f, &p, &g);
        assert!(s.shift > 0.0, "{p:?}");
        let h = &s.hessian;
        let (a, b, d) = (h[0] + s.shift, h[1], h[3] + s.shift);
        assert!(
            a > 0.0 && a * d - b * b > 0.0,
            "{p:?}: H + τI not positive definite"
        );
        assert!(
            dot(&g, &s.direction) > 0.0,
            "{p:?}: −d is no descent direction"
        );
    }
}

/// The closed-form and expression-language Hessians agree with central differences of the
/// exact gradient, for the notebook's f and every 2-D catalogue entry.
#[test]
fn exact_hessians_agree_with_differences_of_the_gradient() {
    let mut objectives: Vec<(String, Rc<dyn Objective>, [f64; 4])> = vec![(
        "notebook".into(),
        Rc::new(notebook_2d()),
        [-3.0, 3.0, -3.0, 3.0],
    )];
    for e in crate::catalogue::of_dim(2) {
        objectives.push((e.id.into(), e.default_objective(), e.view));
    }
    for (name, f, v) in objectives {
        assert!(f.has_exact_hessian(), "{name}");
        for (tx, ty) in [(0.31, 0.62), (0.77, 0.21), (0.45, 0.9)] {
            let p = [v[0] + tx * (v[1] - v[0]), v[2] + ty * (v[3] - v[2])];
            let (mut exact, mut fd) = ([0.0; 4], [0.0; 4]);
            f.hessian(&p, &mut exact);
            hessian_by_differences(|q, g| f.gradient(q, g), &p, &mut fd);
            let scale = exact.iter().fold(1.0f64, |m, v| m.max(v.abs()));
            for i in 0..4 {
                assert!(
                    (exact[i] - fd[i]).abs() <= 1e-5 * scale,
                    "{name} at {p:?}: H[{i}] = {} vs {}",
                    exact[i],
                    fd[i]
                );
            }
        }
    }
    let one = crate::objective::notebook_1d();
    let mut h = [0.0];
    one.hessian(&[5.0], &mut h);
    assert_eq!(h, [2.0]);
    let plain =
        FnObjective::new(1, |p| p[0].powi(3)).with_gradient(|p, g| g[0] = 3.0 * p[0] * p[0]);
    plain.hessian(&[2.0], &mut h);
    assert!((h[0] - 12.0).abs() < 1e-6 && !plain.has_exact_hessian());
}

//! Hand-computed first steps of every optimizer on f(x, y) = ½x² + 2y² from (1, 1), and
//! AdamW against PyTorch's formula.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::objective::FnObjective;
use crate::optim::{OptimSpec, RULES, by_name};
use crate::run::{Run, RunConfig};

/// ∇f = (x, 4y).
fn bowl() -> Rc<FnObjective> {
    Rc::new(
        FnObjective::new(2, |p| 0.5 * p[0] * p[0] + 2.0 * p[1] * p[1]).with_gradient(|p, g| {
            g[0] = p[0];
            g[1] = 4.0 * p[1];
        }),
    )
}

fn two_steps(name: &str, params: &[(&str, f64)]) -> (Vec<f64>, Vec<f64>, Run) {
    let given: BTreeMap<String, f64> = params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let opt = by_name(name, &given).unwrap();
    let mut run = Run::new(bowl(), opt, RunConfig::new(vec![1.0, 1.0], 10)).unwrap();
    run.step();
    let x1 = run.x().to_vec();
    run.step();
    let x2 = run.x().to_vec();
    (x1, x2, run)
}

fn close(a: &[f64], b: &[f64]) {
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() < 1e-12, "{a:?} vs {b:?}");
    }
}

#[test]
fn gradient_descent_first_two_steps() {
    let (x1, x2, _) = two_steps("gd", &[("lr", 0.1)]);
    close(&x1, &[0.9, 0.6]);
    close(&x2, &[0.81, 0.36]);
}

#[test]
fn momentum_first_two_steps() {
    // b₁ = g₀ = (1, 4); b₂ = 0.9 b₁ + g₁ = (1.8, 6).
    let (x1, x2, run) = two_steps("momentum", &[("lr", 0.1), ("momentum", 0.9)]);
    close(&x1, &[0.9, 0.6]);
    close(&x2, &[0.72, 0.0]);
    close(&run.optimizer().unwrap().state()[0].1, &[1.8, 6.0]);
    // Dampening 0.5: b₂ = 0.9 b₁ + 0.5 g₁ = (1.35, 4.8).
    let (_, x2, _) = two_steps(
        "momentum",
        &[("lr", 0.1), ("momentum", 0.9), ("dampening", 0.5)],
    );
    close(&x2, &[0.765, 0.12]);
}

#[test]
fn nesterov_first_two_steps() {
    // d₁ = g₀ + 0.9 b₁ = (1.9, 7.6); g₁ = (0.81, 0.96); b₂ = (1.71, 4.56);
    // d₂ = g₁ + 0.9 b₂ = (2.349, 5.064).
    let (x1, x2, _) = two_steps("nesterov", &[("lr", 0.1), ("momentum", 0.9)]);
    close(&x1, &[0.81, 0.24]);
    close(&x2, &[0.81 - 0.2349, 0.24 - 0.5064]);
}

#[test]
fn adagrad_first_two_steps() {
    // s₁ = (1, 16): both coordinates move by γ. s₂ = (1.81, 28.96).
    let (x1, x2, _) = two_steps("adagrad", &[("lr", 0.1), ("eps", 1e-300)]);
    close(&x1, &[0.9, 0.9]);
    close(
        &x2,
        &[
            0.9 - 0.1 * 0.9 / 1.81f64.sqrt(),
            0.9 - 0.1 * 3.6 / 28.96f64.sqrt(),
        ],
    );
    // lr decay η = 0.5: the second step uses γ / 1.5.
    let (_, x2, _) = two_steps(
        "adagrad",
        &[("lr", 0.1), ("lr_decay", 0.5), ("eps", 1e-300)],
    );
    close(&x2[..1], &[0.9 - 0.1 / 1.5 * 0.9 / 1.81f64.sqrt()]);
}

#[test]
fn rmsprop_first_two_steps() {
    // v₁ = 0.01 g₀² = (0.01, 0.16): both move by γ/√0.01·… = 0.1. v₂ = (0.018, 0.288).
    let (x1, x2, _) = two_steps("rmsprop", &[("lr", 0.01), ("eps", 1e-300)]);
    close(&x1, &[0.9, 0.9]);
    close(
        &x2,
        &[
            0.9 - 0.01 * 0.9 / 0.018f64.sqrt(),
            0.9 - 0.01 * 3.6 / 0.288f64.sqrt(),
        ],
    );
}

#[test]
fn adam_first_two_steps_and_bias_correction() {
    let (x1, x2, run) = two_steps("adam", &[("lr", 0.1), ("eps", 1e-300)]);
    close(&x1, &[0.9, 0.9]);
    // m₂ = (0.18, 0.72), v₂ = (0.001809, 0.028944), corrections 1 − 0.9² and 1 − 0.999².
    let (c1, c2) = (1.0 - 0.81, 1.0 - 0.998001);
    let step = |m: f64, v: f64| 0.1 * (m / c1) / (v / c2).sqrt();
    close(
        &x2,
        &[0.9 - step(0.18, 0.001809), 0.9 - step(0.72, 0.028944)],
    );
    let state: BTreeMap<_, _> = run.optimizer().unwrap().state().into_iter().collect();
    close(&state["m"], &[0.18, 0.72]);
    close(&state["m_hat"], &[0.18 / c1, 0.72 / c1]);
    close(&state["v_hat"], &[0.001809 / c2, 0.028944 / c2]);
}

#[test]
fn adam_bias_correction_makes_first_moments_unbiased() {
    // After one step with gradient g: m = (1 − β₁)g but m̂ = g, v̂ = g².
    let mut adam = crate::optim::Adam::new(0.1, 0.9, 0.999, 1e-8, false).unwrap();
    let mut x = [0.0, 0.0];
    crate::optim::Optimizer::step(&mut adam, &mut x, &[3.0, -0.5]);
    let s: BTreeMap<_, _> = crate::optim::Optimizer::state(&adam).into_iter().collect();
    close(&s["m"], &[0.3, -0.05]);
    close(&s["m_hat"], &[3.0, -0.5]);
    for (a, b) in s["v_hat"].iter().zip([9.0, 0.25]) {
        assert!((a - b).abs() < 1e-12);
    }
    // Every coordinate moved by exactly γ (up to ε) against its gradient's sign.
    assert!((x[0] + 0.1).abs() < 1e-8 && (x[1] - 0.1).abs() < 1e-8);
}

#[test]
fn every_name_builds_with_defaults_and_rejects_bad_values() {
    for rule in RULES {
        let name = rule.name;
        let spec = OptimSpec::new(name, &BTreeMap::new()).unwrap();
        assert_eq!(spec.build().unwrap().name(), name);
        assert_eq!(
            rule.params[0].name, "lr",
            "{name}: the learning rate comes first"
        );
        for p in rule.params {
            let bad = if p.switch() { 0.5 } else { -1.0 };
            let given = BTreeMap::from([(p.name.to_string(), bad)]);
            let e = OptimSpec::new(name, &given).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with(p.label().split(' ').next().unwrap()),
                "{name}.{}: {e}",
                p.name
            );
        }
    }
    assert!(by_name("sgd2", &BTreeMap::new()).is_err());
    let e = OptimSpec::new("gd", &BTreeMap::from([("beta1".to_string(), 0.5)])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "optimizer: gd has no hyperparameter \"beta1\""
    );
    let e =
        OptimSpec::new("nesterov", &BTreeMap::from([("momentum".to_string(), 0.0)])).unwrap_err();
    assert!(e.to_string().contains("Nesterov"), "{e}");
}

#[test]
fn memory_grows_on_demand_up_to_a_stated_limit() {
    use crate::optim::MAX_COORDINATES;
    for name in RULES.iter().map(|r| r.name) {
        let mut opt = by_name(name, &BTreeMap::new()).unwrap();
        // Without a reset, coordinate 3 is fine (the memory grows to hold it).
        assert!(opt.update(3, 1.0, 0.5).is_finite(), "{name}");
        let huge = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            opt.update(usize::MAX, 1.0, 0.5)
        }));
        match huge {
            // Gradient descent keeps no memory: any index is fine; so are the rules that
            // move the whole iterate (their coordinate update is a plain step).
            Ok(v) => {
                assert!(name == "gd" || opt.whole(), "{name}");
                assert_eq!(v, 1.0 - 0.5 * opt_lr(name), "{name}");
            }
            Err(e) => {
                let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
                assert!(
                    msg.contains(&format!("limit of {MAX_COORDINATES}")),
                    "{name}: {msg}"
                );
            }
        }
    }
}

/// The default learning rate of optimizer `name`.
fn opt_lr(name: &str) -> f64 {
    OptimSpec::new(name, &BTreeMap::new()).map_or(f64::NAN, |s| s.lr())
}

/// AdamW as PyTorch's `torch.optim.AdamW` documentation writes it, one tensor of two
/// coordinates: θ ← θ − γλθ, then the Adam moments and step (AMSGrad: the running
/// maximum of v̂).
fn adamw_reference(
    grad: impl Fn(&[f64; 2]) -> [f64; 2],
    start: [f64; 2],
    (lr, b1, b2, eps, wd, amsgrad): (f64, f64, f64, f64, f64, bool),
    steps: usize,
) -> Vec<[f64; 2]> {
    let (mut th, mut m, mut v, mut vmax) = (start, [0.0; 2], [0.0; 2], [0.0f64; 2]);
    let mut path = vec![th];
    for t in 1..=steps as i32 {
        let g = grad(&th);
        for i in 0..2 {
            th[i] -= lr * wd * th[i];
            m[i] = b1 * m[i] + (1.0 - b1) * g[i];
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
            let m_hat = m[i] / (1.0 - b1.powi(t));
            let v_hat = v[i] / (1.0 - b2.powi(t));
            vmax[i] = vmax[i].max(v_hat);
            let denom = if amsgrad { vmax[i] } else { v_hat }.sqrt() + eps;
            th[i] -= lr * m_hat / denom;
        }
        path.push(th);
    }
    path
}

#[test]
fn adamw_follows_pytorch_formula_for_200_steps() {
    let f = Rc::new(crate::objective::notebook_2d());
    let grad = |p: &[f64; 2]| {
        let mut g = [0.0; 2];
        crate::Objective::gradient(f.as_ref(), p, &mut g);
        g
    };
    for (lr, wd, amsgrad) in [(0.01, 0.01, false), (0.05, 0.5, false), (0.02, 0.1, true)] {
        let given = BTreeMap::from([
            ("lr".to_string(), lr),
            ("weight_decay".to_string(), wd),
            ("amsgrad".to_string(), f64::from(u8::from(amsgrad))),
        ]);
        let spec = OptimSpec::new("adamw", &given).unwrap();
        let config = RunConfig::new(vec![1.5, -0.7], 200)
            .mode(crate::GradientMode::Exact)
            .order(crate::UpdateOrder::Simultaneous);
        let mut run = Run::new(f.clone(), spec.build().unwrap(), config).unwrap();
        run.step_n(200);
        let want = adamw_reference(grad, [1.5, -0.7], (lr, 0.9, 0.999, 1e-8, wd, amsgrad), 200);
        assert_eq!(run.history().len(), 201);
        for (k, w) in want.iter().enumerate() {
            let got = run.history().point(k);
            for i in 0..2 {
                assert!(
                    (got[i] - w[i]).abs() < 1e-12,
                    "lr {lr}, λ {wd}, amsgrad {amsgrad}: step {k}: {got:?} vs {w:?}"
                );
            }
        }
    }
}

#[test]
fn adamw_without_decay_is_adam() {
    let f = Rc::new(crate::objective::notebook_2d());
    let path = |name: &str, given: BTreeMap<String, f64>| {
        let spec = OptimSpec::new(name, &given).unwrap();
        let mut run = Run::new(
            f.clone(),
            spec.build().unwrap(),
            RunConfig::new(vec![-1.2, 2.0], 50),
        )
        .unwrap();
        run.step_n(50);
        (0..=50)
            .map(|k| run.history().point(k).to_vec())
            .collect::<Vec<_>>()
    };
    let lr = BTreeMap::from([("lr".to_string(), 0.05)]);
    let mut no_decay = lr.clone();
    no_decay.insert("weight_decay".into(), 0.0);
    assert_eq!(path("adamw", no_decay), path("adam", lr.clone()));
    assert_ne!(path("adamw", lr.clone()), path("adam", lr));
}

//! "Show the arithmetic": the update from x_k to x_{k+1} with the numbers substituted.

use crate::lesson2d::trace::TracedRun;
use crate::optim::OptimizerKind;

/// The update from x_k to x_{k+1} of `run`, one line per formula with its numbers
/// substituted (x_k, ∇f(x_k), γ, the optimizer's memory, x_{k+1}). Past the last step,
/// only x_k and ∇f(x_k) with a note why the run stopped.
///
/// ```
/// use std::rc::Rc;
/// use descent::lesson2d::{arithmetic, Config2D};
/// let cfg = Config2D { mode: "exact".into(), order: "simultaneous".into(), ..Config2D::default() };
/// let run = cfg.simulate(Rc::new(descent::objective::notebook_2d()), [1.0, 0.5]).unwrap();
/// let lines = arithmetic(&run, 0);
/// assert_eq!(lines[1], "x_0 = (1, 0.5)");
/// assert_eq!(lines[2], "∇f(x_0) = (2, 2.5)");
/// assert_eq!(lines.last().unwrap(), "x_1 = x_0 − γ·∇f(x_0) = (1, 0.5) − 0.01·(2, 2.5) = (0.98, 0.475)");
/// ```
pub fn arithmetic(run: &TracedRun, k: usize) -> Vec<String> {
    let h = run.run().history();
    if k >= h.len() {
        return Vec::new();
    }
    let spec = run.spec();
    let x = h.point(k);
    let mut lines = vec![
        format!("step {k} → {} ({})", k + 1, spec.name()),
        format!("x_{k} = {}", vec2(x)),
        format!("∇f(x_{k}) = {}", vec2(h.gradient(k))),
    ];
    if k + 1 >= h.len() {
        lines.push(format!(
            "stopped: {} after {} step(s)",
            run.run().status().as_str(),
            run.run().steps()
        ));
        return lines;
    }
    let g = run
        .used_gradient(k)
        .unwrap_or_else(|| h.gradient(k).to_vec());
    if g.as_slice() != h.gradient(k) {
        lines.push(format!(
            "sequential order: y's partial is taken at the new x → g = {}",
            vec2(&g)
        ));
    }
    let next = h.point(k + 1);
    let lr = spec.lr();
    let (n, t) = (k + 1, k + 1);
    let before = |name: &str| -> Vec<f64> {
        run.state_vector(k, name)
            .map(<[f64]>::to_vec)
            .unwrap_or_else(|| vec![0.0; x.len()])
    };
    let after = |name: &str| -> Vec<f64> {
        run.state_vector(k + 1, name)
            .map(<[f64]>::to_vec)
            .unwrap_or_else(|| vec![0.0; x.len()])
    };
    lines.push(format!("γ = {}", num(lr)));
    let step_line = |what: &str, d: &[f64]| {
        format!(
            "x_{n} = x_{k} − γ·{what} = {} − {}·{} = {}",
            vec2(x),
            num(lr),
            vec2(d),
            vec2(next)
        )
    };
    match spec.kind() {
        OptimizerKind::Momentum | OptimizerKind::Nesterov => {
            let mu = spec.get("momentum");
            let tau = spec.get("dampening");
            let b = after("velocity");
            if k == 0 {
                lines.push(format!("b_1 = g = {}", vec2(&b)));
            } else {
                lines.push(format!(
                    "b_{n} = μ·b_{k} + (1 − τ)·g = {}·{} + {}·{} = {}",
                    num(mu),
                    vec2(&before("velocity")),
                    num(1.0 - tau),
                    vec2(&g),
                    vec2(&b)
                ));
            }
            if spec.kind() == OptimizerKind::Nesterov {
                let d: Vec<f64> = g.iter().zip(&b).map(|(g, b)| g + mu * b).collect();
                lines.push(format!(
                    "d = g + μ·b_{n} = {} + {}·{} = {}",
                    vec2(&g),
                    num(mu),
                    vec2(&b),
                    vec2(&d)
                ));
                lines.push(step_line("d", &d));
            } else {
                lines.push(step_line(&format!("b_{n}"), &b));
            }
        }
        OptimizerKind::Adagrad => {
            let s = after("sum");
            let eta = spec.get("lr_decay");
            let lr_t = lr / (1.0 + k as f64 * eta);
            lines.push(format!(
                "s_{n} = s_{k} + g² = {} + {} = {}",
                vec2(&before("sum")),
                vec2(&g.iter().map(|v| v * v).collect::<Vec<_>>()),
                vec2(&s)
            ));
            lines.push(format!(
                "γ̃ = γ / (1 + {k}·η) = {}, ε = {}",
                num(lr_t),
                num(spec.get("eps"))
            ));
            lines.push(format!(
                "x_{n} = x_{k} − γ̃·g / (√s_{n} + ε) = {}",
                vec2(next)
            ));
        }
        OptimizerKind::Rmsprop => {
            let a = spec.get("alpha");
            lines.push(format!(
                "v_{n} = α·v_{k} + (1 − α)·g² = {}·{} + {}·{} = {}",
                num(a),
                vec2(&before("v")),
                num(1.0 - a),
                vec2(&g.iter().map(|v| v * v).collect::<Vec<_>>()),
                vec2(&after("v"))
            ));
            if spec.get("centered") == 1.0 {
                lines.push(format!(
                    "ḡ_{n} = {}  (centered: ṽ = v − ḡ²)",
                    vec2(&after("g_avg"))
                ));
            }
            if spec.get("momentum") > 0.0 {
                lines.push(format!(
                    "b_{n} = μ·b_{k} + g / (√ṽ + ε) = {}",
                    vec2(&after("velocity"))
                ));
                lines.push(step_line(&format!("b_{n}"), &after("velocity")));
            } else {
                lines.push(format!(
                    "x_{n} = x_{k} − γ·g / (√v_{n} + ε) = {}",
                    vec2(next)
                ));
            }
        }
        OptimizerKind::Adam => {
            let (b1, b2) = (spec.get("beta1"), spec.get("beta2"));
            lines.push(format!(
                "m_{n} = β₁·m_{k} + (1 − β₁)·g = {}·{} + {}·{} = {}",
                num(b1),
                vec2(&before("m")),
                num(1.0 - b1),
                vec2(&g),
                vec2(&after("m"))
            ));
            lines.push(format!(
                "v_{n} = β₂·v_{k} + (1 − β₂)·g² = {}",
                vec2(&after("v"))
            ));
            lines.push(format!(
                "m̂_{n} = m_{n} / (1 − β₁^{t}) = {} / {} = {}",
                vec2(&after("m")),
                num(1.0 - b1.powi(t as i32)),
                vec2(&after("m_hat"))
            ));
            lines.push(format!(
                "v̂_{n} = v_{n} / (1 − β₂^{t}) = {} / {} = {}",
                vec2(&after("v")),
                num(1.0 - b2.powi(t as i32)),
                vec2(&after("v_hat"))
            ));
            lines.push(format!(
                "x_{n} = x_{k} − γ·m̂_{n} / (√v̂_{n} + ε) = {}",
                vec2(next)
            ));
        }
        _ => lines.push(step_line(&format!("∇f(x_{k})"), &g)),
    }
    lines
}

/// A number with up to 6 significant digits (scientific outside [1e-4, 1e6)).
pub fn num(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if !(1e-4..1e6).contains(&a) {
        return format!("{v:.4e}");
    }
    let digits = (5 - a.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A vector as "(a, b)".
fn vec2(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| num(*x)).collect();
    format!("({})", parts.join(", "))
}

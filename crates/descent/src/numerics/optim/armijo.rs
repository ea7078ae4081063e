//! Gradient descent with a backtracking (Armijo) line search: from γ₀, shrink γ by ρ until
//! f decreases enough.

use super::explain::{StepView, num};
use super::gd::GAMMA;
use super::lanes::EachLane;
use super::rule::{Param, PythonForm, Rule};
use crate::error::{ConfigError, open_unit, positive};
use crate::numerics::declared::Kind;
use crate::objective::Objective;
use crate::optim::Optimizer;

/// A number in the open interval (0, 1).
const OPEN_UNIT: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: true,
    open_max: true,
};

/// Most trial step sizes one step tries (γ₀ρ⁵⁹ is below 10⁻¹⁷γ₀ for ρ = 0.5).
pub const MAX_TRIALS: usize = 60;

/// The backtracking search in the registry: γ₀ (the lesson's γ), ρ, c.
pub const RULE: Rule = Rule {
    name: "armijo",
    label: "GD + backtracking (Armijo)",
    params: &[
        GAMMA,
        Param::new(
            "rho",
            "armijo.rho",
            "ρ (shrink factor)",
            OPEN_UNIT,
            "0.5",
            "Backtracking: a step size that fails the Armijo condition is multiplied by ρ.",
        ),
        Param::new(
            "c",
            "armijo.c",
            "c (sufficient decrease)",
            OPEN_UNIT,
            "0.0001",
            "Backtracking: accept γ when f(x − γ∇f) ≤ f(x) − c·γ·‖∇f‖².",
        ),
    ],
    build: |v| Ok(Box::new(Armijo::new(v[0], v[1], v[2])?)),
    lanes: |v, _, _| EachLane::boxed(|v| Ok(Box::new(Armijo::new(v[0], v[1], v[2])?)), v),
    velocity: |_| None,
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "Armijo",
        extra: &["f=f2"],
    }),
    step_cost: 20,
};

/// The trials of one backtracking search.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtracking {
    /// f(x).
    pub f0: f64,
    /// ‖∇f(x)‖².
    pub g2: f64,
    /// Every γ tried with f(x − γ∇f) there, in order.
    pub trials: Vec<(f64, f64)>,
    /// The γ taken: the first that met the condition, else the last tried.
    pub gamma: f64,
    /// Whether some γ met the condition within [`MAX_TRIALS`].
    pub accepted: bool,
}

/// Backtracking along −g from `x` (Nocedal & Wright, Algorithm 3.1): γ = γ₀, γ₀ρ, γ₀ρ², …
/// until f(x − γg) ≤ f(x) − c·γ·‖g‖² (a NaN value fails), at most [`MAX_TRIALS`] tries.
///
/// ```
/// use descent::optim::backtrack;
/// let f = descent::FnObjective::new(1, |p| p[0] * p[0]);
/// // From x = 1 with g = 2: γ = 1 gives f(−1) = 1 (no decrease), γ = 0.5 gives f(0) = 0.
/// let s = backtrack(&f, &[1.0], &[2.0], 1.0, 0.5, 1e-4);
/// assert_eq!(s.trials, vec![(1.0, 1.0), (0.5, 0.0)]);
/// assert_eq!((s.gamma, s.accepted), (0.5, true));
/// ```
pub fn backtrack(
    f: &dyn Objective,
    x: &[f64],
    g: &[f64],
    gamma0: f64,
    rho: f64,
    c: f64,
) -> Backtracking {
    let f0 = f.value(x);
    let g2: f64 = g.iter().map(|v| v * v).sum();
    let mut p = x.to_vec();
    let mut out = Backtracking {
        f0,
        g2,
        trials: Vec::new(),
        gamma: gamma0,
        accepted: false,
    };
    let mut gamma = gamma0;
    for _ in 0..MAX_TRIALS {
        for ((pc, xc), gc) in p.iter_mut().zip(x).zip(g) {
            *pc = xc - gamma * gc;
        }
        let v = f.value(&p);
        out.trials.push((gamma, v));
        out.gamma = gamma;
        if v <= f0 - c * gamma * g2 {
            out.accepted = true;
            break;
        }
        gamma *= rho;
    }
    out
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let (rho, c) = (v[1], v[2]);
    let b = backtrack(s.objective, s.x, s.g, v[0], rho, c);
    let mut lines = vec![crate::msg!(
        "core.arith.armijo",
        "Armijo: accept γ when f(x_{k} − γ·g) ≤ f(x_{k}) − c·γ·‖g‖² = {f0} − {c}·γ·{g2}; ρ = {rho}",
        f0 = num(b.f0),
        c = num(c),
        g2 = num(b.g2),
        rho = num(rho),
        k = s.k
    )];
    for (i, &(gamma, value)) in b.trials.iter().enumerate() {
        let bound = b.f0 - c * gamma * b.g2;
        let ok = value <= bound;
        let outcome = if ok {
            crate::msg!("core.arith.accepted", "accepted")
        } else {
            crate::msg!("core.arith.shrink", "shrink γ ← ρ·γ")
        };
        lines.push(crate::msg!(
            "core.arith.trial",
            "trial {i}: γ = {gamma}: f = {f} {cmp} {bound} → {outcome}",
            i = i + 1,
            gamma = num(gamma),
            f = num(value),
            cmp = if ok { "≤" } else { ">" },
            bound = num(bound),
            outcome = outcome
        ));
    }
    if !b.accepted {
        lines.push(crate::msg!(
            "core.arith.notrial",
            "no γ met the condition in {n} trials: the last one is taken",
            n = MAX_TRIALS
        ));
    }
    lines.push(s.step_line_by("γ", b.gamma, "g", s.g));
    lines
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.armijo",
        "Gradient descent with a backtracking (Armijo) line search (Nocedal & Wright, Alg. 3.1)"
    )
}

const PYTHON: &str = "\
class Armijo():\n    \n    \
def __init__(self, lr, rho, c, f):\n        \
self.lr = lr\n        self.rho = rho\n        self.c = c\n        self.f = f\n    \n    \
def step(self, x, y, gx, gy):\n        \
f0 = self.f(x, y)\n        g2 = gx*gx + gy*gy\n        gamma = self.lr\n        \
for t in range(60):\n            \
v = self.f(x - gamma*gx, y - gamma*gy)\n            \
if v <= f0 - self.c*gamma*g2:\n                break\n            \
if t < 59:\n                gamma = gamma*self.rho\n        \
return x - gamma*gx, y - gamma*gy\n";

/// Gradient descent with backtracking: x_{k+1} = x_k − γ_k ∇f(x_k), γ_k the first of
/// γ₀, γ₀ρ, γ₀ρ², … with f(x_k − γ∇f) ≤ f(x_k) − c·γ·‖∇f‖² (the Armijo, or
/// sufficient-decrease, condition; Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
/// §3.1, Algorithm 3.1).
///
/// ```
/// use descent::optim::{Armijo, Optimizer};
/// let f = descent::FnObjective::new(1, |p| p[0] * p[0]);
/// let mut opt = Armijo::new(1.0, 0.5, 1e-4).unwrap();
/// let mut x = [1.0];
/// opt.step_on(&f, &mut x, &[2.0]);
/// assert_eq!(x, [0.0]);
/// assert!(Armijo::new(1.0, 1.0, 1e-4).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Armijo {
    gamma0: f64,
    rho: f64,
    c: f64,
}

impl Armijo {
    /// Checks γ₀ > 0 and ρ, c in (0, 1).
    pub fn new(gamma0: f64, rho: f64, c: f64) -> Result<Self, ConfigError> {
        Ok(Armijo {
            gamma0: positive("γ (learning rate)", gamma0)?,
            rho: open_unit("ρ (shrink factor)", rho)?,
            c: open_unit("c (sufficient decrease)", c)?,
        })
    }
}

impl Optimizer for Armijo {
    /// Without the objective there is no search: a plain step with γ₀.
    fn update(&mut self, _i: usize, x: f64, g: f64) -> f64 {
        x - self.gamma0 * g
    }

    fn whole(&self) -> bool {
        true
    }

    fn step_on(&mut self, f: &dyn Objective, x: &mut [f64], grad: &[f64]) {
        let b = backtrack(f, x, grad, self.gamma0, self.rho, self.c);
        for (xc, gc) in x.iter_mut().zip(grad) {
            *xc -= b.gamma * gc;
        }
    }

    fn name(&self) -> &'static str {
        "armijo"
    }
}

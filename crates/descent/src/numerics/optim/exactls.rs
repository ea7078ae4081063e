//! Gradient descent with an exact line search: γ minimises φ(γ) = f(x − γ∇f), found by
//! bracketing with golden-ratio steps and bisection on the sign of φ′.

use super::explain::{StepView, num};
use super::gd::GAMMA;
use super::lanes::EachLane;
use super::rule::{Param, PythonForm, Rule};
use crate::error::{ConfigError, positive, within};
use crate::numerics::declared::Kind;
use crate::objective::Objective;
use crate::optim::Optimizer;

/// Most times the bracket grows (by the golden ratio each time).
pub const MAX_EXPANSIONS: usize = 60;

/// Most bisections of the bracket.
pub const MAX_REDUCTIONS: usize = 200;

/// The golden ratio's reciprocal, (√5 − 1)/2.
const INV_PHI: f64 = 0.618_033_988_749_894_9;

/// The exact line search in the registry: the first bracket step (the lesson's γ) and the
/// tolerance.
pub const RULE: Rule = Rule {
    name: "exactls",
    label: "GD + exact line search",
    params: &[
        GAMMA,
        Param::new(
            "tol",
            "exactls.tol",
            "tolerance (of γ)",
            Kind::Number {
                min: 0.0,
                max: 0.1,
                open_min: true,
                open_max: false,
            },
            "1e-10",
            "Exact line search: bisection stops when the bracket of γ is at most tol·(1 + γ) wide.",
        ),
    ],
    build,
    lanes: |v, _, _| EachLane::boxed(build, v),
    velocity: |_| None,
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "ExactLineSearch",
        extra: &["f=f2", "grad=grad2"],
    }),
    step_cost: 30,
};

fn build(v: &[f64]) -> Result<Box<dyn Optimizer>, ConfigError> {
    Ok(Box::new(ExactLineSearch::new(v[0], v[1])?))
}

/// One exact line search: φ(γ) = f(x − γg) at the points it looked at, and its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMinimum {
    /// φ(0) = f(x).
    pub f0: f64,
    /// The bracket [lo, hi] that holds a minimiser (lo < γ* < hi, or γ* = hi unbracketed).
    pub bracket: (f64, f64),
    /// How many times the bracket grew past the first step.
    pub expansions: usize,
    /// Evaluations of φ in all.
    pub evaluations: usize,
    /// The chosen γ and φ there (the lowest φ seen in the final bracket).
    pub gamma: f64,
    /// φ(γ).
    pub value: f64,
    /// Whether φ rose again within [`MAX_EXPANSIONS`] (else φ kept falling: the last γ).
    pub bracketed: bool,
}

/// φ with NaN read as +∞ (a point outside f's domain is never a minimum).
fn phi(f: &dyn Objective, x: &[f64], g: &[f64], gamma: f64, p: &mut [f64]) -> f64 {
    for ((pc, xc), gc) in p.iter_mut().zip(x).zip(g) {
        *pc = xc - gamma * gc;
    }
    let v = f.value(p);
    if v.is_nan() { f64::INFINITY } else { v }
}

/// φ′(γ) = −g·∇f(x − γg).
fn slope(f: &dyn Objective, x: &[f64], g: &[f64], gamma: f64, p: &mut [f64], q: &mut [f64]) -> f64 {
    for ((pc, xc), gc) in p.iter_mut().zip(x).zip(g) {
        *pc = xc - gamma * gc;
    }
    f.gradient(p, q);
    -q.iter().zip(g).map(|(a, b)| a * b).sum::<f64>()
}

/// Minimises φ(γ) = f(x − γg) over γ > 0: brackets a minimiser starting from [0, γ₀]
/// (growing by the golden ratio while φ falls, Press et al., *Numerical Recipes*, §10.1),
/// then bisects the bracket on the sign of φ′(γ) = −g·∇f(x − γg) until it is at most
/// tol·(1 + γ) wide (N&W §3.5). Bisection on φ′ rather than golden section on φ: values
/// resolve a minimum only to about √ε of γ, which leaves consecutive gradients 10⁻⁶ away
/// from orthogonal; the slope's sign resolves it to the tolerance.
///
/// ```
/// use descent::optim::line_minimum;
/// // f = x² + 10y² from (1, 1) along −∇f = −(2, 20): φ(γ) = (1 − 2γ)² + 10(1 − 20γ)²
/// // is least at γ* = 404/8008 = 101/2002.
/// let f = descent::FnObjective::new(2, |p| p[0] * p[0] + 10.0 * p[1] * p[1])
///     .with_gradient(|p, g| (g[0], g[1]) = (2.0 * p[0], 20.0 * p[1]));
/// let m = line_minimum(&f, &[1.0, 1.0], &[2.0, 20.0], 0.01, 1e-12);
/// assert!((m.gamma - 101.0 / 2002.0).abs() < 1e-11);
/// assert!(m.bracketed && m.expansions > 0);
/// ```
pub fn line_minimum(f: &dyn Objective, x: &[f64], g: &[f64], gamma0: f64, tol: f64) -> LineMinimum {
    let (mut p, mut q) = (x.to_vec(), x.to_vec());
    let f0 = phi(f, x, g, 0.0, &mut p);
    let (mut a, mut b) = (0.0, gamma0);
    let mut fb = phi(f, x, g, b, &mut p);
    let mut evaluations = 2;
    let mut expansions = 0;
    let mut hi = b;
    // φ is never NaN (see `phi`), so ≥ is the negation of <.
    let mut bracketed = fb >= f0;
    while !bracketed && expansions < MAX_EXPANSIONS {
        let c = b + (b - a) / INV_PHI;
        let fc = phi(f, x, g, c, &mut p);
        evaluations += 1;
        expansions += 1;
        if fc >= fb {
            hi = c;
            bracketed = true;
        } else {
            (a, b, fb) = (b, c, fc);
            hi = b;
        }
    }
    let mut out = LineMinimum {
        f0,
        bracket: (a, hi),
        expansions,
        evaluations,
        gamma: b,
        value: fb,
        bracketed,
    };
    if !bracketed {
        return out;
    }
    let mut lo = a;
    let mut mid = 0.5 * (lo + hi);
    for _ in 0..MAX_REDUCTIONS {
        if hi - lo <= tol * (1.0 + mid) {
            break;
        }
        // A NaN slope (outside f's domain) counts as past the minimum.
        if slope(f, x, g, mid, &mut p, &mut q) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        out.evaluations += 1;
        mid = 0.5 * (lo + hi);
    }
    out.gamma = mid;
    out.value = phi(f, x, g, mid, &mut p);
    out.evaluations += 1;
    out.bracket = (lo, hi);
    out
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let (gamma0, tol) = (v[0], v[1]);
    let m = line_minimum(s.objective, s.x, s.g, gamma0, tol);
    let (lo, hi) = m.bracket;
    let mut lines = vec![format!(
        "φ(γ) = f(x_{k} − γ·g): φ(0) = {}, φ(γ₀ = {}) = {}",
        num(m.f0),
        num(gamma0),
        num(phi(s.objective, s.x, s.g, gamma0, &mut s.x.to_vec())),
        k = s.k
    )];
    if m.bracketed {
        lines.push(crate::msg!(
            "core.arith.bracket",
            "bracket grown {n} time(s) by the golden ratio, then bisected on the sign of φ′(γ) = −g·∇f(x_{k} − γ·g) to width ≤ {tol}·(1 + γ): [{lo}{sep}{hi}], {evals} evaluations",
            n = m.expansions,
            tol = crate::text::shown(&crate::numerics::declared::compact(tol)),
            lo = num(lo),
            sep = crate::text::list_separator(),
            hi = num(hi),
            evals = m.evaluations,
            k = s.k
        ));
    } else {
        lines.push(crate::msg!(
            "core.arith.falling",
            "φ kept falling for {n} expansions: the last γ is taken",
            n = MAX_EXPANSIONS
        ));
    }
    lines.push(crate::msg!(
        "core.arith.chosen",
        "chosen γ* = {gamma}: φ(γ*) = {value}",
        gamma = num(m.gamma),
        value = num(m.value)
    ));
    lines.push(s.step_line_by("γ*", m.gamma, "g", s.g));
    lines
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.exactls",
        "Gradient descent with an exact line search: bracket the minimum of phi(gamma) = f(x - gamma*g),\nthen bisect on the sign of phi'(gamma) = -g . grad f(x - gamma*g)"
    )
}

const PYTHON: &str = "\
class ExactLineSearch():\n    \n    \
def __init__(self, lr, tol, f, grad):\n        \
self.lr = lr\n        self.tol = tol\n        self.f = f\n        self.grad = grad\n    \n    \
def step(self, x, y, gx, gy):\n        \
def phi(t):\n            \
v = self.f(x - t*gx, y - t*gy)\n            return float('inf') if np.isnan(v) else v\n        \
r = 0.6180339887498949\n        f0 = phi(0.0)\n        a, b = 0.0, self.lr\n        fb = phi(b)\n        hi = b\n        \
bracketed = not (fb < f0)\n        n = 0\n        \
while not bracketed and n < 60:\n            \
c = b + (b - a)/r\n            fc = phi(c)\n            n += 1\n            \
if not (fc < fb):\n                hi = c\n                bracketed = True\n            \
else:\n                a, b, fb = b, c, fc\n                hi = b\n        \
if not bracketed:\n            return x - b*gx, y - b*gy\n        \
lo = a\n        mid = 0.5*(lo + hi)\n        \
for i in range(200):\n            \
if hi - lo <= self.tol*(1 + mid):\n                break\n            \
qx, qy = self.grad(x - mid*gx, y - mid*gy)\n            \
if -(qx*gx + qy*gy) < 0:\n                lo = mid\n            else:\n                hi = mid\n            \
mid = 0.5*(lo + hi)\n        \
return x - mid*gx, y - mid*gy\n";

/// Gradient descent with an exact line search: x_{k+1} = x_k − γ_k ∇f(x_k) with γ_k the
/// minimiser of φ(γ) = f(x_k − γ∇f(x_k)) found by [`line_minimum`] (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., §3.1: with exact line searches consecutive steepest
/// descent directions are orthogonal).
///
/// ```
/// use descent::optim::{ExactLineSearch, Optimizer};
/// let f = descent::FnObjective::new(1, |p| (p[0] - 3.0) * (p[0] - 3.0));
/// let mut opt = ExactLineSearch::new(0.01, 1e-12).unwrap();
/// let mut x = [0.0];
/// opt.step_on(&f, &mut x, &[-6.0]); // one exact step reaches the minimum of a 1-D quadratic
/// assert!((x[0] - 3.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ExactLineSearch {
    gamma0: f64,
    tol: f64,
}

impl ExactLineSearch {
    /// Checks the first bracket step γ₀ > 0 and the tolerance in (0, 0.1].
    pub fn new(gamma0: f64, tol: f64) -> Result<Self, ConfigError> {
        positive("γ (learning rate)", gamma0)?;
        positive("tolerance (of γ)", tol)?;
        within("tolerance (of γ)", "a number in (0, 0.1]", tol, 0.0, 0.1)?;
        Ok(ExactLineSearch { gamma0, tol })
    }
}

impl Optimizer for ExactLineSearch {
    /// Without the objective there is no search: a plain step with γ₀.
    fn update(&mut self, _i: usize, x: f64, g: f64) -> f64 {
        x - self.gamma0 * g
    }

    fn whole(&self) -> bool {
        true
    }

    fn step_on(&mut self, f: &dyn Objective, x: &mut [f64], grad: &[f64]) {
        let m = line_minimum(f, x, grad, self.gamma0, self.tol);
        for (xc, gc) in x.iter_mut().zip(grad) {
            *xc -= m.gamma * gc;
        }
    }

    fn name(&self) -> &'static str {
        "exactls"
    }
}

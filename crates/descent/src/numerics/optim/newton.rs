//! Newton's method with the exact Hessian, shifted by a multiple of the identity (a
//! Levenberg-style damping) where the Hessian is not positive definite.

use super::explain::{StepView, num, vec2};
use super::lanes::EachLane;
use super::rule::{Param, PythonForm, RATE, Rule};
use crate::error::{ConfigError, positive};
use crate::objective::Objective;
use crate::optim::Optimizer;

/// The smallest shift τ tried when the Hessian is not positive definite (β of Nocedal &
/// Wright's Algorithm 3.3).
pub const BETA: f64 = 1e-3;

/// Most shifts tried (τ doubles each time: 60 doublings of β pass 10¹⁵).
pub const MAX_SHIFTS: usize = 60;

/// Newton's method in the registry: its step length α (1: the full Newton step).
pub const RULE: Rule = Rule {
    name: "newton",
    label: "Newton's method",
    params: &[Param::new(
        "lr",
        "newton.lr",
        "α (Newton step length)",
        RATE,
        "1",
        "Newton: x ← x − α·(H + τI)⁻¹∇f; α = 1 is the full Newton step.",
    )],
    build: |v| Ok(Box::new(Newton::new(v[0])?)),
    lanes: |v, _, _| EachLane::boxed(|v| Ok(Box::new(Newton::new(v[0])?)), v),
    velocity: |_| None,
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "Newton",
        extra: &["grad=grad2"],
    }),
    step_cost: 20,
};

/// One Newton step's linear algebra at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct NewtonStep {
    /// The Hessian H, row by row.
    pub hessian: Vec<f64>,
    /// The shift τ ≥ 0 that made H + τI positive definite (0 when H is).
    pub shift: f64,
    /// The direction d solving (H + τI)·d = ∇f (NaN when no shift worked).
    pub direction: Vec<f64>,
}

/// The Cholesky factor L (row by row, lower triangle) of the n × n matrix `a` + τI, or
/// `None` if it is not (numerically) positive definite.
fn cholesky(a: &[f64], n: usize, tau: f64) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j] + if i == j { tau } else { 0.0 };
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if !s.is_finite() || s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Solves L·Lᵀ·d = g.
fn solve(l: &[f64], n: usize, g: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
        y[i] = (g[i] - s) / l[i * n + i];
    }
    let mut d = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| l[k * n + i] * d[k]).sum();
        d[i] = (y[i] - s) / l[i * n + i];
    }
    d
}

/// The Newton direction at `x` with gradient `g`: H = ∇²f(x); if H is positive definite,
/// d = H⁻¹g, else d = (H + τI)⁻¹g with τ from Nocedal & Wright's Algorithm 3.3 (Cholesky
/// with added multiple of the identity: τ₀ = 0 if every diagonal entry is positive, else
/// β − min Hᵢᵢ; then τ ← max(2τ, β) until the factorisation succeeds).
///
/// ```
/// use descent::optim::newton_step;
/// let f = descent::objective::notebook_2d();
/// let s = newton_step(&f, &[1.0, 1.0], &[4.0, 4.0]); // H = [[8, 4], [4, 8]]
/// assert_eq!((s.hessian.as_slice(), s.shift), (&[8.0, 4.0, 4.0, 8.0][..], 0.0));
/// assert!((s.direction[0] - 1.0 / 3.0).abs() < 1e-15);
/// let at_saddle = newton_step(&f, &[0.0, 0.0], &[0.0, 0.0]); // H = [[−4, 4], [4, −4]]
/// assert!(at_saddle.shift > 8.0);
/// ```
pub fn newton_step(f: &dyn Objective, x: &[f64], g: &[f64]) -> NewtonStep {
    let n = x.len();
    let mut hessian = vec![0.0; n * n];
    f.hessian(x, &mut hessian);
    let min_diag = (0..n)
        .map(|i| hessian[i * n + i])
        .fold(f64::INFINITY, f64::min);
    let mut tau = if min_diag > 0.0 { 0.0 } else { BETA - min_diag };
    for _ in 0..MAX_SHIFTS {
        if let Some(l) = cholesky(&hessian, n, tau) {
            let direction = solve(&l, n, g);
            return NewtonStep {
                hessian,
                shift: tau,
                direction,
            };
        }
        tau = (2.0 * tau).max(BETA);
    }
    NewtonStep {
        hessian,
        shift: tau,
        direction: vec![f64::NAN; n],
    }
}

/// The eigenvalues of a symmetric 2 × 2 matrix (row by row), smaller first.
fn eigenvalues_2x2(h: &[f64]) -> (f64, f64) {
    let (a, b, d) = (h[0], h[1], h[3]);
    let mean = 0.5 * (a + d);
    let r = (0.25 * (a - d) * (a - d) + b * b).sqrt();
    (mean - r, mean + r)
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let alpha = v[0];
    let st = newton_step(s.objective, s.x, s.g);
    let source = if s.objective.has_exact_hessian() {
        crate::msg!("core.arith.exact", "exact")
    } else {
        crate::msg!("core.arith.differences", "central differences of ∇f")
    };
    let h = &st.hessian;
    let sep = crate::text::list_separator();
    let mut lines = vec![match h.len() {
        1 => format!("H(x_{}) = f″ = {} ({source})", s.k, num(h[0])),
        _ => format!(
            "H(x_{}) = [[{}{sep}{}]{sep}[{}{sep}{}]] ({source})",
            s.k,
            num(h[0]),
            num(h[1]),
            num(h[2]),
            num(h[3])
        ),
    }];
    let lowest = if h.len() == 4 {
        eigenvalues_2x2(h).0
    } else {
        h[0]
    };
    if st.shift == 0.0 {
        lines.push(crate::msg!(
            "core.arith.definite",
            "H is positive definite (smallest eigenvalue {lowest}): d = H⁻¹·g = {d}",
            lowest = num(lowest),
            d = vec2(&st.direction)
        ));
    } else if st.direction.iter().all(|d| d.is_finite()) {
        lines.push(crate::msg!(
            "core.arith.shift",
            "H is not positive definite (smallest eigenvalue {lowest}): damped step with a Levenberg-style shift τ = {tau} (H + τI positive definite; Nocedal & Wright Alg. 3.3)",
            lowest = num(lowest),
            tau = num(st.shift)
        ));
        lines.push(format!("d = (H + τI)⁻¹·g = {}", vec2(&st.direction)));
    } else {
        lines.push(crate::msg!(
            "core.arith.infinite",
            "H is not finite: no Newton step (the run diverges)"
        ));
    }
    lines.push(s.step_line_by("α", alpha, "d", &st.direction));
    lines
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.newton",
        "Newton's method; where H is not positive definite, H + tau*I with tau from Nocedal & Wright\nAlg. 3.3 (a Levenberg-style shift). H here: central differences of the exact gradient."
    )
}

const PYTHON: &str = "\
class Newton():\n    \n    \
def __init__(self, lr, grad):\n        \
self.lr = lr\n        self.grad = grad\n    \n    \
def hessian(self, x, y):\n        \
H = np.zeros((2, 2))\n        \
for j, (dx, dy) in enumerate([(1e-5*(1 + abs(x)), 0.0), (0.0, 1e-5*(1 + abs(y)))]):\n            \
up = np.array(self.grad(x + dx, y + dy))\n            down = np.array(self.grad(x - dx, y - dy))\n            \
H[:, j] = (up - down)/(2*(dx + dy))\n        \
return 0.5*(H + H.T)\n    \n    \
def step(self, x, y, gx, gy):\n        \
H = self.hessian(x, y)\n        \
tau = 0.0 if min(H[0, 0], H[1, 1]) > 0 else 1e-3 - min(H[0, 0], H[1, 1])\n        \
d = np.array([np.nan, np.nan])\n        \
for t in range(60):\n            \
try:\n                L = np.linalg.cholesky(H + tau*np.eye(2))\n            \
except np.linalg.LinAlgError:\n                tau = max(2*tau, 1e-3)\n                continue\n            \
d = np.linalg.solve(L.T, np.linalg.solve(L, np.array([gx, gy])))\n            break\n        \
return x - self.lr*d[0], y - self.lr*d[1]\n";

/// Newton's method: x_{k+1} = x_k − α·(H + τI)⁻¹∇f(x_k), H = ∇²f(x_k), τ = 0 where H is
/// positive definite (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §3.3 and §3.4,
/// Algorithm 3.3). On a strictly convex quadratic the full step (α = 1) lands on the
/// minimum; near a minimum with a positive definite Hessian the error squares each step.
///
/// ```
/// use descent::optim::{Newton, Optimizer};
/// // Its Hessian by differences of the exact gradient (no exact Hessian given).
/// let f = descent::FnObjective::new(2, |p| (p[0] - 1.0).powi(2) + 10.0 * (p[1] + 2.0).powi(2))
///     .with_gradient(|p, g| (g[0], g[1]) = (2.0 * (p[0] - 1.0), 20.0 * (p[1] + 2.0)));
/// let mut opt = Newton::new(1.0).unwrap();
/// let mut x = [5.0, 5.0];
/// opt.step_on(&f, &mut x, &[8.0, 140.0]); // one step to the minimum of a quadratic
/// assert!((x[0] - 1.0).abs() < 1e-6 && (x[1] + 2.0).abs() < 1e-6);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Newton {
    alpha: f64,
}

impl Newton {
    /// Checks the step length α > 0.
    pub fn new(alpha: f64) -> Result<Self, ConfigError> {
        Ok(Newton {
            alpha: positive("α (Newton step length)", alpha)?,
        })
    }
}

impl Optimizer for Newton {
    /// Without the objective there is no Hessian: a plain gradient step with α.
    fn update(&mut self, _i: usize, x: f64, g: f64) -> f64 {
        x - self.alpha * g
    }

    fn whole(&self) -> bool {
        true
    }

    fn step_on(&mut self, f: &dyn Objective, x: &mut [f64], grad: &[f64]) {
        let st = newton_step(f, x, grad);
        for (xc, d) in x.iter_mut().zip(&st.direction) {
            *xc -= self.alpha * d;
        }
    }

    fn name(&self) -> &'static str {
        "newton"
    }
}

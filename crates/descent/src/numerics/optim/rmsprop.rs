//! RMSProp: steps scaled by a running mean of squared gradients (PyTorch `RMSprop`).

use super::explain::{StepView, num, vec2};
use super::lanes::EachLane;
use super::rule::{EPSILON, FRACTION_OPEN, Param, PythonForm, RATE, Rule};
use crate::error::{ConfigError, positive, within};
use crate::numerics::declared::Kind;
use crate::optim::Optimizer;

/// RMSProp in the registry: γ, ρ, ε, μ, centered.
pub const RULE: Rule = Rule {
    name: "rmsprop",
    label: "RMSprop",
    params: &[
        Param::new(
            "lr",
            "rmsprop.lr",
            "γ (learning rate)",
            RATE,
            "0.01",
            "RMSprop's step size before its per-coordinate scaling.",
        ),
        Param::new(
            "alpha",
            "rmsprop.rho",
            "ρ (smoothing)",
            FRACTION_OPEN,
            "0.99",
            "RMSprop: the running mean of squared gradients keeps this fraction each step (PyTorch's alpha).",
        ),
        Param::new(
            "eps",
            "rmsprop.eps",
            "ε (epsilon)",
            EPSILON,
            "1e-8",
            "RMSprop: added to the root of the mean so the step stays finite.",
        ),
        Param::new(
            "momentum",
            "rmsprop.mu",
            "μ (momentum)",
            FRACTION_OPEN,
            "0",
            "RMSprop: momentum of the scaled step (0: none).",
        ),
        Param::new(
            "centered",
            "rmsprop.centered",
            "centered",
            Kind::Flag,
            "0",
            "RMSprop: divide by the variance of the gradient rather than its mean square.",
        ),
    ],
    build: |v| Ok(Box::new(Typed::of(v).build()?)),
    lanes: |v, _, _| EachLane::boxed(|v| Ok(Box::new(Typed::of(v).build()?)), v),
    velocity: |v| (Typed::of(v).momentum > 0.0).then_some("velocity"),
    explain: |v, s| explain(Typed::of(v), s),
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "RMSprop",
        extra: &[],
    }),
    step_cost: 1,
};

/// RMSProp's hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Typed {
    lr: f64,
    alpha: f64,
    eps: f64,
    momentum: f64,
    centered: bool,
}

impl Typed {
    /// From [`RULE`]'s values, in order.
    fn of(v: &[f64]) -> Self {
        Typed {
            lr: v[0],
            alpha: v[1],
            eps: v[2],
            momentum: v[3],
            centered: v[4] == 1.0,
        }
    }

    fn build(self) -> Result<RmsProp, ConfigError> {
        RmsProp::new(self.lr, self.alpha, self.eps, self.momentum, self.centered)
    }
}

fn explain(p: Typed, s: &StepView) -> Vec<String> {
    let (k, n) = (s.k, s.k + 1);
    let mut lines = vec![format!(
        "v_{n} = α·v_{k} + (1 − α)·g² = {}·{} + {}·{} = {}",
        num(p.alpha),
        vec2(&s.before("v")),
        num(1.0 - p.alpha),
        vec2(&s.g_squared()),
        vec2(&s.after("v"))
    )];
    if p.centered {
        lines.push(crate::msg!(
            "core.arith.centered",
            "ḡ_{n} = {g}  (centered: ṽ = v − ḡ²)",
            n = n,
            g = vec2(&s.after("g_avg"))
        ));
    }
    if p.momentum > 0.0 {
        let b = s.after("velocity");
        lines.push(format!("b_{n} = μ·b_{k} + g / (√ṽ + ε) = {}", vec2(&b)));
        lines.push(s.step_line(&format!("b_{n}"), &b));
    } else {
        lines.push(s.result_line(&format!("γ·g / (√v_{n} + ε)")));
    }
    lines
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.rmsprop",
        "RMSprop (PyTorch's torch.optim.RMSprop rule), one coordinate at a time"
    )
}

const PYTHON: &str = "\
class RMSprop():\n    \n    \
def __init__(self, lr, alpha, eps, momentum, centered):\n        \
self.lr = lr\n        self.alpha = alpha\n        self.eps = eps\n        \
self.momentum = momentum\n        self.centered = centered == 1\n        \
self.v = [0., 0.]\n        self.g_avg = [0., 0.]\n        self.buf = [0., 0.]\n    \n    \
def begin_step(self):\n        pass\n    \n    \
def update(self, i, x, g):\n        a = self.alpha\n        \
self.v[i] = a*self.v[i] + (1 - a)*g*g\n        vt = self.v[i]\n        \
if self.centered:\n            self.g_avg[i] = a*self.g_avg[i] + (1 - a)*g\n            \
vt -= self.g_avg[i]*self.g_avg[i]\n        \
scaled = g/(np.sqrt(max(vt, 0.)) + self.eps)\n        \
if self.momentum > 0:\n            self.buf[i] = self.momentum*self.buf[i] + scaled\n            \
return x - self.lr*self.buf[i]\n        return x - self.lr*scaled\n";

/// RMSProp as PyTorch's `torch.optim.RMSprop` documents it (weight decay 0):
///
/// ```text
/// v_t = α v_{t−1} + (1 − α) g_t²
/// centered: ḡ_t = α ḡ_{t−1} + (1 − α) g_t,  ṽ_t = v_t − ḡ_t²   else ṽ_t = v_t
/// μ > 0:    b_t = μ b_{t−1} + g_t / (√ṽ_t + ε),  x_t = x_{t−1} − γ b_t
/// μ = 0:    x_t = x_{t−1} − γ g_t / (√ṽ_t + ε)
/// ```
///
/// PyTorch's defaults: γ = 1e-2, α = 0.99, ε = 1e-8, μ = 0, centered = false. Reference:
/// <https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html> (Hinton, Lecture 6e).
///
/// ```
/// use descent::optim::{Optimizer, RmsProp};
/// let mut opt = RmsProp::new(0.1, 0.5, 1e-8, 0.0, false).unwrap();
/// let mut x = [1.0];
/// opt.step(&mut x, &[2.0]); // v = 0.5·4 = 2,          x = 1 − 0.1·2/√2
/// let x1 = 1.0 - 0.1 * 2.0 / 2f64.sqrt();
/// assert!((x[0] - x1).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RmsProp {
    lr: f64,
    alpha: f64,
    eps: f64,
    momentum: f64,
    centered: bool,
    v: Vec<f64>,
    g_avg: Vec<f64>,
    buf: Vec<f64>,
}

impl RmsProp {
    /// Checks γ > 0, α in [0, 1), ε > 0 and μ in [0, 1).
    pub fn new(
        lr: f64,
        alpha: f64,
        eps: f64,
        momentum: f64,
        centered: bool,
    ) -> Result<Self, ConfigError> {
        positive("γ (learning rate)", lr)?;
        half_open("α (smoothing)", alpha)?;
        positive("ε (epsilon)", eps)?;
        half_open("μ (momentum)", momentum)?;
        Ok(RmsProp {
            lr,
            alpha,
            eps,
            momentum,
            centered,
            v: Vec::new(),
            g_avg: Vec::new(),
            buf: Vec::new(),
        })
    }
}

/// Checks that `v` is in [0, 1).
pub(crate) fn half_open(field: &'static str, v: f64) -> Result<f64, ConfigError> {
    within(field, "in [0, 1)", v, 0.0, 1.0)?;
    if v < 1.0 {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range: "in [0, 1)",
            got: v.to_string(),
        })
    }
}

impl Optimizer for RmsProp {
    fn update(&mut self, i: usize, x: f64, g: f64) -> f64 {
        if self.v.len() <= i {
            super::grow(&mut [&mut self.v, &mut self.g_avg, &mut self.buf], i, 0.0);
        }
        let a = self.alpha;
        self.v[i] = a * self.v[i] + (1.0 - a) * g * g;
        let mut vt = self.v[i];
        if self.centered {
            self.g_avg[i] = a * self.g_avg[i] + (1.0 - a) * g;
            vt -= self.g_avg[i] * self.g_avg[i];
        }
        let scaled = g / (vt.max(0.0).sqrt() + self.eps);
        if self.momentum > 0.0 {
            self.buf[i] = self.momentum * self.buf[i] + scaled;
            x - self.lr * self.buf[i]
        } else {
            x - self.lr * scaled
        }
    }

    fn reset(&mut self, dim: usize) {
        self.v = vec![0.0; dim];
        self.g_avg = vec![0.0; dim];
        self.buf = vec![0.0; dim];
    }

    fn name(&self) -> &'static str {
        "rmsprop"
    }

    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        let mut s = vec![("v", self.v.clone())];
        if self.centered {
            s.push(("g_avg", self.g_avg.clone()));
        }
        if self.momentum > 0.0 {
            s.push(("velocity", self.buf.clone()));
        }
        s
    }
}

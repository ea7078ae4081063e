//! AdaGrad: per-coordinate steps scaled by the accumulated squared gradients (PyTorch `Adagrad`).

use super::explain::{StepView, num, vec2};
use super::lanes::EachLane;
use super::rule::{EPSILON, NON_NEGATIVE, Param, PythonForm, RATE, Rule};
use crate::error::{ConfigError, positive, within};
use crate::optim::Optimizer;

/// AdaGrad in the registry: γ, η (lr decay), s₀, ε.
pub const RULE: Rule = Rule {
    name: "adagrad",
    label: "Adagrad",
    params: &[
        Param::new(
            "lr",
            "adagrad.lr",
            "γ (learning rate)",
            RATE,
            "0.01",
            "Adagrad's step size before its per-coordinate scaling.",
        ),
        Param::new(
            "lr_decay",
            "adagrad.decay",
            "η (lr decay)",
            NON_NEGATIVE,
            "0",
            "Adagrad: step t uses γ / (1 + (t − 1) η).",
        ),
        Param::new(
            "initial_accumulator_value",
            "adagrad.s0",
            "s₀ (initial accumulator)",
            NON_NEGATIVE,
            "0",
            "Adagrad: the sum of squared gradients starts here.",
        ),
        Param::new(
            "eps",
            "adagrad.eps",
            "ε (epsilon)",
            EPSILON,
            "1e-10",
            "Adagrad: added to the root of the sum so the step stays finite.",
        ),
    ],
    build,
    lanes: |v, _, _| EachLane::boxed(build, v),
    velocity: |_| None,
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "Adagrad",
        extra: &[],
    }),
    step_cost: 1,
};

/// The values of [`RULE`]'s parameters, in order: γ, η, s₀, ε.
fn build(v: &[f64]) -> Result<Box<dyn Optimizer>, ConfigError> {
    Ok(Box::new(Adagrad::new(v[0], v[1], v[2], v[3])?))
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let (lr, eta, eps) = (v[0], v[1], v[3]);
    let (k, n) = (s.k, s.k + 1);
    let lr_t = lr / (1.0 + k as f64 * eta);
    vec![
        format!(
            "s_{n} = s_{k} + g² = {} + {} = {}",
            vec2(&s.before("sum")),
            vec2(&s.g_squared()),
            vec2(&s.after("sum"))
        ),
        format!("γ̃ = γ / (1 + {k}·η) = {}, ε = {}", num(lr_t), num(eps)),
        s.result_line(&format!("γ̃·g / (√s_{n} + ε)")),
    ]
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.adagrad",
        "Adagrad (PyTorch's torch.optim.Adagrad rule), one coordinate at a time"
    )
}

const PYTHON: &str = "\
class Adagrad():\n    \n    \
def __init__(self, lr, lr_decay, initial_accumulator_value, eps):\n        \
self.lr = lr\n        self.lr_decay = lr_decay\n        self.eps = eps\n        \
self.t = 0\n        self.sum = [initial_accumulator_value, initial_accumulator_value]\n    \n    \
def begin_step(self):\n        self.t += 1\n    \n    \
def update(self, i, x, g):\n        lr = self.lr/(1 + max(self.t - 1, 0)*self.lr_decay)\n        \
self.sum[i] += g*g\n        return x - lr*g/(np.sqrt(self.sum[i]) + self.eps)\n";

/// AdaGrad as PyTorch's `torch.optim.Adagrad` documents it (weight decay 0):
///
/// ```text
/// γ̃_t = γ / (1 + (t − 1) η)
/// s_t = s_{t−1} + g_t²                (s₀ = initial accumulator value)
/// x_t = x_{t−1} − γ̃_t g_t / (√s_t + ε)
/// ```
///
/// PyTorch's defaults: γ = 1e-2, η (lr decay) = 0, s₀ = 0, ε = 1e-10. Reference:
/// <https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html> (Duchi et al., 2011).
///
/// ```
/// use descent::optim::{Adagrad, Optimizer};
/// let mut opt = Adagrad::new(0.5, 0.0, 0.0, 1e-10).unwrap();
/// let mut x = [1.0];
/// opt.step(&mut x, &[3.0]); // s = 9,  x = 1 − 0.5·3/3 = 0.5
/// opt.step(&mut x, &[4.0]); // s = 25, x = 0.5 − 0.5·4/5 = 0.1
/// assert!((x[0] - 0.1).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Adagrad {
    lr: f64,
    lr_decay: f64,
    initial: f64,
    eps: f64,
    t: u64,
    sum: Vec<f64>,
}

impl Adagrad {
    /// Checks γ > 0, η ≥ 0, s₀ ≥ 0 and ε > 0.
    pub fn new(lr: f64, lr_decay: f64, initial: f64, eps: f64) -> Result<Self, ConfigError> {
        positive("γ (learning rate)", lr)?;
        within(
            "η (lr decay)",
            "a finite number ≥ 0",
            lr_decay,
            0.0,
            f64::MAX,
        )?;
        within(
            "s₀ (initial accumulator)",
            "a finite number ≥ 0",
            initial,
            0.0,
            f64::MAX,
        )?;
        positive("ε (epsilon)", eps)?;
        Ok(Adagrad {
            lr,
            lr_decay,
            initial,
            eps,
            t: 0,
            sum: Vec::new(),
        })
    }
}

impl Optimizer for Adagrad {
    fn begin_step(&mut self) {
        self.t += 1;
    }

    fn update(&mut self, i: usize, x: f64, g: f64) -> f64 {
        if self.sum.len() <= i {
            super::grow(&mut [&mut self.sum], i, self.initial);
        }
        let lr = self.lr / (1.0 + (self.t.saturating_sub(1)) as f64 * self.lr_decay);
        self.sum[i] += g * g;
        x - lr * g / (self.sum[i].sqrt() + self.eps)
    }

    fn reset(&mut self, dim: usize) {
        self.t = 0;
        self.sum = vec![self.initial; dim];
    }

    fn name(&self) -> &'static str {
        "adagrad"
    }

    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        vec![("sum", self.sum.clone())]
    }
}

//! AdamW: Adam with decoupled weight decay (PyTorch `AdamW`).

use super::adam::{self, Adam, AdamLanes, MOMENTS};
use super::explain::{StepView, num, vec2};
use super::lanes::LaneRule;
use super::rule::{NON_NEGATIVE, Param, PythonForm, RATE, Rule};
use crate::error::{ConfigError, within};
use crate::optim::Optimizer;

/// AdamW in the registry: γ, β₁, β₂, ε, λ (weight decay), amsgrad.
pub const RULE: Rule = Rule {
    name: "adamw",
    label: "AdamW",
    params: &[
        Param::new(
            "lr",
            "adamw.lr",
            "γ (learning rate)",
            RATE,
            "0.001",
            "AdamW's step size: the first step moves every coordinate by about γ.",
        ),
        MOMENTS[0].with_key("adamw.beta1"),
        MOMENTS[1].with_key("adamw.beta2"),
        MOMENTS[2].with_key("adamw.eps"),
        Param::new(
            "weight_decay",
            "adamw.wd",
            "λ (weight decay)",
            NON_NEGATIVE,
            "0.01",
            "AdamW: each step first shrinks x by the factor 1 − γλ, apart from the gradient.",
        ),
        MOMENTS[3].with_key("adamw.amsgrad"),
    ],
    build: |v| Ok(Box::new(Typed::of(v).build()?)),
    lanes: |v, dim, max_steps| {
        let p = Typed::of(v);
        Box::new(AdamWLanes {
            adam: AdamLanes::new(p.adam, dim, max_steps),
            keep: p.keep(),
        })
    },
    velocity: |_| Some("m_hat"),
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "AdamW",
        extra: &[],
    }),
    step_cost: 1,
};

/// AdamW's hyperparameters: Adam's and the weight decay λ.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Typed {
    adam: adam::Typed,
    weight_decay: f64,
}

impl Typed {
    /// From [`RULE`]'s values, in order.
    fn of(v: &[f64]) -> Self {
        Typed {
            adam: adam::Typed::of(&[v[0], v[1], v[2], v[3], v[5]]),
            weight_decay: v[4],
        }
    }

    /// The factor 1 − γλ that shrinks x before each step.
    fn keep(self) -> f64 {
        1.0 - self.adam.lr * self.weight_decay
    }

    fn build(self) -> Result<AdamW, ConfigError> {
        within(
            "λ (weight decay)",
            "a finite number ≥ 0",
            self.weight_decay,
            0.0,
            f64::MAX,
        )?;
        Ok(AdamW {
            adam: self.adam.build()?,
            keep: self.keep(),
        })
    }
}

/// AdamW as PyTorch's `torch.optim.AdamW` documents it: the decay shrinks x apart from
/// the gradient, then Adam steps (with the AMSGrad variant as an option):
///
/// ```text
/// x ← x (1 − γλ)
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t,   v_t = β₂ v_{t−1} + (1 − β₂) g_t²
/// m̂_t = m_t / (1 − β₁ᵗ),            v̂_t = v_t / (1 − β₂ᵗ)   (amsgrad: v̂_t ← max(v̂_{t−1}, v̂_t))
/// x_t = x − γ m̂_t / (√v̂_t + ε)
/// ```
///
/// PyTorch's defaults: γ = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0.01, amsgrad = false.
/// Reference: <https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html>
/// (Loshchilov & Hutter, 2019).
///
/// ```
/// use descent::optim::{Optimizer, OptimSpec};
/// let spec = OptimSpec::new("adamw", &Default::default()).unwrap();
/// let mut opt = spec.build().unwrap();
/// let mut x = [2.0];
/// // On a zero gradient only the decay acts: x (1 − γλ).
/// opt.step(&mut x, &[0.0]);
/// assert_eq!(x[0], 2.0 * (1.0 - 0.001 * 0.01));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AdamW {
    adam: Adam,
    /// 1 − γλ.
    keep: f64,
}

impl Optimizer for AdamW {
    fn begin_step(&mut self) {
        self.adam.begin_step();
    }

    fn update(&mut self, i: usize, x: f64, g: f64) -> f64 {
        self.adam.update(i, x * self.keep, g)
    }

    fn reset(&mut self, dim: usize) {
        self.adam.reset(dim);
    }

    fn name(&self) -> &'static str {
        "adamw"
    }

    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        self.adam.state()
    }
}

/// Adam's lanes after the decay of every lane's coordinate.
struct AdamWLanes {
    adam: AdamLanes,
    keep: f64,
}

impl LaneRule for AdamWLanes {
    fn push(&mut self, dim: usize) {
        self.adam.push(dim);
    }

    fn reset_lane(&mut self, l: usize, dim: usize) {
        self.adam.reset_lane(l, dim);
    }

    fn retain(&mut self, keep: &[bool]) {
        self.adam.retain(keep);
    }

    fn begin_step(&mut self) {
        self.adam.begin_step();
    }

    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        let keep = self.keep;
        x.iter_mut().for_each(|x| *x *= keep);
        self.adam.update(c, x, g);
    }
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let p = Typed::of(v);
    let (k, n) = (s.k, s.k + 1);
    let shrunk: Vec<f64> = s.x.iter().map(|x| x * p.keep()).collect();
    let mut lines = vec![format!(
        "x̃ = x_{k}·(1 − γ·λ) = {}·{} = {}",
        vec2(s.x),
        num(p.keep()),
        vec2(&shrunk)
    )];
    lines.extend(adam::moments(p.adam, s));
    lines.push(format!(
        "x_{n} = x̃ − γ·m̂_{n} / (√v̂_{n} + ε) = {}",
        vec2(s.next)
    ));
    lines
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.adamw",
        "AdamW (PyTorch's torch.optim.AdamW rule, AMSGrad optional), one coordinate at a time"
    )
}

const PYTHON: &str = "\
class AdamW():\n    \n    \
def __init__(self, lr, beta1, beta2, eps, weight_decay, amsgrad):\n        \
self.lr = lr\n        self.beta1 = beta1\n        self.beta2 = beta2\n        self.eps = eps\n        \
self.weight_decay = weight_decay\n        self.amsgrad = amsgrad == 1\n        self.t = 0\n        \
self.m = [0., 0.]\n        self.v = [0., 0.]\n        self.v_hat = [0., 0.]\n    \n    \
def begin_step(self):\n        self.t += 1\n        \
self.corr1 = 1 - self.beta1**self.t\n        self.corr2 = 1 - self.beta2**self.t\n    \n    \
def update(self, i, x, g):\n        b1, b2 = self.beta1, self.beta2\n        \
x = x*(1 - self.lr*self.weight_decay)\n        \
self.m[i] = b1*self.m[i] + (1 - b1)*g\n        self.v[i] = b2*self.v[i] + (1 - b2)*g*g\n        \
m_hat = self.m[i]/self.corr1\n        v_hat = self.v[i]/self.corr2\n        \
self.v_hat[i] = max(self.v_hat[i], v_hat) if self.amsgrad else v_hat\n        \
return x - self.lr*m_hat/(np.sqrt(self.v_hat[i]) + self.eps)\n";

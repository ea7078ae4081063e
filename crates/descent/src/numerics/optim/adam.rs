//! Adam: bias-corrected running moments of the gradient (PyTorch `Adam`).

use super::explain::{StepView, num, vec2};
use super::lanes::{LaneRule, retain_vec};
use super::rule::{EPSILON, FRACTION_OPEN, Param, PythonForm, RATE, Rule};
use crate::error::{ConfigError, positive};
use crate::numerics::declared::Kind;
use crate::optim::Optimizer;
use crate::optim::rmsprop::half_open;

/// Steps whose bias corrections the lanes tabulate (later steps compute them).
const CORRECTION_TABLE: usize = 4096;

/// Adam's hyperparameter rows after γ: β₁, β₂, ε, amsgrad (AdamW shares them).
pub(super) const MOMENTS: [Param; 4] = [
    Param::new(
        "beta1",
        "adam.beta1",
        "β₁ (first-moment decay)",
        FRACTION_OPEN,
        "0.9",
        "Adam: the running mean of the gradient keeps this fraction each step.",
    ),
    Param::new(
        "beta2",
        "adam.beta2",
        "β₂ (second-moment decay)",
        FRACTION_OPEN,
        "0.999",
        "Adam: the running mean of the squared gradient keeps this fraction each step.",
    ),
    Param::new(
        "eps",
        "adam.eps",
        "ε (epsilon)",
        EPSILON,
        "1e-8",
        "Adam: added to the root of the second moment so the step stays finite.",
    ),
    Param::new(
        "amsgrad",
        "adam.amsgrad",
        "AMSGrad (largest v so far)",
        Kind::Flag,
        "0",
        "AMSGrad, a variant of Adam: each step divides by the largest second moment v seen so far rather than the current one, so a coordinate's step never grows back.",
    ),
];

/// Adam in the registry: γ, β₁, β₂, ε, amsgrad.
pub const RULE: Rule = Rule {
    name: "adam",
    label: "Adam",
    params: &[
        Param::new(
            "lr",
            "adam.lr",
            "γ (learning rate)",
            RATE,
            "0.001",
            "Adam's step size: the first step moves every coordinate by about γ.",
        ),
        MOMENTS[0],
        MOMENTS[1],
        MOMENTS[2],
        MOMENTS[3],
    ],
    build: |v| Ok(Box::new(Typed::of(v).build()?)),
    lanes: |v, dim, max_steps| Box::new(AdamLanes::new(Typed::of(v), dim, max_steps)),
    velocity: |_| Some("m_hat"),
    explain,
    python: Some(PythonForm {
        class: PYTHON,
        comment: python_comment,
        constructor: "Adam",
        extra: &[],
    }),
    step_cost: 1,
};

/// Adam's hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Typed {
    pub(super) lr: f64,
    pub(super) beta1: f64,
    pub(super) beta2: f64,
    pub(super) eps: f64,
    pub(super) amsgrad: bool,
}

impl Typed {
    /// From [`RULE`]'s values, in order (AdamW's begin the same way).
    pub(super) fn of(v: &[f64]) -> Self {
        Typed {
            lr: v[0],
            beta1: v[1],
            beta2: v[2],
            eps: v[3],
            amsgrad: v[4] == 1.0,
        }
    }

    pub(super) fn build(self) -> Result<Adam, ConfigError> {
        Adam::new(self.lr, self.beta1, self.beta2, self.eps, self.amsgrad)
    }
}

fn explain(v: &[f64], s: &StepView) -> Vec<String> {
    let n = s.k + 1;
    let mut lines = moments(Typed::of(v), s);
    lines.push(s.result_line(&format!("γ·m̂_{n} / (√v̂_{n} + ε)")));
    lines
}

/// The moment lines of Adam's arithmetic (AdamW's too): m, v, m̂, v̂.
pub(super) fn moments(p: Typed, s: &StepView) -> Vec<String> {
    let (b1, b2) = (p.beta1, p.beta2);
    let (k, n) = (s.k, s.k + 1);
    let t = n as i32;
    vec![
        format!(
            "m_{n} = β₁·m_{k} + (1 − β₁)·g = {}·{} + {}·{} = {}",
            num(b1),
            vec2(&s.before("m")),
            num(1.0 - b1),
            vec2(s.g),
            vec2(&s.after("m"))
        ),
        format!("v_{n} = β₂·v_{k} + (1 − β₂)·g² = {}", vec2(&s.after("v"))),
        format!(
            "m̂_{n} = m_{n} / (1 − β₁^{t}) = {} / {} = {}",
            vec2(&s.after("m")),
            num(1.0 - b1.powi(t)),
            vec2(&s.after("m_hat"))
        ),
        format!(
            "v̂_{n} = v_{n} / (1 − β₂^{t}) = {} / {} = {}",
            vec2(&s.after("v")),
            num(1.0 - b2.powi(t)),
            vec2(&s.after("v_hat"))
        ),
    ]
}

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.adam",
        "Adam (PyTorch's torch.optim.Adam rule, AMSGrad optional), one coordinate at a time"
    )
}

const PYTHON: &str = "\
class Adam():\n    \n    \
def __init__(self, lr, beta1, beta2, eps, amsgrad):\n        \
self.lr = lr\n        self.beta1 = beta1\n        self.beta2 = beta2\n        self.eps = eps\n        \
self.amsgrad = amsgrad == 1\n        self.t = 0\n        \
self.m = [0., 0.]\n        self.v = [0., 0.]\n        self.v_hat = [0., 0.]\n    \n    \
def begin_step(self):\n        self.t += 1\n        \
self.corr1 = 1 - self.beta1**self.t\n        self.corr2 = 1 - self.beta2**self.t\n    \n    \
def update(self, i, x, g):\n        b1, b2 = self.beta1, self.beta2\n        \
self.m[i] = b1*self.m[i] + (1 - b1)*g\n        self.v[i] = b2*self.v[i] + (1 - b2)*g*g\n        \
m_hat = self.m[i]/self.corr1\n        v_hat = self.v[i]/self.corr2\n        \
self.v_hat[i] = max(self.v_hat[i], v_hat) if self.amsgrad else v_hat\n        \
return x - self.lr*m_hat/(np.sqrt(self.v_hat[i]) + self.eps)\n";

/// Adam as PyTorch's `torch.optim.Adam` documents it (weight decay 0):
///
/// ```text
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t
/// v_t = β₂ v_{t−1} + (1 − β₂) g_t²
/// m̂_t = m_t / (1 − β₁ᵗ),  v̂_t = v_t / (1 − β₂ᵗ)
/// amsgrad: v̂_t ← max(v̂_{t−1}, v̂_t)
/// x_t = x_{t−1} − γ m̂_t / (√v̂_t + ε)
/// ```
///
/// PyTorch's defaults: γ = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, amsgrad = false.
/// Reference: <https://pytorch.org/docs/stable/generated/torch.optim.Adam.html>
/// (Kingma & Ba, 2015).
///
/// ```
/// use descent::optim::{Adam, Optimizer};
/// let mut opt = Adam::new(0.1, 0.9, 0.999, 1e-8, false).unwrap();
/// let mut x = [1.0];
/// // Bias correction makes the first step γ·g/|g| whatever the gradient's size.
/// opt.step(&mut x, &[123.0]);
/// assert!((x[0] - 0.9).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Adam {
    lr: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    amsgrad: bool,
    t: i32,
    corr1: f64,
    corr2: f64,
    m: Vec<f64>,
    v: Vec<f64>,
    m_hat: Vec<f64>,
    v_hat: Vec<f64>,
}

impl Adam {
    /// Checks γ > 0, β₁ and β₂ in [0, 1), ε > 0.
    pub fn new(
        lr: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
        amsgrad: bool,
    ) -> Result<Self, ConfigError> {
        positive("γ (learning rate)", lr)?;
        half_open("β₁ (first-moment decay)", beta1)?;
        half_open("β₂ (second-moment decay)", beta2)?;
        positive("ε (epsilon)", eps)?;
        Ok(Adam {
            lr,
            beta1,
            beta2,
            eps,
            amsgrad,
            t: 0,
            corr1: 1.0,
            corr2: 1.0,
            m: Vec::new(),
            v: Vec::new(),
            m_hat: Vec::new(),
            v_hat: Vec::new(),
        })
    }
}

impl Optimizer for Adam {
    fn begin_step(&mut self) {
        self.t = self.t.saturating_add(1);
        self.corr1 = 1.0 - self.beta1.powi(self.t);
        self.corr2 = 1.0 - self.beta2.powi(self.t);
    }

    fn update(&mut self, i: usize, x: f64, g: f64) -> f64 {
        if self.m.len() <= i {
            let bufs = &mut [&mut self.m, &mut self.v, &mut self.m_hat, &mut self.v_hat];
            super::grow(bufs, i, 0.0);
        }
        let (b1, b2) = (self.beta1, self.beta2);
        self.m[i] = b1 * self.m[i] + (1.0 - b1) * g;
        self.v[i] = b2 * self.v[i] + (1.0 - b2) * g * g;
        self.m_hat[i] = self.m[i] / self.corr1;
        let v_hat = self.v[i] / self.corr2;
        self.v_hat[i] = if self.amsgrad {
            self.v_hat[i].max(v_hat)
        } else {
            v_hat
        };
        x - self.lr * self.m_hat[i] / (self.v_hat[i].sqrt() + self.eps)
    }

    fn reset(&mut self, dim: usize) {
        self.t = 0;
        self.m = vec![0.0; dim];
        self.v = vec![0.0; dim];
        self.m_hat = vec![0.0; dim];
        self.v_hat = vec![0.0; dim];
    }

    fn name(&self) -> &'static str {
        "adam"
    }

    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        vec![
            ("m", self.m.clone()),
            ("v", self.v.clone()),
            ("m_hat", self.m_hat.clone()),
            ("v_hat", self.v_hat.clone()),
        ]
    }
}

/// Adam's hyperparameters and its per-lane memory, per coordinate.
#[derive(Debug, Clone)]
pub(super) struct AdamLanes {
    lr: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    amsgrad: bool,
    /// 1 − β₁ᵗ and 1 − β₂ᵗ for t = 1, 2, … (index t − 1), as the scalar Adam computes them.
    corr: Vec<(f64, f64)>,
    t: Vec<i32>,
    /// This step's 1 − β₁ᵗ and 1 − β₂ᵗ per lane (set by `begin_step`).
    c1: Vec<f64>,
    c2: Vec<f64>,
    m: Vec<Vec<f64>>,
    v: Vec<Vec<f64>>,
    v_hat: Vec<Vec<f64>>,
}

impl AdamLanes {
    /// Lanes of `dim` coordinates running at most `max_steps`.
    pub(super) fn new(p: Typed, dim: usize, max_steps: usize) -> Self {
        let (b1, b2) = (p.beta1, p.beta2);
        let corr = (1..=max_steps.min(CORRECTION_TABLE) as i32)
            .map(|t| (1.0 - b1.powi(t), 1.0 - b2.powi(t)))
            .collect();
        AdamLanes {
            lr: p.lr,
            beta1: b1,
            beta2: b2,
            eps: p.eps,
            amsgrad: p.amsgrad,
            corr,
            t: Vec::new(),
            c1: Vec::new(),
            c2: Vec::new(),
            m: vec![Vec::new(); dim],
            v: vec![Vec::new(); dim],
            v_hat: vec![Vec::new(); dim],
        }
    }
}

impl LaneRule for AdamLanes {
    fn push(&mut self, dim: usize) {
        self.t.push(0);
        for c in 0..dim {
            self.m[c].push(0.0);
            self.v[c].push(0.0);
            self.v_hat[c].push(0.0);
        }
    }

    fn reset_lane(&mut self, l: usize, _: usize) {
        self.t[l] = 0;
        for c in 0..self.m.len() {
            self.m[c][l] = 0.0;
            self.v[c][l] = 0.0;
            self.v_hat[c][l] = 0.0;
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        retain_vec(&mut self.t, keep);
        for c in 0..self.m.len() {
            retain_vec(&mut self.m[c], keep);
            retain_vec(&mut self.v[c], keep);
            retain_vec(&mut self.v_hat[c], keep);
        }
    }

    fn begin_step(&mut self) {
        let (b1, b2) = (self.beta1, self.beta2);
        self.c1.resize(self.t.len(), 1.0);
        self.c2.resize(self.t.len(), 1.0);
        for ((t, c1), c2) in self.t.iter_mut().zip(&mut self.c1).zip(&mut self.c2) {
            *t = t.saturating_add(1);
            (*c1, *c2) = match self.corr.get(*t as usize - 1) {
                Some(&c) => c,
                None => (1.0 - b1.powi(*t), 1.0 - b2.powi(*t)),
            };
        }
    }

    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        let (b1, b2, lr, eps) = (self.beta1, self.beta2, self.lr, self.eps);
        let (m, v) = (&mut self.m[c], &mut self.v[c]);
        let lanes = x.iter_mut().zip(g).zip(self.c1.iter().zip(&self.c2));
        if self.amsgrad {
            let vh = &mut self.v_hat[c];
            for ((((x, &g), (c1, c2)), (m, v)), vh) in
                lanes.zip(m.iter_mut().zip(v.iter_mut())).zip(vh.iter_mut())
            {
                *m = b1 * *m + (1.0 - b1) * g;
                *v = b2 * *v + (1.0 - b2) * g * g;
                *vh = vh.max(*v / c2);
                *x -= lr * (*m / c1) / (vh.sqrt() + eps);
            }
        } else {
            // No branch and no lookup inside: this loop vectorises.
            for (((x, &g), (c1, c2)), (m, v)) in lanes.zip(m.iter_mut().zip(v.iter_mut())) {
                *m = b1 * *m + (1.0 - b1) * g;
                *v = b2 * *v + (1.0 - b2) * g * g;
                *x -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
            }
        }
    }
}

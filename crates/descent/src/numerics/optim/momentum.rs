//! Stochastic gradient descent with momentum, dampening and Nesterov (PyTorch `SGD`).

use super::explain::{StepView, num, vec2};
use super::gd::GAMMA;
use super::lanes::{LaneRule, retain_vec};
use super::rule::{FRACTION, FRACTION_OPEN, Param, PythonForm, Rule};
use crate::error::{ConfigError, positive, within};
use crate::numerics::declared::Kind;
use crate::optim::Optimizer;

/// Heavy-ball momentum in the registry: γ, μ, τ.
pub const RULE: Rule = Rule {
    name: "momentum",
    label: "momentum",
    params: &[
        GAMMA,
        Param::new(
            "momentum",
            "momentum.mu",
            "μ (momentum)",
            FRACTION_OPEN,
            "0.9",
            "Momentum: the velocity keeps this fraction of itself each step.",
        ),
        Param::new(
            "dampening",
            "momentum.damp",
            "τ (dampening)",
            FRACTION,
            "0",
            "Momentum: the new gradient enters the velocity scaled by 1 − τ.",
        ),
    ],
    build: |v| Ok(Box::new(Typed::heavy_ball(v).build()?)),
    lanes: |v, dim, _| Box::new(MomentumLanes::new(Typed::heavy_ball(v), dim)),
    velocity: |_| Some("velocity"),
    explain: |v, s| explain(Typed::heavy_ball(v), s),
    python: Some(PYTHON),
    step_cost: 1,
};

/// Nesterov momentum in the registry: γ, μ (no dampening).
pub const NESTEROV: Rule = Rule {
    name: "nesterov",
    label: "Nesterov momentum",
    params: &[
        GAMMA,
        Param::new(
            "momentum",
            "nesterov.mu",
            "μ (Nesterov momentum)",
            Kind::Number {
                min: 0.0,
                max: 1.0,
                open_min: true,
                open_max: true,
            },
            "0.9",
            "Nesterov: the velocity keeps this fraction of itself; the gradient is taken ahead.",
        ),
    ],
    build: |v| Ok(Box::new(Typed::nesterov(v).build()?)),
    lanes: |v, dim, _| Box::new(MomentumLanes::new(Typed::nesterov(v), dim)),
    velocity: |_| Some("velocity"),
    explain: |v, s| explain(Typed::nesterov(v), s),
    python: Some(PythonForm {
        extra: &["nesterov=True"],
        ..PYTHON
    }),
    step_cost: 1,
};

/// The comment above the Python class (one `#` line per line), in the language in use.
fn python_comment() -> String {
    crate::msg!(
        "core.py.momentum",
        "SGD with momentum (PyTorch's torch.optim.SGD rule), one coordinate at a time"
    )
}

const PYTHON: PythonForm = PythonForm {
    comment: python_comment,
    class: "\
class Momentum():\n    \n    \
def __init__(self, lr, momentum, dampening=0., nesterov=False):\n        \
self.lr = lr\n        self.momentum = momentum\n        self.dampening = dampening\n        \
self.nesterov = nesterov\n        self.t = 0\n        self.buf = [0., 0.]\n    \n    \
def begin_step(self):\n        self.t += 1\n    \n    \
def update(self, i, x, g):\n        mu = self.momentum\n        if mu == 0:\n            d = g\n        \
else:\n            b = g if self.t <= 1 else mu*self.buf[i] + (1 - self.dampening)*g\n            \
self.buf[i] = b\n            d = g + mu*b if self.nesterov else b\n        \
return x - self.lr*d\n",
    constructor: "Momentum",
    extra: &[],
};

/// The hyperparameters of both momentum rules.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Typed {
    lr: f64,
    mu: f64,
    dampening: f64,
    nesterov: bool,
}

impl Typed {
    /// From [`RULE`]'s values: γ, μ, τ.
    fn heavy_ball(v: &[f64]) -> Self {
        Typed {
            lr: v[0],
            mu: v[1],
            dampening: v[2],
            nesterov: false,
        }
    }

    /// From [`NESTEROV`]'s values: γ, μ.
    fn nesterov(v: &[f64]) -> Self {
        Typed {
            lr: v[0],
            mu: v[1],
            dampening: 0.0,
            nesterov: true,
        }
    }

    fn build(self) -> Result<MomentumSgd, ConfigError> {
        MomentumSgd::new(self.lr, self.mu, self.dampening, self.nesterov)
    }
}

fn explain(p: Typed, s: &StepView) -> Vec<String> {
    let (k, n) = (s.k, s.k + 1);
    let b = s.after("velocity");
    let mut lines = vec![if k == 0 {
        format!("b_1 = g = {}", vec2(&b))
    } else {
        format!(
            "b_{n} = μ·b_{k} + (1 − τ)·g = {}·{} + {}·{} = {}",
            num(p.mu),
            vec2(&s.before("velocity")),
            num(1.0 - p.dampening),
            vec2(s.g),
            vec2(&b)
        )
    }];
    if p.nesterov {
        let d: Vec<f64> = s.g.iter().zip(&b).map(|(g, b)| g + p.mu * b).collect();
        lines.push(format!(
            "d = g + μ·b_{n} = {} + {}·{} = {}",
            vec2(s.g),
            num(p.mu),
            vec2(&b),
            vec2(&d)
        ));
        lines.push(s.step_line("d", &d));
    } else {
        lines.push(s.step_line(&format!("b_{n}"), &b));
    }
    lines
}

/// Momentum (heavy ball or Nesterov) and its per-lane memory, per coordinate.
struct MomentumLanes {
    lr: f64,
    mu: f64,
    /// 1 − τ (dampening).
    keep: f64,
    nesterov: bool,
    t: Vec<u64>,
    buf: Vec<Vec<f64>>,
}

impl MomentumLanes {
    fn new(p: Typed, dim: usize) -> Self {
        MomentumLanes {
            lr: p.lr,
            mu: p.mu,
            keep: 1.0 - p.dampening,
            nesterov: p.nesterov,
            t: Vec::new(),
            buf: vec![Vec::new(); dim],
        }
    }
}

impl LaneRule for MomentumLanes {
    fn push(&mut self, _: usize) {
        self.t.push(0);
        self.buf.iter_mut().for_each(|b| b.push(0.0));
    }

    fn reset_lane(&mut self, l: usize, _: usize) {
        self.t[l] = 0;
        self.buf.iter_mut().for_each(|b| b[l] = 0.0);
    }

    fn retain(&mut self, keep: &[bool]) {
        retain_vec(&mut self.t, keep);
        self.buf.iter_mut().for_each(|b| retain_vec(b, keep));
    }

    fn begin_step(&mut self) {
        self.t.iter_mut().for_each(|t| *t += 1);
    }

    fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        let (lr, mu, keep) = (self.lr, self.mu, self.keep);
        if mu == 0.0 {
            for (x, g) in x.iter_mut().zip(g) {
                *x -= lr * g;
            }
            return;
        }
        let lanes = x.iter_mut().zip(g).zip(self.buf[c].iter_mut().zip(&self.t));
        for ((x, &g), (buf, &t)) in lanes {
            // The first step of a run starts the velocity at g.
            let b = if t <= 1 { g } else { mu * *buf + keep * g };
            *buf = b;
            *x -= lr * if self.nesterov { g + mu * b } else { b };
        }
    }
}

/// SGD with momentum μ, dampening τ and optional Nesterov look-ahead, as PyTorch's
/// `torch.optim.SGD` documents it (weight decay 0, not maximising):
///
/// ```text
/// b₁ = g₁,  b_t = μ b_{t−1} + (1 − τ) g_t          (t > 1)
/// nesterov: d_t = g_t + μ b_t    otherwise: d_t = b_t
/// x_t = x_{t−1} − γ d_t
/// ```
///
/// PyTorch's defaults are γ = 1e-3, μ = 0, τ = 0, nesterov = false; with μ = 0 this is
/// plain gradient descent. Reference: <https://pytorch.org/docs/stable/generated/torch.optim.SGD.html>
/// (Sutskever et al., 2013, for the Nesterov form).
///
/// ```
/// use descent::optim::{MomentumSgd, Optimizer};
/// let mut opt = MomentumSgd::new(0.1, 0.9, 0.0, false).unwrap();
/// let mut x = [1.0];
/// opt.step(&mut x, &[2.0]); // b = 2,          x = 1 − 0.1·2   = 0.8
/// opt.step(&mut x, &[1.0]); // b = 0.9·2 + 1,  x = 0.8 − 0.1·2.8 = 0.52
/// assert!((x[0] - 0.52).abs() < 1e-12);
/// assert!(MomentumSgd::new(0.1, 0.0, 0.0, true).is_err()); // Nesterov needs μ > 0
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MomentumSgd {
    lr: f64,
    momentum: f64,
    dampening: f64,
    nesterov: bool,
    t: u64,
    buf: Vec<f64>,
}

impl MomentumSgd {
    /// Checks γ > 0, μ in [0, 1), τ in [0, 1], and that Nesterov has μ > 0 and τ = 0.
    pub fn new(
        lr: f64,
        momentum: f64,
        dampening: f64,
        nesterov: bool,
    ) -> Result<Self, ConfigError> {
        positive("γ (learning rate)", lr)?;
        within("μ (momentum)", "in [0, 1)", momentum, 0.0, 1.0)?;
        if momentum >= 1.0 {
            return Err(ConfigError::OutOfRange {
                field: "μ (momentum)",
                range: "in [0, 1)",
                got: momentum.to_string(),
            });
        }
        within("τ (dampening)", "in [0, 1]", dampening, 0.0, 1.0)?;
        if nesterov && (momentum <= 0.0 || dampening != 0.0) {
            return Err(ConfigError::Invalid {
                field: "nesterov.mu",
                message: crate::msg!(
                    "core.err.nesterov",
                    "Nesterov momentum requires μ > 0 and τ (dampening) = 0"
                ),
            });
        }
        Ok(MomentumSgd {
            lr,
            momentum,
            dampening,
            nesterov,
            t: 0,
            buf: Vec::new(),
        })
    }

    /// The learning rate γ.
    pub fn lr(&self) -> f64 {
        self.lr
    }
}

impl Optimizer for MomentumSgd {
    fn begin_step(&mut self) {
        self.t += 1;
    }

    fn update(&mut self, i: usize, x: f64, g: f64) -> f64 {
        if self.buf.len() <= i {
            super::grow(&mut [&mut self.buf], i, 0.0);
        }
        let mu = self.momentum;
        let d = if mu == 0.0 {
            g
        } else {
            let b = if self.t <= 1 {
                g
            } else {
                mu * self.buf[i] + (1.0 - self.dampening) * g
            };
            self.buf[i] = b;
            if self.nesterov { g + mu * b } else { b }
        };
        x - self.lr * d
    }

    fn reset(&mut self, dim: usize) {
        self.t = 0;
        self.buf = vec![0.0; dim];
    }

    fn name(&self) -> &'static str {
        if self.nesterov {
            "nesterov"
        } else {
            "momentum"
        }
    }

    fn state(&self) -> Vec<(&'static str, Vec<f64>)> {
        vec![("velocity", self.buf.clone())]
    }
}

//! RMSProp: steps scaled by a running mean of squared gradients (PyTorch `RMSprop`).

use crate::error::{ConfigError, positive, within};
use crate::optim::Optimizer;

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

//! Adam: bias-corrected running moments of the gradient (PyTorch `Adam`).

use crate::error::{ConfigError, positive};
use crate::optim::Optimizer;
use crate::optim::rmsprop::half_open;

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

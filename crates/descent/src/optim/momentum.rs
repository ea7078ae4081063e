//! Stochastic gradient descent with momentum, dampening and Nesterov (PyTorch `SGD`).

use crate::error::{ConfigError, positive, within};
use crate::optim::Optimizer;

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
                field: "μ (momentum)",
                message: "Nesterov momentum requires μ > 0 and τ (dampening) = 0".into(),
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

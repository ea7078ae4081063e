//! Plain gradient descent, the notebook's rule.

use crate::error::{ConfigError, positive};
use crate::optim::Optimizer;

/// Gradient descent: x_{k+1} = x_k − γ ∇f(x_k).
///
/// Reference: PyTorch `torch.optim.SGD` with momentum 0 and weight decay 0; the notebook's
/// In[6] (`x0 += -gamma*Df(x0,f,h)`).
///
/// ```
/// use descent::{GradientDescent, Optimizer};
/// let mut gd = GradientDescent::new(0.1).unwrap();
/// let mut x = [3.0];
/// gd.step(&mut x, &[4.0]);
/// assert!((x[0] - 2.6).abs() < 1e-15);
/// assert!(GradientDescent::new(0.0).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GradientDescent {
    lr: f64,
}

impl GradientDescent {
    /// A descent with learning rate γ, which must be finite and > 0.
    pub fn new(lr: f64) -> Result<Self, ConfigError> {
        Ok(GradientDescent {
            lr: positive("γ (learning rate)", lr)?,
        })
    }

    /// The learning rate γ.
    pub fn lr(&self) -> f64 {
        self.lr
    }
}

impl Optimizer for GradientDescent {
    fn update(&mut self, _i: usize, x: f64, g: f64) -> f64 {
        x - self.lr * g
    }

    fn name(&self) -> &'static str {
        "gd"
    }
}

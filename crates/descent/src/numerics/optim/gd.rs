//! Plain gradient descent, the notebook's rule.

use super::explain::StepView;
use super::lanes::LaneRule;
use super::rule::{Param, RATE, Rule};
use crate::error::{ConfigError, positive};
use crate::optim::Optimizer;

/// The lesson's γ: the learning rate of plain descent and of the momentum methods.
pub const GAMMA: Param = Param::new(
    "lr",
    "gamma2",
    "γ (learning rate)",
    RATE,
    "0.01",
    "Step size of gradient descent and the momentum methods.",
);

/// Plain gradient descent in the registry.
pub const RULE: Rule = Rule {
    name: "gd",
    label: "gradient descent",
    params: &[GAMMA],
    build: |v| Ok(Box::new(GradientDescent::new(v[0])?)),
    lanes: |v, _, _| Box::new(GdLanes { lr: v[0] }),
    velocity: |_| None,
    explain,
    python: None,
    step_cost: 1,
};

fn explain(_: &[f64], s: &StepView) -> Vec<String> {
    vec![s.step_line(&format!("∇f(x_{})", s.k), s.g)]
}

/// x ← x − γ g in every lane: no memory.
struct GdLanes {
    lr: f64,
}

impl LaneRule for GdLanes {
    fn push(&mut self, _: usize) {}
    fn reset_lane(&mut self, _: usize, _: usize) {}
    fn retain(&mut self, _: &[bool]) {}
    fn begin_step(&mut self) {}
    fn update(&mut self, _: usize, x: &mut [f64], g: &[f64]) {
        let lr = self.lr;
        for (x, g) in x.iter_mut().zip(g) {
            *x -= lr * g;
        }
    }
}

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

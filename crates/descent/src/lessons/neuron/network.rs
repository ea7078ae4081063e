//! A 2-H-1 network (n inputs, H hidden units, one output) trained by backpropagation.

use std::ops::Range;

use super::activation::Activation;
use super::model::{Model, Output};
use crate::error::ConfigError;
use crate::rng::{self, SeededRng};

/// A network with one hidden layer of H units (2 to 8) and one output unit, all with the
/// same activation. Parameters are laid out `[W₁ (H rows of n), b₁ (H), w₂ (H), b₂]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    inputs: usize,
    hidden: usize,
    params: Vec<f64>,
    activation: Activation,
}

impl Network {
    /// Fewest hidden units.
    pub const MIN_HIDDEN: usize = 2;
    /// Most hidden units.
    pub const MAX_HIDDEN: usize = 8;

    /// Number of parameters of an n-H-1 network.
    pub fn param_count(inputs: usize, hidden: usize) -> usize {
        hidden * inputs + 2 * hidden + 1
    }

    fn check_shape(inputs: usize, hidden: usize) -> Result<(), ConfigError> {
        crate::error::count("inputs", "from 1 to 8", inputs, 1, 8)?;
        crate::error::count(
            "H (hidden units)",
            "an integer from 2 to 8",
            hidden,
            Self::MIN_HIDDEN,
            Self::MAX_HIDDEN,
        )?;
        Ok(())
    }

    /// A network with the given parameters (in the documented layout, all finite).
    pub fn new(
        inputs: usize,
        hidden: usize,
        params: &[f64],
        activation: Activation,
    ) -> Result<Self, ConfigError> {
        Self::check_shape(inputs, hidden)?;
        let expected = Self::param_count(inputs, hidden);
        if params.len() != expected {
            return Err(ConfigError::BadDimension {
                what: "network weights",
                expected,
                got: params.len(),
            });
        }
        for &p in params {
            crate::error::finite("weight", p)?;
        }
        Ok(Network {
            inputs,
            hidden,
            params: params.to_vec(),
            activation,
        })
    }

    /// A network whose parameters are drawn uniformly from [−1, 1) in layout order.
    pub fn seeded(
        inputs: usize,
        hidden: usize,
        activation: Activation,
        rng: &mut SeededRng,
    ) -> Result<Self, ConfigError> {
        Self::check_shape(inputs, hidden)?;
        let params = (0..Self::param_count(inputs, hidden))
            .map(|_| rng::uniform(rng, -1.0, 1.0))
            .collect();
        Ok(Network {
            inputs,
            hidden,
            params,
            activation,
        })
    }

    fn b1_start(&self) -> usize {
        self.hidden * self.inputs
    }

    fn w2_start(&self) -> usize {
        self.b1_start() + self.hidden
    }

    /// The hidden activations for `x` (first H entries used) and the output's z.
    fn forward(&self, x: &[f64]) -> ([f64; Self::MAX_HIDDEN], [f64; Self::MAX_HIDDEN], f64) {
        let (n, h) = (self.inputs, self.hidden);
        let p = &self.params;
        let mut zh = [0.0; Self::MAX_HIDDEN];
        let mut ah = [0.0; Self::MAX_HIDDEN];
        let mut z = p[p.len() - 1];
        for j in 0..h {
            let row = &p[j * n..(j + 1) * n];
            let dot = row.iter().zip(x).fold(0.0, |s, (w, x)| s + x * w);
            zh[j] = p[self.b1_start() + j] + dot;
            ah[j] = self.activation.apply(zh[j]);
            z += p[self.w2_start() + j] * ah[j];
        }
        (zh, ah, z)
    }

    /// The hidden layer's activations for input `x`.
    pub fn hidden_activations(&self, x: &[f64]) -> Vec<f64> {
        self.forward(x).1[..self.hidden].to_vec()
    }
}

impl Model for Network {
    fn inputs(&self) -> usize {
        self.inputs
    }

    fn hidden(&self) -> usize {
        self.hidden
    }

    fn activation(&self) -> Activation {
        self.activation
    }

    fn params(&self) -> &[f64] {
        &self.params
    }

    fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    fn clone_box(&self) -> Box<dyn Model> {
        Box::new(self.clone())
    }

    fn output_weights(&self) -> Range<usize> {
        self.w2_start()..self.w2_start() + self.hidden
    }

    fn output_bias(&self) -> usize {
        self.params.len() - 1
    }

    fn predict(&self, x: &[f64]) -> f64 {
        self.activation.apply(self.forward(x).2)
    }

    /// δ = (a − y)·f′(z) at the output; ∂C/∂w₂ⱼ = δ·hⱼ, ∂C/∂b₂ = δ; back through the
    /// hidden layer δⱼ = δ·w₂ⱼ·f′(zⱼ), ∂C/∂W₁ⱼᵢ = δⱼ·xᵢ, ∂C/∂b₁ⱼ = δⱼ.
    fn backprop(&self, x: &[f64], y: f64, grad: &mut [f64]) -> Output {
        let (n, h) = (self.inputs, self.hidden);
        let (zh, ah, z) = self.forward(x);
        let a = self.activation.apply(z);
        let dact = self.activation.derivative(z, a);
        let delta = (a - y) * dact;
        let (b1, w2) = (self.b1_start(), self.w2_start());
        for j in 0..h {
            grad[w2 + j] = delta * ah[j];
            let dj = delta * self.params[w2 + j] * self.activation.derivative(zh[j], ah[j]);
            grad[b1 + j] = dj;
            for (i, xi) in x.iter().enumerate().take(n) {
                grad[j * n + i] = dj * xi;
            }
        }
        let last = grad.len() - 1;
        grad[last] = delta;
        Output { z, a, dact, delta }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neuron::testing::assert_gradient_matches;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn backprop_matches_central_differences(
            seed in 0u64..1000, hidden in 2usize..=8,
            x0 in 0.0f64..1.0, x1 in 0.0f64..1.0, y in 0.0f64..1.0,
        ) {
            for act in [Activation::Sigmoid, Activation::Tanh] {
                let net = Network::seeded(2, hidden, act, &mut rng::from_seed(seed)).unwrap();
                assert_gradient_matches(&net, &[x0, x1], y, 1e-7)?;
            }
        }
    }

    #[test]
    fn shapes_are_checked() {
        assert_eq!(Network::param_count(2, 2), 9);
        let e = Network::seeded(2, 9, Activation::Sigmoid, &mut rng::from_seed(1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "H (hidden units) must be an integer from 2 to 8 (got 9)"
        );
        assert!(Network::new(2, 2, &[0.0; 8], Activation::Sigmoid).is_err());
        let net = Network::new(2, 2, &[0.0; 9], Activation::Sigmoid).unwrap();
        assert_eq!(net.output_weights(), 6..8);
        assert_eq!(net.output_bias(), 8);
        assert_eq!(net.predict(&[1.0, 1.0]), 0.5);
    }
}

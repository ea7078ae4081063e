//! Activation functions of the neuron lesson and their derivatives.

use crate::error::ConfigError;

/// The function a unit applies to its weighted input z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Activation {
    /// σ(z) = 1 / (1 + e^(−z)), the notebook's `sigm` (In[22]).
    #[default]
    Sigmoid,
    /// tanh(z).
    Tanh,
    /// max(0, z).
    Relu,
}

/// σ(z) = 1 / (1 + e^(−z)).
#[inline]
pub(crate) fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + super::exp::exp(-z))
}

impl Activation {
    /// a = f(z). The sigmoid is written as the notebook's `1/(1+np.exp(-x))`, with an
    /// e^x within 0.52 ulp that gives the same bits natively and in wasm (`exp`).
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
        }
    }

    /// f′(z), written from the activation `a = f(z)` where the notebook does so: its
    /// `dsigm = a(1 − a)` is evaluated on the activation, not on z. ReLU uses z (f′(0) = 0).
    #[inline]
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// The z at which f(z) = ½, the rounding threshold: the decision line is w·x + b = this
    /// (0 for the sigmoid, atanh ½ for tanh, ½ for ReLU).
    pub fn z_at_half(self) -> f64 {
        match self {
            Activation::Sigmoid => 0.0,
            Activation::Tanh => 0.5f64.atanh(),
            Activation::Relu => 0.5,
        }
    }

    /// Parses `"sigmoid"`, `"tanh"` or `"relu"`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        match s {
            "sigmoid" => Ok(Activation::Sigmoid),
            "tanh" => Ok(Activation::Tanh),
            "relu" => Ok(Activation::Relu),
            other => Err(crate::error::expected(
                "activation",
                &["sigmoid", "tanh", "relu"],
                other,
            )),
        }
    }

    /// The name `parse` accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn derivative_matches_central_difference(z in -6.0f64..6.0) {
            for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
                if act == Activation::Relu && z.abs() < 1e-3 {
                    continue;
                }
                let h = 1e-6;
                let numeric = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let exact = act.derivative(z, act.apply(z));
                prop_assert!((numeric - exact).abs() < 1e-7, "{:?} at {}: {} vs {}", act, z, numeric, exact);
            }
        }
    }

    #[test]
    fn half_threshold_gives_one_half() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
            assert!((act.apply(act.z_at_half()) - 0.5).abs() < 1e-15);
            assert_eq!(Activation::parse(act.as_str()), Ok(act));
        }
        assert!(
            Activation::parse("step")
                .unwrap_err()
                .to_string()
                .starts_with("activation:")
        );
    }
}

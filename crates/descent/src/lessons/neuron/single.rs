//! One neuron with n inputs: a = f(b + w·x), trained as in the notebook's In[23].

use std::ops::Range;

use super::activation::{Activation, sigmoid};
use super::data::TruthTable;
use super::model::{Model, NO_OUTPUT, Output, per_sample_epoch};
use crate::error::ConfigError;
use crate::rng::{self, SeededRng};

/// A single neuron. Parameters are laid out `[b, w₀, …, wₙ₋₁]`.
///
/// ```
/// use descent::neuron::{Activation, Model, Neuron};
/// // The notebook's In[25] weights: z = b + w·[1, 1] is In[26]'s −0.48843307.
/// let n = Neuron::new(-0.57089547, &[-0.43758178, 0.52004418], Activation::Sigmoid).unwrap();
/// assert!((n.z(&[1.0, 1.0]) + 0.48843307).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Neuron {
    params: Vec<f64>,
    activation: Activation,
}

impl Neuron {
    /// A neuron with bias `b` and weights `w` (1 to 8 of them, all finite).
    pub fn new(b: f64, w: &[f64], activation: Activation) -> Result<Self, ConfigError> {
        crate::error::count("inputs", "from 1 to 8", w.len(), 1, 8)?;
        crate::error::finite("bias b", b)?;
        for &wi in w {
            crate::error::finite("weight w", wi)?;
        }
        let mut params = Vec::with_capacity(w.len() + 1);
        params.push(b);
        params.extend_from_slice(w);
        Ok(Neuron { params, activation })
    }

    /// A neuron whose bias, then weights, are drawn uniformly from [−1, 1), as the
    /// notebook's `np.random.rand(...)*2 - 1`.
    pub fn seeded(
        inputs: usize,
        activation: Activation,
        rng: &mut SeededRng,
    ) -> Result<Self, ConfigError> {
        crate::error::count("inputs", "from 1 to 8", inputs, 1, 8)?;
        let params = (0..=inputs).map(|_| rng::uniform(rng, -1.0, 1.0)).collect();
        Ok(Neuron { params, activation })
    }

    /// The bias b.
    pub fn bias(&self) -> f64 {
        self.params[0]
    }

    /// The weights w.
    pub fn weights(&self) -> &[f64] {
        &self.params[1..]
    }

    /// z = b + w·x, summed as numpy's `b + np.dot(x, W)`.
    pub fn z(&self, x: &[f64]) -> f64 {
        let dot = self
            .weights()
            .iter()
            .zip(x)
            .fold(0.0, |s, (w, x)| s + x * w);
        self.params[0] + dot
    }
}

impl Neuron {
    /// [`Model::train_epoch`] for exactly `N` inputs, dispatching once per epoch on the
    /// activation so that its function and derivative inline into the loop.
    fn train_epoch_n<const N: usize>(
        &mut self,
        data: &TruthTable,
        order: &[usize],
        lr: f64,
        grad: &mut [f64],
    ) -> (f64, Output) {
        match self.activation {
            Activation::Sigmoid => {
                self.epoch_with::<N, _, _>(data, order, lr, grad, sigmoid, |z, a| {
                    Activation::Sigmoid.derivative(z, a)
                })
            }
            Activation::Tanh => self.epoch_with::<N, _, _>(
                data,
                order,
                lr,
                grad,
                |z| Activation::Tanh.apply(z),
                |z, a| Activation::Tanh.derivative(z, a),
            ),
            Activation::Relu => self.epoch_with::<N, _, _>(
                data,
                order,
                lr,
                grad,
                |z| Activation::Relu.apply(z),
                |z, a| Activation::Relu.derivative(z, a),
            ),
        }
    }

    /// The epoch loop: the same operations in the same order as [`Neuron::z`] and
    /// [`Model::backprop`] followed by the update, with the parameters held in registers.
    #[allow(clippy::too_many_arguments)]
    fn epoch_with<const N: usize, F: Fn(f64) -> f64, D: Fn(f64, f64) -> f64>(
        &mut self,
        data: &TruthTable,
        order: &[usize],
        lr: f64,
        grad: &mut [f64],
        apply: F,
        derivative: D,
    ) -> (f64, Output) {
        let (rows, []) = data.inputs().as_chunks::<N>() else {
            return per_sample_epoch(self, data, order, lr, grad);
        };
        let targets = data.targets();
        let mut b = self.params[0];
        let mut w = [0.0; N];
        w.copy_from_slice(&self.params[1..=N]);
        let mut cost_sum = 0.0;
        let mut last = NO_OUTPUT;
        let mut last_x = [0.0; N];
        for &i in order {
            let (x, y) = (rows[i], targets[i]);
            let mut dot = 0.0;
            for j in 0..N {
                dot += x[j] * w[j];
            }
            let z = b + dot;
            let a = apply(z);
            let dact = derivative(z, a);
            let delta = (a - y) * dact;
            let err = a - y;
            cost_sum += 0.5 * (err * err);
            b -= lr * delta;
            for j in 0..N {
                w[j] -= lr * (delta * x[j]);
            }
            last = Output { z, a, dact, delta };
            last_x = x;
        }
        self.params[0] = b;
        self.params[1..=N].copy_from_slice(&w);
        grad[0] = last.delta;
        for j in 0..N {
            grad[1 + j] = last.delta * last_x[j];
        }
        (cost_sum, last)
    }
}

impl Model for Neuron {
    fn inputs(&self) -> usize {
        self.params.len() - 1
    }

    fn hidden(&self) -> usize {
        0
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
        1..self.params.len()
    }

    fn output_bias(&self) -> usize {
        0
    }

    fn predict(&self, x: &[f64]) -> f64 {
        self.activation.apply(self.z(x))
    }

    /// The per-sample loop of [`Neuron::backprop`] and the update, specialised on the number
    /// of inputs (2 in every gate table) so the weights stay in registers.
    fn train_epoch(
        &mut self,
        data: &TruthTable,
        order: &[usize],
        lr: f64,
        grad: &mut [f64],
    ) -> (f64, Output) {
        match self.inputs() {
            2 => self.train_epoch_n::<2>(data, order, lr, grad),
            _ => per_sample_epoch(self, data, order, lr, grad),
        }
    }

    /// ∂C/∂b = δ and ∂C/∂wⱼ = δ·xⱼ with δ = (a − y)·f′(z): the notebook's `Train`.
    fn backprop(&self, x: &[f64], y: f64, grad: &mut [f64]) -> Output {
        let z = self.z(x);
        let a = self.activation.apply(z);
        let dact = self.activation.derivative(z, a);
        let delta = (a - y) * dact;
        grad[0] = delta;
        for (g, xi) in grad[1..].iter_mut().zip(x) {
            *g = delta * xi;
        }
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
            b in -2.0f64..2.0, w0 in -2.0f64..2.0, w1 in -2.0f64..2.0,
            x0 in 0.0f64..1.0, x1 in 0.0f64..1.0, y in 0.0f64..1.0,
        ) {
            for act in [Activation::Sigmoid, Activation::Tanh] {
                let n = Neuron::new(b, &[w0, w1], act).unwrap();
                assert_gradient_matches(&n, &[x0, x1], y, 1e-7)?;
            }
        }
    }

    /// Parameters including zeros and non-finite values.
    fn param() -> impl Strategy<Value = f64> {
        prop_oneof![
            6 => -3.0f64..3.0,
            1 => prop::sample::select(vec![0.0, -0.0, 1e300, -1e300, f64::INFINITY, f64::NAN]),
        ]
    }

    /// Equal bits, or both NaN (a NaN's payload is not specified across targets).
    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    proptest! {
        #[test]
        fn epoch_loop_equals_sample_by_sample_updates(
            p in prop::collection::vec(param(), 3),
            targets in prop::collection::vec(prop_oneof![3 => 0.0f64..1.0, 1 => -1e300f64..1e300], 4),
            order in prop::collection::vec(0usize..4, 1..12),
            lr in prop_oneof![0.01f64..100.0, Just(0.5)],
            epochs in 1usize..4,
            act in prop::sample::select(vec![Activation::Sigmoid, Activation::Tanh, Activation::Relu]),
            fractional in any::<bool>(),
        ) {
            let mut rows: Vec<Vec<f64>> = crate::neuron::NOTEBOOK_INPUTS.iter().map(|r| r.to_vec()).collect();
            if fractional {
                rows[1][1] = 0.25;
            }
            let data = TruthTable::new(&rows, &targets).unwrap();
            let mut fast = Neuron::new(0.0, &[0.0, 0.0], act).unwrap();
            fast.params_mut().copy_from_slice(&p);
            let mut slow = fast.clone();
            let (mut g1, mut g2) = (vec![0.0; 3], vec![0.0; 3]);
            for _ in 0..epochs {
                let (c1, o1) = fast.train_epoch(&data, &order, lr, &mut g1);
                let (c2, o2) = per_sample_epoch(&mut slow, &data, &order, lr, &mut g2);
                prop_assert!(same(c1, c2), "cost {c1} vs {c2}");
                for (u, v) in [(o1.z, o2.z), (o1.a, o2.a), (o1.dact, o2.dact), (o1.delta, o2.delta)] {
                    prop_assert!(same(u, v), "output {o1:?} vs {o2:?}");
                }
                for (u, v) in fast.params().iter().zip(slow.params()).chain(g1.iter().zip(&g2)) {
                    prop_assert!(same(*u, *v), "{:?} vs {:?}", fast.params(), slow.params());
                }
            }
        }
    }

    #[test]
    fn seeded_draws_are_in_range_and_reproducible() {
        let a = Neuron::seeded(2, Activation::Sigmoid, &mut rng::from_seed(3)).unwrap();
        let b = Neuron::seeded(2, Activation::Sigmoid, &mut rng::from_seed(3)).unwrap();
        assert_eq!(a, b);
        assert!(a.params().iter().all(|p| (-1.0..1.0).contains(p)));
        assert!(Neuron::seeded(0, Activation::Sigmoid, &mut rng::from_seed(3)).is_err());
        assert!(Neuron::new(f64::NAN, &[0.0], Activation::Sigmoid).is_err());
    }
}

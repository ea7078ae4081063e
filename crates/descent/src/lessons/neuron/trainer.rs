//! The trainer: advances a model sample by sample, epoch by epoch or to the stop rule,
//! recording the epoch's mean cost and the weights after every epoch.

use rand::seq::SliceRandom;

use super::data::TruthTable;
use super::model::{Model, Output};
use crate::error::{ConfigError, count, positive, within};
use crate::rng;
use crate::run::Status;

/// In which order an epoch visits the samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SampleOrder {
    /// One update per sample, in the table's order (the notebook's In[32]).
    #[default]
    Data,
    /// One update per sample, in an order shuffled afresh each epoch from the seed.
    Shuffle,
    /// One update per epoch with the mean gradient of all samples.
    FullBatch,
}

impl SampleOrder {
    /// Parses `"data"`, `"shuffle"` or `"batch"`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        match s {
            "data" => Ok(SampleOrder::Data),
            "shuffle" => Ok(SampleOrder::Shuffle),
            "batch" => Ok(SampleOrder::FullBatch),
            other => Err(crate::error::expected(
                "order",
                &["data", "shuffle", "batch"],
                other,
            )),
        }
    }
}

/// The trainer's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainerConfig {
    /// Learning rate.
    pub lr: f64,
    /// Sample order.
    pub order: SampleOrder,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Stop when an epoch's mean cost falls below this.
    pub target_cost: f64,
    /// Stop after this many epochs.
    pub max_epochs: usize,
}

impl TrainerConfig {
    /// Most epochs a trainer may be asked for.
    pub const MAX_EPOCHS: usize = 100_000;
    /// Largest learning rate.
    pub const MAX_LR: f64 = 100.0;

    /// The notebook's In[32] settings: lr 0.5, data order, stop below 0.001, 20000 epochs.
    pub fn notebook() -> Self {
        TrainerConfig {
            lr: 0.5,
            order: SampleOrder::Data,
            seed: 1,
            target_cost: 0.001,
            max_epochs: 20_000,
        }
    }

    /// Checks every field, naming it and its range.
    pub fn validate(&self) -> Result<(), ConfigError> {
        positive("lr (learning rate)", self.lr)?;
        within(
            "lr (learning rate)",
            "a number in (0, 100]",
            self.lr,
            0.0,
            Self::MAX_LR,
        )?;
        within(
            "target cost",
            "a number in [0, 1]",
            self.target_cost,
            0.0,
            1.0,
        )?;
        count(
            "max epochs",
            "an integer from 1 to 100000",
            self.max_epochs,
            1,
            Self::MAX_EPOCHS,
        )?;
        Ok(())
    }
}

/// The arithmetic of one trained sample, for the lesson's arithmetic panel.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleStep {
    /// The epoch it belongs to (0-based: the first epoch is 0).
    pub epoch: usize,
    /// The table row.
    pub sample: usize,
    /// z, a, f′(z) and δ of the output unit.
    pub output: Output,
    /// a − y.
    pub error: f64,
    /// ½(a − y)².
    pub cost: f64,
    /// The change of the output unit's weights, −lr·δ·x (for full batch, this sample's
    /// share −lr·δ·x/N, applied at the end of the epoch).
    pub dw: Vec<f64>,
    /// The change of the output unit's bias, −lr·δ (÷N for full batch).
    pub db: f64,
}

/// Per epoch k = 0..=epochs: the parameters after k epochs; per epoch k = 1..=epochs: the
/// mean of the per-sample costs met during that epoch (the notebook's `Cost` list).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainHistory {
    n_params: usize,
    weights: Vec<f64>,
    costs: Vec<f64>,
}

impl TrainHistory {
    /// Epochs recorded.
    pub fn epochs(&self) -> usize {
        self.costs.len()
    }

    /// Parameters per epoch.
    pub fn n_params(&self) -> usize {
        self.n_params
    }

    /// The parameters after `k` epochs.
    ///
    /// # Panics
    /// If `k` > [`TrainHistory::epochs`].
    pub fn weights(&self, k: usize) -> &[f64] {
        assert!(
            k <= self.epochs(),
            "weights after epoch {k} of a history of {} epochs",
            self.epochs()
        );
        &self.weights[k * self.n_params..(k + 1) * self.n_params]
    }

    /// All parameters, epoch after epoch (epochs + 1 rows).
    pub fn all_weights(&self) -> &[f64] {
        &self.weights
    }

    /// The mean cost of each epoch: `costs()[k − 1]` belongs to epoch k.
    pub fn costs(&self) -> &[f64] {
        &self.costs
    }

    fn truncate(&mut self, epochs: usize) {
        self.costs.truncate(epochs);
        self.weights.truncate((epochs + 1) * self.n_params);
    }
}

/// Trains a model on a table with per-sample (or full-batch) gradient descent on the cost
/// ½(a − y)², step by step, recording a [`TrainHistory`].
///
/// ```
/// use descent::neuron::presets;
/// use descent::Status;
/// let mut t = presets::notebook_trainer();
/// assert_eq!(t.train(), Status::Converged);
/// let rounded: Vec<f64> = t.predictions().iter().map(|a| a.round()).collect();
/// assert_eq!(rounded, [1.0, 0.0, 0.0, 0.0]);
/// ```
pub struct Trainer {
    model: Box<dyn Model>,
    data: TruthTable,
    config: TrainerConfig,
    history: TrainHistory,
    status: Status,
    order: Vec<usize>,
    pos: usize,
    /// Sum of this epoch's per-sample costs so far, added in visiting order from 0 as
    /// numpy's `np.average` adds a short list.
    cost_sum: f64,
    grad: Vec<f64>,
    batch: Vec<f64>,
    last: Option<(usize, usize, Output)>,
}

impl std::fmt::Debug for Trainer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trainer")
            .field("params", &self.model.params())
            .field("config", &self.config)
            .field("epoch", &self.epoch())
            .field("status", &self.status)
            .finish()
    }
}

impl Trainer {
    /// A trainer at epoch 0 with the model's current parameters recorded. Refused when
    /// epochs × rows × parameters is over [`crate::budget::NEURON_UPDATES`].
    pub fn new(
        model: Box<dyn Model>,
        data: TruthTable,
        config: TrainerConfig,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        if data.width() != model.inputs() {
            return Err(ConfigError::BadDimension {
                what: "table rows",
                expected: model.inputs(),
                got: data.width(),
            });
        }
        let n_params = model.params().len();
        crate::budget::neuron("nepochs", config.max_epochs, data.len(), n_params)?;
        let mut t = Trainer {
            history: TrainHistory {
                n_params,
                weights: model.params().to_vec(),
                costs: Vec::new(),
            },
            status: Status::Running,
            order: Vec::new(),
            pos: 0,
            cost_sum: 0.0,
            grad: vec![0.0; n_params],
            batch: vec![0.0; n_params],
            last: None,
            model,
            data,
            config,
        };
        t.order = t.order_for(0);
        Ok(t)
    }

    /// The sample order of epoch `e`: shuffles draw from a generator seeded by (seed, e),
    /// so that a rewound trainer repeats them exactly.
    fn order_for(&self, epoch: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.data.len()).collect();
        if self.config.order == SampleOrder::Shuffle {
            let mix = (epoch as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            order.shuffle(&mut rng::from_seed(self.config.seed ^ mix));
        }
        order
    }

    /// Trains on the next sample; completes the epoch (and checks the stop rule) after its
    /// last sample. Returns the status.
    pub fn step_sample(&mut self) -> Status {
        if self.status.is_done() {
            return self.status;
        }
        let i = self.order[self.pos];
        let (x, y) = (self.data.input(i), self.data.target(i));
        let out = self.model.backprop(x, y, &mut self.grad);
        let err = out.a - y;
        self.cost_sum += 0.5 * (err * err);
        let lr = self.config.lr;
        if self.config.order == SampleOrder::FullBatch {
            for (b, g) in self.batch.iter_mut().zip(&self.grad) {
                *b += g;
            }
        } else {
            for (p, g) in self.model.params_mut().iter_mut().zip(&self.grad) {
                *p -= lr * g;
            }
        }
        self.last = Some((self.epoch(), i, out));
        self.pos += 1;
        if self.pos == self.data.len() {
            self.finish_epoch();
        }
        self.status
    }

    fn finish_epoch(&mut self) {
        let n = self.data.len() as f64;
        let mean = self.cost_sum / n;
        if self.config.order == SampleOrder::FullBatch {
            let lr = self.config.lr;
            for (p, b) in self.model.params_mut().iter_mut().zip(&mut self.batch) {
                *p -= lr * (*b / n);
                *b = 0.0;
            }
        }
        self.history.weights.extend_from_slice(self.model.params());
        self.history.costs.push(mean);
        self.cost_sum = 0.0;
        self.pos = 0;
        self.status = self.judge();
        if self.status == Status::Running && self.config.order == SampleOrder::Shuffle {
            self.order = self.order_for(self.epoch());
        }
    }

    /// The stop rule after the last recorded epoch.
    fn judge(&self) -> Status {
        let k = self.epoch();
        if k == 0 {
            return Status::Running;
        }
        let cost = self.history.costs[k - 1];
        let finite = cost.is_finite() && self.history.weights(k).iter().all(|p| p.is_finite());
        if !finite {
            Status::Diverged
        } else if cost < self.config.target_cost {
            Status::Converged
        } else if k >= self.config.max_epochs {
            Status::MaxSteps
        } else {
            Status::Running
        }
    }

    /// Trains to the end of the current epoch.
    pub fn step_epoch(&mut self) -> Status {
        if self.pos == 0 && !self.status.is_done() && self.config.order != SampleOrder::FullBatch {
            // A whole epoch of per-sample updates in one call: the same arithmetic as
            // `step_sample`, without its per-sample bookkeeping.
            let (cost_sum, out) =
                self.model
                    .train_epoch(&self.data, &self.order, self.config.lr, &mut self.grad);
            self.cost_sum = cost_sum;
            let last = self.order[self.order.len() - 1];
            self.last = Some((self.epoch(), last, out));
            self.pos = self.data.len();
            self.finish_epoch();
            return self.status;
        }
        while !self.step_sample().is_done() && self.pos != 0 {}
        self.status
    }

    /// Trains up to `n` more epochs, stopping early at the stop rule.
    pub fn step_epochs(&mut self, n: usize) -> Status {
        for _ in 0..n {
            if self.step_epoch().is_done() {
                break;
            }
        }
        self.status
    }

    /// Trains until the stop rule fires (cost below target, max epochs, or divergence).
    pub fn train(&mut self) -> Status {
        self.step_epochs(usize::MAX)
    }

    /// Goes back to the end of epoch `k` (≤ epochs done), restoring its recorded weights.
    pub fn rewind(&mut self, k: usize) {
        let k = k.min(self.epoch());
        self.history.truncate(k);
        let w = self.history.weights(k).to_vec();
        self.model.params_mut().copy_from_slice(&w);
        self.cost_sum = 0.0;
        self.batch.iter_mut().for_each(|b| *b = 0.0);
        self.pos = 0;
        self.last = None;
        self.status = self.judge();
        self.order = self.order_for(k);
    }

    /// Back to the initial weights.
    pub fn reset(&mut self) {
        self.rewind(0);
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.history.epochs()
    }

    /// Samples trained in the current, unfinished epoch.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The table row the next sample step trains on (None once stopped).
    pub fn next_sample(&self) -> Option<usize> {
        (!self.status.is_done()).then(|| self.order[self.pos])
    }

    /// The arithmetic of the last trained sample (None after a rewind).
    pub fn last_step(&self) -> Option<SampleStep> {
        let (epoch, sample, output) = self.last?;
        Some(self.sample_step(epoch, sample, output, &self.grad))
    }

    /// The arithmetic of the last sample of epoch `k` (1-based: the update that led to the
    /// weights recorded after epoch `k`), replayed from the weights after epoch `k − 1`;
    /// `None` for `k` = 0 or past the epochs done. A few samples' work, whatever `k`.
    pub fn step_at(&self, k: usize) -> Option<SampleStep> {
        if k == 0 || k > self.epoch() {
            return None;
        }
        let mut model = self.model_at(k - 1);
        let order = self.order_for(k - 1);
        let (&last, before) = order.split_last()?;
        let mut grad = vec![0.0; self.grad.len()];
        if self.config.order != SampleOrder::FullBatch {
            for &i in before {
                model.backprop(self.data.input(i), self.data.target(i), &mut grad);
                for (p, g) in model.params_mut().iter_mut().zip(&grad) {
                    *p -= self.config.lr * g;
                }
            }
        }
        let output = model.backprop(self.data.input(last), self.data.target(last), &mut grad);
        Some(self.sample_step(k - 1, last, output, &grad))
    }

    /// The arithmetic of training row `sample` in `epoch` with output `output` and gradient
    /// `grad`.
    fn sample_step(&self, epoch: usize, sample: usize, output: Output, grad: &[f64]) -> SampleStep {
        let scale = if self.config.order == SampleOrder::FullBatch {
            -self.config.lr / self.data.len() as f64
        } else {
            -self.config.lr
        };
        let err = output.a - self.data.target(sample);
        SampleStep {
            epoch,
            sample,
            output,
            error: err,
            cost: 0.5 * (err * err),
            dw: grad[self.model.output_weights()]
                .iter()
                .map(|g| scale * g)
                .collect(),
            db: scale * grad[self.model.output_bias()],
        }
    }

    /// A copy of the model with the weights recorded after epoch `k` (clamped to the
    /// epochs done), for drawing a past epoch while the transport scrubs.
    pub fn model_at(&self, k: usize) -> Box<dyn Model> {
        let mut m = self.model.clone_box();
        m.params_mut()
            .copy_from_slice(self.history.weights(k.min(self.epoch())));
        m
    }

    /// The output for every row with the weights after epoch `k`.
    pub fn predictions_at(&self, k: usize) -> Vec<f64> {
        let m = self.model_at(k);
        (0..self.data.len())
            .map(|i| m.predict(self.data.input(i)))
            .collect()
    }

    /// The model's output for every row, at the current weights.
    pub fn predictions(&self) -> Vec<f64> {
        (0..self.data.len())
            .map(|i| self.model.predict(self.data.input(i)))
            .collect()
    }

    /// ½(a − y)² for every row, at the current weights.
    pub fn sample_costs(&self) -> Vec<f64> {
        (0..self.data.len())
            .map(|i| self.model.cost(self.data.input(i), self.data.target(i)))
            .collect()
    }

    /// The status after the last epoch.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The recorded history.
    pub fn history(&self) -> &TrainHistory {
        &self.history
    }

    /// The model being trained.
    pub fn model(&self) -> &dyn Model {
        self.model.as_ref()
    }

    /// The training table.
    pub fn data(&self) -> &TruthTable {
        &self.data
    }

    /// The settings.
    pub fn config(&self) -> &TrainerConfig {
        &self.config
    }
}

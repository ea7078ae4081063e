//! The neuron lesson's settings as the page sends them, checked and built into a trainer.

use serde::Deserialize;

use super::activation::Activation;
use super::data::{Gate, TruthTable};
use super::model::Model;
use super::network::Network;
use super::presets;
use super::single::Neuron;
use super::trainer::{SampleOrder, Trainer, TrainerConfig};
use crate::error::ConfigError;
use crate::lessons::whole;
use crate::rng;

/// The lesson's settings, numbers as typed (checked in [`NeuronConfig::build`]).
/// The default is the notebook's run.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NeuronConfig {
    /// `and`, `or`, `nand`, `nor`, `xor`, or `custom` (then `targets` is read).
    pub gate: String,
    /// The custom table's four targets as typed, e.g. `"0, 1, 1, 0"`.
    pub targets: String,
    /// Hidden units: 0 for a single neuron, or 2 to 8 for a 2-H-1 network.
    pub hidden: f64,
    /// `sigmoid`, `tanh` or `relu`.
    pub activation: String,
    /// Learning rate.
    pub lr: f64,
    /// `data` (the notebook's), `shuffle` or `batch`.
    pub order: String,
    /// Seed of the initial weights and of the shuffles.
    pub seed: f64,
    /// `seeded` (uniform in [−1, 1)), `notebook` (In[25]'s weights) or `explicit`.
    pub init: String,
    /// Explicit initial parameters, in the model's layout (`[b, w₁, w₂]` for a two-input neuron).
    pub weights: Vec<f64>,
    /// Stop when an epoch's mean cost is below this.
    pub target_cost: f64,
    /// Stop after this many epochs.
    pub max_epochs: f64,
}

impl Default for NeuronConfig {
    fn default() -> Self {
        NeuronConfig {
            gate: "and".into(),
            targets: "1, 0, 0, 0".into(),
            hidden: 0.0,
            activation: "sigmoid".into(),
            lr: presets::NOTEBOOK_LR,
            order: "data".into(),
            seed: 1.0,
            init: "notebook".into(),
            weights: Vec::new(),
            target_cost: presets::NOTEBOOK_TARGET_COST,
            max_epochs: presets::NOTEBOOK_MAX_EPOCHS as f64,
        }
    }
}

impl NeuronConfig {
    /// The training table.
    pub fn table(&self) -> Result<TruthTable, ConfigError> {
        if self.gate == "custom" {
            TruthTable::custom(&self.targets)
        } else {
            Gate::parse(&self.gate).map(TruthTable::gate)
        }
    }

    /// Checks every field and builds the trainer at epoch 0.
    pub fn build(&self) -> Result<Trainer, ConfigError> {
        let data = self.table()?;
        let activation = Activation::parse(&self.activation)?;
        let hidden = whole(
            "H (hidden units)",
            "0 (none) or an integer from 2 to 8",
            self.hidden,
            0,
            Network::MAX_HIDDEN,
        )?;
        if hidden == 1 {
            return Err(ConfigError::OutOfRange {
                field: "H (hidden units)",
                range: "0 (none) or an integer from 2 to 8",
                got: "1".into(),
            });
        }
        let seed = whole(
            "seed",
            "an integer from 0 to 4294967295",
            self.seed,
            0,
            u32::MAX as usize,
        )? as u64;
        let config = TrainerConfig {
            lr: self.lr,
            order: SampleOrder::parse(&self.order)?,
            seed,
            target_cost: self.target_cost,
            max_epochs: whole(
                "max epochs",
                "an integer from 1 to 100000",
                self.max_epochs,
                1,
                TrainerConfig::MAX_EPOCHS,
            )?,
        };
        let inputs = data.width();
        let model: Box<dyn Model> = match (self.init.as_str(), hidden) {
            ("seeded", 0) => Box::new(Neuron::seeded(
                inputs,
                activation,
                &mut rng::from_seed(seed),
            )?),
            ("seeded", h) => Box::new(Network::seeded(
                inputs,
                h,
                activation,
                &mut rng::from_seed(seed),
            )?),
            ("notebook", 0) => Box::new(Neuron::new(
                presets::NOTEBOOK_B,
                &presets::NOTEBOOK_W,
                activation,
            )?),
            ("notebook", _) => {
                return Err(ConfigError::Invalid {
                    field: "init",
                    message: "the notebook's weights are for a single neuron: choose seeded or explicit weights with a hidden layer".into(),
                });
            }
            ("explicit", 0) => {
                if self.weights.len() != inputs + 1 {
                    return Err(ConfigError::BadDimension {
                        what: "weights (b, w₁, w₂)",
                        expected: inputs + 1,
                        got: self.weights.len(),
                    });
                }
                Box::new(
                    Neuron::new(self.weights[0], &self.weights[1..], activation)
                        .map_err(|e| rename(e, "weights (b, w₁, w₂)"))?,
                )
            }
            ("explicit", h) => Box::new(
                Network::new(inputs, h, &self.weights, activation)
                    .map_err(|e| rename(e, "network weights"))?,
            ),
            (other, _) => {
                return Err(ConfigError::Invalid {
                    field: "init",
                    message: format!("expected seeded, notebook or explicit, got \"{other}\""),
                });
            }
        };
        Trainer::new(model, data, config)
    }
}

/// Reports a bad explicit weight under the one field the page has for all of them.
fn rename(e: ConfigError, field: &'static str) -> ConfigError {
    match e {
        ConfigError::OutOfRange { range, got, .. } => ConfigError::OutOfRange { field, range, got },
        ConfigError::BadDimension { expected, got, .. } => ConfigError::BadDimension {
            what: field,
            expected,
            got,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(c: NeuronConfig) -> String {
        c.build().unwrap_err().to_string()
    }

    #[test]
    fn default_is_the_notebook_run() {
        let t = NeuronConfig::default().build().unwrap();
        assert_eq!(
            t.history().weights(0),
            [presets::NOTEBOOK_B, -0.43758178, 0.52004418]
        );
        assert_eq!(t.config(), &TrainerConfig::notebook());
    }

    #[test]
    fn errors_name_the_field() {
        let base = NeuronConfig::default();
        assert_eq!(
            err(NeuronConfig {
                lr: 0.0,
                ..base.clone()
            }),
            "lr (learning rate) must be a finite number > 0 (got 0)"
        );
        assert_eq!(
            err(NeuronConfig {
                hidden: 1.0,
                ..base.clone()
            }),
            "H (hidden units) must be 0 (none) or an integer from 2 to 8 (got 1)"
        );
        assert_eq!(
            err(NeuronConfig {
                max_epochs: 0.0,
                ..base.clone()
            }),
            "max epochs must be an integer from 1 to 100000 (got 0)"
        );
        assert_eq!(
            err(NeuronConfig {
                target_cost: -1.0,
                ..base.clone()
            }),
            "target cost must be a number in [0, 1] (got -1)"
        );
        assert!(
            err(NeuronConfig {
                hidden: 2.0,
                ..base.clone()
            })
            .starts_with("init:")
        );
        assert_eq!(
            err(NeuronConfig {
                init: "explicit".into(),
                weights: vec![1.0],
                ..base.clone()
            }),
            "weights (b, w₁, w₂) needs 3 coordinate(s), got 1"
        );
        assert_eq!(
            err(NeuronConfig {
                init: "explicit".into(),
                weights: vec![f64::NAN, 0.0, 0.0],
                ..base.clone()
            }),
            "weights (b, w₁, w₂) must be a finite number (got not a number)"
        );
        assert_eq!(
            err(NeuronConfig {
                init: "explicit".into(),
                hidden: 2.0,
                weights: vec![0.0; 3],
                ..base.clone()
            }),
            "network weights needs 9 coordinate(s), got 3"
        );
        assert!(
            err(NeuronConfig {
                gate: "custom".into(),
                targets: "1,0,x,0".into(),
                ..base.clone()
            })
            .starts_with("target (row 3) must be")
        );
        assert!(
            err(NeuronConfig {
                order: "random".into(),
                ..base
            })
            .starts_with("order:")
        );
    }

    #[test]
    fn builds_networks_and_explicit_neurons() {
        let t = NeuronConfig {
            gate: "xor".into(),
            hidden: 3.0,
            init: "seeded".into(),
            ..Default::default()
        }
        .build()
        .unwrap();
        assert_eq!(t.model().hidden(), 3);
        assert_eq!(t.history().n_params(), Network::param_count(2, 3));
        let t = NeuronConfig {
            init: "explicit".into(),
            weights: vec![0.1, 0.2, 0.3],
            ..Default::default()
        }
        .build()
        .unwrap();
        assert_eq!(t.model().params(), [0.1, 0.2, 0.3]);
    }
}

//! The neuron lesson's settings as the page sends them, checked and built into a trainer.

use super::activation::Activation;
use super::data::{Gate, TruthTable};
use super::model::Model;
use super::network::Network;
use super::presets;
use super::single::Neuron;
use super::trainer::{SampleOrder, Trainer, TrainerConfig};
use crate::error::ConfigError;
use crate::rng;
use crate::settings::{self, Values};

/// The lesson's settings, numbers as typed, checked against the neuron's settings table
/// ([`crate::settings::NEURON`]) by [`NeuronConfig::validate`]. The default is the
/// notebook's run.
#[derive(Debug, Clone, PartialEq)]
pub struct NeuronConfig {
    /// `and`, `or`, `nand`, `nor`, `xor`, `custom` (then `targets` is read) or `points`
    /// (then `data` is read).
    pub gate: String,
    /// The custom table's four targets as typed, e.g. `"0, 1, 1, 0"`.
    pub targets: String,
    /// A person's own points, `x1,x2,label;…` (see [`TruthTable::points`]).
    pub data: String,
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
    /// The table's defaults with seed 1: the notebook's AND run.
    fn default() -> Self {
        Self::from_values(&Values::notebook())
    }
}

/// The note shown when a hidden layer replaces the notebook's single-neuron weights, in the
/// language in use.
pub fn seeded_for_hidden() -> String {
    crate::msg!(
        "core.neuron.seeded",
        "The notebook's In[25] weights are for one neuron: the hidden layer starts from seeded weights (uniform in [−1, 1)) instead."
    )
}

impl NeuronConfig {
    /// The settings held by `values` (already checked against the table).
    pub fn from_values(values: &Values) -> Self {
        NeuronConfig {
            gate: values.get("ngate").into(),
            targets: values.get("ntargets").into(),
            data: values.get("ndata").into(),
            hidden: values.number("nhidden"),
            activation: values.get("nact").into(),
            lr: values.number("nlr"),
            order: values.get("norder").into(),
            seed: values.number("seed"),
            init: values.get("ninit").into(),
            weights: values.numbers("nweights"),
            target_cost: values.number("ncost"),
            max_epochs: values.number("nepochs"),
        }
    }

    /// Checks every setting against its row of the table; the error names the key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        settings::choice("ngate", &self.gate)?;
        if self.gate == "custom" {
            settings::text("ntargets", &self.targets)?;
        }
        if self.gate == "points" {
            settings::text("ndata", &self.data)?;
            TruthTable::points(&self.data)?;
        }
        settings::integer("nhidden", self.hidden)?;
        settings::choice("nact", &self.activation)?;
        settings::number("nlr", self.lr)?;
        settings::choice("norder", &self.order)?;
        settings::integer("seed", self.seed)?;
        settings::choice("ninit", &self.init)?;
        let weights: Vec<String> = self.weights.iter().map(|&w| settings::compact(w)).collect();
        settings::text("nweights", &weights.join(","))?;
        settings::number("ncost", self.target_cost)?;
        settings::integer("nepochs", self.max_epochs)?;
        Ok(())
    }

    /// Resolves settings that depend on each other: a hidden layer cannot start from the
    /// notebook's single-neuron weights, so it starts from seeded ones. Returns the settings
    /// to build and, when something was changed, a note for the page.
    pub fn resolve(&self) -> (NeuronConfig, Option<String>) {
        if self.hidden != 0.0 && self.init == "notebook" {
            let mut c = self.clone();
            c.init = "seeded".into();
            (c, Some(seeded_for_hidden()))
        } else {
            (self.clone(), None)
        }
    }

    /// The training table.
    pub fn table(&self) -> Result<TruthTable, ConfigError> {
        if self.gate == "custom" {
            TruthTable::custom(&self.targets)
        } else if self.gate == "points" {
            TruthTable::points(&self.data)
        } else {
            Gate::parse(&self.gate).map(TruthTable::gate)
        }
    }

    /// Checks every setting, resolves dependent ones ([`NeuronConfig::resolve`]) and
    /// builds the trainer at epoch 0.
    pub fn build(&self) -> Result<Trainer, ConfigError> {
        self.validate()?;
        self.resolve().0.build_resolved()
    }

    fn build_resolved(&self) -> Result<Trainer, ConfigError> {
        let data = self.table()?;
        let activation = Activation::parse(&self.activation)?;
        let hidden = self.hidden as usize;
        let seed = self.seed as u64;
        let config = TrainerConfig {
            lr: self.lr,
            order: SampleOrder::parse(&self.order)?,
            seed,
            target_cost: self.target_cost,
            max_epochs: self.max_epochs as usize,
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
            ("explicit", 0) => {
                if self.weights.len() != inputs + 1 {
                    return Err(ConfigError::BadDimension {
                        what: "nweights",
                        expected: inputs + 1,
                        got: self.weights.len(),
                    });
                }
                Box::new(
                    Neuron::new(self.weights[0], &self.weights[1..], activation)
                        .map_err(|e| rename(e, "nweights"))?,
                )
            }
            ("explicit", h) => Box::new(
                Network::new(inputs, h, &self.weights, activation)
                    .map_err(|e| rename(e, "nweights"))?,
            ),
            // The notebook's weights with no hidden layer (resolved above otherwise).
            _ => Box::new(Neuron::new(
                presets::NOTEBOOK_B,
                &presets::NOTEBOOK_W,
                activation,
            )?),
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
    fn errors_name_the_setting_by_key() {
        let base = NeuronConfig::default();
        let key = |c: NeuronConfig| c.build().unwrap_err().field().to_string();
        assert_eq!(
            err(NeuronConfig {
                lr: 0.0,
                ..base.clone()
            }),
            "lr (learning rate) must be a number in (0, 100] (got 0)"
        );
        assert_eq!(
            err(NeuronConfig {
                hidden: 1.0,
                ..base.clone()
            }),
            "hidden layer must be one of 0, 2, 3, 4, 5, 6, 7, 8 (got 1)"
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
        assert_eq!(
            err(NeuronConfig {
                init: "explicit".into(),
                weights: vec![1.0],
                ..base.clone()
            }),
            "weights b, w₁, w₂ (a network: W₁, b₁, w₂, b₂) needs 3 coordinate(s), got 1"
        );
        let bad_weight = NeuronConfig {
            init: "explicit".into(),
            weights: vec![f64::NAN, 0.0, 0.0],
            ..base.clone()
        };
        assert_eq!(key(bad_weight), "nweights");
        let network = NeuronConfig {
            init: "explicit".into(),
            hidden: 2.0,
            weights: vec![0.0; 3],
            ..base.clone()
        };
        assert_eq!(key(network.clone()), "nweights");
        assert!(err(network).ends_with("needs 9 coordinate(s), got 3"));
        let custom = NeuronConfig {
            gate: "custom".into(),
            targets: "1,0,x,0".into(),
            ..base.clone()
        };
        assert_eq!(key(custom), "ntargets");
        assert_eq!(
            key(NeuronConfig {
                order: "random".into(),
                ..base
            }),
            "norder"
        );
    }

    #[test]
    fn a_hidden_layer_never_starts_from_the_single_neurons_weights() {
        let c = NeuronConfig {
            gate: "xor".into(),
            hidden: 3.0,
            ..Default::default()
        };
        let (resolved, note) = c.resolve();
        assert_eq!(resolved.init, "seeded");
        assert_eq!(note, Some(seeded_for_hidden()));
        let mut t = c.build().unwrap();
        assert_eq!(t.model().hidden(), 3);
        assert_eq!(
            t.history().weights(0),
            resolved.build().unwrap().history().weights(0)
        );
        t.step_epochs(10);
        assert_eq!(t.history().costs().len(), 10);
        assert_eq!(NeuronConfig::default().resolve().1, None);
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

    #[test]
    fn own_points_are_read_checked_and_trained_on() {
        let points = NeuronConfig {
            gate: "points".into(),
            data: "0.1,0.2,0;0.3,0.1,0;0.2,0.4,0;0.8,0.9,1;0.9,0.7,1;0.7,1,1".into(),
            ..Default::default()
        };
        let mut t = points.build().unwrap();
        assert_eq!(t.data().len(), 6);
        assert_eq!(t.data().input(3), [0.8, 0.9]);
        t.train();
        assert_eq!(
            t.status().as_str(),
            "converged",
            "{:?}",
            t.history().costs().last()
        );
        let rounded: Vec<f64> = t.predictions().iter().map(|a| a.round()).collect();
        assert_eq!(rounded, t.data().targets());
        // Other gates ignore the points, even bad ones.
        let and = NeuronConfig {
            data: "junk".into(),
            ..Default::default()
        };
        assert_eq!(
            and.build().unwrap().data(),
            NeuronConfig::default().build().unwrap().data()
        );
        let bad = NeuronConfig {
            data: "0,0,3".into(),
            ..points.clone()
        };
        assert_eq!(bad.build().unwrap_err().field(), "ndata");
    }

    #[test]
    fn many_points_stay_within_the_training_budget() {
        let many: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    "{},{},{}",
                    f64::from(i % 20) / 20.0,
                    f64::from(i / 20) / 10.0,
                    i % 2
                )
            })
            .collect();
        let single = NeuronConfig {
            gate: "points".into(),
            data: many.join(";"),
            ..Default::default()
        };
        // 20000 epochs × 200 points × 3 parameters fits; a network of 8 units does not.
        assert!(single.build().is_ok());
        let e = NeuronConfig {
            hidden: 8.0,
            ..single
        }
        .build()
        .unwrap_err();
        assert_eq!(e.field(), "nepochs");
        assert!(
            e.to_string().contains("exceeds the budget of 50000000"),
            "{e}"
        );
    }
}

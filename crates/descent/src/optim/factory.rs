//! The optimizer catalogue: names, hyperparameter tables with defaults and ranges, and
//! a by-name factory the lessons and the page use.

use std::collections::BTreeMap;

use crate::error::ConfigError;
use crate::optim::{Adagrad, Adam, GradientDescent, MomentumSgd, Optimizer, RmsProp};

/// One hyperparameter of an optimizer as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Key used in settings objects, e.g. `"lr"`.
    pub key: &'static str,
    /// Label with its symbol, e.g. `"γ (learning rate)"`.
    pub label: &'static str,
    /// Default value (PyTorch's, except where the doc of [`params_of`] says otherwise).
    pub default: f64,
    /// The valid range in words.
    pub range: &'static str,
    /// Whether the value is a switch (0 = off, 1 = on).
    pub switch: bool,
}

const fn p(key: &'static str, label: &'static str, default: f64, range: &'static str) -> ParamSpec {
    ParamSpec {
        key,
        label,
        default,
        range,
        switch: false,
    }
}

const fn switch(key: &'static str, label: &'static str) -> ParamSpec {
    ParamSpec {
        key,
        label,
        default: 0.0,
        range: "0 (off) or 1 (on)",
        switch: true,
    }
}

const LR: &str = "a finite number > 0";
const UNIT: &str = "in [0, 1)";

/// Every optimizer name the factory knows, in the order the page lists them.
pub const NAMES: &[&str] = &["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

const GD: &[ParamSpec] = &[p("lr", "γ (learning rate)", 0.01, LR)];
const MOMENTUM: &[ParamSpec] = &[
    p("lr", "γ (learning rate)", 0.01, LR),
    p("momentum", "μ (momentum)", 0.9, UNIT),
    p("dampening", "τ (dampening)", 0.0, "in [0, 1]"),
];
const NESTEROV: &[ParamSpec] = &[
    p("lr", "γ (learning rate)", 0.01, LR),
    p("momentum", "μ (momentum)", 0.9, "in (0, 1)"),
];
const ADAGRAD: &[ParamSpec] = &[
    p("lr", "γ (learning rate)", 0.01, LR),
    p("lr_decay", "η (lr decay)", 0.0, "a finite number ≥ 0"),
    p(
        "initial_accumulator_value",
        "s₀ (initial accumulator)",
        0.0,
        "a finite number ≥ 0",
    ),
    p("eps", "ε (epsilon)", 1e-10, LR),
];
const RMSPROP: &[ParamSpec] = &[
    p("lr", "γ (learning rate)", 0.01, LR),
    p("alpha", "α (smoothing)", 0.99, UNIT),
    p("eps", "ε (epsilon)", 1e-8, LR),
    p("momentum", "μ (momentum)", 0.0, UNIT),
    switch("centered", "centered"),
];
const ADAM: &[ParamSpec] = &[
    p("lr", "γ (learning rate)", 1e-3, LR),
    p("beta1", "β₁ (first-moment decay)", 0.9, UNIT),
    p("beta2", "β₂ (second-moment decay)", 0.999, UNIT),
    p("eps", "ε (epsilon)", 1e-8, LR),
    switch("amsgrad", "amsgrad"),
];

/// The optimizers the lab knows, parsed once from their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain gradient descent.
    Gd,
    /// Heavy-ball momentum.
    Momentum,
    /// Nesterov momentum.
    Nesterov,
    /// AdaGrad.
    Adagrad,
    /// RMSProp.
    Rmsprop,
    /// Adam (and AMSGrad).
    Adam,
}

impl OptimizerKind {
    /// Every optimizer, in the order the page lists them (the order of [`NAMES`]).
    pub const ALL: [OptimizerKind; 6] = [
        OptimizerKind::Gd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adagrad,
        OptimizerKind::Rmsprop,
        OptimizerKind::Adam,
    ];

    /// Parses a name of [`NAMES`].
    ///
    /// ```
    /// use descent::optim::{NAMES, OptimizerKind};
    /// for (k, name) in OptimizerKind::ALL.iter().zip(NAMES) {
    ///     assert_eq!(OptimizerKind::parse(name).unwrap(), *k);
    ///     assert_eq!(k.name(), *name);
    /// }
    /// assert!(OptimizerKind::parse("sgd").unwrap_err().to_string().contains("expected one of gd"));
    /// assert!(OptimizerKind::Nesterov.uses_gamma() && !OptimizerKind::Adam.uses_gamma());
    /// ```
    pub fn parse(name: &str) -> Result<Self, ConfigError> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| ConfigError::Invalid {
                field: "optimizer",
                message: format!("expected one of {}, got \"{name}\"", NAMES.join(", ")),
            })
    }

    /// Its short name, e.g. `"gd"`.
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    /// Its hyperparameters with their defaults and ranges (see [`params_of`]).
    pub fn params(self) -> &'static [ParamSpec] {
        match self {
            OptimizerKind::Gd => GD,
            OptimizerKind::Momentum => MOMENTUM,
            OptimizerKind::Nesterov => NESTEROV,
            OptimizerKind::Adagrad => ADAGRAD,
            OptimizerKind::Rmsprop => RMSPROP,
            OptimizerKind::Adam => ADAM,
        }
    }

    /// Whether it steps along the plain gradient scaled by γ (gd, momentum, Nesterov), so
    /// that the lesson's γ is its learning rate.
    pub fn uses_gamma(self) -> bool {
        matches!(
            self,
            OptimizerKind::Gd | OptimizerKind::Momentum | OptimizerKind::Nesterov
        )
    }
}

/// The hyperparameters of optimizer `name` with their defaults and ranges.
///
/// Defaults are PyTorch's `torch.optim` defaults, except: plain gradient descent,
/// momentum and Nesterov use the notebook's γ = 0.01 (PyTorch's SGD default is 1e-3),
/// and momentum/Nesterov use μ = 0.9 (PyTorch's default μ = 0 would be plain descent).
pub fn params_of(name: &str) -> Result<&'static [ParamSpec], ConfigError> {
    Ok(OptimizerKind::parse(name)?.params())
}

/// A checked optimizer choice: its name and every hyperparameter (defaults filled in).
#[derive(Debug, Clone, PartialEq)]
pub struct OptimSpec {
    kind: OptimizerKind,
    params: BTreeMap<&'static str, f64>,
}

impl OptimSpec {
    /// Resolves `name` with the `given` hyperparameters (absent keys take their defaults;
    /// unknown keys and out-of-range values are errors naming the field).
    pub fn new(name: &str, given: &BTreeMap<String, f64>) -> Result<Self, ConfigError> {
        Self::of(OptimizerKind::parse(name)?, given)
    }

    /// [`OptimSpec::new`] for an already parsed optimizer.
    pub fn of(kind: OptimizerKind, given: &BTreeMap<String, f64>) -> Result<Self, ConfigError> {
        let table = kind.params();
        let name = kind.name();
        if let Some(k) = given
            .keys()
            .find(|k| !table.iter().any(|p| p.key == k.as_str()))
        {
            return Err(ConfigError::Invalid {
                field: "optimizer",
                message: format!("{name} has no hyperparameter \"{k}\""),
            });
        }
        let mut params = BTreeMap::new();
        for p in table {
            let v = given.get(p.key).copied().unwrap_or(p.default);
            if p.switch && v != 0.0 && v != 1.0 {
                return Err(ConfigError::OutOfRange {
                    field: p.label,
                    range: p.range,
                    got: v.to_string(),
                });
            }
            params.insert(p.key, v);
        }
        let spec = OptimSpec { kind, params };
        spec.build()?;
        Ok(spec)
    }

    /// The optimizer's name.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The optimizer.
    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// The value of hyperparameter `key` (0 if it has none).
    pub fn get(&self, key: &str) -> f64 {
        self.params.get(key).copied().unwrap_or(0.0)
    }

    /// The learning rate γ.
    pub fn lr(&self) -> f64 {
        self.get("lr")
    }

    /// Every hyperparameter in key order.
    pub fn params(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        self.params.iter().map(|(k, v)| (*k, *v))
    }

    /// A fresh optimizer with these settings.
    pub fn build(&self) -> Result<Box<dyn Optimizer>, ConfigError> {
        let g = |k| self.get(k);
        Ok(match self.kind {
            OptimizerKind::Momentum => Box::new(MomentumSgd::new(
                g("lr"),
                g("momentum"),
                g("dampening"),
                false,
            )?),
            OptimizerKind::Nesterov => {
                Box::new(MomentumSgd::new(g("lr"), g("momentum"), 0.0, true)?)
            }
            OptimizerKind::Adagrad => Box::new(Adagrad::new(
                g("lr"),
                g("lr_decay"),
                g("initial_accumulator_value"),
                g("eps"),
            )?),
            OptimizerKind::Rmsprop => Box::new(RmsProp::new(
                g("lr"),
                g("alpha"),
                g("eps"),
                g("momentum"),
                g("centered") == 1.0,
            )?),
            OptimizerKind::Adam => Box::new(Adam::new(
                g("lr"),
                g("beta1"),
                g("beta2"),
                g("eps"),
                g("amsgrad") == 1.0,
            )?),
            OptimizerKind::Gd => Box::new(GradientDescent::new(g("lr"))?),
        })
    }
}

/// Builds optimizer `name` with the `given` hyperparameters (defaults for the rest).
///
/// ```
/// use std::collections::BTreeMap;
/// use descent::optim::by_name;
/// let adam = by_name("adam", &BTreeMap::new()).unwrap();
/// assert_eq!(adam.name(), "adam");
/// let bad = BTreeMap::from([("beta1".to_string(), 1.0)]);
/// assert_eq!(
///     by_name("adam", &bad).err().unwrap().to_string(),
///     "β₁ (first-moment decay) must be in [0, 1) (got 1)"
/// );
/// ```
pub fn by_name(
    name: &str,
    given: &BTreeMap<String, f64>,
) -> Result<Box<dyn Optimizer>, ConfigError> {
    OptimSpec::new(name, given)?.build()
}

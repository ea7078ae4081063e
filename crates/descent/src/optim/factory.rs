//! The optimizer catalogue: names, hyperparameter tables with defaults and ranges, and
//! a by-name factory the lessons and the page use.

use std::collections::BTreeMap;

use crate::error::ConfigError;
use crate::optim::{Adagrad, Adam, GradientDescent, MomentumSgd, Optimizer, RmsProp};
use crate::settings::{self, Kind, Setting, Values};

/// One hyperparameter of an optimizer: its key in the factory and the row of the 2-D
/// settings table ([`crate::settings::LESSON_2D`]) that declares its label, default and range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Key used in hyperparameter maps, e.g. `"lr"`.
    pub key: &'static str,
    /// URL key of its settings row, e.g. `"adam.beta1"` (`"gamma2"` for the shared γ).
    pub setting: &'static str,
}

impl ParamSpec {
    /// Its settings row.
    ///
    /// # Panics
    /// Never for the factory's own specs: a test checks every one names a row.
    pub fn row(&self) -> &'static Setting {
        settings::find(self.setting)
            .unwrap_or_else(|| panic!("no setting has the key {:?}", self.setting))
    }

    /// Label with its symbol, e.g. `"β₁ (first-moment decay)"`.
    pub fn label(&self) -> &'static str {
        self.row().label
    }

    /// Its default value.
    pub fn default(&self) -> f64 {
        crate::decimal::parse_f64(self.row().default).unwrap_or(0.0)
    }

    /// Whether the value is a switch (0 = off, 1 = on).
    pub fn switch(&self) -> bool {
        matches!(self.row().kind, Kind::Flag)
    }

    /// Checks `v` against the row's range; the error names the URL key.
    pub fn check(&self, v: f64) -> Result<f64, ConfigError> {
        if self.switch() {
            settings::integer(self.setting, v).map(|b| b as f64)
        } else {
            settings::number(self.setting, v)
        }
    }
}

const fn p(key: &'static str, setting: &'static str) -> ParamSpec {
    ParamSpec { key, setting }
}

/// Every optimizer name the factory knows, in the order the page lists them.
pub const NAMES: &[&str] = &["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

/// γ of the plain-gradient family, shared by gradient descent, momentum and Nesterov.
const GAMMA: ParamSpec = p("lr", "gamma2");

const GD: &[ParamSpec] = &[GAMMA];
const MOMENTUM: &[ParamSpec] = &[
    GAMMA,
    p("momentum", "momentum.mu"),
    p("dampening", "momentum.damp"),
];
const NESTEROV: &[ParamSpec] = &[GAMMA, p("momentum", "nesterov.mu")];
const ADAGRAD: &[ParamSpec] = &[
    p("lr", "adagrad.lr"),
    p("lr_decay", "adagrad.decay"),
    p("initial_accumulator_value", "adagrad.s0"),
    p("eps", "adagrad.eps"),
];
const RMSPROP: &[ParamSpec] = &[
    p("lr", "rmsprop.lr"),
    p("alpha", "rmsprop.rho"),
    p("eps", "rmsprop.eps"),
    p("momentum", "rmsprop.mu"),
    p("centered", "rmsprop.centered"),
];
const ADAM: &[ParamSpec] = &[
    p("lr", "adam.lr"),
    p("beta1", "adam.beta1"),
    p("beta2", "adam.beta2"),
    p("eps", "adam.eps"),
    p("amsgrad", "adam.amsgrad"),
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

    /// Its hyperparameters, each naming its row of the 2-D settings table (see [`params_of`]).
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
    /// that the lesson's γ is its learning rate: whether its hyperparameters include the
    /// 2-D table's shared `gamma2`.
    pub fn uses_gamma(self) -> bool {
        self.params().contains(&GAMMA)
    }
}

/// The hyperparameters of optimizer `name`; their defaults and ranges are rows of the 2-D
/// settings table.
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
            let v = given.get(p.key).copied().unwrap_or_else(|| p.default());
            params.insert(p.key, p.check(v)?);
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
///     "β₁ (first-moment decay) must be a number in [0, 1) (got 1)"
/// );
/// ```
pub fn by_name(
    name: &str,
    given: &BTreeMap<String, f64>,
) -> Result<Box<dyn Optimizer>, ConfigError> {
    OptimSpec::new(name, given)?.build()
}

/// The hyperparameters of optimizer `name` held by `values` (checked against the table):
/// `{key: value}` for the factory, a switch as 0 or 1 (empty for an unknown name).
pub fn params_from(name: &str, values: &Values) -> BTreeMap<String, f64> {
    params_of(name)
        .unwrap_or(&[])
        .iter()
        .map(|p| {
            let v = if p.switch() {
                f64::from(u8::from(values.flag(p.setting)))
            } else {
                values.number(p.setting)
            };
            (p.key.to_string(), v)
        })
        .collect()
}

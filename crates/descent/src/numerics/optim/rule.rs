//! The record each update rule declares once: its name, hyperparameters, scalar and lane
//! updates, view state, "show the arithmetic" text and Python form.
//!
//! A rule's module fills one [`Rule`]; the registry ([`super::RULES`]) lists them. The
//! settings table, the form, the link, the race, the lanes, the arithmetic panel and the
//! Python export all read the registry, so adding a rule is one module and one line there.

use super::Optimizer;
use super::explain::StepView;
use super::lanes::LaneRule;
use crate::error::ConfigError;
use crate::numerics::declared::{Kind, Setting};

/// Builds a rule's scalar optimizer from its hyperparameter values (checking them).
pub type Build = fn(&[f64]) -> Result<Box<dyn Optimizer>, ConfigError>;

/// One hyperparameter of a rule: its keyword in PyTorch's (and the Python cell's)
/// constructor, and its settings row (URL key, label, range, default, help).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Keyword argument, e.g. `"beta1"`.
    pub name: &'static str,
    /// Its row of the 2-D settings table, e.g. key `"adam.beta1"`.
    pub row: Setting,
}

impl Param {
    /// A hyperparameter with keyword `name` and settings row `key`, `label`, `kind`,
    /// `default` (canonical text) and `help`.
    pub const fn new(
        name: &'static str,
        key: &'static str,
        label: &'static str,
        kind: Kind,
        default: &'static str,
        help: &'static str,
    ) -> Self {
        Param {
            name,
            row: Setting {
                key,
                label,
                kind,
                default,
                unit: "",
                help,
            },
        }
    }

    /// The same hyperparameter under another URL key (a rule that shares another's rows
    /// but keeps its own values).
    pub const fn with_key(self, key: &'static str) -> Self {
        Param {
            row: Setting { key, ..self.row },
            ..self
        }
    }

    /// Its URL key, e.g. `"adam.beta1"`.
    pub fn key(&self) -> &'static str {
        self.row.key
    }

    /// Its label with its symbol, e.g. `"β₁ (first-moment decay)"`.
    pub fn label(&self) -> &'static str {
        self.row.label
    }

    /// The symbol its label opens with, e.g. `γ`, or `α` for Newton's step length.
    pub fn symbol(&self) -> &'static str {
        self.row.label.split(' ').next().unwrap_or("γ")
    }

    /// Its default value.
    pub fn default(&self) -> f64 {
        crate::decimal::parse_f64(self.row.default).unwrap_or(0.0)
    }

    /// Whether the value is a switch (0 = off, 1 = on).
    pub fn switch(&self) -> bool {
        matches!(self.row.kind, Kind::Flag)
    }

    /// Checks `v` against the row's range; the error names the URL key.
    pub fn check(&self, v: f64) -> Result<f64, ConfigError> {
        if self.switch() {
            self.row.integer(v).map(|b| b as f64)
        } else {
            self.row.number(v)
        }
    }
}

/// The Python form of a rule for the "copy as Python" cell.
#[derive(Debug, Clone, Copy)]
pub struct PythonForm {
    /// The class definition (PyTorch's rule, one coordinate at a time, with
    /// `begin_step()` and `update(i, x, g)` as a run applies them).
    pub class: &'static str,
    /// The comment written above the class, in the language in use (lines without `#`).
    pub comment: fn() -> String,
    /// The class name the cell constructs.
    pub constructor: &'static str,
    /// Keyword arguments after the hyperparameters, e.g. `nesterov=True`.
    pub extra: &'static [&'static str],
}

/// Everything the lab knows about one update rule. Function fields take the rule's
/// hyperparameter values in [`Rule::params`] order (checked by [`super::OptimSpec`]); each
/// module turns them into its typed parameter struct in one place.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The name in links and menus' values, e.g. `"adam"`.
    pub name: &'static str,
    /// The menu label, e.g. `"Adam"`.
    pub label: &'static str,
    /// Its hyperparameters; the first is always its learning rate `lr`.
    pub params: &'static [Param],
    /// The scalar optimizer (validates the values with the rule's own messages).
    pub build: Build,
    /// The rule for many lanes of `dim` coordinates running at most `max_steps`.
    pub lanes: fn(&[f64], usize, usize) -> Box<dyn LaneRule>,
    /// The state vector drawn as the velocity arrow (scaled by −γ), if any.
    pub velocity: fn(&[f64]) -> Option<&'static str>,
    /// The lines of "show the arithmetic" that follow γ for one step.
    pub explain: fn(&[f64], &StepView) -> Vec<String>,
    /// Its Python class, or `None` for the notebook's own loop (plain descent).
    pub python: Option<PythonForm>,
    /// How many descent steps of the budgets ([`crate::budget`]) one of its steps counts
    /// for: 1 for a rule whose step is one gradient and a few vector operations; more for
    /// one that evaluates f or its Hessian many times a step (the ratio of its time per
    /// step to plain descent's in the `rule_*` benchmark workloads, rounded up).
    pub step_cost: u64,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Rule {
    /// Whether it moves the whole iterate at once (a line search, Newton: see
    /// [`Optimizer::whole`]); its runs then take the simultaneous update order.
    ///
    /// ```
    /// use descent::optim::rule;
    /// assert!(rule("newton").unwrap().moves_whole() && !rule("adam").unwrap().moves_whole());
    /// ```
    pub fn moves_whole(&self) -> bool {
        let defaults: Vec<f64> = self.params.iter().map(Param::default).collect();
        (self.build)(&defaults).is_ok_and(|o| o.whole())
    }

    /// Whether its learning rate is the lesson's shared γ (plain descent and the momentum
    /// methods), rather than a rate of its own.
    pub fn uses_gamma(&self) -> bool {
        self.params
            .first()
            .is_some_and(|p| p.key() == super::gd::GAMMA.key())
    }

    /// The symbol of its learning rate (its first parameter): `γ`, or `α` for Newton.
    pub fn rate_symbol(&self) -> &'static str {
        self.params.first().map_or("γ", Param::symbol)
    }
}

/// A learning rate γ: a number in (0, 10⁴].
pub const RATE: Kind = Kind::Number {
    min: 0.0,
    max: 1e4,
    open_min: true,
    open_max: false,
};

/// A fraction in [0, 1) (a decay or a momentum).
pub const FRACTION_OPEN: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: false,
    open_max: true,
};

/// A fraction in [0, 1].
pub const FRACTION: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: false,
    open_max: false,
};

/// A number ≥ 0 (up to 10⁶).
pub const NON_NEGATIVE: Kind = Kind::Number {
    min: 0.0,
    max: 1e6,
    open_min: false,
    open_max: false,
};

/// A small positive ε, at most 1.
pub const EPSILON: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: true,
    open_max: false,
};

//! A checked choice of rule and hyperparameter values, and looking rules up by name.

use std::collections::BTreeMap;

use super::explain::StepView;
use super::lanes::LaneRule;
use super::{Optimizer, Param, RULES, Rule};
use crate::error::ConfigError;

/// The rule named `name` (`"gd"`, `"adam"`, …).
///
/// ```
/// use descent::optim::{RULES, rule};
/// for r in RULES {
///     assert_eq!(rule(r.name).unwrap(), r);
/// }
/// assert!(rule("sgd").unwrap_err().to_string().contains("expected one of gd"));
/// assert!(rule("nesterov").unwrap().uses_gamma() && !rule("adam").unwrap().uses_gamma());
/// ```
pub fn rule(name: &str) -> Result<&'static Rule, ConfigError> {
    RULES
        .iter()
        .find(|r| r.name == name)
        .ok_or_else(|| ConfigError::Invalid {
            field: "optimizer",
            message: crate::msg!(
                "core.err.oneof",
                "expected one of {names}, got {got}",
                names = RULES.iter().map(|r| r.name).collect::<Vec<_>>().join(", "),
                got = format!("\"{name}\"")
            ),
        })
}

/// A checked optimizer choice: its rule and the value of every hyperparameter, in the
/// rule's [`Rule::params`] order (defaults filled in).
#[derive(Debug, Clone, PartialEq)]
pub struct OptimSpec {
    rule: &'static Rule,
    values: Vec<f64>,
}

impl OptimSpec {
    /// Resolves `name` with the `given` hyperparameters by keyword (absent keys take their
    /// defaults; unknown keys and out-of-range values are errors naming the field).
    pub fn new(name: &str, given: &BTreeMap<String, f64>) -> Result<Self, ConfigError> {
        Self::of(rule(name)?, given)
    }

    /// [`OptimSpec::new`] for a rule already looked up.
    pub fn of(rule: &'static Rule, given: &BTreeMap<String, f64>) -> Result<Self, ConfigError> {
        if let Some(k) = given
            .keys()
            .find(|k| !rule.params.iter().any(|p| p.name == k.as_str()))
        {
            return Err(ConfigError::Invalid {
                field: "optimizer",
                message: crate::msg!(
                    "core.err.noparam",
                    "{rule} has no hyperparameter {key}",
                    rule = rule.name,
                    key = format!("\"{k}\"")
                ),
            });
        }
        let values = rule
            .params
            .iter()
            .map(|p| given.get(p.name).copied().unwrap_or_else(|| p.default()))
            .collect();
        Self::from_values(rule, values)
    }

    /// The rule with `values` in [`Rule::params`] order, each checked against its row.
    pub fn from_values(rule: &'static Rule, values: Vec<f64>) -> Result<Self, ConfigError> {
        if values.len() != rule.params.len() {
            return Err(ConfigError::Invalid {
                field: "optimizer",
                message: crate::msg!(
                    "core.err.nparams",
                    "{rule} takes {n} hyperparameters, got {got}",
                    rule = rule.name,
                    n = rule.params.len(),
                    got = values.len()
                ),
            });
        }
        let values = rule
            .params
            .iter()
            .zip(values)
            .map(|(p, v)| p.check(v))
            .collect::<Result<Vec<_>, _>>()?;
        let spec = OptimSpec { rule, values };
        spec.build()?;
        Ok(spec)
    }

    /// The optimizer's name.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    /// Its rule.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The learning rate γ (every rule's first hyperparameter).
    pub fn lr(&self) -> f64 {
        self.values[0]
    }

    /// The hyperparameter values in [`Rule::params`] order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Every hyperparameter with its value, in the rule's order.
    pub fn params(&self) -> impl Iterator<Item = (&'static Param, f64)> + '_ {
        self.rule.params.iter().zip(self.values.iter().copied())
    }

    /// A fresh optimizer with these settings.
    pub fn build(&self) -> Result<Box<dyn Optimizer>, ConfigError> {
        (self.rule.build)(&self.values)
    }

    /// The rule for many lanes of `dim` coordinates running at most `max_steps`.
    pub fn lanes(&self, dim: usize, max_steps: usize) -> Box<dyn LaneRule> {
        (self.rule.lanes)(&self.values, dim, max_steps)
    }

    /// The state vector drawn as the velocity arrow, if any.
    pub fn velocity(&self) -> Option<&'static str> {
        (self.rule.velocity)(&self.values)
    }

    /// The rule's lines of "show the arithmetic" for one step.
    pub fn explain(&self, step: &StepView) -> Vec<String> {
        (self.rule.explain)(&self.values, step)
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

//! Typed configuration errors: each names the offending field and carries what its message
//! needs (the range, the value, the budget), so the page can show it where it was typed.
//!
//! How they read (labels in the language in use) is the lessons' part: see
//! `lessons/settings/messages.rs`.

use crate::budget::Budget;
use crate::numerics::declared::compact;

/// Why a configuration was rejected. Every variant names the offending field so that the
/// page can show the message next to the input the person typed into.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ConfigError {
    /// A number outside its valid range (or not finite).
    OutOfRange {
        /// The field's name as shown to the user, e.g. `"γ (learning rate)"`.
        field: &'static str,
        /// The valid range in words, e.g. `"a finite number > 0"`.
        range: &'static str,
        /// The rejected value as typed or computed.
        got: String,
    },
    /// Two fields that must be ordered are not, e.g. min ≥ max.
    BadInterval {
        /// The lower field's name.
        lo: &'static str,
        /// The upper field's name.
        hi: &'static str,
    },
    /// A vector has the wrong length for the objective.
    BadDimension {
        /// What was being checked.
        what: &'static str,
        /// The length required.
        expected: usize,
        /// The length given.
        got: usize,
    },
    /// A setting of a lesson's table (named by its URL key) outside its range.
    Setting {
        /// The setting's URL key, e.g. `"gamma"`; the message shows its label.
        key: &'static str,
        /// The valid values in words, from the table.
        range: String,
        /// The rejected value, cut to about 40 characters.
        got: String,
        /// For a list, the 1-based position of the rejected item.
        item: Option<usize>,
    },
    /// A field whose text could not be understood.
    Invalid {
        /// The field's name.
        field: &'static str,
        /// What went wrong, for a person.
        message: String,
    },
    /// A link's key that names no setting.
    UnknownKey {
        /// The key as the link spelt it, cut to about 40 characters.
        key: String,
        /// A setting's key close to it, when there is one.
        near: Option<&'static str>,
    },
    /// A link's key of a lesson other than the one the link opens.
    OtherLesson {
        /// The setting's URL key.
        key: &'static str,
        /// The lesson whose table has it.
        lesson: &'static str,
    },
    /// A product of settings exceeds a work or memory budget (see [`crate::budget`]).
    OverBudget {
        /// The setting the message is shown under (the first factor).
        field: &'static str,
        /// The factors of the product, named by setting key (`""`: the racers, not a
        /// setting), and their values.
        factors: Vec<(&'static str, u64)>,
        /// Their product.
        product: u64,
        /// The budget it exceeds.
        budget: Budget,
    },
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The field this error is about (the first one for an interval): the setting's URL
    /// key when the error comes from a lesson's table.
    pub fn field(&self) -> &str {
        match self {
            ConfigError::OutOfRange { field, .. }
            | ConfigError::Invalid { field, .. }
            | ConfigError::OverBudget { field, .. } => field,
            ConfigError::Setting { key, .. } | ConfigError::OtherLesson { key, .. } => key,
            ConfigError::UnknownKey { key, .. } => key,
            ConfigError::BadInterval { lo, .. } => lo,
            ConfigError::BadDimension { what, .. } => what,
        }
    }
}

impl ConfigError {
    /// For a list setting, the 1-based position of the rejected item.
    pub fn item(&self) -> Option<usize> {
        match self {
            ConfigError::Setting { item, .. } => *item,
            _ => None,
        }
    }
}

/// Checks that `v` is finite and strictly positive.
pub fn positive(field: &'static str, v: f64) -> Result<f64, ConfigError> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range: "a finite number > 0",
            got: fmt_num(v),
        })
    }
}

/// Checks that `v` is finite and in the closed interval `[lo, hi]`.
pub fn within(
    field: &'static str,
    range: &'static str,
    v: f64,
    lo: f64,
    hi: f64,
) -> Result<f64, ConfigError> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range,
            got: fmt_num(v),
        })
    }
}

/// Checks that `v` is in the open interval (0, 1).
pub fn open_unit(field: &'static str, v: f64) -> Result<f64, ConfigError> {
    if v > 0.0 && v < 1.0 {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range: "a number in (0, 1)",
            got: fmt_num(v),
        })
    }
}

/// Checks that `v` is finite.
pub fn finite(field: &'static str, v: f64) -> Result<f64, ConfigError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range: "a finite number",
            got: fmt_num(v),
        })
    }
}

/// Checks that the integer `v` lies in `[lo, hi]`.
pub fn count(
    field: &'static str,
    range: &'static str,
    v: usize,
    lo: usize,
    hi: usize,
) -> Result<usize, ConfigError> {
    if (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            range,
            got: v.to_string(),
        })
    }
}

/// Checks that `lo < hi`, both finite.
pub fn interval(
    lo_field: &'static str,
    hi_field: &'static str,
    lo: f64,
    hi: f64,
) -> Result<(f64, f64), ConfigError> {
    finite(lo_field, lo)?;
    finite(hi_field, hi)?;
    if lo < hi {
        Ok((lo, hi))
    } else {
        Err(ConfigError::BadInterval {
            lo: lo_field,
            hi: hi_field,
        })
    }
}

fn fmt_num(v: f64) -> String {
    compact(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_field_and_range() {
        let e = positive("γ (learning rate)", -1.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "γ (learning rate) must be a finite number > 0 (got -1)"
        );
        assert_eq!(e.field(), "γ (learning rate)");
        let e = interval("min", "max", 3.0, 3.0).unwrap_err();
        assert_eq!(e.to_string(), "min must be less than max");
        assert!(
            positive("h", f64::NAN)
                .unwrap_err()
                .to_string()
                .contains("not a number")
        );
    }
}

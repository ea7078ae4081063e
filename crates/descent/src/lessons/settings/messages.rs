//! How a configuration error reads: each message names its settings by their labels in the
//! language in use, so the numerics that raise the errors need not know the tables.

use std::fmt;

use super::echo;
use super::names::named;
use crate::budget::Budget;
use crate::error::ConfigError;

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ConfigError::OutOfRange { field, range, got } => crate::msg!(
                "core.err.range",
                "{label} must be {range} (got {got})",
                label = said(field),
                range = range,
                got = echo(got)
            ),
            // Its value was cut when the error was made (keeping its closing quote).
            ConfigError::Setting {
                key, range, got, ..
            } => crate::msg!(
                "core.err.range",
                "{label} must be {range} (got {got})",
                label = said(key),
                range = range,
                got = got
            ),
            ConfigError::UnknownKey { key, near } => match near {
                Some(near) => crate::msg!(
                    "core.err.unknownnear",
                    "{key} is not a setting (did you mean {near}?)",
                    key = key,
                    near = near
                ),
                None => crate::msg!("core.err.unknown", "{key} is not a setting", key = key),
            },
            ConfigError::OtherLesson { key, lesson } => crate::msg!(
                "core.err.otherlesson",
                "{key} ({label}) is a setting of lesson {lesson}: the link needs lesson={lesson}",
                key = key,
                label = said(key),
                lesson = lesson
            ),
            ConfigError::BadInterval { lo, hi } => crate::msg!(
                "core.err.interval",
                "{lo} must be less than {hi}",
                lo = said(lo),
                hi = said(hi)
            ),
            ConfigError::BadDimension {
                what,
                expected,
                got,
            } => crate::msg!(
                "core.err.dimension",
                "{what} needs {expected} coordinate(s), got {got}",
                what = said(what),
                expected = expected,
                got = got
            ),
            ConfigError::Invalid { field, message } => format!("{}: {message}", said(field)),
            ConfigError::OverBudget {
                factors,
                product,
                budget,
                ..
            } => over_budget(factors, *product, budget),
        };
        f.write_str(&text)
    }
}

/// The label of setting `key` in the language in use; for no setting, the name of what
/// `key` names (see [`named`]).
fn said(key: &str) -> String {
    match super::find(key) {
        Some(s) => crate::text::text(&format!("set.{key}"), s.label, &[]),
        None => named(key),
    }
}

/// "N (starts) × steps = 10000 × 100000 = 1000000000 descent steps exceeds the budget of …:
/// lower N (starts) or steps": the factors by label, their values, the bound and its reason.
fn over_budget(factors: &[(&'static str, u64)], product: u64, budget: &Budget) -> String {
    let names: Vec<String> = factors
        .iter()
        .map(|&(n, _)| {
            if n.is_empty() {
                crate::msg!("core.budget.racers", "racers")
            } else {
                said(n)
            }
        })
        .collect();
    let values: Vec<String> = factors.iter().map(|&(_, v)| v.to_string()).collect();
    // The racers and a rule's step cost are no setting to lower.
    let lower: Vec<String> = factors
        .iter()
        .filter(|(n, _)| !n.is_empty() && *n != crate::budget::STEP_COST)
        .map(|&(n, _)| said(n))
        .collect();
    crate::msg!(
        "core.budget.over",
        "{names} = {values} = {product} {unit} exceeds the budget of {bound} {unit} ({why}): lower {lower}",
        names = names.join(" × "),
        values = values.join(" × "),
        product = product,
        lower = lower.join(&crate::msg!("core.budget.or", " or ")),
        unit = (budget.unit)(),
        bound = budget.bound,
        why = (budget.why)(),
    )
}

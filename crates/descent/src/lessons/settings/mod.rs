//! The settings tables: every setting a lesson has, declared once, with its URL key, label,
//! kind, default, range, unit and help.
//!
//! Everything else is derived from these rows: the URL state ([`crate::state`]) parses and
//! writes them, the `Config*` types are built from them ([`Values`]) and validated by them
//! ([`number`], [`integer`], [`choice`], [`text`]), and the page builds its inputs from the
//! table the bindings export. One default and one range per setting, so the form, the
//! validator and the link accept exactly the same values.

mod check;
mod lesson1d;
mod lesson2d;
mod messages;
mod names;
mod tables;
mod values;

pub use crate::numerics::declared::{Choice, Kind, Setting, check, compact, echo};
pub use check::{choice, integer, number, text};
pub use lesson1d::{LESSON_1D, RULES_1D, key_1d};
pub use lesson2d::LESSON_2D;
pub use tables::{NEURON, PAGE};
pub use values::Values;

/// Every table, page-level first, in the order the URL writes their keys.
pub const TABLES: &[(&str, &[Setting])] = &[
    ("page", PAGE),
    ("1d", LESSON_1D),
    ("2d", LESSON_2D),
    ("neuron", NEURON),
];

/// The table named `name` (`page`, `1d`, `2d` or `neuron`).
pub fn table(name: &str) -> Option<&'static [Setting]> {
    TABLES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Every setting of every table, in URL order.
pub fn all() -> impl Iterator<Item = &'static Setting> {
    TABLES.iter().flat_map(|(_, t)| t.iter())
}

/// The setting with URL key `key`.
pub fn find(key: &str) -> Option<&'static Setting> {
    all().find(|s| s.key == key)
}

/// The name of the table (`page`, `1d`, `2d` or `neuron`) that has the setting `key` ("" for
/// none).
pub fn table_of(key: &str) -> &'static str {
    TABLES
        .iter()
        .find(|(_, t)| t.iter().any(|s| s.key == key))
        .map_or("", |(n, _)| *n)
}

/// The key `typed` most likely meant. First, a hyperparameter of `opt` (the lesson's chosen
/// method) named `typed`: `adamw.lr` for `lr` when AdamW is chosen (lesson 1's keys carry a
/// `1`: `newton1.lr`). Otherwise the key nearest by edit distance, when it is close enough
/// to be a slip (one edit in up to five characters, two in longer keys): `gamma` for
/// `gama`. Keys of the page and of `lesson` (a table name) come before other lessons' keys,
/// so that `lr` on the neuron suggests `nlr`.
pub fn nearest_key(typed: &str, lesson: &str, opt: &str) -> Option<&'static str> {
    if typed.chars().count() > 40 {
        return None;
    }
    let typed = typed.to_ascii_lowercase();
    let own_param = |key: &str| {
        key.split_once('.').is_some_and(|(rule, name)| {
            name == typed && !opt.is_empty() && rule.strip_suffix('1').unwrap_or(rule) == opt
        })
    };
    if let Some((_, rows)) = TABLES.iter().find(|(name, _)| *name == lesson)
        && let Some(s) = rows.iter().find(|s| own_param(s.key))
    {
        return Some(s.key);
    }
    let limit = (typed.chars().count().max(3) / 3).clamp(1, 2);
    TABLES
        .iter()
        .flat_map(|(name, rows)| {
            let elsewhere = *name != "page" && *name != lesson;
            rows.iter().map(move |s| (elsewhere, s.key))
        })
        .map(|(elsewhere, key)| (elsewhere, edit_distance(&typed, key), key))
        .filter(|(_, d, _)| (1..=limit).contains(d))
        .min_by_key(|(elsewhere, d, _)| (*elsewhere, *d))
        .map(|(_, _, k)| k)
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let swap = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = swap.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The label of `key`, or `key` itself when it names no setting.
pub fn label_of(key: &str) -> &str {
    find(key).map_or(key, |s| s.label)
}

#[cfg(test)]
mod tests;

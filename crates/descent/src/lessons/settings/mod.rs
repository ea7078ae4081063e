//! The settings tables: every setting a lesson has, declared once, with its URL key, label,
//! kind, default, range, unit and help.
//!
//! Everything else is derived from these rows: the URL state ([`crate::state`]) parses and
//! writes them, the `Config*` types are built from them ([`Values`]) and validated by them
//! ([`number`], [`integer`], [`choice`], [`text`]), and the page builds its inputs from the
//! table the bindings export. One default and one range per setting, so the form, the
//! validator and the link accept exactly the same values.

mod check;
mod lesson2d;
mod tables;
mod values;

pub use check::{check, choice, compact, echo, integer, number, text};
pub use lesson2d::LESSON_2D;
pub use tables::{LESSON_1D, NEURON, PAGE};
pub use values::Values;

/// What kind of value a setting holds and its valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A finite number in `[min, max]`, without `min` when `open_min` and without `max`
    /// when `open_max`.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Whether `min` itself is excluded.
        open_min: bool,
        /// Whether `max` itself is excluded.
        open_max: bool,
    },
    /// A whole number in `[min, max]`.
    Integer {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
    },
    /// One of a fixed set of words, each with the label the page shows.
    Choice(&'static [Choice]),
    /// On (`1`) or off (`0`): a check box.
    Flag,
    /// Free text of at most this many characters.
    Text(usize),
    /// A list of items of one kind, separated by commas (spaces and `;` are read as
    /// separators too), from `min_items` to `max_items` of them.
    List {
        /// The kind of every item.
        item: &'static Kind,
        /// Fewest items allowed.
        min_items: usize,
        /// Most items allowed.
        max_items: usize,
    },
}

/// One option of a choice: the word in the URL and the label on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// The value as the URL carries it.
    pub value: &'static str,
    /// The label the page shows.
    pub label: &'static str,
}

/// One row of a settings table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// The key in the URL and the name of the page's input, e.g. `gamma`.
    pub key: &'static str,
    /// The label the page shows and error messages use, e.g. `γ (learning rate)`.
    pub label: &'static str,
    /// The kind and valid range.
    pub kind: Kind,
    /// The default, as canonical text (empty: none, the page chooses, as for the seed).
    pub default: &'static str,
    /// The unit of a number, or "".
    pub unit: &'static str,
    /// One line of help for the page.
    pub help: &'static str,
}

impl Setting {
    /// The valid values in words, e.g. `a number in (0, 10000]`.
    pub fn range(&self) -> String {
        range_of(&self.kind)
    }
}

/// A range's end, short: `1e9` rather than `1000000000`.
fn bound(v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("{v:e}")
    } else {
        compact(v)
    }
}

fn range_of(kind: &Kind) -> String {
    match kind {
        Kind::Number {
            min,
            max,
            open_min,
            open_max,
        } => {
            let lb = if *open_min { "(" } else { "[" };
            let rb = if *open_max { ")" } else { "]" };
            crate::msg!(
                "core.range.number",
                "a number in {lo}, {hi}",
                lo = format!("{lb}{}", bound(*min)),
                hi = format!("{}{rb}", bound(*max))
            )
        }
        Kind::Integer { min, max } => crate::msg!(
            "core.range.integer",
            "an integer from {min} to {max}",
            min = min,
            max = max
        ),
        Kind::Choice(options) => {
            let words: Vec<&str> = options.iter().map(|c| c.value).collect();
            crate::msg!(
                "core.range.choice",
                "one of {words}",
                words = words.join(", ")
            )
        }
        Kind::Flag => crate::msg!("core.range.flag", "0 (off) or 1 (on)"),
        Kind::Text(max) => crate::msg!(
            "core.range.text",
            "text of at most {max} characters",
            max = max
        ),
        Kind::List {
            item,
            min_items,
            max_items,
        } => {
            let count = if min_items == max_items {
                format!("{max_items}")
            } else {
                crate::msg!(
                    "core.range.count",
                    "{min} to {max}",
                    min = min_items,
                    max = max_items
                )
            };
            crate::msg!(
                "core.range.list",
                "a list of {count} items, each {item}",
                count = count,
                item = range_of(item)
            )
        }
    }
}

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

/// The key nearest to `typed` by edit distance, when it is close enough to be a slip (one
/// edit in up to five characters, two in longer keys): `gamma` for `gama`. Keys of the page
/// and of `lesson` (a table name) come before other lessons' keys, so that `lr` on the
/// neuron suggests `nlr`.
pub fn nearest_key(typed: &str, lesson: &str) -> Option<&'static str> {
    if typed.chars().count() > 40 {
        return None;
    }
    let typed = typed.to_ascii_lowercase();
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

//! A declared value: the row that names a setting (URL key, label, kind and range,
//! default, unit, help) and the checks of text and numbers against it.
//!
//! The numerics declare their own rows here (each optimizer's hyperparameters), and the
//! lessons' settings tables are lists of them, so a value has one range and one message
//! wherever it is typed, linked or held by a config.

use crate::decimal::parse_f64;
use crate::error::ConfigError;

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

    /// Checks a number held by a config against this row's range.
    pub fn number(&self, v: f64) -> Result<f64, ConfigError> {
        if in_number_range(&self.kind, v) {
            Ok(v)
        } else {
            Err(error(self, compact(v)))
        }
    }

    /// Checks a whole number held by a config (as the page sends it, an `f64`) against this
    /// row, which may be an integer, a flag or a choice of integers.
    pub fn integer(&self, v: f64) -> Result<u64, ConfigError> {
        let ok = v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 2f64.powi(53);
        if ok && check(self, &format!("{}", v as u64)).is_ok() {
            Ok(v as u64)
        } else {
            Err(error(self, compact(v)))
        }
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

/// Most characters of a value a message echoes before cutting it with an ellipsis.
const ECHO_CHARS: usize = 40;

/// `raw` cut to about 40 characters, with an ellipsis when cut.
pub fn echo(raw: &str) -> String {
    if raw.chars().count() <= ECHO_CHARS {
        raw.to_string()
    } else {
        let mut s: String = raw.chars().take(ECHO_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// A number as short, exact text: `0.01`, `1e300`, `-1e-7` (Rust's shortest round-trip
/// form, in exponent notation outside [1e-6, 1e15)); −0 is written `0`.
pub fn compact(v: f64) -> String {
    if v.is_nan() {
        "not a number".into()
    } else if v == 0.0 {
        "0".into()
    } else if v == 0.0 || !v.is_finite() || (1e-6..1e15).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

fn error(s: &Setting, got: String) -> ConfigError {
    ConfigError::Setting {
        key: s.key,
        range: s.range(),
        got,
        item: None,
    }
}

fn quoted(raw: &str) -> String {
    format!("\"{}\"", echo(raw))
}

/// Whether the finite number `v` lies in the setting's range.
fn in_number_range(kind: &Kind, v: f64) -> bool {
    match *kind {
        Kind::Number {
            min,
            max,
            open_min,
            open_max,
        } => {
            v.is_finite()
                && (if open_min { v > min } else { v >= min })
                && (if open_max { v < max } else { v <= max })
        }
        _ => false,
    }
}

/// Reads `raw` as a whole number: digits, or a number without a fraction such as `1e3`.
fn whole(raw: &str) -> Option<u64> {
    if let Ok(v) = raw.parse::<u64>() {
        return Some(v);
    }
    let v = parse_f64(raw)?;
    (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 2f64.powi(53)).then_some(v as u64)
}

fn check_kind(s: &Setting, kind: &Kind, raw: &str) -> Result<String, ConfigError> {
    match *kind {
        Kind::Number { .. } => match parse_f64(raw) {
            Some(v) if in_number_range(kind, v) => Ok(compact(v)),
            Some(v)
                if raw
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) =>
            {
                // A number too large for f64 reads as typed, not as `inf`.
                Err(error(s, if v.is_finite() { compact(v) } else { echo(raw) }))
            }
            _ => Err(error(s, quoted(raw))),
        },
        Kind::Integer { min, max } => match whole(raw) {
            Some(v) if (min..=max).contains(&v) => Ok(v.to_string()),
            _ => Err(error(s, quoted(raw))),
        },
        Kind::Choice(options) => options
            .iter()
            .find(|c| c.value == raw)
            .map(|c| c.value.to_string())
            .ok_or_else(|| error(s, quoted(raw))),
        Kind::Flag => match raw {
            "0" | "1" => Ok(raw.to_string()),
            _ => Err(error(s, quoted(raw))),
        },
        Kind::Text(max) => {
            if raw.chars().count() <= max {
                Ok(raw.to_string())
            } else {
                Err(error(s, quoted(raw)))
            }
        }
        Kind::List {
            item,
            min_items,
            max_items,
        } => {
            let items: Vec<&str> = raw
                .split([',', ';', ' ', '\t', '\n'])
                .filter(|p| !p.is_empty())
                .collect();
            if !(min_items..=max_items).contains(&items.len()) {
                return Err(error(s, quoted(raw)));
            }
            let mut out = Vec::with_capacity(items.len());
            for (i, it) in items.into_iter().enumerate() {
                let checked = check_kind(s, item, it).map_err(|_| ConfigError::Setting {
                    key: s.key,
                    range: s.range(),
                    got: format!("{} as item {}", quoted(it), i + 1),
                    item: Some(i + 1),
                })?;
                out.push(checked);
            }
            Ok(out.join(","))
        }
    }
}

/// Checks text typed in the form or carried by a link; returns its canonical text (numbers
/// in their shortest exact form, lists comma-separated) or an error naming the key.
pub fn check(s: &Setting, raw: &str) -> Result<String, ConfigError> {
    check_kind(s, &s.kind, raw.trim())
}

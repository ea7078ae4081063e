//! Checking values against their setting's row: text from the URL or the form, and typed
//! values held by the `Config*` types, with one range and one message for both.

use super::{Kind, Setting, find};
use crate::decimal::parse_f64;
use crate::error::ConfigError;

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

fn row(key: &str) -> &'static Setting {
    find(key).unwrap_or_else(|| panic!("no setting has the key {key:?}"))
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
                Err(error(s, compact(v)))
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

/// Checks a number held by a config against the range of setting `key`.
///
/// # Panics
/// If `key` names no setting or a setting that is not a number (a programming error).
pub fn number(key: &str, v: f64) -> Result<f64, ConfigError> {
    let s = row(key);
    assert!(
        matches!(s.kind, Kind::Number { .. }),
        "{key} is not a number"
    );
    if in_number_range(&s.kind, v) {
        Ok(v)
    } else {
        Err(error(s, compact(v)))
    }
}

/// Checks a whole number held by a config (as the page sends it, an `f64`) against the
/// range of setting `key`, which may be an integer or a choice of integers.
///
/// # Panics
/// If `key` names no setting (a programming error).
pub fn integer(key: &str, v: f64) -> Result<u64, ConfigError> {
    let s = row(key);
    let ok = v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 2f64.powi(53);
    if ok && check(s, &format!("{}", v as u64)).is_ok() {
        Ok(v as u64)
    } else {
        Err(error(s, compact(v)))
    }
}

/// Checks a word held by a config against the choices of setting `key`.
///
/// # Panics
/// If `key` names no setting (a programming error).
pub fn choice<'a>(key: &str, v: &'a str) -> Result<&'a str, ConfigError> {
    let s = row(key);
    check(s, v).map(|_| v)
}

/// Checks text held by a config against setting `key` (length, or the list's items).
///
/// # Panics
/// If `key` names no setting (a programming error).
pub fn text(key: &str, v: &str) -> Result<String, ConfigError> {
    check(row(key), v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn negative_zero_is_written_as_zero() {
        assert_eq!(compact(-0.0), "0");
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(-1e-7), "-1e-7");
    }

    use super::*;

    #[test]
    fn lists_name_the_bad_item_and_numbers_print_compactly() {
        let e = text("ntargets", "1, 0, 7, 0").unwrap_err();
        assert_eq!(e.field(), "ntargets");
        assert_eq!(e.item(), Some(3));
        assert_eq!(
            e.to_string(),
            "custom targets must be a list of 4 items, each a number in [0, 1] (got \"7\" as item 3)"
        );
        assert_eq!(text("ntargets", "1 0;0,1").unwrap(), "1,0,0,1");
        assert_eq!(compact(1e300), "1e300");
        assert_eq!(compact(-1.5e-7), "-1.5e-7");
        assert_eq!(compact(0.01), "0.01");
        assert_eq!(echo(&"x".repeat(100)).chars().count(), 40);
        let long = text("f", &"y".repeat(300)).unwrap_err().to_string();
        assert!(
            long.ends_with(&format!("(got \"{}…\")", "y".repeat(39))),
            "{long}"
        );
        assert_eq!(integer("steps", 1e3).unwrap(), 1000);
        assert_eq!(check(find("steps").unwrap(), "1e3").unwrap(), "1000");
    }
}

//! Checking values held by the `Config*` types against the row of the setting named by its
//! key (the rows' own checks are in [`crate::numerics::declared`]).

use super::{Kind, Setting, check, find};
use crate::error::ConfigError;

fn row(key: &str) -> &'static Setting {
    find(key).unwrap_or_else(|| panic!("no setting has the key {key:?}"))
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
    s.number(v)
}

/// Checks a whole number held by a config (as the page sends it, an `f64`) against the
/// range of setting `key`, which may be an integer or a choice of integers.
///
/// # Panics
/// If `key` names no setting (a programming error).
pub fn integer(key: &str, v: f64) -> Result<u64, ConfigError> {
    row(key).integer(v)
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
    use crate::settings::{compact, echo};

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

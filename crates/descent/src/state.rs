//! The URL state: the settings tables ([`crate::settings`]) read from and written to a link,
//! canonically (only non-default values, in table order).

use crate::settings::{self, Values};

/// A parsed link: every setting's value (its default where absent or invalid) and a message
/// for every value that was present but invalid.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The values, one canonical text per setting.
    pub values: Values,
    /// `(key, message)` for each rejected value.
    pub errors: Vec<(String, String)>,
}

impl State {
    /// The value of `key` as text (its default if unset; `None` for an unknown key).
    pub fn get(&self, key: &str) -> Option<&str> {
        settings::find(key).map(|s| self.values.get(s.key))
    }
}

/// Every setting a link can carry, in the order it writes them.
pub fn fields() -> impl Iterator<Item = &'static settings::Setting> {
    settings::all()
}

/// Parses a query such as `gamma=0.1&seed=7` (a leading `#` or `?` is ignored). Unknown
/// keys are ignored; invalid values fall back to the default and are reported. Never
/// panics, whatever the text.
pub fn parse(query: &str) -> State {
    let query = query.trim_start_matches(['#', '?']);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let (values, errors) = Values::lenient(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let errors = errors
        .into_iter()
        .map(|e| (e.field().to_string(), e.to_string()))
        .collect();
    State { values, errors }
}

/// Serialises `pairs` canonically: valid known keys only, in table order, defaults omitted.
pub fn serialize<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let (values, _) = Values::lenient(pairs);
    write(&values)
}

/// The canonical query of `values`: every non-default value, in table order.
pub fn write(values: &Values) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for s in settings::all() {
        if !values.is_default(s) {
            out.append_pair(s.key, values.get(s.key));
        }
    }
    out.finish()
}

/// The canonical form of any query: parse, then write (idempotent).
pub fn canonical(query: &str) -> String {
    write(&parse(query).values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_zero_is_written_as_zero() {
        let link = canonical("#x0=-0&seed=7");
        assert!(link.contains("x0=0&") || link.ends_with("x0=0"), "{link}");
        assert!(!link.contains("-0"), "{link}");
        assert_eq!(canonical(&link), link);
    }

    #[test]
    fn parse_reads_values_and_reports_bad_ones() {
        let s = parse("#gamma=0.1&seed=7&h=-1&bogus=3&f=x%5E2");
        assert_eq!(s.get("gamma"), Some("0.1"));
        assert_eq!(s.get("seed"), Some("7"));
        assert_eq!(parse("").get("seed"), Some(""));
        assert_eq!(s.get("h"), Some("0.001"));
        assert_eq!(s.get("f"), Some("x^2"));
        assert_eq!(s.get("bogus"), None);
        assert_eq!(
            s.errors,
            vec![(
                "h".to_string(),
                "h (difference step) must be a number in (0, 10] (got -1)".to_string()
            )]
        );
    }

    #[test]
    fn serialize_is_canonical_and_round_trips() {
        let q = serialize([("seed", "7"), ("gamma", "0.10"), ("h", "0.001"), ("x", "1")]);
        assert_eq!(q, "seed=7&gamma=0.1");
        assert_eq!(serialize([("seed", "1")]), "seed=1", "the seed is written");
        let s = parse(&q);
        assert_eq!(s.get("gamma"), Some("0.1"));
        assert!(s.errors.is_empty());
        assert_eq!(serialize([("f", "x^2 + 1")]), "f=x%5E2+%2B+1");
        assert_eq!(
            parse(&serialize([("f", "x^2 + 1")])).get("f"),
            Some("x^2 + 1")
        );
    }

    #[test]
    fn the_values_the_form_accepted_before_now_round_trip() {
        for (key, value) in [
            ("steps", "500000"),
            ("gamma", "5000"),
            ("h", "5"),
            ("x0", "12345678"),
            ("lo", "-10000000"),
            ("h2", "5"),
            ("steps2", "100001"),
        ] {
            let q = serialize([(key, value)]);
            let s = parse(&q);
            assert!(s.errors.is_empty(), "{key}={value}: {:?}", s.errors);
            assert_eq!(s.get(key), Some(value), "{key}={value} via {q}");
        }
    }

    #[test]
    fn messages_cut_long_values_and_print_numbers_compactly() {
        let long = "9".repeat(100_000);
        let s = parse(&format!("gamma=0.{long}&x0=1e300&f={}", "x".repeat(300)));
        for (_, m) in &s.errors {
            assert!(m.chars().count() < 140, "{m}");
        }
        let x0 = &s.errors.iter().find(|e| e.0 == "x0").unwrap().1;
        assert_eq!(
            x0,
            "x₀ (start point) must be a number in [-1e9, 1e9] (got 1e300)"
        );
        assert!(s.errors.iter().any(|e| e.0 == "f" && e.1.contains('…')));
    }
}

//! The URL state: the settings tables ([`crate::settings`]) read from and written to a link,
//! canonically (only non-default values of the page and of the lesson shown, in table order).

use crate::error::ConfigError;
use crate::settings::{self, Values};

/// A parsed link: every setting's value (its default where absent or invalid) and a message
/// for every value that was present but invalid, every unknown key, and every key of a
/// lesson other than the link's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The values, one canonical text per setting.
    pub values: Values,
    /// `(key, message)` for each rejected value or key.
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

/// Parses a query such as `gamma=0.1&seed=7` (a leading `#` or `?` is ignored). Only
/// %-escapes are decoded: a `+` is a plus, as in `fn2=x**2+y**2`. Invalid values fall back to
/// the default and are reported; so are unknown keys (with the nearest key when one is
/// close) and keys of a lesson other than the link's. Never panics, whatever the text.
pub fn parse(query: &str) -> State {
    let query = query.trim_start_matches(['#', '?']).replace('+', "%2B");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let (mut values, mut errors) =
        Values::lenient(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if own_points_imply_their_gate(&values) && !pairs.iter().any(|(k, _)| k == "ngate") {
        // A valid word of the gate's row: cannot fail.
        let _ = values.set("ngate", "points");
    }
    let lesson = values.get("lesson").to_string();
    let opt = match lesson.as_str() {
        "1d" => values.get("opt1"),
        "2d" => values.get("opt"),
        _ => "",
    }
    .to_string();
    for (key, _) in &pairs {
        match settings::find(key) {
            None if key.is_empty() => {}
            None => errors.push(ConfigError::UnknownKey {
                key: settings::echo(key),
                near: settings::nearest_key(key, &lesson, &opt),
            }),
            Some(s) => {
                let table = settings::table_of(s.key);
                let own = table == "page" || table == lesson;
                let bad = errors.iter().any(|e| e.field() == s.key);
                if !own && !bad && !values.is_default(s) {
                    errors.push(ConfigError::OtherLesson {
                        key: s.key,
                        lesson: table,
                    });
                }
            }
        }
    }
    let errors = errors
        .into_iter()
        .map(|e| (e.field().to_string(), e.to_string()))
        .collect();
    State { values, errors }
}

/// Whether `values` hold a person's own points (`ndata` not at its default): a link that
/// carries them without naming a gate opens on them (`ngate=points`), and a link written
/// with them names its gate even when it is the default, so that it keeps that gate.
fn own_points_imply_their_gate(values: &Values) -> bool {
    settings::find("ndata").is_some_and(|s| !values.is_default(s))
}

/// Serialises `pairs` canonically: valid known keys of the page and of the lesson they name
/// only, in table order, defaults omitted.
pub fn serialize<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let (values, _) = Values::lenient(pairs);
    write(&values)
}

/// `text` with every byte but ASCII letters, digits and `*-._` %-escaped (a space is `%20`,
/// so that a `+` in a link is always a plus).
pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The canonical query of `values`: every non-default value of the page's table and of the
/// lesson's table, in table order (a link carries no settings of a lesson it does not show).
pub fn write(values: &Values) -> String {
    let lesson = values.get("lesson");
    let mut out = Vec::new();
    for s in settings::all() {
        let table = settings::table_of(s.key);
        let named =
            !values.is_default(s) || (s.key == "ngate" && own_points_imply_their_gate(values));
        if (table == "page" || table == lesson) && named {
            out.push(format!("{}={}", s.key, encode(values.get(s.key))));
        }
    }
    out.join("&")
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
        let s = parse("#gamma=0.1&seed=7&h=-1&f=x%5E2");
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
    fn a_plus_is_a_plus_and_only_escapes_decode() {
        let s = parse("#lesson=2d&fn2=x**2+y**2");
        assert_eq!(s.get("fn2"), Some("x**2+y**2"));
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(parse("#f=x**2+1").get("f"), Some("x**2+1"));
        assert_eq!(parse("#f=x%20%2B%201").get("f"), Some("x + 1"));
        assert_eq!(canonical("#f=x**2+1"), "f=x**2%2B1");
        assert_eq!(canonical("#f=x + 1"), "f=x%20%2B%201");
        assert_eq!(encode("a b+c&d=é"), "a%20b%2Bc%26d%3D%C3%A9");
    }

    #[test]
    fn own_points_in_a_link_open_on_them_unless_it_names_a_gate() {
        let s = parse("#lesson=neuron&ndata=0,0,0%3B1,1,1");
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.get("ngate"), Some("points"));
        assert_eq!(s.get("ndata"), Some("0,0,0;1,1,1"));
        assert_eq!(
            write(&s.values),
            "lesson=neuron&ngate=points&ndata=0%2C0%2C0%3B1%2C1%2C1"
        );
        // A gate named beside them is kept, and written even when it is the default.
        let and = parse("lesson=neuron&ngate=and&ndata=0,0,0;1,1,1");
        assert_eq!(and.get("ngate"), Some("and"));
        assert_eq!(
            canonical("lesson=neuron&ngate=and&ndata=0,0,0;1,1,1"),
            write(&and.values)
        );
        assert!(write(&and.values).contains("ngate=and&ndata="));
        assert_eq!(parse(&write(&and.values)).values, and.values);
        // Without points nothing is implied, and the default gate is not written.
        assert_eq!(parse("lesson=neuron").get("ngate"), Some("and"));
        assert_eq!(canonical("lesson=neuron&ngate=and"), "lesson=neuron");
    }

    #[test]
    fn unknown_keys_are_reported_with_the_nearest_key() {
        let s = parse("#gama=0.5&zzzz=1&=3");
        assert_eq!(
            s.errors,
            vec![
                (
                    "gama".to_string(),
                    "gama is not a setting (did you mean gamma?)".to_string()
                ),
                ("zzzz".to_string(), "zzzz is not a setting".to_string()),
            ]
        );
        assert_eq!(s.get("gamma"), Some("0.01"));
        let s = parse("#lesson=neuron&nbias=1,0,0,1&nlr2=0.3");
        let messages: Vec<&str> = s.errors.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(
            messages,
            [
                "nbias is not a setting",
                "nlr2 is not a setting (did you mean nlr?)"
            ]
        );
        // The lesson's own keys come first: `lr` is one edit from the neuron's `nlr` and
        // from lesson 1's `lo`.
        let s = parse("#lesson=neuron&lr=0.3");
        assert_eq!(s.errors[0].1, "lr is not a setting (did you mean nlr?)");
        let s = parse("#lr=0.3");
        assert_eq!(s.errors[0].1, "lr is not a setting (did you mean lo?)");
        let long = "k".repeat(500);
        let m = &parse(&format!("{long}=1")).errors[0].1;
        assert!(m.chars().count() < 80, "{m}");
    }

    #[test]
    fn a_key_of_another_lesson_needs_its_lesson() {
        let s = parse("#fn2=x**2");
        assert_eq!(
            s.errors,
            vec![(
                "fn2".to_string(),
                "fn2 (f(x, y)) is a setting of lesson 2d: the link needs lesson=2d".to_string()
            )]
        );
        assert!(parse("#lesson=2d&fn2=x**2").errors.is_empty());
        // The page's settings belong to every lesson; a default value says nothing.
        assert!(
            parse("#lesson=neuron&seed=3&quiz=1&gamma=0.01")
                .errors
                .is_empty()
        );
        // The canonical link of a lesson carries no other lesson's settings.
        assert_eq!(canonical("#seed=1&nlr=0.3&gamma=0.2"), "seed=1&gamma=0.2");
        assert_eq!(
            canonical("#lesson=neuron&nlr=0.3&gamma=0.2"),
            "lesson=neuron&nlr=0.3"
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
        assert_eq!(serialize([("f", "x^2 + 1")]), "f=x%5E2%20%2B%201");
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
            let lesson = settings::table_of(key).replace("page", "1d");
            let q = serialize([("lesson", lesson.as_str()), (key, value)]);
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
        // Beyond f64's range: the number as typed, not `inf`.
        let s = parse("x0=1e400&gamma=-1e999");
        let said: Vec<&str> = s.errors.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(
            said,
            [
                "x₀ (start point) must be a number in [-1e9, 1e9] (got 1e400)",
                "γ (learning rate) must be a number in (0, 10000] (got -1e999)"
            ]
        );
    }
}

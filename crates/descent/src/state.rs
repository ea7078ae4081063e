//! The URL state table: which settings a link carries, parsed and validated here,
//! serialised back canonically (only non-default values, in table order).

use std::collections::BTreeMap;

/// What kind of value a field holds and its valid range.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A finite number in [min, max]; `positive` excludes min itself.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Whether min itself is excluded.
        open_min: bool,
    },
    /// An integer in [min, max].
    Integer {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
    },
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// Free text up to this many characters.
    Text(usize),
}

/// One row of the table: a key, its kind and its default as canonical text.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the URL, e.g. `gamma`.
    pub key: &'static str,
    /// The kind and range.
    pub kind: Kind,
    /// The default value, as text.
    pub default: &'static str,
}

/// A parsed state: every field's value (default where absent or invalid) and a message
/// for every field that was present but invalid.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    values: BTreeMap<&'static str, String>,
    /// `(key, message)` for each rejected value.
    pub errors: Vec<(String, String)>,
}

impl State {
    /// The value of `key` as text (its default if unset).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }
}

/// A learning rate γ: in (0, 1000].
const GAMMA: Kind = Kind::Number {
    min: 0.0,
    max: 1e3,
    open_min: true,
};

/// A finite-difference step h: in (0, 1].
const STEP_H: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: true,
};

/// A gradient mode.
const GRADIENT_MODE: Kind = Kind::Choice(&["central", "exact", "forward"]);

/// The table of every setting the page lets a link carry.
pub const FIELDS: &[Field] = &[
    Field {
        key: "lesson",
        kind: Kind::Choice(&["1d", "2d", "neuron"]),
        default: "1d",
    },
    Field {
        key: "seed",
        kind: Kind::Integer {
            min: 0,
            max: u32::MAX as u64,
        },
        // No default: a page opened without a seed draws a fresh one and writes it back.
        default: "",
    },
    Field {
        key: "f",
        kind: Kind::Text(200),
        default: "(x-1)**2",
    },
    Field {
        key: "gamma",
        kind: GAMMA,
        default: "0.01",
    },
    Field {
        key: "h",
        kind: STEP_H,
        default: "0.001",
    },
    Field {
        key: "mode",
        kind: GRADIENT_MODE,
        default: "central",
    },
    Field {
        key: "x0",
        kind: Kind::Number {
            min: -1e6,
            max: 1e6,
            open_min: false,
        },
        default: "3",
    },
    Field {
        key: "steps",
        kind: Kind::Integer {
            min: 1,
            max: 100_000,
        },
        default: "50",
    },
    Field {
        key: "n",
        kind: Kind::Integer {
            min: 1,
            max: 10_000,
        },
        default: "50",
    },
    Field {
        key: "lo",
        kind: Kind::Number {
            min: -1e6,
            max: 1e6,
            open_min: false,
        },
        default: "-10",
    },
    Field {
        key: "hi",
        kind: Kind::Number {
            min: -1e6,
            max: 1e6,
            open_min: false,
        },
        default: "10",
    },
    Field {
        key: "multi",
        kind: Kind::Choice(&["0", "1"]),
        default: "0",
    },
    // The neuron lesson (issue 5); its defaults are the notebook's In[22]–In[35] run.
    Field {
        key: "ngate",
        kind: Kind::Choice(&["and", "or", "nand", "nor", "xor", "custom"]),
        default: "and",
    },
    Field {
        key: "ntargets",
        kind: Kind::Text(40),
        default: "1,0,0,0",
    },
    Field {
        key: "nhidden",
        kind: Kind::Choice(&["0", "2", "3", "4", "5", "6", "7", "8"]),
        default: "0",
    },
    Field {
        key: "nact",
        kind: Kind::Choice(&["sigmoid", "tanh", "relu"]),
        default: "sigmoid",
    },
    Field {
        key: "nlr",
        kind: Kind::Number {
            min: 0.0,
            max: 100.0,
            open_min: true,
        },
        default: "0.5",
    },
    Field {
        key: "norder",
        kind: Kind::Choice(&["data", "shuffle", "batch"]),
        default: "data",
    },
    Field {
        key: "ninit",
        kind: Kind::Choice(&["notebook", "seeded", "explicit"]),
        default: "notebook",
    },
    Field {
        key: "nweights",
        kind: Kind::Text(400),
        default: "",
    },
    Field {
        key: "ncost",
        kind: Kind::Number {
            min: 0.0,
            max: 1.0,
            open_min: false,
        },
        default: "0.001",
    },
    Field {
        key: "nepochs",
        kind: Kind::Integer {
            min: 1,
            max: 100_000,
        },
        default: "20000",
    },
    // Issue 3: the derivative lab's step h (its log-scale slider, 1e-16 to 1).
    Field {
        key: "labh",
        kind: Kind::Number {
            min: 1e-16,
            max: 1.0,
            open_min: false,
        },
        default: "0.001",
    },
    // The 2-D lesson (issue 4).
    // The 2-D lesson's own γ, h and gradient mode, so that each lesson keeps its settings.
    Field {
        key: "gamma2",
        kind: GAMMA,
        default: "0.01",
    },
    Field {
        key: "h2",
        kind: STEP_H,
        default: "0.001",
    },
    Field {
        key: "mode2",
        kind: GRADIENT_MODE,
        default: "central",
    },
    Field {
        key: "opt",
        kind: Kind::Choice(crate::optim::NAMES),
        default: "gd",
    },
    Field {
        key: "order",
        kind: Kind::Choice(&["simultaneous", "sequential"]),
        default: "simultaneous",
    },
    Field {
        key: "steps2",
        kind: Kind::Integer {
            min: 1,
            max: 100_000,
        },
        default: "100",
    },
    Field {
        key: "n2",
        kind: Kind::Integer {
            min: 1,
            max: 10_000,
        },
        default: "4",
    },
    Field {
        key: "box",
        kind: Kind::Number {
            min: 0.0,
            max: 1e6,
            open_min: true,
        },
        default: "3",
    },
    Field {
        key: "levels",
        kind: Kind::Choice(&["quantile", "log"]),
        default: "quantile",
    },
    Field {
        key: "race",
        kind: Kind::Text(80),
        default: "",
    },
    Field {
        key: "elev",
        kind: Kind::Number {
            min: -90.0,
            max: 90.0,
            open_min: false,
        },
        default: "57",
    },
    Field {
        key: "azim",
        kind: Kind::Number {
            min: -360.0,
            max: 360.0,
            open_min: false,
        },
        default: "25",
    },
    Field {
        key: "fn2",
        kind: Kind::Text(200),
        default: "x**4 + y**4 - 2*(x-y)**2",
    },
    Field {
        key: "starts2",
        kind: Kind::Text(600),
        default: "",
    },
    Field {
        key: "multi2",
        kind: Kind::Choice(&["0", "1"]),
        default: "1",
    },
];

/// Checks one value against its field; returns the canonical text.
pub fn check(field: &Field, raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    match &field.kind {
        Kind::Number { min, max, open_min } => {
            let v: f64 = raw
                .parse()
                .map_err(|_| format!("{} must be a number (got \"{raw}\")", field.key))?;
            let low_ok = if *open_min { v > *min } else { v >= *min };
            if v.is_finite() && low_ok && v <= *max {
                Ok(format!("{v}"))
            } else {
                let lb = if *open_min { "(" } else { "[" };
                Err(format!(
                    "{} must be in {lb}{min}, {max}] (got {raw})",
                    field.key
                ))
            }
        }
        Kind::Integer { min, max } => match raw.parse::<u64>() {
            Ok(v) if (*min..=*max).contains(&v) => Ok(v.to_string()),
            _ => Err(format!(
                "{} must be an integer from {min} to {max} (got \"{raw}\")",
                field.key
            )),
        },
        Kind::Choice(options) => {
            if options.contains(&raw) {
                Ok(raw.to_string())
            } else {
                Err(format!(
                    "{} must be one of {} (got \"{raw}\")",
                    field.key,
                    options.join(", ")
                ))
            }
        }
        Kind::Text(max) => {
            if raw.chars().count() <= *max {
                Ok(raw.to_string())
            } else {
                Err(format!("{} is longer than {max} characters", field.key))
            }
        }
    }
}

/// Parses a query such as `gamma=0.1&seed=7` (a leading `#` or `?` is ignored). Unknown
/// keys are ignored; invalid values fall back to the default and are reported.
pub fn parse(query: &str) -> State {
    let query = query.trim_start_matches(['#', '?']);
    let mut state = State::default();
    for field in FIELDS {
        state.values.insert(field.key, field.default.to_string());
    }
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(field) = FIELDS.iter().find(|f| f.key == key) {
            match check(field, &value) {
                Ok(v) => {
                    state.values.insert(field.key, v);
                }
                Err(e) => state.errors.push((key.into_owned(), e)),
            }
        }
    }
    state
}

/// Serialises `pairs` canonically: valid known keys only, in table order, defaults omitted.
pub fn serialize<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let given: BTreeMap<&str, &str> = pairs.into_iter().collect();
    let mut out = form_urlencoded::Serializer::new(String::new());
    for field in FIELDS {
        if let Some(raw) = given.get(field.key)
            && let Ok(v) = check(field, raw)
            && v != canonical_default(field)
        {
            out.append_pair(field.key, &v);
        }
    }
    out.finish()
}

fn canonical_default(field: &Field) -> String {
    check(field, field.default).unwrap_or_else(|_| field.default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        // An empty default means "none": the page chooses (the seed) and always writes it.
        for f in FIELDS.iter().filter(|f| !f.default.is_empty()) {
            assert!(check(f, f.default).is_ok(), "{}", f.key);
        }
    }

    #[test]
    fn parse_reads_values_and_reports_bad_ones() {
        let s = parse("#gamma=0.1&seed=7&h=-1&bogus=3&f=x%5E2");
        assert_eq!(s.get("gamma"), Some("0.1"));
        assert_eq!(s.get("seed"), Some("7"));
        assert_eq!(parse("").get("seed"), Some(""));
        assert_eq!(s.get("h"), Some("0.001"));
        assert_eq!(s.get("f"), Some("x^2"));
        assert_eq!(
            s.errors,
            vec![("h".to_string(), "h must be in (0, 1] (got -1)".to_string())]
        );
    }

    #[test]
    fn serialize_is_canonical_and_round_trips() {
        let q = serialize([("seed", "7"), ("gamma", "0.10"), ("h", "0.001"), ("x", "1")]);
        assert_eq!(q, "seed=7&gamma=0.1");
        assert_eq!(
            serialize([("seed", "1")]),
            "seed=1",
            "the seed is always written"
        );
        let s = parse(&q);
        assert_eq!(s.get("gamma"), Some("0.1"));
        assert!(s.errors.is_empty());
        assert_eq!(serialize([("f", "x^2 + 1")]), "f=x%5E2+%2B+1");
        assert_eq!(
            parse(&serialize([("f", "x^2 + 1")])).get("f"),
            Some("x^2 + 1")
        );
    }
}

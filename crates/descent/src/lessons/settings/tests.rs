//! Tests of the settings tables: every row is sound, every valid value survives the link,
//! every invalid one is named by its key, and the URL parser survives hostile hashes.

use std::io::Write;
use std::rc::Rc;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::*;
use crate::lesson2d::Config2D;
use crate::lessons::Config1D;
use crate::neuron::NeuronConfig;
use crate::state;

/// Cases per property: the `DESCENT_FUZZ_CASES` environment variable, or `default`.
fn cases(default: u32) -> u32 {
    std::env::var("DESCENT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Prints past the test harness's capture, so the test command shows the counts.
fn report(what: &str, n: u32) {
    let _ = writeln!(std::io::stderr(), "settings: {what}: {n} cases tried");
}

fn run(name: &str, n: u32, test: impl Fn(&mut TestRunner) -> Result<(), String>) {
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(e) = test(&mut runner) {
        panic!("{name}: {e}");
    }
    report(name, n);
}

#[test]
fn every_row_is_sound() {
    let mut keys: Vec<&str> = all().map(|s| s.key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all().count(), "keys are unique");
    for s in all() {
        assert!(!s.label.is_empty() && !s.help.is_empty(), "{}", s.key);
        if !s.default.is_empty() || !matches!(s.kind, Kind::Integer { .. }) {
            assert_eq!(check(s, s.default).as_deref(), Ok(s.default), "{}", s.key);
        }
    }
    let opt = find("opt").unwrap();
    let Kind::Choice(options) = opt.kind else {
        panic!("opt is a choice")
    };
    let words: Vec<&str> = options.iter().map(|c| c.value).collect();
    let names: Vec<&str> = crate::optim::RULES.iter().map(|r| r.name).collect();
    assert_eq!(words, names, "the optimizer choices are the registry's");
    // The defaults are the notebook's runs (the seed aside: the page draws one).
    let mut v = Values::defaults();
    v.set("seed", "1").unwrap();
    assert_eq!(Config1D::from_values(&v), Config1D::default());
    let c2 = Config2D::from_values(&v);
    assert_eq!(
        c2.optimizer_spec().unwrap(),
        Config2D::default().optimizer_spec().unwrap(),
        "the table's hyperparameter defaults are the factory's"
    );
    assert_eq!(
        c2,
        Config2D {
            params: c2.params.clone(),
            ..Config2D::default()
        }
    );
    let n = NeuronConfig::from_values(&v);
    assert_eq!(n.targets, "1,0,0,0");
    assert_eq!(
        n,
        NeuronConfig {
            targets: n.targets.clone(),
            ..NeuronConfig::default()
        }
    );
}

/// A valid text for `kind`, bounds included often.
fn valid(kind: &'static Kind) -> BoxedStrategy<String> {
    match *kind {
        Kind::Number {
            min,
            max,
            open_min,
            open_max,
        } => {
            let lo = if open_min {
                min + (max - min) * 1e-9
            } else {
                min
            };
            let hi = if open_max {
                max - (max - min) * 1e-9
            } else {
                max
            };
            prop_oneof![
                Just(compact(hi)),
                Just(compact(lo)),
                (lo..=hi).prop_map(compact),
                (0.0f64..=1.0).prop_map(move |t| compact(lo + (hi - lo) * t * t * t)),
            ]
            .boxed()
        }
        Kind::Integer { min, max } => prop_oneof![
            Just(min.to_string()),
            Just(max.to_string()),
            (min..=max).prop_map(|v| v.to_string())
        ]
        .boxed(),
        Kind::Choice(options) => proptest::sample::select(options)
            .prop_map(|c| c.value.to_string())
            .boxed(),
        Kind::Flag => prop_oneof![Just("0".to_string()), Just("1".to_string())].boxed(),
        Kind::Text(max) => proptest::collection::vec(any::<char>(), 0..=max.min(60))
            .prop_map(|cs| cs.into_iter().collect::<String>().trim().to_string())
            .boxed(),
        Kind::List {
            item,
            min_items,
            max_items,
        } => proptest::collection::vec(valid(item), min_items..=max_items)
            .prop_map(|v| v.join(","))
            .boxed(),
    }
}

/// An invalid text for `kind`, if the kind has any.
fn invalid(kind: &'static Kind) -> Option<BoxedStrategy<String>> {
    Some(match *kind {
        Kind::Number {
            min,
            max,
            open_min,
            open_max,
        } => {
            let below = if open_min {
                min
            } else {
                min - (max - min).abs() * 0.5 - 1.0
            };
            let above = if open_max {
                max
            } else {
                max + (max.abs() + 1.0)
            };
            prop_oneof![
                Just(compact(below)),
                Just(compact(above)),
                Just("1e400".to_string()),
                Just("NaN".to_string()),
                Just("<img src=x onerror=alert(1)>".to_string()),
                "[a-z%#&]{1,200}",
            ]
            .boxed()
        }
        Kind::Integer { min, max } => prop_oneof![
            Just((max + 1).to_string()),
            Just(format!("{min}.5")),
            Just("-1".to_string()),
            "[a-z]{1,10}",
        ]
        .boxed(),
        Kind::Choice(_) | Kind::Flag => "[A-Z]{1,12}|<script>".boxed(),
        Kind::Text(max) => Just("y".repeat(max + 1 + max / 2)).boxed(),
        Kind::List { max_items, .. } => Just(vec!["zz"; max_items + 1].join(",")).boxed(),
    })
}

/// Random valid values for every setting of `table` (and the seed).
/// Valid values of every row of `table` and of the page's, on the lesson of `table` (a link
/// carries only the settings of the lesson it opens).
fn valid_values(table: &'static [Setting]) -> BoxedStrategy<Vec<(&'static str, String)>> {
    let rows: Vec<&'static Setting> = table.iter().chain(PAGE.iter()).collect();
    let lesson = table_of(table[0].key);
    let strategies: Vec<BoxedStrategy<(&'static str, String)>> = rows
        .into_iter()
        .map(|s| match s.key {
            "lesson" if lesson != "page" => Just(("lesson", lesson.to_string())).boxed(),
            // Own points are text the neuron reads as x1,x2,label triples (few enough that the
            // largest network trains within its budget at the epoch limit: 12 × 33 × 100000).
            "ndata" => {
                proptest::collection::vec((-10.0f64..=10.0, -10.0f64..=10.0, 0..=1u8), 1..=12)
                    .prop_map(|ps| {
                        let ps: Vec<String> = ps
                            .into_iter()
                            .map(|(a, b, l)| format!("{},{},{l}", compact(a), compact(b)))
                            .collect();
                        ("ndata", ps.join(";"))
                    })
                    .boxed()
            }
            _ => valid(&s.kind).prop_map(move |v| (s.key, v)).boxed(),
        })
        .collect();
    strategies.boxed()
}

fn lesson_configs(v: &Values) -> (Config1D, Config2D, NeuronConfig) {
    (
        Config1D::from_values(v),
        Config2D::from_values(v),
        NeuronConfig::from_values(v),
    )
}

/// The same short run from two equal 1-D configs, on the notebook's function.
fn same_run_1d(a: &Config1D, b: &Config1D) -> bool {
    let short = |c: &Config1D| Config1D {
        steps: c.steps.min(64.0),
        f: "(x-1)**2".into(),
        ..c.clone()
    };
    let obj = || -> Rc<dyn crate::Objective> { Rc::new(crate::objective::notebook_1d()) };
    let (mut ra, mut rb) = (
        short(a).build(obj()).unwrap(),
        short(b).build(obj()).unwrap(),
    );
    ra.finish();
    rb.finish();
    ra.history() == rb.history()
}

/// The same short run from two equal 2-D configs, from the first seeded start.
fn same_run_2d(a: &Config2D, b: &Config2D) -> bool {
    let short = |c: &Config2D| Config2D {
        steps: c.steps.min(32.0),
        n: 1.0,
        ..c.clone()
    };
    let obj = || -> Rc<dyn crate::Objective> { Rc::new(crate::objective::notebook_2d()) };
    let (ra, rb) = (
        short(a).simulate_multistart(obj()).unwrap(),
        short(b).simulate_multistart(obj()).unwrap(),
    );
    ra.traced(0).map(|t| t.run().history()) == rb.traced(0).map(|t| t.run().history())
}

#[test]
fn every_valid_value_survives_the_link() {
    for (name, table) in TABLES.iter().copied() {
        run(
            &format!("valid values → link → config ({name})"),
            cases(256),
            |runner| {
                runner
                    .run(&valid_values(table), |pairs| {
                        let given = Values::strict(pairs.iter().map(|(k, v)| (*k, v.as_str())))
                            .map_err(|e| TestCaseError::fail(e.to_string()))?;
                        let link = state::write(&given);
                        let back = state::parse(&link);
                        prop_assert!(back.errors.is_empty(), "{:?}", back.errors);
                        prop_assert_eq!(&back.values, &given, "link {}", link);
                        prop_assert_eq!(state::canonical(&link), link.clone());
                        let (a1, a2, a3) = lesson_configs(&given);
                        let (b1, b2, b3) = lesson_configs(&back.values);
                        match name {
                            "1d" => {
                                prop_assert!(a1.validate().is_ok(), "{:?}", a1.validate());
                                prop_assert_eq!(&a1, &b1);
                                prop_assert!(same_run_1d(&a1, &b1));
                            }
                            "2d" => {
                                prop_assert!(a2.validate().is_ok(), "{:?}", a2.validate());
                                prop_assert_eq!(format!("{a2:?}"), format!("{b2:?}"));
                                prop_assert!(same_run_2d(&a2, &b2));
                            }
                            "neuron" => {
                                prop_assert!(a3.validate().is_ok(), "{:?}", a3.validate());
                                prop_assert_eq!(&a3, &b3);
                                let explicit = a3.init == "explicit";
                                if !explicit {
                                    let (ta, tb) = (a3.build(), b3.build());
                                    prop_assert!(ta.is_ok(), "{:?}", ta.err());
                                    let (mut ta, mut tb) = (ta.unwrap(), tb.unwrap());
                                    ta.step_epochs(3);
                                    tb.step_epochs(3);
                                    prop_assert_eq!(ta.history(), tb.history());
                                }
                            }
                            _ => {}
                        }
                        Ok(())
                    })
                    .map_err(|e| e.to_string())
            },
        );
    }
}

#[test]
fn every_invalid_value_is_named_by_its_key() {
    let rows: Vec<&'static Setting> = all().filter(|s| invalid(&s.kind).is_some()).collect();
    let strategy = proptest::sample::select(rows)
        .prop_flat_map(|s| invalid(&s.kind).unwrap().prop_map(move |v| (s, v)));
    run(
        "invalid values → error naming the key",
        cases(512),
        |runner| {
            runner
                .run(&strategy, |(s, raw)| {
                    let err = Values::strict([(s.key, raw.as_str())]);
                    prop_assert!(err.is_err(), "{}={:?} was accepted", s.key, raw);
                    let err = err.unwrap_err();
                    prop_assert_eq!(err.field(), s.key);
                    let message = err.to_string();
                    prop_assert!(message.starts_with(s.label), "{}", message);
                    prop_assert!(
                        message.chars().count() <= s.label.chars().count() + 260,
                        "{}",
                        message
                    );
                    let link = format!("{}={}", s.key, state::encode(&raw));
                    let parsed = state::parse(&link);
                    prop_assert_eq!(parsed.errors.len(), 1);
                    prop_assert_eq!(&parsed.errors[0].0, s.key);
                    prop_assert!(parsed.values.is_default(s));
                    Ok(())
                })
                .map_err(|e| e.to_string())
        },
    );
}

#[test]
fn every_optimizer_hyperparameter_is_a_row_and_survives_the_link() {
    use crate::lesson2d::params_from;
    use crate::optim::{OptimSpec, RULES};
    let mut keys = Vec::new();
    for rule in RULES {
        for p in rule.params {
            let row = &p.row;
            assert!(
                LESSON_2D.contains(row),
                "{}.{} is a 2-D row",
                rule.name,
                p.name
            );
            assert!(matches!(row.kind, Kind::Number { .. } | Kind::Flag));
            keys.push(p.key());
        }
    }
    // Every row the table has between γ and h is some optimizer's hyperparameter.
    let start = LESSON_2D.iter().position(|s| s.key == "gamma2").unwrap();
    let end = LESSON_2D.iter().position(|s| s.key == "h2").unwrap();
    for s in &LESSON_2D[start..end] {
        assert!(keys.contains(&s.key), "{} is used by an optimizer", s.key);
    }
    // Random valid values of every setting of the 2-D table, the race included: every
    // optimizer (chosen or raced) runs with exactly the values the link carries.
    let strategy = valid_values(LESSON_2D);
    run(
        "optimizer hyperparameters → link → the same optimizers",
        cases(256),
        |runner| {
            runner
                .run(&strategy, |pairs| {
                    let given = Values::strict(pairs.iter().map(|(k, v)| (*k, v.as_str())))
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let back = state::parse(&state::write(&given)).values;
                    let c = Config2D::from_values(&back);
                    let spec = c
                        .optimizer_spec()
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    for (p, got) in spec.params() {
                        let want = if p.switch() {
                            f64::from(u8::from(given.flag(p.key())))
                        } else {
                            given.number(p.key())
                        };
                        prop_assert_eq!(got, want, "{}", p.key());
                    }
                    for name in RULES.iter().map(|r| r.name) {
                        let (a, b) = (params_from(name, &given), params_from(name, &back));
                        prop_assert_eq!(&a, &b);
                        let (sa, sb) = (
                            OptimSpec::new(name, &a)
                                .map_err(|e| TestCaseError::fail(e.to_string()))?,
                            OptimSpec::new(name, &b).unwrap(),
                        );
                        prop_assert_eq!(sa, sb);
                    }
                    Ok(())
                })
                .map_err(|e| e.to_string())
        },
    );
}

#[test]
fn configs_reject_what_the_table_rejects() {
    let e = Config1D {
        gamma: 2e4,
        ..Config1D::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), "gamma");
    let e = Config2D {
        lo: -1e308,
        hi: 1e308,
        ..Config2D::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), "box");
    let adam = |key: &str, v: f64| Config2D {
        optimizer: "adam".into(),
        params: std::collections::BTreeMap::from([(key.to_string(), v)]),
        ..Config2D::default()
    };
    for (key, bad, setting) in [
        ("beta1", 1.0, "adam.beta1"),
        ("beta2", -0.1, "adam.beta2"),
        ("eps", 0.0, "adam.eps"),
        ("lr", 2e4, "adam.lr"),
        ("amsgrad", 0.5, "adam.amsgrad"),
    ] {
        let e = adam(key, bad).validate().unwrap_err();
        assert_eq!(e.field(), setting, "{e}");
    }
    assert!(adam("beta1", 0.0).validate().is_ok(), "β₁ = 0 is allowed");
    assert_eq!(
        adam("beta1", 1.0).validate().unwrap_err().to_string(),
        "β₁ (first-moment decay) must be a number in [0, 1) (got 1)"
    );
    let e = NeuronConfig {
        lr: 0.0,
        ..NeuronConfig::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), "nlr");
    assert_eq!(
        e.to_string(),
        "lr (learning rate) must be a number in (0, 100] (got 0)"
    );
}

/// A hostile fragment of a hash: keys that exist, broken escapes, separators, markup.
fn hostile_piece() -> BoxedStrategy<String> {
    let keys: Vec<&'static str> = all().map(|s| s.key).collect();
    prop_oneof![
        proptest::sample::select(keys).prop_map(String::from),
        Just("%zz".to_string()),
        Just("%".to_string()),
        Just("%E2%82".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("1e308".to_string()),
        Just("-0".to_string()),
        "[=&#?+;,%0-9a-zA-Z.\\-]{0,12}",
        any::<String>(),
    ]
    .boxed()
}

#[test]
fn hostile_hashes_never_panic_and_canonicalise_idempotently() {
    let strategy = proptest::collection::vec(hostile_piece(), 0..24).prop_map(|v| v.concat());
    run("hostile hashes → canonical form", cases(2000), |runner| {
        runner
            .run(&strategy, |hash| {
                let once = state::canonical(&hash);
                prop_assert_eq!(state::canonical(&once), once.clone());
                prop_assert!(state::parse(&once).errors.is_empty());
                Ok(())
            })
            .map_err(|e| e.to_string())
    });
}

#[test]
fn a_bare_hyperparameter_name_suggests_the_chosen_methods_key() {
    let near = |typed, lesson, opt| super::nearest_key(typed, lesson, opt);
    assert_eq!(near("lr", "2d", "adamw"), Some("adamw.lr"));
    assert_eq!(near("LR", "2d", "adam"), Some("adam.lr"));
    assert_eq!(near("rho", "1d", "armijo"), Some("armijo1.rho"));
    assert_eq!(near("lr", "1d", "newton"), Some("newton1.lr"));
    // Without such a key, the nearest key by edit distance, as before.
    assert_eq!(near("lr", "1d", "gd"), Some("lo"));
    assert_eq!(near("gama", "2d", "adam"), Some("gamma"));
    let s = crate::state::parse("#lesson=2d&opt=adamw&lr=0.01");
    assert_eq!(
        s.errors[0].1,
        "lr is not a setting (did you mean adamw.lr?)"
    );
}

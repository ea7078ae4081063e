//! The settings tables and the URL state at the boundary: the page builds its inputs from
//! the exported table, hands over `location.hash` and what was typed, and Rust checks both
//! with the same rows.

use descent::lesson2d::Config2D;
use descent::lessons::Config1D;
use descent::neuron::NeuronConfig;
use descent::settings::{self, Kind, Setting, Values};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::js_error;

/// Plain data in, plain JavaScript objects out (no `Map`s).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// One option of a choice, for a `<select>`.
#[derive(Serialize)]
struct ChoiceRow {
    value: &'static str,
    label: &'static str,
}

/// One row of a settings table as the page reads it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    key: &'static str,
    label: &'static str,
    /// `number`, `integer`, `choice`, `flag`, `text` or `list`.
    kind: &'static str,
    default: &'static str,
    unit: &'static str,
    help: &'static str,
    /// The valid values in words.
    range: String,
    min: Option<f64>,
    max: Option<f64>,
    open_min: bool,
    open_max: bool,
    max_length: Option<usize>,
    choices: Vec<ChoiceRow>,
}

fn row(s: &Setting) -> Row {
    let mut r = Row {
        key: s.key,
        label: s.label,
        kind: "text",
        default: s.default,
        unit: s.unit,
        help: s.help,
        range: s.range(),
        min: None,
        max: None,
        open_min: false,
        open_max: false,
        max_length: None,
        choices: Vec::new(),
    };
    match s.kind {
        Kind::Number {
            min,
            max,
            open_min,
            open_max,
        } => {
            r.kind = "number";
            (r.min, r.max) = (Some(min), Some(max));
            (r.open_min, r.open_max) = (open_min, open_max);
        }
        Kind::Integer { min, max } => {
            r.kind = "integer";
            (r.min, r.max) = (Some(min as f64), Some(max as f64));
        }
        Kind::Choice(options) => {
            r.kind = "choice";
            r.choices = options
                .iter()
                .map(|c| ChoiceRow {
                    value: c.value,
                    label: c.label,
                })
                .collect();
        }
        Kind::Flag => r.kind = "flag",
        Kind::Text(max) => r.max_length = Some(max),
        Kind::List { .. } => r.kind = "list",
    }
    r
}

/// The settings table `name` (`page`, `1d`, `2d` or `neuron`) as an array of plain objects
/// `{key, label, kind, default, unit, help, range, min, max, openMin, openMax, maxLength,
/// choices}`.
#[wasm_bindgen(js_name = settingsTable)]
pub fn settings_table(name: &str) -> Result<JsValue, JsValue> {
    let table = settings::table(name)
        .ok_or_else(|| js_sys::Error::new(&format!("no settings table named {name:?}")))?;
    Ok(to_js(&table.iter().map(row).collect::<Vec<_>>()))
}

/// Reads `{key: text}` pairs from a JavaScript object (numbers are taken as their text).
fn pairs(values: &js_sys::Object) -> Vec<(String, String)> {
    js_sys::Object::entries(values)
        .iter()
        .filter_map(|e| {
            let e: js_sys::Array = e.into();
            let k = e.get(0).as_string()?;
            let v = e.get(1);
            let v = v
                .as_string()
                .or_else(|| v.as_f64().map(|n| n.to_string()))?;
            Some((k, v))
        })
        .collect()
}

fn values_object(values: &Values) -> js_sys::Object {
    let out = js_sys::Object::new();
    for (k, v) in values.pairs() {
        let _ = js_sys::Reflect::set(&out, &k.into(), &v.into());
    }
    out
}

/// Parses a hash such as `#gamma=0.1&seed=7` into `{values: {key: text}, errors: [[key, message]]}`.
/// Absent or invalid keys take their defaults; invalid ones are reported.
#[wasm_bindgen(js_name = parseState)]
pub fn parse_state(hash: &str) -> JsValue {
    let state = descent::state::parse(hash);
    let errors = js_sys::Array::new();
    for (k, m) in &state.errors {
        errors.push(&js_sys::Array::of2(&k.into(), &m.into()));
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"values".into(), &values_object(&state.values));
    let _ = js_sys::Reflect::set(&out, &"errors".into(), &errors);
    out.into()
}

/// Serialises `{key: text}` canonically (valid known keys, table order, defaults left out).
#[wasm_bindgen(js_name = serializeState)]
pub fn serialize_state(values: &js_sys::Object) -> String {
    let pairs = pairs(values);
    descent::state::serialize(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// One racer for `Runs2D`: an optimizer and its hyperparameters from the table.
#[derive(Serialize)]
struct Racer {
    optimizer: String,
    params: std::collections::BTreeMap<String, f64>,
}

/// The 1-D multi-start's settings, as its constructor reads them.
#[derive(Serialize)]
struct Starts {
    n: f64,
    lo: f64,
    hi: f64,
    seed: f64,
}

/// Checks what the person typed for `lesson` (`1d`, `2d` or `neuron`): `{key: text}`
/// over the page's state. Returns `{values, config, note}`: the canonical values to show
/// and to link (dependent settings resolved), the lesson's config for its constructor (for
/// `1d`, `starts` for the multi-start; for `2d`, `racers`: `[{optimizer, params}]` for each
/// optimizer of the race, with its own hyperparameters), and a note when a setting was
/// changed. Throws
/// an `Error` whose `field` is the key of the first invalid setting.
#[wasm_bindgen(js_name = checkSettings)]
pub fn check_settings(lesson: &str, typed: &js_sys::Object) -> Result<JsValue, JsValue> {
    let pairs = pairs(typed);
    let mut values =
        Values::strict(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(js_error)?;
    let out = js_sys::Object::new();
    let mut note = None;
    let config = match lesson {
        "1d" => {
            let c = Config1D::from_values(&values);
            c.validate().map_err(js_error)?;
            let starts = Starts {
                n: values.number("n"),
                lo: values.number("lo"),
                hi: values.number("hi"),
                seed: values.number("seed"),
            };
            if values.flag("multi") {
                descent::lessons::starts_1d(starts.n, starts.lo, starts.hi, starts.seed)
                    .map_err(js_error)?;
            }
            let _ = js_sys::Reflect::set(&out, &"starts".into(), &to_js(&starts));
            to_js(&c)
        }
        "2d" => {
            let c = Config2D::from_values(&values);
            c.validate().map_err(js_error)?;
            let mut racers = Vec::new();
            for name in values.words("race") {
                let params = descent::optim::params_from(name, &values);
                Config2D::spec_for(name, &params, c.gamma).map_err(js_error)?;
                racers.push(Racer {
                    optimizer: name.to_string(),
                    params,
                });
            }
            let _ = js_sys::Reflect::set(&out, &"racers".into(), &to_js(&racers));
            to_js(&c)
        }
        "neuron" => {
            let c = NeuronConfig::from_values(&values);
            c.validate().map_err(js_error)?;
            let (c, n) = c.resolve();
            if n.is_some() {
                values.set("ninit", &c.init).map_err(js_error)?;
            }
            note = n;
            to_js(&c)
        }
        _ => return Err(js_sys::Error::new(&format!("no lesson named {lesson:?}")).into()),
    };
    let _ = js_sys::Reflect::set(&out, &"values".into(), &values_object(&values));
    let _ = js_sys::Reflect::set(&out, &"config".into(), &config);
    let _ = js_sys::Reflect::set(&out, &"note".into(), &note.into());
    Ok(out.into())
}

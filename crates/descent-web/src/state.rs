//! The settings tables and the URL state at the boundary: the page builds its inputs from
//! the exported table, hands over `location.hash` and what was typed, and Rust checks both
//! with the same rows.

use descent::lesson1d::Starts1D;
use descent::lesson2d::Config2D;
use descent::lessons::Config1D;
use descent::neuron::NeuronConfig;
use descent::settings::{self, Kind, Setting, Values};
use wasm_bindgen::prelude::*;

use crate::configs::{self, Out};
use crate::convert::js_error;

/// One row of a settings table as the page reads it: `kind` is `number`, `integer`,
/// `choice`, `flag`, `text` or `list`; `range` the valid values in words; absent bounds are
/// `null`.
fn row(s: &Setting) -> JsValue {
    let (mut kind, mut min, mut max) = ("text", None, None);
    let (mut open_min, mut open_max, mut max_length) = (false, false, None);
    let choices = js_sys::Array::new();
    match s.kind {
        Kind::Number {
            min: lo,
            max: hi,
            open_min: a,
            open_max: b,
        } => {
            kind = "number";
            (min, max, open_min, open_max) = (Some(lo), Some(hi), a, b);
        }
        Kind::Integer { min: lo, max: hi } => {
            kind = "integer";
            (min, max) = (Some(lo as f64), Some(hi as f64));
        }
        Kind::Choice(options) => {
            kind = "choice";
            for c in options {
                choices.push(
                    &Out::new()
                        .set("value", c.value)
                        .set("label", c.label)
                        .done(),
                );
            }
        }
        Kind::Flag => kind = "flag",
        Kind::Text(n) => max_length = Some(n as f64),
        Kind::List { .. } => kind = "list",
    }
    let or_null = |v: Option<f64>| v.map_or(JsValue::NULL, JsValue::from);
    Out::new()
        .set("key", s.key)
        .set("label", s.label)
        .set("kind", kind)
        .set("default", s.default)
        .set("unit", s.unit)
        .set("help", s.help)
        .set("range", s.range())
        .set("min", or_null(min))
        .set("max", or_null(max))
        .set("openMin", open_min)
        .set("openMax", open_max)
        .set("maxLength", or_null(max_length))
        .set("choices", choices)
        .done()
}

/// The settings table `name` (`page`, `1d`, `2d` or `neuron`) as an array of plain objects
/// `{key, label, kind, default, unit, help, range, min, max, openMin, openMax, maxLength,
/// choices}`.
#[wasm_bindgen(js_name = settingsTable)]
pub fn settings_table(name: &str) -> Result<JsValue, JsValue> {
    let table = settings::table(name)
        .ok_or_else(|| js_sys::Error::new(&format!("no settings table named {name:?}")))?;
    Ok(table.iter().map(row).collect::<js_sys::Array>().into())
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

/// Checks what the person typed for `lesson` (`1d`, `2d` or `neuron`): `{key: text}`
/// over the page's state. Returns `{values, config, note}`: the canonical values to show
/// and to link (dependent settings resolved), the lesson's config for its constructor (for
/// `1d`, `starts` for the multi-start; for `2d`, `racers`: `[{optimizer, params}]` for each
/// optimizer of the race, with its own hyperparameters), and a note: for the neuron, when a
/// setting was changed; for `1d` and `2d`, when the method has a rate of its own. Throws
/// an `Error` whose `field` is the key of the first invalid setting.
#[wasm_bindgen(js_name = checkSettings)]
pub fn check_settings(lesson: &str, typed: &js_sys::Object) -> Result<JsValue, JsValue> {
    let pairs = pairs(typed);
    let mut values =
        Values::strict(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(js_error)?;
    let out = js_sys::Object::new();
    let note: Option<String>;
    let config = match lesson {
        "1d" => {
            let c = Config1D::from_values(&values);
            c.validate().map_err(js_error)?;
            let starts = Starts1D {
                n: values.number("n"),
                lo: values.number("lo"),
                hi: values.number("hi"),
                seed: values.number("seed"),
            };
            if values.flag("multi") {
                descent::lessons::starts_1d(starts.n, starts.lo, starts.hi, starts.seed)
                    .map_err(js_error)?;
            }
            let _ = js_sys::Reflect::set(&out, &"starts".into(), &configs::starts_1d_js(&starts));
            note = descent::lesson1d::rate_note(&c);
            configs::config_1d_js(&c)
        }
        "2d" => {
            let c = Config2D::from_values(&values);
            c.validate().map_err(js_error)?;
            let racers = js_sys::Array::new();
            for name in values.words("race") {
                let params = descent::lesson2d::params_from(name, &values);
                Config2D::spec_for(name, &params, c.gamma).map_err(js_error)?;
                racers.push(&configs::racer_js(name, &params));
            }
            let _ = js_sys::Reflect::set(&out, &"racers".into(), &racers);
            note = descent::lesson2d::rate_note(values.get("opt"), &values);
            configs::config_2d_js(&c)
        }
        "neuron" => {
            let c = NeuronConfig::from_values(&values);
            c.validate().map_err(js_error)?;
            let (c, n) = c.resolve();
            if n.is_some() {
                values.set("ninit", &c.init).map_err(js_error)?;
            }
            note = n;
            configs::neuron_config_js(&c)
        }
        _ => return Err(js_sys::Error::new(&format!("no lesson named {lesson:?}")).into()),
    };
    let _ = js_sys::Reflect::set(&out, &"values".into(), &values_object(&values));
    let _ = js_sys::Reflect::set(&out, &"config".into(), &config);
    let _ = js_sys::Reflect::set(&out, &"note".into(), &note.into());
    Ok(out.into())
}

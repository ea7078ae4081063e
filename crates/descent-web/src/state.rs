//! The URL state table at the boundary: JavaScript hands over `location.hash`, Rust checks it.

use wasm_bindgen::prelude::*;

/// Parses a hash such as `#gamma=0.1&seed=7` into `{values: {key: text}, errors: [[key, message]]}`.
/// Absent or invalid keys take their defaults; invalid ones are reported.
#[wasm_bindgen(js_name = parseState)]
pub fn parse_state(hash: &str) -> JsValue {
    let state = descent::state::parse(hash);
    let values = js_sys::Object::new();
    for field in descent::state::FIELDS {
        if let Some(v) = state.get(field.key) {
            let _ = js_sys::Reflect::set(&values, &field.key.into(), &v.into());
        }
    }
    let errors = js_sys::Array::new();
    for (k, m) in &state.errors {
        errors.push(&js_sys::Array::of2(&k.into(), &m.into()));
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"values".into(), &values);
    let _ = js_sys::Reflect::set(&out, &"errors".into(), &errors);
    out.into()
}

/// Serialises `{key: text}` canonically (valid known keys, table order, defaults left out).
#[wasm_bindgen(js_name = serializeState)]
pub fn serialize_state(values: &js_sys::Object) -> String {
    let pairs: Vec<(String, String)> = js_sys::Object::entries(values)
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
        .collect();
    descent::state::serialize(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

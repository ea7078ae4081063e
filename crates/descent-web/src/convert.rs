//! Conversions at the boundary: typed-array copies and readable JavaScript errors.

use descent::ConfigError;
use js_sys::Float64Array;
use wasm_bindgen::JsValue;

/// Copies a slice into a new `Float64Array` owned by JavaScript.
pub fn f64_array(values: &[f64]) -> Float64Array {
    Float64Array::from(values)
}

/// A JavaScript `Error` whose message names the setting and its valid range, with the
/// setting's key in `error.field` so the page can show it under that input (and, for a
/// list, the 1-based position of the bad item in `error.item`).
pub fn js_error(e: ConfigError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &e.field().into());
    if let Some(item) = e.item() {
        let _ = js_sys::Reflect::set(&err, &"item".into(), &(item as f64).into());
    }
    err.into()
}

/// A JavaScript `Error` for settings that could not be read at all (wrong types).
pub fn settings_error(what: &str, e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&format!("bad {what}: {e}")).into()
}

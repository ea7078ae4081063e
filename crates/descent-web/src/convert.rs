//! Conversions at the boundary: typed-array copies and readable JavaScript errors.

use descent::ConfigError;
use js_sys::Float64Array;
use wasm_bindgen::JsError;

/// Copies a slice into a new `Float64Array` owned by JavaScript.
pub fn f64_array(values: &[f64]) -> Float64Array {
    Float64Array::from(values)
}

/// A JavaScript `Error` carrying the config error's message (which names the field).
pub fn js_error(e: ConfigError) -> JsError {
    JsError::new(&e.to_string())
}

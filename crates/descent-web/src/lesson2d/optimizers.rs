//! Tables the page builds its pickers from: optimizers, their hyperparameters, functions.

use std::collections::BTreeMap;

use crate::configs::Out;
use descent::optim::{OptimSpec, Param, RULES};
use wasm_bindgen::prelude::*;

/// The optimizer names, in menu order.
#[wasm_bindgen(js_name = optimizerNames)]
pub fn optimizer_names() -> Vec<String> {
    RULES.iter().map(|r| r.name.to_string()).collect()
}

/// Whether optimizer `name` moves the whole iterate at once (the line searches and Newton),
/// so that its runs take the simultaneous order whatever the lesson's order (false for an
/// unknown name).
#[wasm_bindgen(js_name = optimizerMovesWhole)]
pub fn optimizer_moves_whole(name: &str) -> bool {
    descent::optim::rule(name).is_ok_and(|r| r.moves_whole())
}

/// The hyperparameters of optimizer `name` (none for an unknown name).
fn params_of(name: &str) -> &'static [Param] {
    descent::optim::rule(name).map_or(&[], |r| r.params)
}

/// `[{key, setting}]` for optimizer `name` (empty if unknown): its hyperparameters, each
/// with the key of its row in `settingsTable("2d")`.
#[wasm_bindgen(js_name = optimizerParams)]
pub fn optimizer_params(name: &str) -> JsValue {
    let rows: js_sys::Array = params_of(name)
        .iter()
        .map(|p| Out::new().set("key", p.name).set("setting", p.key()).done())
        .collect();
    rows.into()
}

/// Checks `params` (`{key: number}`) for optimizer `name`: `null` when valid, otherwise
/// `{key, message}` with the key of the offending input (empty if not one input).
#[wasm_bindgen(js_name = checkOptimizer)]
pub fn check_optimizer(name: &str, params: JsValue) -> JsValue {
    let params: BTreeMap<String, f64> = match crate::configs::number_map(&params) {
        Ok(p) => p,
        Err(e) => return problem("", &format!("bad hyperparameters: expected {e}")),
    };
    match OptimSpec::new(name, &params) {
        Ok(_) => JsValue::NULL,
        Err(e) => {
            let key = params_of(name)
                .iter()
                .find(|p| p.key() == e.field())
                .map_or("", |p| p.name);
            problem(key, &e.to_string())
        }
    }
}

fn problem(key: &str, message: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"key".into(), &key.into());
    let _ = js_sys::Reflect::set(&o, &"message".into(), &message.into());
    o.into()
}

/// `{key, label, view, fMin}` of the function `spec` names (a 2-D catalogue id or formula,
/// or a typed f(x, y)): `view` is the box `[x_min, x_max, y_min, y_max]` the views open on,
/// `fMin` the known minimum (−∞ when unknown). Throws like `TypedFunction` when `spec`
/// does not parse, with `column` and `field: "f"`.
#[wasm_bindgen(js_name = lesson2dFunction)]
pub fn lesson2d_function(spec: &str) -> Result<JsValue, JsValue> {
    let f = super::lesson_function(spec)?;
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"key".into(), &f.key.as_str().into());
    let _ = js_sys::Reflect::set(&o, &"label".into(), &f.label.as_str().into());
    let view = js_sys::Float64Array::from(&f.view[..]);
    let _ = js_sys::Reflect::set(&o, &"view".into(), &view);
    let _ = js_sys::Reflect::set(&o, &"fMin".into(), &f.f_min.into());
    Ok(o.into())
}

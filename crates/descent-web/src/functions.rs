//! Bindings for typed functions, the catalogue and the derivative lab.

use descent::expr::{ExprError, ExprObjective};
use descent::{Objective, catalogue, difflab};
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use crate::configs::Out;
use crate::convert::{f64_array, js_error};

/// The variable names of a function of `dim` variables.
fn vars(dim: u32) -> &'static [&'static str] {
    if dim == 2 { &["x", "y"] } else { &["x"] }
}

/// A JavaScript `Error` for a function that does not parse: the message, with the
/// 1-based `column` it points at and `field: "f"` so the page shows it under the input.
pub fn expr_error(e: ExprError) -> JsValue {
    let err = js_sys::Error::new(&descent::expr::message(&e));
    let _ = js_sys::Reflect::set(&err, &"column".into(), &(e.column as f64).into());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &"f".into());
    err.into()
}

/// A typed function, compiled, exported to JavaScript.
#[wasm_bindgen]
pub struct TypedFunction {
    inner: ExprObjective,
}

impl TypedFunction {
    /// The compiled objective.
    pub fn objective(&self) -> &ExprObjective {
        &self.inner
    }
}

#[wasm_bindgen]
impl TypedFunction {
    /// Compiles `text` as f(x) (`dim` 1) or f(x, y) (`dim` 2); throws an `Error` with
    /// `message` (e.g. "unexpected '^' at column 3") and `column`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, dim: u32) -> Result<TypedFunction, JsValue> {
        Ok(TypedFunction {
            inner: descent::expr::compile(text, vars(dim)).map_err(expr_error)?,
        })
    }

    /// Number of variables.
    pub fn dim(&self) -> u32 {
        self.inner.dim() as u32
    }

    /// The canonical text, e.g. `(x - 1)^2` for `(x-1)**2`.
    pub fn text(&self) -> String {
        self.inner.text()
    }

    /// The function in MathML (built from the parsed tree, never from the raw text).
    pub fn mathml(&self) -> String {
        self.inner.mathml()
    }

    /// f at `x` (one number per variable; missing ones read as NaN).
    pub fn value(&self, x: &[f64]) -> f64 {
        self.inner.value(x)
    }

    /// The exact gradient at `x`.
    pub fn gradient(&self, x: &[f64]) -> Float64Array {
        let mut g = vec![0.0; self.inner.dim()];
        self.inner.gradient(x, &mut g);
        f64_array(&g)
    }

    /// Number of instructions of the compiled tape.
    #[wasm_bindgen(js_name = instructionCount)]
    pub fn instruction_count(&self) -> u32 {
        self.inner.tape().len() as u32
    }
}

/// One catalogue entry as the page reads it (see [`catalogue_list`]).
fn entry_js(e: &catalogue::Entry) -> JsValue {
    let points: js_sys::Array = e
        .points
        .iter()
        .map(|m| {
            Out::new()
                .numbers("at", m.at)
                .set("value", m.value)
                .set("kind", m.kind.as_str())
                .done()
        })
        .collect();
    let param = e.param.map_or(JsValue::UNDEFINED, |p| {
        Out::new()
            .set("name", p.name)
            .set("min", p.min)
            .set("max", p.max)
            .set("default", p.default)
            .done()
    });
    let settings: js_sys::Array = e
        .recommended()
        .settings(e.dim)
        .into_iter()
        .map(|(k, v)| JsValue::from(js_sys::Array::of2(&k.into(), &v.into())))
        .collect();
    let recommended = Out::new()
        .set("settings", settings)
        .set("note", e.recommended().note(e))
        .done();
    Out::new()
        .set("id", e.id)
        .set("name", e.name)
        .set("dim", e.dim as f64)
        .set("note", e.note)
        .set("formula", e.default_formula())
        .numbers("view", &e.view)
        .set("points", points)
        .set("param", param)
        .set("recommended", recommended)
        .done()
}

/// The catalogue as data: `[{id, name, dim, note, formula, view: [x0, x1, y0, y1],
/// points: [{at, value, kind}], param: {name, min, max, default} | null, recommended:
/// {settings: [[key, text]], note}}]`, for functions of `dim` variables (0: all).
#[wasm_bindgen(js_name = catalogue)]
pub fn catalogue_list(dim: u32) -> JsValue {
    let list: js_sys::Array = catalogue::all()
        .iter()
        .filter(|e| dim == 0 || e.dim == dim as usize)
        .map(entry_js)
        .collect();
    list.into()
}

/// The formula of catalogue entry `id` with parameter `param` (checked), e.g. the
/// quadratic bowl's `(x^2 + 100*y^2)/2`.
#[wasm_bindgen(js_name = catalogueFormula)]
pub fn catalogue_formula(id: &str, param: f64) -> Result<String, JsValue> {
    let e = catalogue::find(id)
        .ok_or_else(|| JsValue::from(js_sys::Error::new(&format!("no catalogue entry '{id}'"))))?;
    let p = e.check_param(param).map_err(js_error)?;
    Ok(e.formula(p))
}

/// The catalogue entry whose formula `text` is (with any valid parameter written in it, as
/// the bowl's `(x^2 + 25*y^2)/2`), as `{id, param}`; `null` for any other text.
#[wasm_bindgen(js_name = catalogueMatch)]
pub fn catalogue_match(text: &str, dim: u32) -> JsValue {
    catalogue::of_dim(dim as usize)
        .find_map(|e| {
            e.param_in(text)
                .map(|param| Out::new().set("id", e.id).set("param", param).done())
        })
        .unwrap_or(JsValue::NULL)
}

/// The derivative lab at one point of a typed f(x): errors of forward and central
/// differences against h, exported to JavaScript.
#[wasm_bindgen]
pub struct DiffLab {
    f: ExprObjective,
    series: difflab::Series,
}

#[wasm_bindgen]
impl DiffLab {
    /// Measures f(x) = `text` at `x` for `n` steps h log-spaced over [1e-16, 1].
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, x: f64, n: u32) -> Result<DiffLab, JsValue> {
        let f = descent::expr::compile(text, &["x"]).map_err(expr_error)?;
        let series = difflab::series(&f, x, 1e-16, 1.0, n as usize).map_err(js_error)?;
        Ok(DiffLab { f, series })
    }

    /// The steps h.
    pub fn h(&self) -> Float64Array {
        f64_array(&self.series.h)
    }

    /// |forward difference − f′(x)| at each h.
    pub fn forward(&self) -> Float64Array {
        f64_array(&self.series.forward)
    }

    /// |central difference − f′(x)| at each h.
    pub fn central(&self) -> Float64Array {
        f64_array(&self.series.central)
    }

    /// The exact f′(x).
    pub fn exact(&self) -> f64 {
        self.series.exact
    }

    /// `[h, error]` of the smallest forward error measured (the marked optimum).
    #[wasm_bindgen(js_name = bestForward)]
    pub fn best_forward(&self) -> Float64Array {
        f64_array(&[self.series.best_forward.0, self.series.best_forward.1])
    }

    /// `[h, error]` of the smallest central error measured (the marked optimum).
    #[wasm_bindgen(js_name = bestCentral)]
    pub fn best_central(&self) -> Float64Array {
        f64_array(&[self.series.best_central.0, self.series.best_central.1])
    }

    /// The rules of thumb `[√ε·max(1,|x|), ∛ε·max(1,|x|)]` for forward and central.
    pub fn rules(&self) -> Float64Array {
        f64_array(&[self.series.rule_forward, self.series.rule_central])
    }

    /// The smallest error the lab reports (a log scale cannot show 0): an error at this
    /// floor is an exact 0.
    pub fn floor(&self) -> f64 {
        descent::difflab::FLOOR
    }

    /// `[forward error, central error]` at one step `h` (the slider's).
    #[wasm_bindgen(js_name = errorsAt)]
    pub fn errors_at(&self, h: f64) -> Float64Array {
        let (a, b) = difflab::errors_at(&self.f, self.series.x, self.series.exact, h);
        f64_array(&[a, b])
    }
}

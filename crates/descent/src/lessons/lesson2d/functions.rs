//! The functions of the 2-D lesson: any 2-D catalogue entry (by id or by its formula, with
//! its exact gradient, box and known minima) or a typed f(x, y) compiled by [`crate::expr`].

use std::rc::Rc;

use crate::catalogue::{self, Entry};
use crate::error::ConfigError;
use crate::expr::{ExprError, ExprObjective};
use crate::objective::Objective;

/// A function the lesson can show: how it was named, a label, the objective, its known
/// minimum and the box the views open on.
pub struct LessonFunction {
    /// The catalogue id, or the typed text.
    pub key: String,
    /// The catalogue entry's name, or the typed function's canonical text.
    pub label: String,
    /// The objective (2-D, exact gradient).
    pub objective: Rc<dyn Objective>,
    /// The global minimum value, for the f − f_min cost curves (−∞ when unknown: the
    /// lowest value a run reaches is used instead).
    pub f_min: f64,
    /// The box the views open on, `[x_min, x_max, y_min, y_max]`.
    pub view: [f64; 4],
}

/// The formula of the notebook's f(x, y) (In[9]), the lesson's default.
pub const NOTEBOOK_FORMULA: &str = "x**4 + y**4 - 2*(x-y)**2";

/// The box typed functions open on (the notebook's In[10]).
pub const TYPED_VIEW: [f64; 4] = [-3.0, 3.0, -3.0, 3.0];

/// The 2-D catalogue entry named by `spec`: its id, or its formula with the default
/// parameter (so typing a catalogue formula gives the catalogue's exact gradient).
pub fn entry_of(spec: &str) -> Option<&'static Entry> {
    let spec = spec.trim();
    catalogue::of_dim(2).find(|e| e.id == spec || e.default_formula() == spec)
}

/// The 2-D catalogue entry whose formula `spec` is, with the parameter written in it
/// (e.g. the bowl with κ = 25 for `(x^2 + 25*y^2)/2`).
pub fn entry_with_param(spec: &str) -> Option<(&'static Entry, f64)> {
    catalogue::of_dim(2).find_map(|e| e.param_in(spec).map(|p| (e, p)))
}

/// The lesson function for a catalogue entry (default parameter).
pub fn from_entry(e: &'static Entry) -> LessonFunction {
    from_entry_with(e, e.default_param())
}

/// The lesson function for a catalogue entry with a parameter (checked by the caller).
fn from_entry_with(e: &'static Entry, param: f64) -> LessonFunction {
    let f_min = e.minima().map(|m| m.value).fold(f64::INFINITY, f64::min);
    LessonFunction {
        key: e.id.into(),
        label: e.name.into(),
        objective: e.objective(param).unwrap_or_else(|_| e.default_objective()),
        f_min: if f_min.is_finite() {
            f_min
        } else {
            f64::NEG_INFINITY
        },
        view: e.view,
    }
}

/// The lesson function for `spec`: a 2-D catalogue entry (id or formula), else `spec`
/// compiled as a typed f(x, y).
///
/// ```
/// let f = descent::lesson2d::function("bowl").unwrap(); // (x² + 10y²)/2
/// assert_eq!(f.objective.value(&[1.0, 1.0]), 5.5);
/// let typed = descent::lesson2d::function("x^2 + y^2").unwrap();
/// assert_eq!(typed.objective.value(&[1.0, 2.0]), 5.0);
/// assert_eq!(typed.f_min, f64::NEG_INFINITY);
/// assert!(descent::lesson2d::function("x^").is_err());
/// ```
pub fn function(spec: &str) -> Result<LessonFunction, ExprError> {
    function_with(spec, |f| Rc::new(f))
}

/// [`function`], with `wrap` choosing how a typed function runs (the browser compiles it
/// to WebAssembly; the default keeps the tape interpreter).
pub fn function_with(
    spec: &str,
    wrap: impl FnOnce(ExprObjective) -> Rc<dyn Objective>,
) -> Result<LessonFunction, ExprError> {
    if let Some(e) = entry_of(spec) {
        return Ok(from_entry(e));
    }
    if let Some((e, param)) = entry_with_param(spec) {
        return Ok(from_entry_with(e, param));
    }
    let f = crate::expr::compile(spec, &["x", "y"])?;
    Ok(LessonFunction {
        key: spec.into(),
        label: f.text(),
        objective: wrap(f),
        f_min: f64::NEG_INFINITY,
        view: TYPED_VIEW,
    })
}

/// [`function`] with its error as a [`ConfigError`] naming the field `f`.
pub fn function_or_config_error(spec: &str) -> Result<LessonFunction, ConfigError> {
    function(spec).map_err(|e| ConfigError::Invalid {
        field: "f",
        message: crate::expr::message(&e),
    })
}

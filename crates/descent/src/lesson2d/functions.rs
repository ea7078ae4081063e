//! The functions the 2-D lesson offers until the catalogue (issue 3) is wired in:
//! the notebook's f(x, y) and a quadratic bowl that shows the critical step 2/L.

use std::rc::Rc;

use crate::error::ConfigError;
use crate::objective::{FnObjective, Objective, notebook_2d};

/// A function the lesson can show: its key, a label, the objective and its known minimum.
pub struct LessonFunction {
    /// Key used by the page and the URL, e.g. `"notebook"`.
    pub key: &'static str,
    /// Formula as shown to a person.
    pub label: &'static str,
    /// The objective (2-D, exact gradient).
    pub objective: Rc<dyn Objective>,
    /// The global minimum value, for the f − f_min cost curves (−∞ when unknown: the
    /// lowest value a run reaches is used instead).
    pub f_min: f64,
    /// The box the views open on, `[x_min, x_max, y_min, y_max]`.
    pub view: [f64; 4],
}

/// Keys of the functions [`function`] knows, in menu order.
pub const FUNCTION_KEYS: &[&str] = &["notebook", "bowl"];

/// The function with this key.
///
/// ```
/// let f = descent::lesson2d::function("bowl").unwrap();
/// assert_eq!(f.objective.value(&[1.0, 1.0]), 11.0);
/// assert!(descent::lesson2d::function("nope").is_err());
/// ```
pub fn function(key: &str) -> Result<LessonFunction, ConfigError> {
    match key {
        "notebook" => Ok(LessonFunction {
            key: "notebook",
            label: "x⁴ + y⁴ − 2(x − y)²",
            objective: Rc::new(notebook_2d()),
            f_min: -8.0,
            view: [-3.0, 3.0, -3.0, 3.0],
        }),
        "bowl" => Ok(LessonFunction {
            key: "bowl",
            label: "x² + 10y²",
            objective: Rc::new(
                FnObjective::new(2, |p| p[0] * p[0] + 10.0 * p[1] * p[1]).with_gradient(|p, g| {
                    g[0] = 2.0 * p[0];
                    g[1] = 20.0 * p[1];
                }),
            ),
            f_min: 0.0,
            view: [-3.0, 3.0, -3.0, 3.0],
        }),
        other => Err(ConfigError::Invalid {
            field: "function",
            message: format!(
                "expected one of {}, got \"{other}\"",
                FUNCTION_KEYS.join(", ")
            ),
        }),
    }
}

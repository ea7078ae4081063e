//! The 2-D lesson's handles: runs and races, the contour field, the 3-D surface, the
//! basin map, optimizer tables and (with the `bench` feature) an in-browser benchmark.

mod basin;
#[cfg(feature = "bench")]
mod bench;
mod field;
mod optimizers;
mod runs;
pub(crate) mod surface;

pub use basin::Basin2D;
#[cfg(feature = "bench")]
pub use bench::bench_2d;
pub use field::Field2D;
pub use optimizers::{
    check_optimizer, lesson2d_function, optimizer_moves_whole, optimizer_names, optimizer_params,
};
pub use runs::Runs2D;
pub use surface::Surface3D;

use descent::ConfigError;
use descent::field::ViewBox;
use wasm_bindgen::JsValue;

use crate::convert::js_error;

/// A checked view box, or a JavaScript error naming the bad side.
fn view(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Result<ViewBox, JsValue> {
    ViewBox::new(x_min, x_max, y_min, y_max).map_err(js_error)
}

/// The lesson function named by `spec` (catalogue id or formula, or a typed f(x, y), run
/// compiled to WebAssembly where it can be); a typed function that does not parse throws an `Error` with `column` and `field: "f"`.
fn lesson_function(spec: &str) -> Result<descent::lesson2d::LessonFunction, JsValue> {
    descent::lesson2d::function_with(spec, crate::typed_objective)
        .map_err(crate::functions::expr_error)
}

/// Converts a core error.
fn err(e: ConfigError) -> JsValue {
    js_error(e)
}

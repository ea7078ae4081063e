//! In-browser timings of the 2-D lesson's heavy computations, with `performance.now()`.

use std::collections::BTreeMap;

use descent::RunConfig;
use descent::basin::{BasinMap, BasinSettings};
use descent::diff::GradientMode;
use descent::field::{Grid, Spacing, ViewBox, isolines, levels, paint};
use descent::optim::OptimSpec;
use wasm_bindgen::prelude::*;

use super::field::objective;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `{fieldMs, fieldTypedMs, basinMs, basinCentralMs, basinTypedMs}`: the median time of
/// heatmap + 24 isolines at 256² cells for the notebook function from the catalogue and
/// typed (of 5, after 2 warm-up rounds), and the basin map of 256² starts × 300
/// steps with gradient descent γ = 0.01 (exact gradient, and central differences h = 1e-3).
#[wasm_bindgen]
pub fn bench_2d() -> Result<JsValue, JsValue> {
    let f = objective(descent::lesson2d::NOTEBOOK_FORMULA)?;
    // The same function typed another way: compiled by the expression language.
    let typed = objective("x^4 + y^4 - 2*(x - y)^2")?;
    let box3 = ViewBox::new(-3.0, 3.0, -3.0, 3.0).map_err(crate::convert::js_error)?;
    let field_ms = |f: &dyn descent::Objective| {
        let mut times = Vec::new();
        // Two warm-up rounds let the engine finish compiling the optimised tier.
        for round in 0..7 {
            let t = now();
            if let Ok(grid) = Grid::sample(f, box3, 256, 256) {
                let lv = levels(grid.values(), 24, Spacing::Quantile);
                std::hint::black_box(paint(grid.values(), &lv));
                std::hint::black_box(isolines(&grid, &lv).ok());
            }
            if round >= 2 {
                times.push(now() - t);
            }
        }
        times.sort_by(f64::total_cmp);
        times[2]
    };
    let basin =
        |f: &std::rc::Rc<dyn descent::Objective>, mode: GradientMode| -> Result<f64, JsValue> {
            let settings = BasinSettings {
                optimizer: OptimSpec::new("gd", &BTreeMap::from([("lr".to_string(), 0.01)]))
                    .map_err(crate::convert::js_error)?,
                template: RunConfig::new(vec![0.0, 0.0], 300).mode(mode),
                view: box3,
                nx: 256,
                ny: 256,
                grad_tol: 1e-6,
                tol: 1e-2,
            };
            let mut map = BasinMap::new(f.clone(), settings).map_err(crate::convert::js_error)?;
            let t = now();
            map.finish();
            Ok(now() - t)
        };
    let out = js_sys::Object::new();
    let set = |k: &str, v: f64| js_sys::Reflect::set(&out, &k.into(), &v.into());
    let _ = set("fieldMs", field_ms(f.as_ref()));
    let _ = set("fieldTypedMs", field_ms(typed.as_ref()));
    basin(&f, GradientMode::Exact)?; // warm-up
    let _ = set("basinMs", basin(&f, GradientMode::Exact)?);
    let _ = set(
        "basinCentralMs",
        basin(&f, GradientMode::Central { h: 1e-3 })?,
    );
    let _ = set("basinTypedMs", basin(&typed, GradientMode::Exact)?);
    Ok(out.into())
}

//! The contour view's field: heatmap colours, levels and isolines for a view box.

use descent::Objective;
use descent::field::{ContourMap, Grid, Isolines, Spacing};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

use super::{err, lesson_function, view};

/// A sampled field exported to JavaScript: recompute it with [`Field2D::compute`] when
/// the view changes, then copy out the colours and isolines.
#[wasm_bindgen]
pub struct Field2D {
    objective: Rc<dyn Objective>,
    grid: Option<Grid>,
    levels: Vec<f64>,
    rgba: Vec<u8>,
    iso: Isolines,
}

#[wasm_bindgen]
impl Field2D {
    /// A field of the lesson function `function` (catalogue id or formula, or typed).
    #[wasm_bindgen(constructor)]
    pub fn new(function: &str) -> Result<Field2D, JsValue> {
        Ok(Field2D {
            objective: lesson_function(function)?.objective,
            grid: None,
            levels: Vec::new(),
            rgba: Vec::new(),
            iso: Isolines::default(),
        })
    }

    /// Samples `nx` × `ny` cells of the box, picks `n_levels` levels spaced `"quantile"`
    /// or `"log"`, paints the colours and traces the isolines (see [`ContourMap`]).
    #[allow(clippy::too_many_arguments)]
    pub fn compute(
        &mut self,
        x_min: f64,
        x_max: f64,
        y_min: f64,
        y_max: f64,
        nx: u32,
        ny: u32,
        n_levels: u32,
        spacing: &str,
    ) -> Result<(), JsValue> {
        let spacing = Spacing::parse(spacing).map_err(err)?;
        let v = view(x_min, x_max, y_min, y_max)?;
        let map = ContourMap::compute(
            self.objective.as_ref(),
            v,
            nx as usize,
            ny as usize,
            n_levels as usize,
            spacing,
        )
        .map_err(err)?;
        self.levels = map.levels;
        self.rgba = map.rgba;
        self.iso = map.isolines;
        self.grid = Some(map.grid);
        Ok(())
    }

    /// Grid columns (0 before the first compute).
    pub fn nx(&self) -> u32 {
        self.grid.as_ref().map_or(0, |g| g.nx() as u32)
    }

    /// Grid rows.
    pub fn ny(&self) -> u32 {
        self.grid.as_ref().map_or(0, |g| g.ny() as u32)
    }

    /// The RGBA colours, row 0 on top, for `putImageData`.
    pub fn rgba(&self) -> Vec<u8> {
        self.rgba.clone()
    }

    /// The contour levels.
    pub fn levels(&self) -> Vec<f64> {
        self.levels.clone()
    }

    /// Isoline points, x then y, in data coordinates.
    #[wasm_bindgen(js_name = isoPoints)]
    pub fn iso_points(&self) -> Vec<f64> {
        self.iso.points.clone()
    }

    /// Index of each polyline's first point, plus the point count.
    #[wasm_bindgen(js_name = isoStarts)]
    pub fn iso_starts(&self) -> Vec<u32> {
        self.iso.starts.clone()
    }

    /// Each polyline's level index.
    #[wasm_bindgen(js_name = isoLevels)]
    pub fn iso_levels(&self) -> Vec<u32> {
        self.iso.level_of.clone()
    }

    /// Why fewer isolines are drawn than levels (the contour segment budget), or "".
    #[wasm_bindgen(js_name = levelsNote)]
    pub fn levels_note(&self) -> String {
        self.iso.note().unwrap_or_default()
    }

    /// f(x, y).
    #[wasm_bindgen(js_name = valueAt)]
    pub fn value_at(&self, x: f64, y: f64) -> f64 {
        self.objective.value(&[x, y])
    }
}

/// The field's objective for other handles.
pub(crate) fn objective(key: &str) -> Result<Rc<dyn Objective>, JsValue> {
    Ok(lesson_function(key)?.objective)
}

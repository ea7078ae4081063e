//! The neuron's cost surface over two of its parameters, as a typed record for JavaScript
//! (see [`descent::neuron::landscape`]).

use descent::neuron::landscape::{cells, landscape, param_name, slice};
use wasm_bindgen::prelude::*;

use super::NeuronTrainer;
use crate::convert::js_error;
use crate::lesson2d::surface::Surface3D;

/// The mean cost over the plane of two parameters at one epoch: the heatmap's colours, the
/// isolines, the training path projected onto the plane and the point of the epoch shown.
#[wasm_bindgen(getter_with_clone)]
pub struct NeuronLandscape {
    /// Grid columns (and rows: the grid is square).
    pub n: u32,
    /// The box `[a_min, a_max, b_min, b_max]` of the two parameters.
    pub view: Vec<f64>,
    /// RGBA colours, row 0 on top, for `putImageData`.
    pub rgba: Vec<u8>,
    /// Isoline points, a then b, in parameter coordinates.
    #[wasm_bindgen(js_name = isoPoints)]
    pub iso_points: Vec<f64>,
    /// Index of each isoline's first point, plus the point count.
    #[wasm_bindgen(js_name = isoStarts)]
    pub iso_starts: Vec<u32>,
    /// The two parameters after every epoch, flat pairs.
    pub path: Vec<f64>,
    /// The two parameters at the epoch shown.
    pub at: Vec<f64>,
    /// The mean cost there.
    pub cost: f64,
}

#[wasm_bindgen]
impl NeuronTrainer {
    /// The names of the parameters, in their layout (`b`, `w₁`, `w₂` for a neuron).
    #[wasm_bindgen(js_name = paramNames)]
    pub fn param_names(&self) -> Vec<String> {
        let m = self.inner.trainer().model();
        let n = self.inner.trainer().history().n_params();
        (0..n)
            .map(|i| param_name(m.inputs(), m.hidden(), i))
            .collect()
    }

    /// The cost surface over parameters `a` and `b` on an `n` × `n` grid (fewer cells for a
    /// large table: the record's `n`), the others held at their values after epoch `k` (the
    /// last epoch trained for `k < 0`); throws for two equal or unknown parameters or a grid
    /// over 160 cells a side.
    pub fn landscape(&self, k: i32, a: u32, b: u32, n: u32) -> Result<NeuronLandscape, JsValue> {
        let t = self.inner.trainer();
        let k = usize::try_from(k).unwrap_or(t.epoch());
        let l = landscape(t, k, a as usize, b as usize, n as usize).map_err(js_error)?;
        let v = l.map.grid.view();
        Ok(NeuronLandscape {
            n: l.map.grid.nx() as u32,
            view: vec![v.x_min, v.x_max, v.y_min, v.y_max],
            rgba: l.map.rgba,
            iso_points: l.map.isolines.points,
            iso_starts: l.map.isolines.starts,
            path: l.path,
            at: l.at.to_vec(),
            cost: l.cost,
        })
    }

    /// The same surface for the 3-D view: the mean cost over parameters `a` and `b` (the
    /// others held after epoch `k`, the last trained for `k < 0`) as `n` × `n` vertices (fewer
    /// for a large table) over
    /// the box `[a_min, a_max] × [b_min, b_max]`; the training path is lifted onto it by
    /// the handle's `project` and `visible`.
    #[allow(clippy::too_many_arguments)]
    pub fn surface(
        &self,
        k: i32,
        a: u32,
        b: u32,
        a_min: f64,
        a_max: f64,
        b_min: f64,
        b_max: f64,
        n: u32,
    ) -> Result<Surface3D, JsValue> {
        let t = self.inner.trainer();
        let k = usize::try_from(k).unwrap_or(t.epoch());
        let f = slice(t, k, a as usize, b as usize).map_err(js_error)?;
        let n = cells(t, n as usize) as u32;
        Surface3D::of(f, a_min, a_max, b_min, b_max, n)
    }
}

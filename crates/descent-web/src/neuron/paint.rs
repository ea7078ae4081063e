//! The page's CSS colours from the core's colour maps, so points and legends match the heatmap.

use descent::field::Colormap;
use wasm_bindgen::prelude::*;

/// The CSS colour (`#rrggbb`) of `t` in the colour map `cmap` (`viridis` or `cividis`).
#[wasm_bindgen(js_name = colormapCss)]
pub fn colormap_css(cmap: &str, t: f64) -> Result<String, JsValue> {
    Ok(Colormap::parse(cmap)
        .map_err(crate::convert::js_error)?
        .css(t))
}

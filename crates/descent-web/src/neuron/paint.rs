//! Colour maps and the RGBA heatmap of a model's output, filled in Rust for `putImageData`.

use descent::ConfigError;
use descent::neuron::{Model, geometry};
use wasm_bindgen::prelude::*;

/// A perceptually uniform colour map (from `colorous`, the matplotlib/d3 gradients).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colormap {
    /// matplotlib's default.
    Viridis,
    /// Designed to read the same with colour-vision deficiency.
    Cividis,
}

impl Colormap {
    /// Parses `viridis` or `cividis`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        match s {
            "viridis" => Ok(Colormap::Viridis),
            "cividis" => Ok(Colormap::Cividis),
            other => Err(ConfigError::Invalid {
                field: "colour map",
                message: format!("expected viridis or cividis, got \"{other}\""),
            }),
        }
    }

    /// The colour of `t`, clamped to [0, 1] (NaN reads as 0).
    pub fn rgb(self, t: f64) -> [u8; 3] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        let c = match self {
            Colormap::Viridis => colorous::VIRIDIS,
            Colormap::Cividis => colorous::CIVIDIS,
        }
        .eval_continuous(t);
        [c.r, c.g, c.b]
    }
}

/// The model's output over [lo, hi]² as a `w` × `h` RGBA image, row 0 at the top; outputs
/// are coloured on [0, 1]. Sizes are clamped to 1..=1024.
pub fn heatmap(model: &dyn Model, w: usize, h: usize, lo: f64, hi: f64, map: Colormap) -> Vec<u8> {
    let (w, h) = (w.clamp(1, 1024), h.clamp(1, 1024));
    let grid = geometry::output_grid(model, w, h, lo, hi).unwrap_or_default();
    let mut rgba = Vec::with_capacity(w * h * 4);
    for a in grid {
        let [r, g, b] = map.rgb(a);
        rgba.extend([r, g, b, 255]);
    }
    rgba
}

/// The CSS colour (`#rrggbb`) of `t` in the colour map `cmap`, so that the page colours
/// points and legends exactly as the heatmap.
#[wasm_bindgen(js_name = colormapCss)]
pub fn colormap_css(cmap: &str, t: f64) -> Result<String, JsValue> {
    let [r, g, b] = Colormap::parse(cmap)
        .map_err(crate::convert::js_error)?
        .rgb(t);
    Ok(format!("#{r:02x}{g:02x}{b:02x}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::neuron::{Activation, Neuron};

    #[test]
    fn heatmap_is_rgba_with_the_output_colours() {
        // Output σ(200(x − 0.5)): left column 0, right column 1 to within rounding.
        let n = Neuron::new(-100.0, &[200.0, 0.0], Activation::Sigmoid).unwrap();
        let img = heatmap(&n, 8, 2, 0.0, 1.0, Colormap::Viridis);
        assert_eq!(img.len(), 8 * 2 * 4);
        assert_eq!(&img[0..3], &Colormap::Viridis.rgb(0.0));
        assert_eq!(&img[28..31], &Colormap::Viridis.rgb(1.0));
        assert!(img.chunks(4).all(|p| p[3] == 255));
        // viridis runs from dark purple to yellow.
        assert_eq!(Colormap::Viridis.rgb(0.0), [68, 1, 84]);
        assert_eq!(Colormap::Viridis.rgb(-3.0), Colormap::Viridis.rgb(0.0));
        assert!(Colormap::parse("jet").is_err());
    }
}

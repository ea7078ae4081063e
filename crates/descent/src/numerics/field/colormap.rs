//! The colour maps (viridis, cividis) and the RGBA buffer of a sampled field.

/// A perceptually uniform colour map (matplotlib's tables, from `colorous`): the one colour
/// map of every view (the contour heatmap, the 3-D surface and the neuron's output square).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colormap {
    /// matplotlib's default: perceptually uniform, readable in grey.
    Viridis,
    /// Designed to read the same with colour-vision deficiency.
    Cividis,
}

impl Colormap {
    /// Parses `viridis` or `cividis`.
    pub fn parse(s: &str) -> Result<Self, crate::ConfigError> {
        match s {
            "viridis" => Ok(Colormap::Viridis),
            "cividis" => Ok(Colormap::Cividis),
            other => Err(crate::error::expected(
                "colour map",
                &["viridis", "cividis"],
                other,
            )),
        }
    }

    /// The colour of `t`, clamped to [0, 1] (NaN reads as 0), as sRGB bytes.
    pub fn rgb(self, t: f64) -> [u8; 3] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        let c = match self {
            Colormap::Viridis => colorous::VIRIDIS,
            Colormap::Cividis => colorous::CIVIDIS,
        }
        .eval_continuous(t);
        [c.r, c.g, c.b]
    }

    /// The CSS colour `#rrggbb` of `t`.
    pub fn css(self, t: f64) -> String {
        let [r, g, b] = self.rgb(t);
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// Viridis at t in [0, 1] ([`Colormap::Viridis`]); `t` is clamped, NaN gives the low end.
///
/// ```
/// let dark = descent::field::viridis(0.0);
/// let light = descent::field::viridis(1.0);
/// assert!(dark[2] > dark[1] && light[1] > light[2]); // purple … yellow
/// ```
pub fn viridis(t: f64) -> [u8; 3] {
    Colormap::Viridis.rgb(t)
}

/// Colour for values that are not finite (a neutral grey, distinct from every viridis hue).
pub const NON_FINITE: [u8; 4] = [128, 128, 128, 255];

/// An opaque RGBA buffer (4 bytes per value) colouring `values` by their position among
/// `levels`: equal colour steps between consecutive levels, so quantile levels equalise
/// the colours and log levels make a log scale.
pub fn paint(values: &[f64], levels: &[f64]) -> Vec<u8> {
    let mut out = vec![0u8; values.len() * 4];
    paint_into(values, levels, &mut out);
    out
}

/// [`paint`] into an existing buffer of `4 × values.len()` bytes (extra bytes untouched).
pub fn paint_into(values: &[f64], levels: &[f64], out: &mut [u8]) {
    let lut: Vec<[u8; 3]> = (0..256).map(|k| viridis(k as f64 / 255.0)).collect();
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let mut breaks = Vec::with_capacity(levels.len() + 2);
    breaks.push(lo);
    breaks.extend(levels.iter().copied().filter(|l| *l > lo && *l < hi));
    breaks.push(hi);
    let segments = (breaks.len() - 1).max(1) as f64;
    for (v, px) in values.iter().zip(out.chunks_exact_mut(4)) {
        if !v.is_finite() {
            px.copy_from_slice(&NON_FINITE);
            continue;
        }
        let k = breaks
            .partition_point(|b| b <= v)
            .clamp(1, breaks.len() - 1);
        let (a, b) = (breaks[k - 1], breaks[k]);
        let frac = if b > a { (v - a) / (b - a) } else { 0.0 };
        let t = ((k - 1) as f64 + frac.clamp(0.0, 1.0)) / segments;
        let c = lut[(t * 255.0).round() as usize];
        px.copy_from_slice(&[c[0], c[1], c[2], 255]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: [u8; 3]) -> f64 {
        let lin = |u: u8| {
            let s = u as f64 / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    }

    #[test]
    fn viridis_lightness_rises_monotonically_and_matches_its_ends() {
        // Monotone lightness is what keeps the map readable in grey and for colour-blind eyes.
        let mut prev = -1.0;
        for k in 0..=64 {
            let l = luminance(viridis(k as f64 / 64.0));
            assert!(l > prev, "lightness falls at {k}");
            prev = l;
        }
        // matplotlib's table: #440154 at 0, #fde725 at 1, #21918c at 0.5.
        let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 6);
        assert!(near(viridis(0.0), [0x44, 0x01, 0x54]), "{:?}", viridis(0.0));
        assert!(near(viridis(1.0), [0xfd, 0xe7, 0x25]), "{:?}", viridis(1.0));
        assert!(near(viridis(0.5), [0x21, 0x91, 0x8c]), "{:?}", viridis(0.5));
        assert_eq!(viridis(0.0), [68, 1, 84]);
        assert_eq!(viridis(-3.0), viridis(f64::NAN));
        assert_eq!(Colormap::Viridis.css(0.0), "#440154");
        assert_eq!(Colormap::parse("cividis"), Ok(Colormap::Cividis));
        assert!(Colormap::parse("jet").is_err());
    }

    #[test]
    fn paint_orders_colours_by_value_and_greys_non_finite() {
        let values = [0.0, 1.0, 2.0, 3.0, f64::NAN];
        let out = paint(&values, &[1.5]);
        assert_eq!(&out[16..20], &NON_FINITE);
        let lum: Vec<f64> = out
            .chunks_exact(4)
            .take(4)
            .map(|p| luminance([p[0], p[1], p[2]]))
            .collect();
        assert!(lum.windows(2).all(|w| w[0] < w[1]), "{lum:?}");
        assert!(out.chunks_exact(4).all(|p| p[3] == 255));
        assert_eq!(&out[0..3], &viridis(0.0));
        assert_eq!(&out[12..15], &viridis(1.0));
    }
}

//! The viridis colour map and the RGBA buffer of a sampled field.

/// Viridis (matplotlib's default map: perceptually uniform, readable in grey and by
/// colour-blind viewers) at t in [0, 1], as sRGB bytes.
///
/// Evaluated by the degree-6 polynomial fit of matplotlib's table published by Matt
/// Zucker (CC0), within about 1/100 of the table; `t` is clamped, NaN gives the low end.
///
/// ```
/// let dark = descent::field::viridis(0.0);
/// let light = descent::field::viridis(1.0);
/// assert!(dark[2] > dark[1] && light[1] > light[2]); // purple … yellow
/// ```
pub fn viridis(t: f64) -> [u8; 3] {
    const C: [[f64; 3]; 7] = [
        [
            0.277_727_327_223_417_7,
            0.005_407_344_544_966_578,
            0.334_099_805_335_306_1,
        ],
        [
            0.105_093_043_108_577_4,
            1.404_613_529_898_575,
            1.384_590_162_594_685,
        ],
        [
            -0.330_861_828_725_556_3,
            0.214_847_559_468_213,
            0.095_095_163_028_236_59,
        ],
        [
            -4.634_230_498_983_486,
            -5.799_100_973_351_585,
            -19.332_440_956_279_87,
        ],
        [
            6.228_269_936_347_081,
            14.179_933_366_805_09,
            56.690_552_600_681_05,
        ],
        [
            4.776_384_997_670_288,
            -13.745_145_377_746_01,
            -65.353_032_633_372_34,
        ],
        [
            -5.435_455_855_934_631,
            4.645_852_612_178_535,
            26.312_435_249_583_2,
        ],
    ];
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let mut rgb = [0u8; 3];
    for (c, out) in rgb.iter_mut().enumerate() {
        let v = C.iter().rev().fold(0.0, |acc, k| acc * t + k[c]);
        *out = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    }
    rgb
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

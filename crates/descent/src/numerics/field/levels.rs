//! Choosing contour levels: quantiles of the sampled values, or log-spaced above the minimum.

/// How contour levels (and the colour scale) are spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spacing {
    /// Quantiles of the sampled values: as many cells between consecutive levels, so the
    /// flat basins and the steep walls both get lines.
    #[default]
    Quantile,
    /// f_min + (f_max − f_min)·10^(−4(1 − k/(n−1))): dense near the minimum, sparse on walls.
    Log,
}

impl Spacing {
    /// Parses `"quantile"` or `"log"`.
    pub fn parse(s: &str) -> Result<Self, crate::ConfigError> {
        match s {
            "quantile" => Ok(Spacing::Quantile),
            "log" => Ok(Spacing::Log),
            _ => Err(crate::error::expected(
                "level spacing",
                &["\"quantile\"", "\"log\""],
                s,
            )),
        }
    }
}

/// Most contour levels a map draws, and so the most [`levels`] returns whatever `n` asks.
pub const MAX_LEVELS: usize = 200;

/// Up to `n` strictly increasing levels for the finite `values` (fewer when values repeat;
/// none when there is no finite value or `n` is 0). `n` is capped at [`MAX_LEVELS`] and,
/// for quantiles, at the number of finite values (more quantiles would only repeat them).
///
/// ```
/// use descent::field::{levels, Spacing};
/// let v: Vec<f64> = (0..100).map(f64::from).collect();
/// assert_eq!(levels(&v, 4, Spacing::Quantile), vec![12.0, 37.0, 62.0, 87.0]);
/// let lg = levels(&v, 3, Spacing::Log);
/// assert!((lg[0] - 0.0099).abs() < 1e-12 && (lg[2] - 99.0).abs() < 1e-12);
/// ```
pub fn levels(values: &[f64], n: usize, spacing: Spacing) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() || n == 0 {
        return Vec::new();
    }
    sorted.sort_by(f64::total_cmp);
    let n = match spacing {
        Spacing::Quantile => n.min(sorted.len()),
        Spacing::Log => n,
    }
    .min(MAX_LEVELS);
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let mut out: Vec<f64> = match spacing {
        Spacing::Quantile => (0..n)
            .map(|k| {
                let q = (k as f64 + 0.5) / n as f64;
                sorted[((q * sorted.len() as f64) as usize).min(sorted.len() - 1)]
            })
            .collect(),
        Spacing::Log => (0..n)
            .map(|k| {
                let e = if n == 1 {
                    0.0
                } else {
                    -4.0 * (1.0 - k as f64 / (n - 1) as f64)
                };
                lo + (hi - lo) * 10f64.powf(e)
            })
            .collect(),
    };
    out.dedup_by(|a, b| *a <= *b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_level_counts_are_capped_without_changing_the_levels() {
        let v: Vec<f64> = (0..50).map(|i| f64::from(i * i)).collect();
        let all = levels(&v, usize::MAX, Spacing::Quantile);
        assert_eq!(all, v, "every distinct value, once");
        assert_eq!(levels(&v, 50, Spacing::Quantile), all);
        assert_eq!(levels(&v, 51, Spacing::Quantile), all);
        let lg = levels(&v, usize::MAX, Spacing::Log);
        assert_eq!(lg.len(), MAX_LEVELS);
        assert!(lg.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            levels(&[f64::NAN], usize::MAX, Spacing::Log),
            Vec::<f64>::new()
        );
    }
}

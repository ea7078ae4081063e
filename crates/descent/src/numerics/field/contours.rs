//! Isolines of a sampled field as flat polylines in data coordinates (via `contour`).

use contour::ContourBuilder;

use crate::field::Grid;

/// Isolines for several levels, flattened for a cheap copy to JavaScript: polyline `k`
/// has the points `points[2·starts[k] .. 2·starts[k+1]]` (x, y pairs in data coordinates)
/// and lies on `levels[level_of[k]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Isolines {
    /// The levels, increasing.
    pub levels: Vec<f64>,
    /// Every point, x then y.
    pub points: Vec<f64>,
    /// Index of each polyline's first point, plus one final entry (the point count).
    pub starts: Vec<u32>,
    /// Each polyline's level index.
    pub level_of: Vec<u32>,
    /// Levels left untraced to stay within [`crate::budget::CONTOUR_SEGMENTS`] (0: every
    /// level is traced).
    pub skipped: usize,
    /// The line segments every level together would have given (estimated: one a cell
    /// that a level crosses).
    pub segments: u64,
}

impl Isolines {
    /// Number of polylines.
    pub fn polylines(&self) -> usize {
        self.level_of.len()
    }

    /// The points of polyline `k` as (x, y) pairs; `None` if there is no polyline `k` (or
    /// the public fields were filled inconsistently).
    pub fn polyline(&self, k: usize) -> Option<impl Iterator<Item = [f64; 2]> + '_> {
        let a = *self.starts.get(k)? as usize;
        let b = *self.starts.get(k.checked_add(1)?)? as usize;
        let points = self.points.get(2 * a..2 * b)?;
        Some(points.chunks_exact(2).map(|p| [p[0], p[1]]))
    }

    /// Why fewer levels are drawn than asked for, for a person; `None` when every level is.
    pub fn note(&self) -> Option<String> {
        (self.skipped > 0).then(|| {
            let b = crate::budget::CONTOUR_SEGMENTS;
            crate::msg!(
                "core.budget.contours",
                "{drawn} of {levels} contour levels drawn: all of them would take about {segments} {unit} (the budget is {bound} {unit}: {why})",
                drawn = self.levels.len() - self.skipped,
                levels = self.levels.len(),
                segments = self.segments,
                bound = b.bound,
                why = (b.why)(),
                unit = (b.unit)(),
            )
        })
    }
}

/// Line segments each level gives (estimated: the cells whose corner values span the level,
/// one segment each), for `values` of an `nx` × `ny` grid and increasing `levels`. Non-finite
/// samples must already be replaced.
///
/// A cell spans the levels from the first at or above its lowest corner to the last at or
/// below its highest; both ends follow from its corners' ranks among the levels (ranks grow
/// with the value), so each sample is ranked once rather than each cell searched twice.
fn segments_per_level(values: &[f64], nx: usize, ny: usize, levels: &[f64]) -> Vec<u64> {
    // diff[k] counts the cells whose span starts at level k, minus those that end before it.
    let mut diff = vec![0i64; levels.len() + 1];
    let mut above = vec![(0, 0); nx];
    let mut row = vec![(0, 0); nx];
    for j in 0..ny {
        let mut hint = 0;
        for (r, &v) in row.iter_mut().zip(&values[j * nx..(j + 1) * nx]) {
            *r = ranks(levels, v, hint);
            hint = r.0;
        }
        if j > 0 {
            for i in 1..nx {
                let c = [above[i - 1], above[i], row[i - 1], row[i]];
                let a = c.iter().map(|r| r.0).min().unwrap_or(0);
                let b = c.iter().map(|r| r.1).max().unwrap_or(0);
                if a < b {
                    diff[a] += 1;
                    diff[b] -= 1;
                }
            }
        }
        std::mem::swap(&mut above, &mut row);
    }
    let mut run = 0i64;
    diff[..levels.len()]
        .iter()
        .map(|d| {
            run += d;
            run.max(0) as u64
        })
        .collect()
}

/// The number of `levels` below `v` and the number at or below it, for increasing levels.
/// `hint` is tried first as the former (a neighbouring sample's), before a binary search.
#[inline]
fn ranks(levels: &[f64], v: f64, hint: usize) -> (usize, usize) {
    let n = levels.len();
    let below = if (hint == 0 || levels[hint - 1] < v) && (hint == n || levels[hint] >= v) {
        hint
    } else {
        levels.partition_point(|&l| l < v)
    };
    let at_or_below = match levels.get(below) {
        Some(&l) if l <= v => below + levels[below..].partition_point(|&l| l <= v),
        _ => below,
    };
    (below, at_or_below)
}

/// The levels to trace within `bound` segments: all, else every s-th level (the smallest
/// stride s that fits, centred in each group), else the levels with the fewest segments
/// (the rings around the extremes) as long as they fit, in increasing order.
fn thin(per_level: &[u64], bound: u64) -> Vec<usize> {
    let n = per_level.len();
    for stride in 1..=n.max(1) {
        let kept: Vec<usize> = (0..n).filter(|k| k % stride == (stride - 1) / 2).collect();
        let total: u64 = kept.iter().map(|&k| per_level[k]).sum();
        if total <= bound {
            return kept;
        }
    }
    let mut by_cost: Vec<usize> = (0..n).collect();
    by_cost.sort_by_key(|&k| per_level[k]);
    let mut total = 0;
    let mut kept: Vec<usize> = by_cost
        .into_iter()
        .take_while(|&k| {
            total += per_level[k];
            total <= bound
        })
        .collect();
    kept.sort_unstable();
    kept
}

/// Traces each level of `grid` with marching squares (linear interpolation along edges).
/// Refused when cells × levels is over [`crate::budget::CONTOUR_CELL_LEVELS`]; when the
/// levels would give more line segments than [`crate::budget::CONTOUR_SEGMENTS`], only
/// every second (third, …) level is traced, and [`Isolines::skipped`] says how many were not.
///
/// The `contour` crate treats everything outside the grid as below every level, which
/// would close each ring along the border. So it traces the sublevel sets {f ≤ c} as
/// superlevel sets of −f, and the pieces of rings that run along the grid's border are
/// cut away, leaving only the true isolines (open where they leave the view).
pub fn isolines(grid: &Grid, levels: &[f64]) -> Result<Isolines, crate::ConfigError> {
    let (nx, ny) = (grid.nx(), grid.ny());
    crate::budget::contours(nx.saturating_mul(ny), levels.len())?;
    let (lo, hi) = grid.finite_range().unwrap_or((0.0, 0.0));
    // Non-finite samples read as a very high wall.
    let wall = hi + (hi - lo).abs() + 1.0;
    let values: Vec<f64> = grid
        .values()
        .iter()
        .map(|&v| if v.is_finite() { v } else { wall })
        .collect();
    let per_level = segments_per_level(&values, nx, ny, levels);
    let neg: Vec<f64> = values.iter().map(|v| -v).collect();
    let traced = thin(&per_level, crate::budget::CONTOUR_SEGMENTS.bound);
    let thresholds: Vec<f64> = traced.iter().map(|&k| -levels[k]).collect();
    let mut out = Isolines {
        levels: levels.to_vec(),
        starts: vec![0],
        skipped: levels.len() - traced.len(),
        segments: per_level.iter().sum(),
        ..Default::default()
    };
    if thresholds.is_empty() {
        return Ok(out);
    }
    let Ok(lines) = ContourBuilder::new(nx, ny, true).lines(&neg, &thresholds) else {
        return Ok(out);
    };
    let view = grid.view();
    let (dx, dy) = (view.width() / nx as f64, view.height() / ny as f64);
    // In the crate's coordinates sample (i, j) sits at (i + 0.5, j + 0.5), so x_data =
    // x_min + px·dx exactly, and rows count down from y_max.
    let on_border = |px: f64, py: f64| {
        px <= 0.5 + 1e-9
            || py <= 0.5 + 1e-9
            || px >= nx as f64 - 0.5 - 1e-9
            || py >= ny as f64 - 0.5 - 1e-9
    };
    for (&level, line) in traced.iter().zip(lines.iter()) {
        for ring in line.geometry().0.iter() {
            let pts = &ring.0;
            let mut current: Vec<f64> = Vec::new();
            let flush = |current: &mut Vec<f64>, out: &mut Isolines| {
                if current.len() >= 4 {
                    out.points.append(current);
                    out.starts.push((out.points.len() / 2) as u32);
                    out.level_of.push(level as u32);
                }
                current.clear();
            };
            for w in pts.windows(2) {
                let (a, b) = (w[0], w[1]);
                if on_border(a.x, a.y) && on_border(b.x, b.y) {
                    flush(&mut current, &mut out);
                    continue;
                }
                if current.is_empty() {
                    current.extend([view.x_min + a.x * dx, view.y_max - a.y * dy]);
                }
                current.extend([view.x_min + b.x * dx, view.y_max - b.y * dy]);
            }
            flush(&mut current, &mut out);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::ViewBox;
    use crate::objective::FnObjective;

    #[test]
    fn isolines_of_the_paraboloid_are_circles() {
        let f = FnObjective::new(2, |p| p[0] * p[0] + p[1] * p[1]);
        let view = ViewBox::new(-2.0, 2.0, -2.0, 2.0).unwrap();
        let grid = Grid::sample(&f, view, 200, 200).unwrap();
        let cell = 4.0 / 200.0;
        for c in [0.25, 1.0, 2.0, 3.0] {
            let iso = isolines(&grid, &[c]).unwrap();
            assert_eq!(iso.polylines(), 1, "level {c}: one closed ring");
            let mut n = 0;
            for [x, y] in iso.polyline(0).unwrap() {
                let r = (x * x + y * y).sqrt();
                // Linear interpolation of a convex function: error well inside a cell.
                assert!((r - c.sqrt()).abs() < cell, "level {c}: r = {r}");
                n += 1;
            }
            assert!(n > 20);
            let pts: Vec<_> = iso.polyline(0).unwrap().collect();
            assert_eq!(pts.first(), pts.last(), "the ring closes");
        }
    }

    #[test]
    fn no_lines_run_along_the_border() {
        // A plane: every level crosses the view as one open segment chain.
        let f = FnObjective::new(2, |p| p[0] + 0.3 * p[1]);
        let view = ViewBox::new(0.0, 1.0, 0.0, 1.0).unwrap();
        let grid = Grid::sample(&f, view, 50, 50).unwrap();
        let iso = isolines(&grid, &[0.3, 0.6, 0.9]).unwrap();
        assert_eq!(iso.polylines(), 3);
        assert!(iso.polyline(3).is_none() && iso.polyline(usize::MAX).is_none());
        let broken = Isolines {
            starts: vec![0, u32::MAX],
            ..iso.clone()
        };
        assert!(broken.polyline(0).is_none(), "a start past the points");
        for k in 0..3 {
            let c = iso.levels[iso.level_of[k] as usize];
            for [x, y] in iso.polyline(k).unwrap() {
                assert!((x + 0.3 * y - c).abs() < 1e-9, "({x}, {y}) off level {c}");
            }
        }
    }

    #[test]
    fn the_largest_grid_with_a_thousand_levels_is_refused_at_once() {
        let f = FnObjective::new(2, |p| p[0] * p[0] + p[1] * p[1]);
        let view = ViewBox::new(-2.0, 2.0, -2.0, 2.0).unwrap();
        let grid = Grid::sample(&f, view, Grid::MAX_CELLS, Grid::MAX_CELLS).unwrap();
        let levels: Vec<f64> = (1..=1000).map(|k| k as f64 * 0.008).collect();
        let e = isolines(&grid, &levels).unwrap_err();
        assert!(e.to_string().contains("exceeds the budget"), "{e}");
        let small = Grid::sample(&f, view, 256, 256).unwrap();
        assert!(isolines(&small, &levels[..60]).is_ok());
    }

    #[test]
    fn non_finite_samples_do_not_break_tracing() {
        let f = FnObjective::new(2, |p| {
            if p[0] > 0.5 {
                f64::NAN
            } else {
                p[0] * p[0] + p[1] * p[1]
            }
        });
        let view = ViewBox::new(-1.0, 1.0, -1.0, 1.0).unwrap();
        let grid = Grid::sample(&f, view, 40, 40).unwrap();
        let iso = isolines(&grid, &[0.1]).unwrap();
        assert_eq!(iso.polylines(), 1);
    }

    /// Line segments actually traced: points minus one per polyline.
    fn traced_segments(iso: &Isolines) -> u64 {
        iso.starts
            .windows(2)
            .map(|w| u64::from(w[1] - w[0]).saturating_sub(1))
            .sum()
    }

    /// Segments per level by two binary searches a cell: what the ranks must give.
    fn segments_by_cell(values: &[f64], nx: usize, ny: usize, levels: &[f64]) -> Vec<u64> {
        let mut per_level = vec![0; levels.len()];
        for j in 1..ny {
            for i in 1..nx {
                let c = [
                    (j - 1) * nx + i - 1,
                    (j - 1) * nx + i,
                    j * nx + i - 1,
                    j * nx + i,
                ];
                let lo = c.iter().map(|&k| values[k]).fold(f64::INFINITY, f64::min);
                let hi = c
                    .iter()
                    .map(|&k| values[k])
                    .fold(f64::NEG_INFINITY, f64::max);
                let a = levels.partition_point(|&l| l < lo);
                let b = levels.partition_point(|&l| l <= hi);
                per_level[a..b.max(a)].iter_mut().for_each(|n| *n += 1);
            }
        }
        per_level
    }

    #[test]
    fn segment_estimates_equal_the_per_cell_search() {
        let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
        let wavy = FnObjective::new(2, |p| (3.0 * p[0]).sin() * (5.0 * p[1]).cos());
        let steps = FnObjective::new(2, |p| (2.0 * p[0]).round() + p[1].floor());
        let flat = FnObjective::new(2, |_| 2.0);
        for f in [&wavy, &steps, &flat] {
            for (nx, ny) in [(2, 2), (2, 3), (37, 19), (64, 64)] {
                let grid = Grid::sample(f, view, nx, ny).unwrap();
                let v = grid.values();
                let quantiles = crate::field::levels(v, 24, crate::field::Spacing::Quantile);
                let exact: Vec<f64> = (-6..=6).map(f64::from).collect();
                for lv in [&quantiles[..], &exact, &[], &[0.0, 0.0, 0.0, 1.0]] {
                    let want = segments_by_cell(v, nx, ny, lv);
                    assert_eq!(segments_per_level(v, nx, ny, lv), want, "{nx}×{ny} {lv:?}");
                }
            }
        }
    }

    #[test]
    fn high_frequency_products_are_thinned_to_the_segment_budget() {
        let bound = crate::budget::CONTOUR_SEGMENTS.bound;
        let f = FnObjective::new(2, |p| (40.0 * p[0]).sin() * (40.0 * p[1]).sin());
        let view = ViewBox::new(-5.0, 5.0, -5.0, 5.0).unwrap();
        // The page's map (256², 24 levels) and the contour budget's largest level count.
        for (n, count) in [(256, 24), (141, 200)] {
            let grid = Grid::sample(&f, view, n, n).unwrap();
            let lv = crate::field::levels(grid.values(), count, crate::field::Spacing::Quantile);
            let iso = isolines(&grid, &lv).unwrap();
            assert!(
                iso.skipped > 0,
                "{n}²: {} segments, nothing skipped",
                iso.segments
            );
            assert!(iso.segments > bound);
            // A saddle cell gives two segments: the estimate counts one.
            let traced = traced_segments(&iso);
            assert!(traced <= 2 * bound, "{n}²: {traced} segments traced");
            assert!(traced > 0, "{n}²: some levels are still drawn");
            let note = iso.note().unwrap();
            assert!(
                note.starts_with(&format!(
                    "{} of {} contour levels drawn",
                    lv.len() - iso.skipped,
                    lv.len()
                )),
                "{note}"
            );
            // Only traced levels have polylines.
            let drawn: std::collections::BTreeSet<u32> = iso.level_of.iter().copied().collect();
            assert!(drawn.len() <= lv.len() - iso.skipped);
        }
    }

    #[test]
    fn near_constant_surfaces_stay_within_the_segment_budget() {
        let bound = crate::budget::CONTOUR_SEGMENTS.bound;
        let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
        // Rounding noise on a constant: every level crosses almost every cell.
        let noisy = FnObjective::new(2, |p| 1.0 + 1e-15 * (97.0 * p[0] * p[1]).sin());
        let flat = FnObjective::new(2, |_| 2.0);
        for f in [&noisy, &flat] {
            let grid = Grid::sample(f, view, 256, 256).unwrap();
            let lv = crate::field::levels(grid.values(), 24, crate::field::Spacing::Quantile);
            let iso = isolines(&grid, &lv).unwrap();
            assert!(
                traced_segments(&iso) <= 2 * bound,
                "{} segments",
                traced_segments(&iso)
            );
        }
        // A smooth bowl keeps every level.
        let bowl = FnObjective::new(2, |p| p[0] * p[0] + p[1] * p[1]);
        let grid = Grid::sample(&bowl, view, 256, 256).unwrap();
        let lv = crate::field::levels(grid.values(), 24, crate::field::Spacing::Quantile);
        let iso = isolines(&grid, &lv).unwrap();
        assert_eq!((iso.skipped, iso.note()), (0, None));
        assert!(iso.polylines() >= lv.len(), "every level has a line");
    }
}

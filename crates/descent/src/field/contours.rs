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
}

impl Isolines {
    /// Number of polylines.
    pub fn polylines(&self) -> usize {
        self.level_of.len()
    }

    /// The points of polyline `k` as (x, y) pairs.
    pub fn polyline(&self, k: usize) -> impl Iterator<Item = [f64; 2]> + '_ {
        let (a, b) = (self.starts[k] as usize, self.starts[k + 1] as usize);
        self.points[2 * a..2 * b]
            .chunks_exact(2)
            .map(|p| [p[0], p[1]])
    }
}

/// Traces each level of `grid` with marching squares (linear interpolation along edges).
/// Refused when cells × levels is over [`crate::budget::CONTOUR_CELL_LEVELS`].
///
/// The `contour` crate treats everything outside the grid as below every level, which
/// would close each ring along the border. So it traces the sublevel sets {f ≤ c} as
/// superlevel sets of −f, and the pieces of rings that run along the grid's border are
/// cut away, leaving only the true isolines (open where they leave the view).
pub fn isolines(grid: &Grid, levels: &[f64]) -> Result<Isolines, crate::ConfigError> {
    let (nx, ny) = (grid.nx(), grid.ny());
    crate::budget::contours(nx * ny, levels.len())?;
    let (lo, hi) = grid.finite_range().unwrap_or((0.0, 0.0));
    // Non-finite samples read as a very high wall.
    let wall = hi + (hi - lo).abs() + 1.0;
    let neg: Vec<f64> = grid
        .values()
        .iter()
        .map(|&v| if v.is_finite() { -v } else { -wall })
        .collect();
    let thresholds: Vec<f64> = levels.iter().map(|l| -l).collect();
    let mut out = Isolines {
        levels: levels.to_vec(),
        starts: vec![0],
        ..Default::default()
    };
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
    for (level, line) in lines.iter().enumerate() {
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
            for [x, y] in iso.polyline(0) {
                let r = (x * x + y * y).sqrt();
                // Linear interpolation of a convex function: error well inside a cell.
                assert!((r - c.sqrt()).abs() < cell, "level {c}: r = {r}");
                n += 1;
            }
            assert!(n > 20);
            let pts: Vec<_> = iso.polyline(0).collect();
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
        for k in 0..3 {
            let c = iso.levels[iso.level_of[k] as usize];
            for [x, y] in iso.polyline(k) {
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
}

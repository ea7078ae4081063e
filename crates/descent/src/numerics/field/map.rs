//! The contour view's field for one view box: the sampled grid, its levels, colours and
//! isolines, computed together within the budgets.

use crate::error::ConfigError;
use crate::field::{Grid, Isolines, MAX_LEVELS, Spacing, ViewBox, isolines, levels, paint};
use crate::objective::Objective;

/// A sampled field with its levels (quantile or log spaced), RGBA colours (row 0 on top)
/// and isolines.
///
/// ```
/// use descent::field::{ContourMap, Spacing, ViewBox};
/// let f = descent::objective::notebook_2d();
/// let v = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
/// let m = ContourMap::compute(&f, v, 64, 48, 12, Spacing::Quantile).unwrap();
/// assert_eq!(m.rgba.len(), 64 * 48 * 4);
/// assert!(m.levels.len() <= 12 && m.isolines.polylines() > 0);
/// ```
#[derive(Debug, Clone)]
pub struct ContourMap {
    /// The samples.
    pub grid: Grid,
    /// The levels, increasing.
    pub levels: Vec<f64>,
    /// The colours, 4 bytes a cell.
    pub rgba: Vec<u8>,
    /// The isolines of the levels.
    pub isolines: Isolines,
}

impl ContourMap {
    /// Samples `nx` × `ny` cells of `view` and picks up to `n_levels` levels (at most
    /// [`MAX_LEVELS`]); refused when cells × levels is over
    /// [`crate::budget::CONTOUR_CELL_LEVELS`].
    pub fn compute(
        objective: &dyn Objective,
        view: ViewBox,
        nx: usize,
        ny: usize,
        n_levels: usize,
        spacing: Spacing,
    ) -> Result<Self, ConfigError> {
        let n_levels = n_levels.min(MAX_LEVELS);
        crate::budget::contours(nx.saturating_mul(ny), n_levels)?;
        let grid = Grid::sample(objective, view, nx, ny)?;
        let levels = levels(grid.values(), n_levels, spacing);
        let rgba = paint(grid.values(), &levels);
        let isolines = isolines(&grid, &levels)?;
        Ok(ContourMap {
            grid,
            levels,
            rgba,
            isolines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversize_maps_are_refused_before_sampling() {
        let f = crate::objective::notebook_2d();
        let v = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
        let e = ContourMap::compute(&f, v, 2048, 2048, 1000, Spacing::Log).unwrap_err();
        assert!(
            e.to_string()
                .contains("contour levels × grid cells = 200 × 4194304"),
            "{e}"
        );
        assert!(ContourMap::compute(&f, v, 256, 256, 24, Spacing::Log).is_ok());
    }
}

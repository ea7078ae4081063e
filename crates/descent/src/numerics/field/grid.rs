//! A view box and the grid of values of an objective sampled at its cell centres.

use crate::error::{ConfigError, count, interval};
use crate::objective::Objective;

/// The rectangle [x_min, x_max] × [y_min, y_max] a view shows, in data coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

impl ViewBox {
    /// A view box; each side's min must be below its max, all finite.
    pub fn new(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Result<Self, ConfigError> {
        interval("view x min", "view x max", x_min, x_max)?;
        interval("view y min", "view y max", y_min, y_max)?;
        // Every grid point is min + t·(max − min): the span itself must be finite.
        for (field, span) in [("view x max", x_max - x_min), ("view y max", y_max - y_min)] {
            if !span.is_finite() {
                return Err(ConfigError::OutOfRange {
                    field,
                    range: "at most 1.7e308 away from the min (the view's size must be finite)",
                    got: format!("{span}"),
                });
            }
        }
        Ok(ViewBox {
            x_min,
            x_max,
            y_min,
            y_max,
        })
    }

    /// The smallest box holding `points` (flat x, y pairs) grown by `margin` on every side,
    /// like the notebook's In[21] `set_xlim(xmin - tole, xmax + tole)`. `None` when there is
    /// no finite point.
    pub fn around(points: &[f64], margin: f64) -> Option<Self> {
        let mut b = [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in points.chunks_exact(2) {
            if p[0].is_finite() && p[1].is_finite() {
                b = [
                    b[0].min(p[0]),
                    b[1].max(p[0]),
                    b[2].min(p[1]),
                    b[3].max(p[1]),
                ];
            }
        }
        let m = margin.abs().max(1e-9);
        ViewBox::new(b[0] - m, b[1] + m, b[2] - m, b[3] + m).ok()
    }

    /// Width x_max − x_min.
    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    /// Height y_max − y_min.
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

/// Values of an objective at the centres of an `nx` × `ny` grid of cells over a view box,
/// row-major with row 0 at the top (y_max), so the buffer is already in image order.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    view: ViewBox,
    nx: usize,
    ny: usize,
    values: Vec<f64>,
}

impl Grid {
    /// Largest number of cells per side.
    pub const MAX_CELLS: usize = 2048;

    /// Samples the first two coordinates of `f` (others 0) at every cell centre.
    pub fn sample(
        f: &dyn Objective,
        view: ViewBox,
        nx: usize,
        ny: usize,
    ) -> Result<Self, ConfigError> {
        count(
            "grid columns",
            "an integer from 2 to 2048",
            nx,
            2,
            Self::MAX_CELLS,
        )?;
        count(
            "grid rows",
            "an integer from 2 to 2048",
            ny,
            2,
            Self::MAX_CELLS,
        )?;
        if f.dim() != 2 {
            return Err(ConfigError::BadDimension {
                what: "the 2-D lesson's function",
                expected: 2,
                got: f.dim(),
            });
        }
        let mut values = Vec::with_capacity(nx * ny);
        let mut p = [0.0; 2];
        for j in 0..ny {
            p[1] = view.y_max - (j as f64 + 0.5) * view.height() / ny as f64;
            for i in 0..nx {
                p[0] = view.x_min + (i as f64 + 0.5) * view.width() / nx as f64;
                values.push(f.value(&p));
            }
        }
        Ok(Grid {
            view,
            nx,
            ny,
            values,
        })
    }

    /// The view box.
    pub fn view(&self) -> ViewBox {
        self.view
    }

    /// Columns.
    pub fn nx(&self) -> usize {
        self.nx
    }

    /// Rows.
    pub fn ny(&self) -> usize {
        self.ny
    }

    /// All values, row 0 (top) first.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The data coordinates of the centre of cell (column `i`, row `j`).
    pub fn centre(&self, i: usize, j: usize) -> [f64; 2] {
        let v = self.view;
        [
            v.x_min + (i as f64 + 0.5) * v.width() / self.nx as f64,
            v.y_max - (j as f64 + 0.5) * v.height() / self.ny as f64,
        ]
    }

    /// The smallest and largest finite values, or `None` if none is finite.
    pub fn finite_range(&self) -> Option<(f64, f64)> {
        let (lo, hi) = self
            .values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        (lo <= hi).then_some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::notebook_2d;

    #[test]
    fn a_view_of_infinite_size_is_rejected_when_made() {
        let e = ViewBox::new(-1e308, 1e308, -1.0, 1.0).unwrap_err();
        assert_eq!(e.field(), "view x max");
        assert!(e.to_string().contains("size must be finite"), "{e}");
        assert!(ViewBox::new(-1.0, 1.0, -1e308, 1e308).is_err());
        assert!(ViewBox::new(-8e307, 8e307, -1.0, 1.0).is_ok());
    }

    #[test]
    fn samples_cell_centres_top_row_first() {
        let f = crate::FnObjective::new(2, |p| p[0] + 10.0 * p[1]);
        let g = Grid::sample(&f, ViewBox::new(0.0, 4.0, 0.0, 2.0).unwrap(), 4, 2).unwrap();
        assert_eq!(g.values()[0], 0.5 + 15.0);
        assert_eq!(g.values()[7], 3.5 + 5.0);
        assert_eq!(g.centre(3, 1), [3.5, 0.5]);
        assert_eq!(g.finite_range(), Some((5.5, 18.5)));
    }

    #[test]
    fn bad_grids_and_boxes_are_rejected() {
        let f = notebook_2d();
        let v = ViewBox::new(-1.0, 1.0, -1.0, 1.0).unwrap();
        assert!(Grid::sample(&f, v, 1, 10).is_err());
        assert!(ViewBox::new(1.0, 1.0, 0.0, 1.0).is_err());
        let one_d = crate::objective::notebook_1d();
        assert!(Grid::sample(&one_d, v, 10, 10).is_err());
    }

    #[test]
    fn around_adds_the_margin() {
        let b = ViewBox::around(&[0.0, 1.0, 2.0, -1.0, f64::NAN, 5.0], 1.0).unwrap();
        assert_eq!((b.x_min, b.x_max, b.y_min, b.y_max), (-1.0, 3.0, -2.0, 2.0));
        assert!(ViewBox::around(&[], 1.0).is_none());
    }
}

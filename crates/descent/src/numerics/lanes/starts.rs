//! The start points of many runs, stored flat (one point after another).

use crate::error::ConfigError;

/// Start points of one dimension, point after point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Starts {
    dim: usize,
    flat: Vec<f64>,
}

impl Starts {
    /// Starts of dimension `dim` from `flat` (`dim` numbers a point; a trailing partial
    /// point is dropped).
    pub fn new(dim: usize, mut flat: Vec<f64>) -> Self {
        flat.truncate(flat.len() / dim.max(1) * dim);
        Starts { dim, flat }
    }

    /// Starts of dimension `dim` from points; refused for a point of another length.
    pub fn from_points(dim: usize, points: &[Vec<f64>]) -> Result<Self, ConfigError> {
        if let Some(p) = points.iter().find(|p| p.len() != dim) {
            return Err(ConfigError::BadDimension {
                what: "start point",
                expected: dim,
                got: p.len(),
            });
        }
        Ok(Starts {
            dim,
            flat: points.concat(),
        })
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.flat.len().checked_div(self.dim).unwrap_or(0)
    }

    /// Whether there is no point.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Point `i`.
    ///
    /// # Panics
    /// If `i` ≥ [`Starts::len`].
    pub fn get(&self, i: usize) -> &[f64] {
        &self.flat[i * self.dim..(i + 1) * self.dim]
    }

    /// Points `first..stop` (clamped to the points there are).
    pub fn range(&self, first: usize, stop: usize) -> Starts {
        let stop = stop.min(self.len());
        let first = first.min(stop);
        Starts {
            dim: self.dim,
            flat: self.flat[first * self.dim..stop * self.dim].to_vec(),
        }
    }

    /// Checks that the points have dimension `dim` and finite coordinates.
    pub fn validate(&self, dim: usize) -> Result<(), ConfigError> {
        if self.dim != dim && !self.flat.is_empty() {
            return Err(ConfigError::BadDimension {
                what: "start point",
                expected: dim,
                got: self.dim,
            });
        }
        for &x in &self.flat {
            crate::error::finite("start point", x)?;
        }
        Ok(())
    }
}

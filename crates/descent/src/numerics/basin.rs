//! Basin-of-attraction maps: every cell centre of a grid is a start; its run's end point
//! labels the cell with the minimum it reached. Computed a few rows at a time through a
//! resumable struct so a page can show progress and cancel.

use std::rc::Rc;

use crate::error::{ConfigError, count, positive};
use crate::field::ViewBox;
use crate::lanes::{Ends, Starts};
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status};

/// Label of a start whose run diverged.
pub const DIVERGED: i32 = -1;
/// Label of a start whose run used its step budget without converging.
pub const UNCONVERGED: i32 = -2;
/// Label of a start not computed yet.
pub const PENDING: i32 = -3;
/// Label of a start whose run converged to a saddle point (zero gradient, a descent
/// direction of negative curvature): it reached no minimum.
pub const SADDLE: i32 = -4;

/// Colours of the minima labels 0, 1, 2, … (Okabe–Ito, safe for colour-blind viewers);
/// labels beyond the palette cycle through it.
pub const PALETTE: [[u8; 3]; 7] = [
    [0xE6, 0x9F, 0x00],
    [0x56, 0xB4, 0xE9],
    [0x00, 0x9E, 0x73],
    [0xF0, 0xE4, 0x42],
    [0x00, 0x72, 0xB2],
    [0xD5, 0x5E, 0x00],
    [0xCC, 0x79, 0xA7],
];
/// Colour of diverged starts.
pub const DIVERGED_COLOUR: [u8; 3] = [0x00, 0x00, 0x00];
/// Colour of unconverged starts.
pub const UNCONVERGED_COLOUR: [u8; 3] = [0xBB, 0xBB, 0xBB];
/// Colour of starts that converged to a saddle point.
pub const SADDLE_COLOUR: [u8; 3] = [0x66, 0x66, 0x66];

/// What a basin map computes.
#[derive(Debug, Clone)]
pub struct BasinSettings {
    /// The optimizer and its hyperparameters (a fresh memory for every start).
    pub optimizer: OptimSpec,
    /// Step budget, gradient mode, update order and divergence bound (its start and its
    /// gradient tolerance are ignored).
    pub template: RunConfig,
    /// The box whose cell centres are the starts.
    pub view: ViewBox,
    /// Columns of starts.
    pub nx: usize,
    /// Rows of starts.
    pub ny: usize,
    /// A run converged when ‖∇f‖ falls below this (it stops there).
    pub grad_tol: f64,
    /// End points closer than this are the same minimum.
    pub tol: f64,
}

impl BasinSettings {
    /// Checks the grid size, the tolerances and the run template.
    pub fn validate(&self) -> Result<(), ConfigError> {
        count(
            "basin grid columns",
            "an integer from 2 to 1024",
            self.nx,
            2,
            1024,
        )?;
        count(
            "basin grid rows",
            "an integer from 2 to 1024",
            self.ny,
            2,
            1024,
        )?;
        crate::budget::basin(
            "basin grid",
            self.nx,
            self.ny,
            self.template.max_steps,
            self.optimizer.rule().step_cost,
        )?;
        positive("gradient tolerance", self.grad_tol)?;
        positive("minimum tolerance", self.tol)?;
        let mut t = self.template.clone();
        t.start = vec![0.0; 2];
        t.validate(2)
    }
}

/// A minimum found by the map: a representative end point and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimum {
    /// The first end point that reached it.
    pub point: [f64; 2],
    /// f there.
    pub value: f64,
    /// How many starts reached it.
    pub count: usize,
}

/// A basin map in progress. [`BasinMap::advance`] computes some rows; the labels of rows
/// not yet computed are [`PENDING`].
///
/// ```
/// use std::rc::Rc;
/// use descent::basin::{BasinMap, BasinSettings};
/// use descent::field::ViewBox;
/// use descent::optim::OptimSpec;
/// use descent::RunConfig;
/// let settings = BasinSettings {
///     optimizer: OptimSpec::new("gd", &Default::default()).unwrap(),
///     template: RunConfig::new(vec![0.0, 0.0], 300),
///     view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
///     nx: 16, ny: 16, grad_tol: 1e-6, tol: 1e-2,
/// };
/// let mut map = BasinMap::new(Rc::new(descent::objective::notebook_2d()), settings).unwrap();
/// while !map.is_done() { map.advance(4); }
/// assert_eq!(map.minima().len(), 2);
/// ```
pub struct BasinMap {
    objective: Rc<dyn Objective>,
    settings: BasinSettings,
    labels: Vec<i32>,
    ends: Vec<f64>,
    minima: Vec<Minimum>,
    saddles: Vec<[f64; 2]>,
    next_row: usize,
    /// The row in progress under [`BasinMap::advance_steps`], as lanes.
    row: Option<Ends>,
    cancelled: bool,
}

impl std::fmt::Debug for BasinMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasinMap")
            .field("settings", &self.settings)
            .field("next_row", &self.next_row)
            .field("minima", &self.minima)
            .finish()
    }
}

impl BasinMap {
    /// A map with nothing computed yet.
    pub fn new(objective: Rc<dyn Objective>, settings: BasinSettings) -> Result<Self, ConfigError> {
        settings.validate()?;
        if objective.dim() != 2 {
            return Err(ConfigError::BadDimension {
                what: "the basin map's function",
                expected: 2,
                got: objective.dim(),
            });
        }
        settings.optimizer.build()?;
        let cells = settings.nx * settings.ny;
        Ok(BasinMap {
            objective,
            labels: vec![PENDING; cells],
            ends: vec![f64::NAN; 2 * cells],
            minima: Vec::new(),
            saddles: Vec::new(),
            next_row: 0,
            row: None,
            cancelled: false,
            settings,
        })
    }

    /// Computes up to `rows` more rows; returns the number of rows done so far. The
    /// rows' starts run together as lanes ([`Ends`]), then their end points are
    /// labelled in cell order, so the labels equal a start-by-start computation's.
    pub fn advance(&mut self, rows: usize) -> usize {
        if self.cancelled {
            return self.next_row;
        }
        if let Some(mut lanes) = self.row.take() {
            lanes.finish();
            self.label(self.next_row, &lanes);
            self.next_row += 1;
        }
        let first = self.next_row;
        let stop = first.saturating_add(rows).min(self.settings.ny);
        if stop == first {
            return stop;
        }
        let Some(mut lanes) = self.lanes(first, stop) else {
            return self.next_row;
        };
        lanes.finish();
        self.label(first, &lanes);
        self.next_row = stop;
        stop
    }

    /// Computes about `iterations` lockstep steps of the current row's starts (each step
    /// advances every unfinished start of the row by one descent step), so that a slice of
    /// work stays short however costly the function; returns the number of rows done.
    /// The result equals [`BasinMap::advance`]'s.
    pub fn advance_steps(&mut self, iterations: usize) -> usize {
        if self.cancelled || self.next_row == self.settings.ny {
            return self.next_row;
        }
        let row = match self.row.take() {
            Some(lanes) => Some(lanes),
            None => self.lanes(self.next_row, self.next_row + 1),
        };
        let Some(mut lanes) = row else {
            return self.next_row;
        };
        if lanes.advance(iterations.max(1)) {
            self.label(self.next_row, &lanes);
            self.next_row += 1;
        } else {
            self.row = Some(lanes);
        }
        self.next_row
    }

    /// The lanes of rows `first..stop`; `None` (and the map stops) if they cannot be built,
    /// which the settings validated by [`BasinMap::new`] rule out.
    fn lanes(&mut self, first: usize, stop: usize) -> Option<Ends> {
        let lanes = self.row_lanes(first, stop);
        if lanes.is_err() {
            self.cancelled = true;
        }
        lanes.ok()
    }

    /// The lanes of the starts of rows `first..stop`, nothing stepped yet.
    fn row_lanes(&self, first: usize, stop: usize) -> Result<Ends, ConfigError> {
        let nx = self.settings.nx;
        let starts = (first * nx..stop * nx)
            .flat_map(|cell| self.start(cell % nx, cell / nx))
            .collect();
        let s = &self.settings;
        let template = RunConfig {
            grad_tol: s.grad_tol,
            ..s.template.clone()
        };
        let starts = Starts::new(2, starts);
        Ends::new(Rc::clone(&self.objective), &s.optimizer, &template, starts)
    }

    /// Records the end points and labels of finished lanes whose first start is row `first`.
    fn label(&mut self, first: usize, lanes: &Ends) {
        self.label_ends(first, lanes.ends(), lanes.statuses());
    }

    /// Records `ends` (x, y pairs) and their `statuses`, in cell order from row `first`,
    /// and labels their cells.
    fn label_ends(&mut self, first: usize, ends: &[f64], statuses: &[Status]) {
        let nx = self.settings.nx;
        for (k, (p, status)) in ends.chunks_exact(2).zip(statuses).enumerate() {
            let cell = first * nx + k;
            let p = [p[0], p[1]];
            self.ends[2 * cell] = p[0];
            self.ends[2 * cell + 1] = p[1];
            self.labels[cell] = match status {
                Status::Diverged => DIVERGED,
                Status::Converged => self.cluster(p),
                _ => UNCONVERGED,
            };
        }
    }

    /// The label of a converged end point: the minimum it joins (within the tolerance),
    /// a new minimum, or [`SADDLE`] when the Hessian there has a negative eigenvalue.
    fn cluster(&mut self, p: [f64; 2]) -> i32 {
        let tol2 = self.settings.tol * self.settings.tol;
        let near = |q: [f64; 2]| (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2) <= tol2;
        for (k, m) in self.minima.iter_mut().enumerate() {
            if near(m.point) {
                m.count += 1;
                return k as i32;
            }
        }
        if self.saddles.iter().any(|&q| near(q)) {
            return SADDLE;
        }
        let f = self.objective.as_ref();
        let h = 1e-4 * p[0].abs().max(p[1].abs()).max(1.0);
        let hess = crate::curvature::hessian(f, p, h);
        let scale = hess.iter().flatten().fold(1.0f64, |m, v| m.max(v.abs()));
        if smallest_eigenvalue(hess) < -1e-6 * scale {
            self.saddles.push(p);
            return SADDLE;
        }
        self.minima.push(Minimum {
            point: p,
            value: f.value(&p),
            count: 1,
        });
        (self.minima.len() - 1) as i32
    }

    /// Computes every remaining row.
    pub fn finish(&mut self) {
        self.advance(usize::MAX);
    }

    /// Stops the map: later calls to [`BasinMap::advance`] do nothing.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// Whether [`BasinMap::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }

    /// Whether every row is computed (or the map was cancelled).
    pub fn is_done(&self) -> bool {
        self.cancelled || self.next_row == self.settings.ny
    }

    /// The number of rows labelled so far.
    pub fn progress_rows(&self) -> usize {
        self.next_row
    }

    /// Fraction of rows computed, in [0, 1].
    pub fn progress(&self) -> f64 {
        self.next_row as f64 / self.settings.ny as f64
    }

    /// The label of every cell, row 0 (top) first: a minimum's index, [`DIVERGED`],
    /// [`UNCONVERGED`], [`SADDLE`] or [`PENDING`].
    pub fn labels(&self) -> &[i32] {
        &self.labels
    }

    /// Every cell's end point (x, y pairs; NaN while pending).
    pub fn ends(&self) -> &[f64] {
        &self.ends
    }

    /// The minima found so far, in order of discovery (label k is `minima()[k]`).
    pub fn minima(&self) -> &[Minimum] {
        &self.minima
    }

    /// The settings.
    pub fn settings(&self) -> &BasinSettings {
        &self.settings
    }

    /// The centre of cell (`i`, `j`), the start of its run.
    pub fn start(&self, i: usize, j: usize) -> [f64; 2] {
        let s = &self.settings;
        let v = s.view;
        [
            v.x_min + (i as f64 + 0.5) * v.width() / s.nx as f64,
            v.y_max - (j as f64 + 0.5) * v.height() / s.ny as f64,
        ]
    }

    /// An RGBA image of the labels (pending cells transparent).
    pub fn rgba(&self) -> Vec<u8> {
        let mut out = vec![0u8; self.labels.len() * 4];
        for (l, px) in self.labels.iter().zip(out.chunks_exact_mut(4)) {
            let c = match *l {
                PENDING => continue,
                DIVERGED => DIVERGED_COLOUR,
                UNCONVERGED => UNCONVERGED_COLOUR,
                SADDLE => SADDLE_COLOUR,
                k => PALETTE[k as usize % PALETTE.len()],
            };
            px.copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
        out
    }
}

/// The smallest eigenvalue of a symmetric 2 × 2 matrix.
fn smallest_eigenvalue(m: [[f64; 2]; 2]) -> f64 {
    let (a, b, d) = (m[0][0], m[0][1], m[1][1]);
    0.5 * (a + d) - (0.25 * (a - d) * (a - d) + b * b).sqrt()
}

mod tiles;

pub use tiles::Tile;

#[cfg(test)]
mod tests;

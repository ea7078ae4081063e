//! The 3-D view's handle: a shaded mesh for a camera, and projected points on it.

use descent::Objective;
use descent::field::{Camera, Grid, Mesh, surface_mesh};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

use super::{err, field::objective, view};

/// A surface over a box, re-projected for each camera angle.
#[wasm_bindgen]
pub struct Surface3D {
    objective: Rc<dyn Objective>,
    grid: Grid,
    camera: Camera,
    mesh: Mesh,
}

#[wasm_bindgen]
impl Surface3D {
    /// Samples `n` × `n` vertices of the box (the notebook uses 30); refused over the mesh
    /// budget.
    #[wasm_bindgen(constructor)]
    pub fn new(
        function: &str,
        x_min: f64,
        x_max: f64,
        y_min: f64,
        y_max: f64,
        n: u32,
    ) -> Result<Surface3D, JsValue> {
        Surface3D::of(objective(function)?, x_min, x_max, y_min, y_max, n)
    }

    /// Re-projects for elevation and azimuth in degrees (matplotlib's `view_init`).
    pub fn view(&mut self, elev: f64, azim: f64) -> Result<(), JsValue> {
        let (lo, hi) = self.grid.finite_range().unwrap_or((0.0, 1.0));
        self.camera = Camera::new(self.grid.view(), lo, hi, elev, azim).map_err(err)?;
        self.mesh = surface_mesh(&self.grid, &self.camera).map_err(err)?;
        Ok(())
    }

    /// Quad corners in screen units (about [−1, 1], y up), 8 numbers per quad, far first.
    pub fn corners(&self) -> Vec<f32> {
        self.mesh.corners.clone()
    }

    /// One RGBA colour per quad.
    pub fn colours(&self) -> Vec<u8> {
        self.mesh.colours.clone()
    }

    /// For each point (x, y pairs) on the surface: 1 if the camera sees it, 0 if the
    /// surface hides it (so the page draws hidden path parts faint).
    pub fn visible(&self, points: &[f64]) -> Vec<u8> {
        points
            .chunks_exact(2)
            .map(|p| u8::from(self.camera.sees(self.objective.as_ref(), p[0], p[1])))
            .collect()
    }

    /// Screen positions of points (x, y pairs) lifted onto the surface z = f(x, y).
    pub fn project(&self, points: &[f64]) -> Vec<f64> {
        points
            .chunks_exact(2)
            .flat_map(|p| {
                let z = self.objective.value(p);
                let s = self.camera.project(p[0], p[1], z);
                [s[0], s[1]]
            })
            .collect()
    }
}

impl Surface3D {
    /// The surface of `objective` over the box, `n` × `n` vertices; refused over the mesh
    /// budget.
    pub(crate) fn of(
        objective: Rc<dyn Objective>,
        x_min: f64,
        x_max: f64,
        y_min: f64,
        y_max: f64,
        n: u32,
    ) -> Result<Surface3D, JsValue> {
        let v = view(x_min, x_max, y_min, y_max)?;
        let n = n as usize;
        descent::budget::mesh(n).map_err(err)?;
        let grid = Grid::sample(objective.as_ref(), v, n, n).map_err(err)?;
        let (lo, hi) = grid.finite_range().unwrap_or((0.0, 1.0));
        let camera = Camera::new(v, lo, hi, 57.0, 25.0).map_err(err)?;
        let mesh = surface_mesh(&grid, &camera).map_err(err)?;
        Ok(Surface3D {
            objective,
            grid,
            camera,
            mesh,
        })
    }
}

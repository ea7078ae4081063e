//! A shaded 3-D surface mesh projected for an elevation and azimuth, in painter's order.

use crate::error::{ConfigError, finite, within};
use crate::field::{Grid, ViewBox, viridis};

/// An orthographic camera looking at the box view × [z_lo, z_hi] from elevation `elev`
/// and azimuth `azim` (degrees, as matplotlib's `view_init`). The box is normalised to
/// [−1, 1] × [−1, 1] × [−h, h] (h = 0.7) and projected into screen units in about
/// [−1, 1], x to the right and y up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    view: ViewBox,
    z_lo: f64,
    z_hi: f64,
    right: [f64; 3],
    up: [f64; 3],
    toward: [f64; 3],
}

const Z_HALF: f64 = 0.7;
const FIT: f64 = 1.0 / 1.75;

impl Camera {
    /// A camera; elevation in [−90, 90], azimuth any finite angle, z_lo < z_hi (equal
    /// values are widened by 1).
    pub fn new(
        view: ViewBox,
        z_lo: f64,
        z_hi: f64,
        elev: f64,
        azim: f64,
    ) -> Result<Self, ConfigError> {
        within("elevation", "in [−90, 90] degrees", elev, -90.0, 90.0)?;
        finite("azimuth", azim)?;
        finite("z min", z_lo)?;
        finite("z max", z_hi)?;
        let (z_lo, z_hi) = if z_hi > z_lo {
            (z_lo, z_hi)
        } else {
            (z_lo - 0.5, z_lo + 0.5)
        };
        let (e, a) = (elev.to_radians(), azim.to_radians());
        Ok(Camera {
            view,
            z_lo,
            z_hi,
            right: [-a.sin(), a.cos(), 0.0],
            up: [-e.sin() * a.cos(), -e.sin() * a.sin(), e.cos()],
            toward: [e.cos() * a.cos(), e.cos() * a.sin(), e.sin()],
        })
    }

    fn normalise(&self, x: f64, y: f64, z: f64) -> [f64; 3] {
        let v = self.view;
        [
            2.0 * (x - v.x_min) / v.width() - 1.0,
            2.0 * (y - v.y_min) / v.height() - 1.0,
            Z_HALF * (2.0 * (z - self.z_lo) / (self.z_hi - self.z_lo) - 1.0),
        ]
    }

    /// Screen position (x right, y up) and depth (larger is nearer the eye) of a point.
    pub fn project(&self, x: f64, y: f64, z: f64) -> [f64; 3] {
        let p = self.normalise(x, y, z);
        [
            FIT * dot(p, self.right),
            FIT * dot(p, self.up),
            dot(p, self.toward),
        ]
    }
}

impl Camera {
    /// Whether the point (x, y, f(x, y)) of the surface of `f` is seen from the camera:
    /// a ray from it toward the eye is marched across the box, and the point is hidden if
    /// the ray passes under the (clamped) surface on the way out. Lets the page draw the
    /// parts of a path behind a wall faint instead of over it.
    pub fn sees(&self, f: &dyn crate::Objective, x: f64, y: f64) -> bool {
        let clamp = |z: f64| z.clamp(self.z_lo, self.z_hi);
        let z = f.value(&[x, y]);
        if !z.is_finite() {
            return false;
        }
        let p = self.normalise(x, y, clamp(z));
        let v = self.view;
        let steps = 120;
        let dt = 4.0 / steps as f64;
        for i in 1..=steps {
            let t = i as f64 * dt;
            let q = [
                p[0] + t * self.toward[0],
                p[1] + t * self.toward[1],
                p[2] + t * self.toward[2],
            ];
            if q[0].abs() > 1.0 || q[1].abs() > 1.0 || q[2] > Z_HALF {
                return true;
            }
            let qx = v.x_min + (q[0] + 1.0) * 0.5 * v.width();
            let qy = v.y_min + (q[1] + 1.0) * 0.5 * v.height();
            let zs = f.value(&[qx, qy]);
            if zs.is_finite() && q[2] < self.normalise(qx, qy, clamp(zs))[2] - 1e-3 {
                return false;
            }
        }
        true
    }
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// Projected quads of a surface, far to near: quad `k` has corners
/// `corners[8k .. 8k + 8]` (x, y screen pairs) and colour `colours[4k .. 4k + 4]` (RGBA).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mesh {
    /// Screen corners, four (x, y) pairs per quad.
    pub corners: Vec<f32>,
    /// One RGBA colour per quad.
    pub colours: Vec<u8>,
    /// Each quad's depth (sum of its corners' depths; increasing = nearer the eye).
    pub depths: Vec<f32>,
}

impl Mesh {
    /// Number of quads.
    pub fn quads(&self) -> usize {
        self.colours.len() / 4
    }
}

/// The surface through the cell centres of `grid` (heights clamped to the camera's z
/// range), coloured by height with viridis, shaded by a light over the viewer's shoulder
/// (Lambert) and sorted back to front so that filling in order hides what is behind.
/// Quads with a non-finite corner are left out. Refused when the grid's larger side is over
/// the mesh budget ([`crate::budget::MESH_QUADS`]).
pub fn surface_mesh(grid: &Grid, camera: &Camera) -> Result<Mesh, crate::ConfigError> {
    let (nx, ny) = (grid.nx(), grid.ny());
    crate::budget::mesh(nx.max(ny))?;
    let vals = grid.values();
    let clamp = |z: f64| z.clamp(camera.z_lo, camera.z_hi);
    let light = {
        let l = [
            camera.toward[0] + 0.5 * camera.up[0] - 0.3 * camera.right[0],
            camera.toward[1] + 0.5 * camera.up[1] - 0.3 * camera.right[1],
            camera.toward[2] + 0.5 * camera.up[2] - 0.3 * camera.right[2],
        ];
        let n = dot(l, l).sqrt();
        [l[0] / n, l[1] / n, l[2] / n]
    };
    let cells = nx.saturating_sub(1) * ny.saturating_sub(1);
    let mut quads: Vec<(f64, [f32; 8], [u8; 4])> = Vec::with_capacity(cells);
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            let idx = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            if idx.iter().any(|&(a, b)| !vals[b * nx + a].is_finite()) {
                continue;
            }
            let mut corners = [0f32; 8];
            let mut depth = 0.0;
            let mut world = [[0.0; 3]; 4];
            let mut z_mean = 0.0;
            for (c, &(a, b)) in idx.iter().enumerate() {
                let [x, y] = grid.centre(a, b);
                let z = clamp(vals[b * nx + a]);
                z_mean += z / 4.0;
                world[c] = camera.normalise(x, y, z);
                let s = camera.project(x, y, z);
                corners[2 * c] = s[0] as f32;
                corners[2 * c + 1] = s[1] as f32;
                depth += s[2];
            }
            let d1 = sub(world[2], world[0]);
            let d2 = sub(world[3], world[1]);
            let n = cross(d1, d2);
            let len = dot(n, n).sqrt();
            let lambert = if len > 0.0 {
                (dot(n, light) / len).abs()
            } else {
                1.0
            };
            let shade = 0.35 + 0.65 * lambert;
            let t = (z_mean - camera.z_lo) / (camera.z_hi - camera.z_lo);
            let c = viridis(t);
            let colour = [
                (c[0] as f64 * shade) as u8,
                (c[1] as f64 * shade) as u8,
                (c[2] as f64 * shade) as u8,
                255,
            ];
            quads.push((depth, corners, colour));
        }
    }
    quads.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut mesh = Mesh {
        corners: Vec::with_capacity(quads.len() * 8),
        colours: Vec::with_capacity(quads.len() * 4),
        depths: Vec::with_capacity(quads.len()),
    };
    for (d, c, col) in quads {
        mesh.depths.push(d as f32);
        mesh.corners.extend_from_slice(&c);
        mesh.colours.extend_from_slice(&col);
    }
    Ok(mesh)
}

fn sub(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::notebook_2d;

    fn setup(elev: f64, azim: f64) -> (Grid, Camera) {
        let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
        let grid = Grid::sample(&notebook_2d(), view, 30, 30).unwrap();
        let (lo, hi) = grid.finite_range().unwrap();
        (grid, Camera::new(view, lo, hi, elev, azim).unwrap())
    }

    #[test]
    fn mesh_is_sorted_back_to_front_and_fits_the_screen() {
        let (grid, cam) = setup(57.0, 25.0);
        let mesh = surface_mesh(&grid, &cam).unwrap();
        assert_eq!(mesh.quads(), 29 * 29);
        assert!(mesh.corners.iter().all(|c| c.abs() <= 1.0));
        assert!(mesh.depths.windows(2).all(|w| w[0] <= w[1]));
        // Seen from azimuth 25°, the corner (3, 3) is nearest: the last quad drawn is there.
        let k = mesh.quads() - 1;
        let cx: f32 = (0..4).map(|c| mesh.corners[8 * k + 2 * c]).sum::<f32>() / 4.0;
        let near = cam.project(2.9, 2.9, grid.values()[29]);
        assert!((cx as f64 - near[0]).abs() < 0.1, "{cx} vs {near:?}");
    }

    #[test]
    fn points_behind_a_wall_are_hidden() {
        let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
        // A bowl whose rim is higher than the eye's line of sight at low elevation.
        let bowl = crate::FnObjective::new(2, |p| p[0] * p[0] + p[1] * p[1]);
        let low = Camera::new(view, 0.0, 18.0, 10.0, 0.0).unwrap();
        // The eye is toward +x: the far inside wall (x < 0) faces it; the bottom and the
        // inside of the near wall are hidden behind the near rim (x = 3).
        assert!(!low.sees(&bowl, 0.3, 0.0));
        assert!(!low.sees(&bowl, 2.0, 0.0));
        assert!(low.sees(&bowl, -2.9, 0.0));
        // From straight above everything shows.
        let top = Camera::new(view, 0.0, 18.0, 90.0, 0.0).unwrap();
        assert!(top.sees(&bowl, 0.3, 0.0));
        // The notebook's minima are visible from the notebook's camera.
        let (_, cam) = setup(57.0, 25.0);
        let s = 2f64.sqrt();
        assert!(cam.sees(&notebook_2d(), s, -s));
    }

    #[test]
    fn top_view_keeps_x_right_and_y_up() {
        // Straight from above with azimuth −90°, screen axes are the data axes.
        let (_, cam) = setup(90.0, -90.0);
        let right = cam.project(3.0, 0.0, 0.0);
        let up = cam.project(0.0, 3.0, 0.0);
        assert!(right[0] > 0.5 && right[1].abs() < 1e-9);
        assert!(up[1] > 0.5 && up[0].abs() < 1e-9);
    }

    #[test]
    fn rotation_changes_the_projection_and_higher_points_rise() {
        let (_, a) = setup(57.0, 25.0);
        let (_, b) = setup(57.0, 70.0);
        assert_ne!(a.project(1.0, 2.0, 0.0), b.project(1.0, 2.0, 0.0));
        assert!(a.project(0.0, 0.0, 50.0)[1] > a.project(0.0, 0.0, 0.0)[1]);
        assert!(
            Camera::new(
                ViewBox::new(0.0, 1.0, 0.0, 1.0).unwrap(),
                0.0,
                1.0,
                91.0,
                0.0
            )
            .is_err()
        );
    }
}

//! Scalar fields over a view box: sampled grids, colour buffers, contour levels, isolines
//! and a shaded 3-D surface mesh.
//!
//! Rust computes everything here; the page only blits the RGBA buffer with `putImageData`,
//! strokes the isoline polylines and fills the mesh's polygons.
//!
//! ```
//! use descent::field::{Grid, Spacing, ViewBox, isolines, levels};
//! let f = descent::objective::notebook_2d();
//! let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
//! let grid = Grid::sample(&f, view, 64, 64).unwrap();
//! let lv = levels(grid.values(), 12, Spacing::Quantile);
//! let rgba = descent::field::paint(grid.values(), &lv);
//! assert_eq!(rgba.len(), 64 * 64 * 4);
//! assert!(isolines(&grid, &lv).unwrap().polylines() > 0);
//! ```

mod colormap;
mod contours;
mod grid;
mod levels;
mod map;
mod surface;

pub use colormap::{Colormap, paint, paint_into, viridis};
pub use contours::{Isolines, isolines};
pub use grid::{Grid, ViewBox};
pub use levels::{MAX_LEVELS, Spacing, levels};
pub use map::ContourMap;
pub use surface::{Camera, Mesh, surface_mesh};

//! Curvature: a numerical Hessian, its largest eigenvalue L, and the critical step 2/L.

use crate::field::ViewBox;
use crate::objective::Objective;

/// The Hessian of a 2-D `f` at `p` by second central differences of values with step
/// `h` (exact up to round-off for quadratics).
pub fn hessian(f: &dyn Objective, p: [f64; 2], h: f64) -> [[f64; 2]; 2] {
    let v = |dx: f64, dy: f64| f.value(&[p[0] + dx, p[1] + dy]);
    let c = v(0.0, 0.0);
    let fxx = (v(h, 0.0) - 2.0 * c + v(-h, 0.0)) / (h * h);
    let fyy = (v(0.0, h) - 2.0 * c + v(0.0, -h)) / (h * h);
    let fxy = (v(h, h) - v(h, -h) - v(-h, h) + v(-h, -h)) / (4.0 * h * h);
    [[fxx, fxy], [fxy, fyy]]
}

/// The largest eigenvalue of a symmetric 2 × 2 matrix.
///
/// ```
/// let l = descent::curvature::largest_eigenvalue([[20.0, 4.0], [4.0, 20.0]]);
/// assert!((l - 24.0).abs() < 1e-12);
/// ```
pub fn largest_eigenvalue(m: [[f64; 2]; 2]) -> f64 {
    let (a, b, d) = (m[0][0], m[0][1], m[1][1]);
    let mean = 0.5 * (a + d);
    mean + (0.25 * (a - d) * (a - d) + b * b).sqrt()
}

/// L, the largest Hessian eigenvalue, when `f` is a quadratic over `view` (its Hessian is
/// the same at the centre and four other points, within a relative 1e-5); `None` otherwise.
pub fn quadratic_curvature(f: &dyn Objective, view: ViewBox) -> Option<f64> {
    if f.dim() != 2 {
        return None;
    }
    let scale = view.width().max(view.height());
    let h = 1e-3 * scale.max(1.0);
    let at = |tx: f64, ty: f64| {
        hessian(
            f,
            [
                view.x_min + tx * view.width(),
                view.y_min + ty * view.height(),
            ],
            h,
        )
    };
    let reference = at(0.5, 0.5);
    let size = reference
        .iter()
        .flatten()
        .fold(0.0f64, |m, v| m.max(v.abs()));
    if !size.is_finite() {
        return None;
    }
    let same = [(0.2, 0.3), (0.8, 0.25), (0.3, 0.85), (0.75, 0.7)]
        .iter()
        .all(|&(tx, ty)| {
            let m = at(tx, ty);
            m.iter()
                .flatten()
                .zip(reference.iter().flatten())
                .all(|(a, b)| (a - b).abs() <= 1e-5 * (1.0 + size))
        });
    same.then(|| largest_eigenvalue(reference))
}

/// The critical step size 2/L of gradient descent on a quadratic with L > 0: any γ above
/// it diverges. `None` when `f` is not quadratic over `view` or L ≤ 0.
///
/// ```
/// use descent::{FnObjective, field::ViewBox, curvature::critical_step};
/// let f = FnObjective::new(2, |p| p[0] * p[0] + 10.0 * p[1] * p[1]);
/// let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
/// assert!((critical_step(&f, view).unwrap() - 0.1).abs() < 1e-6); // L = 20
/// assert_eq!(critical_step(&descent::objective::notebook_2d(), view), None);
/// ```
pub fn critical_step(f: &dyn Objective, view: ViewBox) -> Option<f64> {
    quadratic_curvature(f, view)
        .filter(|l| *l > 0.0)
        .map(|l| 2.0 / l)
}

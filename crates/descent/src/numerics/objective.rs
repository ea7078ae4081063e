//! The objective abstraction: a function of n variables with its value and gradient.

use std::rc::Rc;

use crate::diff;

/// A function f: ℝⁿ → ℝ to be minimised.
///
/// `value` is the one required method besides `dim`. `gradient` defaults to a central
/// difference with step ∛ε; objectives that know their derivative override it and
/// report so through [`Objective::has_exact_gradient`].
pub trait Objective {
    /// Number of variables n.
    fn dim(&self) -> usize;

    /// f(x). `x.len()` equals [`Objective::dim`].
    fn value(&self, x: &[f64]) -> f64;

    /// Writes ∇f(x) into `g` (same length as `x`).
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        diff::central_gradient(|p| self.value(p), x, diff::DEFAULT_H, g);
    }

    /// Whether [`Objective::gradient`] is exact rather than approximated.
    fn has_exact_gradient(&self) -> bool {
        false
    }

    /// Writes the Hessian ∇²f(x) into `h`, row by row (`dim`² numbers). The default takes
    /// central differences of [`Objective::gradient`] (see [`hessian_by_differences`]);
    /// objectives that know it override it and report so through
    /// [`Objective::has_exact_hessian`].
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        hessian_by_differences(|p, g| self.gradient(p, g), x, h);
    }

    /// Whether [`Objective::hessian`] is exact rather than approximated.
    fn has_exact_hessian(&self) -> bool {
        false
    }

    /// ∂f/∂xᵢ at x. The default takes the i-th component of the full gradient.
    fn partial(&self, x: &[f64], i: usize) -> f64 {
        let mut g = vec![0.0; x.len()];
        self.gradient(x, &mut g);
        g[i]
    }

    /// f at `out.len()` points at once: `xs[c][l]` is coordinate c of point l. Equal to
    /// [`Objective::value`] point by point, bit for bit; the default calls it point by
    /// point.
    fn value_many(&self, xs: &[&[f64]], out: &mut [f64]) {
        value_pointwise(|p| self.value(p), xs, out);
    }

    /// ∇f at many points at once: `g[c][l]` receives ∂f/∂x_c at point l (`xs` as in
    /// [`Objective::value_many`]). Equal to [`Objective::gradient`] point by point, bit
    /// for bit; the default calls it point by point.
    fn gradient_many(&self, xs: &[&[f64]], g: &mut [&mut [f64]]) {
        gradient_pointwise(|p, q| self.gradient(p, q), xs, g);
    }
}

/// The Hessian at `x` into `h` (row by row) by central differences of `gradient` with the
/// step 10⁻⁵·(1 + |xⱼ|), symmetrised: (∂ⱼgᵢ + ∂ᵢgⱼ)/2.
///
/// ```
/// let mut h = [0.0; 4];
/// descent::objective::hessian_by_differences(
///     |p, g| { g[0] = 2.0 * p[0] + 3.0 * p[1]; g[1] = 3.0 * p[0] + 20.0 * p[1]; },
///     &[1.0, 2.0],
///     &mut h,
/// );
/// assert!((h[0] - 2.0).abs() < 1e-9 && (h[1] - 3.0).abs() < 1e-9 && (h[3] - 20.0).abs() < 1e-8);
/// ```
pub fn hessian_by_differences(gradient: impl Fn(&[f64], &mut [f64]), x: &[f64], h: &mut [f64]) {
    let n = x.len();
    let (mut p, mut up, mut down) = (x.to_vec(), vec![0.0; n], vec![0.0; n]);
    for j in 0..n {
        let step = 1e-5 * (1.0 + x[j].abs());
        p[j] = x[j] + step;
        gradient(&p, &mut up);
        p[j] = x[j] - step;
        gradient(&p, &mut down);
        p[j] = x[j];
        for i in 0..n {
            h[i * n + j] = (up[i] - down[i]) / (2.0 * step);
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (h[i * n + j] + h[j * n + i]);
            (h[i * n + j], h[j * n + i]) = (m, m);
        }
    }
}

/// [`Objective::value_many`] one point at a time through `value`.
pub fn value_pointwise(value: impl Fn(&[f64]) -> f64, xs: &[&[f64]], out: &mut [f64]) {
    let mut p = vec![0.0; xs.len()];
    for (l, o) in out.iter_mut().enumerate() {
        for (pc, col) in p.iter_mut().zip(xs) {
            *pc = col[l];
        }
        *o = value(&p);
    }
}

/// [`Objective::gradient_many`] one point at a time through `gradient`.
pub fn gradient_pointwise(
    gradient: impl Fn(&[f64], &mut [f64]),
    xs: &[&[f64]],
    g: &mut [&mut [f64]],
) {
    let n = xs.first().map_or(0, |c| c.len());
    let (mut p, mut q) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
    for l in 0..n {
        for (pc, col) in p.iter_mut().zip(xs) {
            *pc = col[l];
        }
        gradient(&p, &mut q);
        for (qc, col) in q.iter().zip(g.iter_mut()) {
            col[l] = *qc;
        }
    }
}

type ValueFn = dyn Fn(&[f64]) -> f64;
type GradFn = dyn Fn(&[f64], &mut [f64]);
type ValueManyFn = dyn Fn(&[&[f64]], &mut [f64]);
type GradManyFn = dyn Fn(&[&[f64]], &mut [&mut [f64]]);
type HessFn = dyn Fn(&[f64], &mut [f64]);

/// An objective made of closures: a value and, optionally, an exact gradient.
///
/// ```
/// use descent::{FnObjective, Objective};
/// let f = FnObjective::new(1, |x| (x[0] - 1.0).powi(2))
///     .with_gradient(|x, g| g[0] = 2.0 * (x[0] - 1.0));
/// let mut g = [0.0];
/// f.gradient(&[3.0], &mut g);
/// assert_eq!((f.value(&[3.0]), g[0]), (4.0, 4.0));
/// ```
#[derive(Clone)]
pub struct FnObjective {
    dim: usize,
    value: Rc<ValueFn>,
    gradient: Option<Rc<GradFn>>,
    value_many: Option<Rc<ValueManyFn>>,
    gradient_many: Option<Rc<GradManyFn>>,
    hessian: Option<Rc<HessFn>>,
}

impl FnObjective {
    /// An objective of `dim` variables with the given value function.
    pub fn new(dim: usize, value: impl Fn(&[f64]) -> f64 + 'static) -> Self {
        FnObjective {
            dim,
            value: Rc::new(value),
            gradient: None,
            value_many: None,
            gradient_many: None,
            hessian: None,
        }
    }

    /// Adds loops over many points ([`Objective::value_many`] and
    /// [`Objective::gradient_many`]), which must equal the point-by-point value and
    /// gradient bit for bit: written as plain loops over slices they compile to vector
    /// instructions where point-by-point calls cannot.
    pub fn with_many(
        mut self,
        value_many: impl Fn(&[&[f64]], &mut [f64]) + 'static,
        gradient_many: impl Fn(&[&[f64]], &mut [&mut [f64]]) + 'static,
    ) -> Self {
        self.value_many = Some(Rc::new(value_many));
        self.gradient_many = Some(Rc::new(gradient_many));
        self
    }

    /// Adds an exact Hessian (written row by row).
    pub fn with_hessian(mut self, hessian: impl Fn(&[f64], &mut [f64]) + 'static) -> Self {
        self.hessian = Some(Rc::new(hessian));
        self
    }

    /// Adds an exact gradient.
    pub fn with_gradient(mut self, gradient: impl Fn(&[f64], &mut [f64]) + 'static) -> Self {
        self.gradient = Some(Rc::new(gradient));
        self
    }
}

impl Objective for FnObjective {
    fn dim(&self) -> usize {
        self.dim
    }

    fn value(&self, x: &[f64]) -> f64 {
        (self.value)(x)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        match &self.gradient {
            Some(grad) => grad(x, g),
            None => diff::central_gradient(|p| (self.value)(p), x, diff::DEFAULT_H, g),
        }
    }

    fn has_exact_gradient(&self) -> bool {
        self.gradient.is_some()
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        match &self.hessian {
            Some(hess) => hess(x, h),
            None => hessian_by_differences(|p, g| self.gradient(p, g), x, h),
        }
    }

    fn has_exact_hessian(&self) -> bool {
        self.hessian.is_some()
    }

    fn value_many(&self, xs: &[&[f64]], out: &mut [f64]) {
        match &self.value_many {
            Some(many) => many(xs, out),
            None => value_pointwise(|p| (self.value)(p), xs, out),
        }
    }

    fn gradient_many(&self, xs: &[&[f64]], g: &mut [&mut [f64]]) {
        match &self.gradient_many {
            Some(many) => many(xs, g),
            None => gradient_pointwise(|p, q| self.gradient(p, q), xs, g),
        }
    }
}

impl std::fmt::Debug for FnObjective {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FnObjective")
            .field("dim", &self.dim)
            .field("exact_gradient", &self.gradient.is_some())
            .field("many", &self.gradient_many.is_some())
            .field("exact_hessian", &self.hessian.is_some())
            .finish()
    }
}

/// The notebook's 1-D function f(x) = (x − 1)² with its exact derivative 2(x − 1) and
/// second derivative 2.
pub fn notebook_1d() -> FnObjective {
    FnObjective::new(1, |x| (x[0] - 1.0).powi(2))
        .with_gradient(|x, g| g[0] = 2.0 * (x[0] - 1.0))
        .with_hessian(|_, h| h[0] = 2.0)
}

/// f(x, y) = x⁴ + y⁴ − 2(x − y)².
#[inline(always)]
fn notebook_2d_value(x: f64, y: f64) -> f64 {
    x.powi(4) + y.powi(4) - 2.0 * (x - y).powi(2)
}

/// ∇f of [`notebook_2d_value`].
#[inline(always)]
fn notebook_2d_gradient(x: f64, y: f64) -> (f64, f64) {
    (
        4.0 * x.powi(3) - 4.0 * (x - y),
        4.0 * y.powi(3) + 4.0 * (x - y),
    )
}

/// The notebook's 2-D function f(x, y) = x⁴ + y⁴ − 2(x − y)² with its exact gradient and
/// Hessian [[12x² − 4, 4], [4, 12y² − 4]], and loops over many points for the basin map's
/// and many-start kernels.
pub fn notebook_2d() -> FnObjective {
    FnObjective::new(2, |p| notebook_2d_value(p[0], p[1]))
        .with_gradient(|p, g| (g[0], g[1]) = notebook_2d_gradient(p[0], p[1]))
        .with_hessian(|p, h| {
            h.copy_from_slice(&[12.0 * p[0] * p[0] - 4.0, 4.0, 4.0, 12.0 * p[1] * p[1] - 4.0])
        })
        .with_many(
            |xs, out| {
                for ((o, &x), &y) in out.iter_mut().zip(xs[0]).zip(xs[1]) {
                    *o = notebook_2d_value(x, y);
                }
            },
            |xs, g| {
                let [gx, gy] = g else { return };
                for (((gx, gy), &x), &y) in gx.iter_mut().zip(gy.iter_mut()).zip(xs[0]).zip(xs[1]) {
                    (*gx, *gy) = notebook_2d_gradient(x, y);
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notebook_functions_have_known_values() {
        let f = notebook_1d();
        assert_eq!(f.value(&[1.0]), 0.0);
        let f2 = notebook_2d();
        let s = 2f64.sqrt();
        assert!((f2.value(&[s, -s]) + 8.0).abs() < 1e-12);
        let mut g = [0.0; 2];
        f2.gradient(&[s, -s], &mut g);
        assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12);
    }

    #[test]
    fn default_gradient_is_central_difference() {
        struct Cube;
        impl Objective for Cube {
            fn dim(&self) -> usize {
                1
            }
            fn value(&self, x: &[f64]) -> f64 {
                x[0].powi(3)
            }
        }
        let mut g = [0.0];
        Cube.gradient(&[2.0], &mut g);
        assert!((g[0] - 12.0).abs() < 1e-8);
        assert!(!Cube.has_exact_gradient());
        assert!((Cube.partial(&[2.0], 0) - 12.0).abs() < 1e-8);
    }
}

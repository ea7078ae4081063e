//! The step-size view's numbers at one iterate: φ(γ) = f(x − γ∇f(x)) along the steepest
//! descent line, the Armijo line, the exact minimiser along the line and 2/L, with L the
//! largest eigenvalue of the Hessian there.
//!
//! On a quadratic with Hessian H, a gradient step multiplies the error along an eigenvector
//! of eigenvalue λ by 1 − γλ, so it shrinks every component only while γ < 2/L. Elsewhere
//! 2/L is the same bound for the local quadratic model.

use crate::curvature::largest_eigenvalue;
use crate::objective::Objective;
use crate::optim::line_minimum;

/// The tolerance of the exact minimiser along the line: the bracket of γ* is at most
/// `LINE_TOL`·(1 + γ*) wide, as the exact line search's default.
pub const LINE_TOL: f64 = 1e-10;

/// Most samples of φ one view may ask for.
pub const MAX_SAMPLES: usize = 2000;

/// φ(γ) along −∇f at one iterate, sampled, with the marks the view draws.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSizeView {
    /// φ(0) = f(x).
    pub f0: f64,
    /// ‖∇f(x)‖² = −φ′(0): the Armijo line is f0 − c·γ·g2.
    pub g2: f64,
    /// The sampled step sizes, increasing.
    pub gammas: Vec<f64>,
    /// φ at each of them (NaN outside f's domain).
    pub phi: Vec<f64>,
    /// The minimiser γ* of φ along the line and φ(γ*), when φ rises again (bracketed).
    pub exact: Option<(f64, f64)>,
    /// L, the Hessian's largest eigenvalue at x (for one or two variables).
    pub curvature: Option<f64>,
}

impl StepSizeView {
    /// 2/L when L > 0: the largest γ for which a gradient step does not grow the error of
    /// the local quadratic model.
    pub fn critical(&self) -> Option<f64> {
        self.curvature.filter(|l| *l > 0.0).map(|l| 2.0 / l)
    }

    /// The factor |1 − γL| by which a step of size `gamma` multiplies the error along the
    /// steepest eigenvector of the local quadratic model (above 1: it grows).
    pub fn factor(&self, gamma: f64) -> Option<f64> {
        self.curvature.map(|l| (1.0 - gamma * l).abs())
    }
}

/// The step sizes the view shows by default for learning rate `gamma`: from 0 to the
/// largest of 2γ, 1.25·(2/L) and 1.5·γ* (capped at 10⁶·γ), so that γ, 2/L and γ* are all
/// on the axis.
pub fn default_span(gamma: f64, critical: Option<f64>, exact: Option<f64>) -> f64 {
    let mut hi = 2.0 * gamma;
    if let Some(c) = critical.filter(|c| c.is_finite()) {
        hi = hi.max(1.25 * c);
    }
    if let Some(e) = exact.filter(|e| e.is_finite()) {
        hi = hi.max(1.5 * e);
    }
    hi.min(1e6 * gamma)
}

/// The view at `x` with gradient `g` (the one the run used there) for learning rate `gamma`:
/// `n` samples of φ over (0, span] when `log` (spaced evenly in log γ from span·10⁻⁴),
/// else over [0, span]; `span` ≤ 0 takes [`default_span`].
pub fn step_size_view(
    f: &dyn Objective,
    x: &[f64],
    g: &[f64],
    gamma: f64,
    span: f64,
    n: usize,
    log: bool,
) -> StepSizeView {
    let f0 = f.value(x);
    let g2 = g.iter().map(|v| v * v).sum::<f64>();
    let curvature = largest_curvature(f, x);
    // Where f or the gradient is not finite (a start where f overflows) no step is least.
    let exact = (g2 > 0.0 && g2.is_finite() && f0.is_finite() && gamma > 0.0)
        .then(|| line_minimum(f, x, g, gamma, LINE_TOL))
        .filter(|m| m.bracketed)
        .map(|m| (m.gamma, m.value));
    let critical = curvature.filter(|l| *l > 0.0).map(|l| 2.0 / l);
    let span = if span > 0.0 && span.is_finite() {
        span
    } else {
        default_span(gamma, critical, exact.map(|e| e.0))
    };
    let n = n.clamp(2, MAX_SAMPLES);
    let gammas: Vec<f64> = (0..n)
        .map(|i| {
            let t = i as f64 / (n - 1) as f64;
            if log {
                span * 10f64.powf(-4.0 * (1.0 - t))
            } else {
                span * t
            }
        })
        .collect();
    let mut p = x.to_vec();
    let phi = gammas
        .iter()
        .map(|&s| {
            for ((pc, xc), gc) in p.iter_mut().zip(x).zip(g) {
                *pc = xc - s * gc;
            }
            f.value(&p)
        })
        .collect();
    StepSizeView {
        f0,
        g2,
        gammas,
        phi,
        exact,
        curvature,
    }
}

/// The largest eigenvalue of ∇²f(x) for one or two variables (`None` otherwise, or when
/// it is not finite).
fn largest_curvature(f: &dyn Objective, x: &[f64]) -> Option<f64> {
    let mut h = vec![0.0; x.len() * x.len()];
    f.hessian(x, &mut h);
    let l = match x.len() {
        1 => h[0],
        2 => largest_eigenvalue([[h[0], h[1]], [h[2], h[3]]]),
        _ => return None,
    };
    l.is_finite().then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FnObjective;

    fn quadratic() -> FnObjective {
        // f = x² + 10y²: H = diag(2, 20), L = 20, 2/L = 0.1.
        FnObjective::new(2, |p| p[0] * p[0] + 10.0 * p[1] * p[1])
            .with_gradient(|p, g| (g[0], g[1]) = (2.0 * p[0], 20.0 * p[1]))
            .with_hessian(|_, h| h.copy_from_slice(&[2.0, 0.0, 0.0, 20.0]))
    }

    #[test]
    fn phi_is_f_along_the_negative_gradient() {
        let f = quadratic();
        let v = step_size_view(&f, &[1.0, 1.0], &[2.0, 20.0], 0.01, 0.2, 41, false);
        assert_eq!(v.f0, 11.0);
        assert_eq!(v.g2, 404.0);
        assert_eq!(v.gammas.len(), 41);
        assert_eq!(v.gammas[0], 0.0);
        assert_eq!(v.gammas[40], 0.2);
        for (s, p) in v.gammas.iter().zip(&v.phi) {
            let want = (1.0 - 2.0 * s).powi(2) + 10.0 * (1.0 - 20.0 * s).powi(2);
            assert!((p - want).abs() < 1e-12, "φ({s}) = {p}, want {want}");
        }
        // φ′(0) = −‖g‖²: the Armijo line with c = 1 is tangent to φ at 0.
        let h = 1e-6;
        let slope = (f.value(&[1.0 - h * 2.0, 1.0 - h * 20.0]) - v.f0) / h;
        assert!((slope + v.g2).abs() < 1e-2 * v.g2);
    }

    #[test]
    fn marks_the_exact_minimiser_and_two_over_l() {
        let v = step_size_view(
            &quadratic(),
            &[1.0, 1.0],
            &[2.0, 20.0],
            0.01,
            0.0,
            50,
            false,
        );
        // φ(γ) = (1 − 2γ)² + 10(1 − 20γ)² is least at γ* = 404/8008.
        let (gs, ps) = v.exact.unwrap();
        assert!((gs - 404.0 / 8008.0).abs() < 1e-9);
        assert!((ps - ((1.0 - 2.0 * gs).powi(2) + 10.0 * (1.0 - 20.0 * gs).powi(2))).abs() < 1e-12);
        assert_eq!(v.curvature, Some(20.0));
        assert_eq!(v.critical(), Some(0.1));
        // The default span holds 2/L with room: 1.25 × 0.1.
        assert_eq!(*v.gammas.last().unwrap(), 0.125);
        assert_eq!(v.factor(0.15), Some(2.0));
        assert!(v.factor(0.05).unwrap() < 1.0);
    }

    #[test]
    fn no_exact_step_where_f_is_not_finite() {
        // 1/x at x = 0: f is infinite and the central difference 1/h² huge; φ only falls
        // towards −∞ as γ → 0, so no γ* is offered.
        let f = FnObjective::new(1, |x| 1.0 / x[0]);
        let v = step_size_view(&f, &[0.0], &[1e6], 0.01, 0.0, 20, false);
        assert_eq!(v.f0, f64::INFINITY);
        assert_eq!(v.exact, None);
    }

    #[test]
    fn beyond_two_over_l_gradient_descent_diverges_on_the_quadratic() {
        let f = quadratic();
        let v = step_size_view(&f, &[1.0, 1.0], &[2.0, 20.0], 0.01, 0.0, 10, false);
        let crit = v.critical().unwrap();
        for (gamma, grows) in [(0.9 * crit, false), (1.1 * crit, true)] {
            let mut p = [1.0, 1.0];
            for _ in 0..200 {
                p = [p[0] - gamma * 2.0 * p[0], p[1] - gamma * 20.0 * p[1]];
            }
            assert_eq!(f.value(&p) > 11.0, grows, "γ = {gamma}");
            assert_eq!(v.factor(gamma).unwrap() > 1.0, grows);
        }
    }

    #[test]
    fn log_samples_span_four_decades_and_one_variable_works() {
        // The notebook's f(x) = (x − 1)²: f″ = 2, so 2/L = 1, and from x = 5 with f′ = 8
        // the line's minimum is at γ* = 1/2 (one step lands on x = 1).
        let f = crate::objective::notebook_1d();
        let v = step_size_view(&f, &[5.0], &[8.0], 0.01, 2.0, 5, true);
        assert_eq!(v.gammas.len(), 5);
        assert!((v.gammas[0] - 2e-4).abs() < 1e-18);
        assert!((v.gammas[4] - 2.0).abs() < 1e-15);
        assert!(
            v.gammas
                .windows(2)
                .all(|w| (w[1] / w[0] - 10.0).abs() < 1e-9)
        );
        let l = v.curvature.unwrap();
        assert!((l - 2.0).abs() < 1e-6, "L = {l}");
        let (gs, _) = v.exact.unwrap();
        assert!((gs - 0.5).abs() < 1e-9, "γ* = {gs}");
    }

    #[test]
    fn a_flat_or_unbounded_line_has_no_minimiser_and_samples_stay_bounded() {
        let flat = FnObjective::new(2, |_| 3.0);
        let v = step_size_view(&flat, &[0.0, 0.0], &[0.0, 0.0], 0.1, 0.0, 1_000_000, false);
        assert_eq!(v.exact, None);
        assert_eq!(v.gammas.len(), MAX_SAMPLES);
        assert!(v.phi.iter().all(|p| *p == 3.0));
        let down = FnObjective::new(1, |p| -p[0]);
        let v = step_size_view(&down, &[0.0], &[-1.0], 0.1, 0.0, 10, false);
        assert_eq!(v.exact, None);
        assert_eq!(v.critical(), None);
    }
}

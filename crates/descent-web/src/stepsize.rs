//! The step-size view as a typed record for JavaScript: φ(γ) along −∇f at one iterate,
//! with its marks (see [`descent::stepsize`]).

use descent::run::History;
use descent::stepsize::step_size_view;
use wasm_bindgen::prelude::*;

/// φ(γ) = f(x − γ∇f(x)) at one iterate, sampled, and the marks of the view. A mark that
/// does not exist (no minimiser along the line, L ≤ 0 or unknown) is NaN.
#[wasm_bindgen(getter_with_clone)]
pub struct StepSize {
    /// The sampled step sizes, increasing.
    pub gammas: Vec<f64>,
    /// φ at each of them (NaN outside f's domain).
    pub phi: Vec<f64>,
    /// φ(0) = f(x).
    pub f0: f64,
    /// ‖∇f(x)‖²: the Armijo line is f0 − c·γ·g2.
    pub g2: f64,
    /// The run's learning rate γ.
    pub gamma: f64,
    /// The minimiser γ* of φ along the line.
    #[wasm_bindgen(js_name = exactGamma)]
    pub exact_gamma: f64,
    /// φ(γ*).
    #[wasm_bindgen(js_name = exactValue)]
    pub exact_value: f64,
    /// L, the Hessian's largest eigenvalue at x.
    pub curvature: f64,
    /// 2/L when L > 0.
    pub critical: f64,
    /// |1 − γL|: the factor a step multiplies the error by along the steepest eigenvector
    /// of the local quadratic model.
    pub factor: f64,
}

/// The view at iterate `k` of a run's `history` on `f`, for learning rate `gamma`, with the
/// gradient that step used; `None` past the history's end. `span`, `n` and `log` as
/// [`step_size_view`].
pub fn at(
    f: &dyn descent::Objective,
    history: &History,
    k: usize,
    gamma: f64,
    span: f64,
    n: usize,
    log: bool,
) -> Option<StepSize> {
    (k < history.len()).then(|| {
        let (x, g) = (history.point(k), history.used_gradient(k));
        record(f, x, g, gamma, span, n, log)
    })
}

/// The view at `x` with gradient `g` on `f` for learning rate `gamma` (see [`at`]).
pub fn record(
    f: &dyn descent::Objective,
    x: &[f64],
    g: &[f64],
    gamma: f64,
    span: f64,
    n: usize,
    log: bool,
) -> StepSize {
    let v = step_size_view(f, x, g, gamma, span, n, log);
    let nan = f64::NAN;
    StepSize {
        exact_gamma: v.exact.map_or(nan, |e| e.0),
        exact_value: v.exact.map_or(nan, |e| e.1),
        curvature: v.curvature.unwrap_or(nan),
        critical: v.critical().unwrap_or(nan),
        factor: v.factor(gamma).unwrap_or(nan),
        gamma,
        f0: v.f0,
        g2: v.g2,
        gammas: v.gammas,
        phi: v.phi,
    }
}

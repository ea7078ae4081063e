//! What a rule's "show the arithmetic" text reads of one step, and the number formats it
//! writes them in (with the decimal separator of the page's region: display text only).

/// The recorded optimizer memory: the state vector `name` right after step `k` (k ≥ 1).
pub type StateAt<'a> = &'a dyn Fn(usize, &str) -> Option<&'a [f64]>;

/// One step from x_k to x_{k+1} as a rule's explanation sees it.
pub struct StepView<'a> {
    /// The objective (for rules that evaluate f along the step or its Hessian).
    pub objective: &'a dyn crate::objective::Objective,
    /// The step's index k.
    pub k: usize,
    /// x_k.
    pub x: &'a [f64],
    /// The gradient the update used (in the sequential order, later partials are taken at
    /// the already moved coordinates).
    pub g: &'a [f64],
    /// x_{k+1}.
    pub next: &'a [f64],
    /// The rule's learning rate γ.
    pub lr: f64,
    /// The recorded memory after each step.
    pub state: StateAt<'a>,
}

impl StepView<'_> {
    /// The memory `name` before the step (zeros at k = 0 or when the rule has none).
    pub fn before(&self, name: &str) -> Vec<f64> {
        self.memory(self.k, name)
    }

    /// The memory `name` after the step.
    pub fn after(&self, name: &str) -> Vec<f64> {
        self.memory(self.k + 1, name)
    }

    fn memory(&self, k: usize, name: &str) -> Vec<f64> {
        (self.state)(k, name)
            .map(<[f64]>::to_vec)
            .unwrap_or_else(|| vec![0.0; self.x.len()])
    }

    /// The gradient squared coordinate-wise.
    pub fn g_squared(&self) -> Vec<f64> {
        self.g.iter().map(|v| v * v).collect()
    }

    /// `x_{k+1} = x_k − γ·what = x_k − γ·d = x_{k+1}` with the numbers substituted.
    pub fn step_line(&self, what: &str, d: &[f64]) -> String {
        self.step_line_by("γ", self.lr, what, d)
    }

    /// [`StepView::step_line`] with the step size `rate` written `symbol` (`γ*` for the
    /// exact line search's, `α` for Newton's).
    pub fn step_line_by(&self, symbol: &str, rate: f64, what: &str, d: &[f64]) -> String {
        let (k, n) = (self.k, self.k + 1);
        format!(
            "x_{n} = x_{k} − {symbol}·{what} = {} − {}·{} = {}",
            vec2(self.x),
            num(rate),
            vec2(d),
            vec2(self.next)
        )
    }

    /// `x_{k+1} = x_k − formula = x_{k+1}`, for rules whose step is no plain γ·d.
    pub fn result_line(&self, formula: &str) -> String {
        let (k, n) = (self.k, self.k + 1);
        format!("x_{n} = x_{k} − {formula} = {}", vec2(self.next))
    }
}

/// A number with up to 6 significant digits (scientific outside [1e-4, 1e6)), with the
/// decimal separator of the numbers shown ([`crate::text::shown`]).
pub fn num(v: f64) -> String {
    crate::text::shown(&canonical(v))
}

/// [`num`]'s digits with a decimal point.
fn canonical(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if !(1e-4..1e6).contains(&a) {
        return format!("{v:.4e}");
    }
    let digits = (5 - a.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A vector as "(a, b)" (or "(a; b)" where the decimal separator is a comma).
pub fn vec2(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| num(*x)).collect();
    format!("({})", parts.join(crate::text::list_separator()))
}

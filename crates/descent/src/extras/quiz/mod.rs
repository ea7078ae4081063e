//! Predict-then-reveal: the answers and the arithmetic of the lessons' quiz questions.
//!
//! Three questions: where x_{k+1} lands (judged against the run's own next iterate), what
//! the run does from x_k — settles steadily, settles overshooting, keeps swinging, or
//! diverges (classified by running ahead at most [`LOOKAHEAD`] steps) — and which way the
//! neuron's next sample moves its decision line (the sign of the change of z at that sample).

use crate::lesson2d::num;
use crate::run::History;

/// Most steps the behaviour question runs ahead.
pub const LOOKAHEAD: usize = 500;

/// A revealed answer: whether the guess was right, the answer in words and the arithmetic
/// behind it, one line per formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Reveal {
    /// Whether the guess counts as right.
    pub right: bool,
    /// The answer as a value: the next iterate's coordinates, or a choice's name.
    pub answer: Vec<f64>,
    /// The chosen answer's name for the choice questions (`converge`, `rises`…), else empty.
    pub choice: String,
    /// The reveal, one line per formula.
    pub lines: Vec<String>,
}

fn vector(v: &[f64]) -> String {
    if v.len() == 1 {
        num(v[0])
    } else {
        let parts: Vec<String> = v.iter().map(|&x| num(x)).collect();
        format!("({})", parts.join(crate::text::list_separator()))
    }
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(p, q)| (p - q) * (p - q))
        .sum::<f64>()
        .sqrt()
}

/// How far a guess may be from the answer and still count: a quarter of the step, or 3 %
/// of the plotted window's `span` when that is larger, but never more than half the step,
/// so that only a guess nearer the answer than the start counts (a guess of "no step" never
/// does). A run that does not move is answered within 3 % of the span.
pub fn tolerance(step: f64, span: f64) -> f64 {
    let window = 0.03 * span.abs();
    if step > 0.0 {
        (0.25 * step).max(window).min(0.5 * step)
    } else {
        window
    }
}

/// Judges a guess of x_{k+1} for a run whose history is `h`: the answer is the recorded
/// x_{k+1}; `arithmetic` are the lines of the update (with its numbers), `span` the width
/// of the plotted window. `None` when the run stopped at step k.
pub fn next_iterate(
    h: &History,
    k: usize,
    guess: &[f64],
    span: f64,
    arithmetic: Vec<String>,
) -> Option<Reveal> {
    if !has_next(h, k) || guess.len() != h.dim() {
        return None;
    }
    let (x, next) = (h.point(k), h.point(k + 1));
    let step = distance(x, next);
    let off = distance(guess, next);
    let tol = tolerance(step, span);
    let right = off <= tol && (off < step || step == 0.0);
    let mut lines = arithmetic;
    lines.push(crate::msg!(
        "core.quiz.guess",
        "Your guess {guess} is {off} away from x_{k} = {next}: {verdict} (within {tol} counts).",
        guess = vector(guess),
        off = num(off),
        k = k + 1,
        next = vector(next),
        verdict = if right {
            crate::msg!("core.quiz.right", "right")
        } else {
            crate::msg!("core.quiz.far", "not close enough")
        },
        tol = num(tol)
    ));
    Some(Reveal {
        right,
        answer: next.to_vec(),
        choice: String::new(),
        lines,
    })
}

/// Whether `h` records x_{k+1} (false for any `k` past the end, `usize::MAX` included).
fn has_next(h: &History, k: usize) -> bool {
    k.checked_add(1).is_some_and(|next| next < h.len())
}

/// The 1-D update x_{k+1} = x_k − γ·f′(x_k) with its numbers.
///
/// ```
/// let mut run = descent::lessons::notebook_1d_run(3.0, 0.01, 1e-3, 5).unwrap();
/// run.finish();
/// let lines = descent::quiz::step_1d(run.history(), 0, 0.01);
/// assert_eq!(lines, ["x_1 = x_0 − γ·f′(x_0) = 3 − 0.01·4 = 2.96"]);
/// ```
pub fn step_1d(h: &History, k: usize, gamma: f64) -> Vec<String> {
    if !has_next(h, k) {
        return Vec::new();
    }
    let (x, g, next) = (h.point(k)[0], h.gradient(k)[0], h.point(k + 1)[0]);
    vec![format!(
        "x_{n} = x_{k} − γ·f′(x_{k}) = {} − {}·{} = {}",
        num(x),
        num(gamma),
        num(g),
        num(next),
        n = k + 1
    )]
}

mod behaviour;
mod neuron;
#[cfg(test)]
mod tests;

pub use behaviour::{Behaviour, behaviour};
pub use neuron::{line_move, line_question};

//! Predict-then-reveal: the answers and the arithmetic of the lessons' quiz questions.
//!
//! Three questions: where x_{k+1} lands (judged against the run's own next iterate), whether
//! the run from x_k converges, oscillates or diverges (classified by running ahead at most
//! [`LOOKAHEAD`] steps), and which way the neuron's next sample moves its decision line (the
//! sign of the change of z at that sample).

use std::rc::Rc;

use crate::error::ConfigError;
use crate::lesson2d::num;
use crate::neuron::{SampleOrder, Trainer};
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{History, Run, RunConfig, Status};

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
        format!("({})", parts.join(", "))
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
/// of the plotted window's `span`, whichever is larger.
pub fn tolerance(step: f64, span: f64) -> f64 {
    (0.25 * step).max(0.03 * span.abs())
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
    let right = off <= tol;
    let mut lines = arithmetic;
    lines.push(format!(
        "Your guess {} is {} away from x_{} = {}: {} (within {} counts).",
        vector(guess),
        num(off),
        k + 1,
        vector(next),
        if right { "right" } else { "not close enough" },
        num(tol)
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

/// What a run does from here on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Settles towards a point without overshooting.
    Converge,
    /// Overshoots back and forth (converging or not).
    Oscillate,
    /// Grows without bound.
    Diverge,
}

impl Behaviour {
    /// `converge`, `oscillate` or `diverge`.
    pub fn as_str(self) -> &'static str {
        match self {
            Behaviour::Converge => "converge",
            Behaviour::Oscillate => "oscillate",
            Behaviour::Diverge => "diverge",
        }
    }

    /// Parses the names of [`Behaviour::as_str`].
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        match s {
            "converge" => Ok(Behaviour::Converge),
            "oscillate" => Ok(Behaviour::Oscillate),
            "diverge" => Ok(Behaviour::Diverge),
            _ => Err(ConfigError::Invalid {
                field: "quiz answer",
                message: format!("expected converge, oscillate or diverge, got \"{s}\""),
            }),
        }
    }
}

/// Classifies the run of `objective` with `spec` from `start` (mode and order from
/// `template`) by running ahead at most [`LOOKAHEAD`] steps: it diverges when the run
/// diverges or its steps grow tenfold; it oscillates when most consecutive steps point
/// against each other; otherwise it converges. Judges `guess` against that.
pub fn behaviour(
    objective: Rc<dyn Objective>,
    spec: &OptimSpec,
    template: &RunConfig,
    start: &[f64],
    guess: &str,
) -> Result<Reveal, ConfigError> {
    let guess = Behaviour::parse(guess)?;
    let mut config = template.clone();
    config.start = start.to_vec();
    config.max_steps = LOOKAHEAD;
    config.grad_tol = 0.0;
    let mut run = Run::new(objective, spec.build()?, config)?;
    let status = run.finish();
    let h = run.history();
    let steps: Vec<Vec<f64>> = (1..h.len())
        .map(|k| {
            h.point(k)
                .iter()
                .zip(h.point(k - 1))
                .map(|(a, b)| a - b)
                .collect()
        })
        .collect();
    let len = |d: &[f64]| d.iter().map(|v| v * v).sum::<f64>().sqrt();
    let tiny = 1e-12 * (1.0 + len(start));
    let (mut pairs, mut reversals) = (0, 0);
    for w in steps.windows(2) {
        if len(&w[0]) > tiny && len(&w[1]) > tiny {
            pairs += 1;
            let dot: f64 = w[0].iter().zip(&w[1]).map(|(a, b)| a * b).sum();
            if dot < 0.0 {
                reversals += 1;
            }
        }
    }
    let first = steps.first().map_or(0.0, |d| len(d));
    let last = steps.last().map_or(0.0, |d| len(d));
    let n = run.steps();
    let (answer, why) = if status == Status::Diverged {
        (
            Behaviour::Diverge,
            format!(
                "Run ahead from {}: it diverged at step {n} (|x| passed 10⁶ or a value became non-finite).",
                vector(start)
            ),
        )
    } else if first > 0.0 && last > 10.0 * first {
        (
            Behaviour::Diverge,
            format!(
                "Run ahead {n} steps from {}: the steps grew from {} to {}.",
                vector(start),
                num(first),
                num(last)
            ),
        )
    } else if pairs >= 2 && 2 * reversals > pairs {
        (
            Behaviour::Oscillate,
            format!(
                "Run ahead {n} steps from {}: the step turned back {reversals} times out of {pairs}, ending at {}.",
                vector(start),
                vector(h.last_point())
            ),
        )
    } else {
        (
            Behaviour::Converge,
            format!(
                "Run ahead {n} steps from {}: the steps kept their direction ({reversals} turns back out of {pairs}) and shrank from {} to {}, ending at {}.",
                vector(start),
                num(first),
                num(last),
                vector(h.last_point())
            ),
        )
    };
    Ok(Reveal {
        right: answer == guess,
        answer: Vec::new(),
        choice: answer.as_str().into(),
        lines: vec![
            why,
            format!(
                "It {}s; you said {}: {}.",
                answer.as_str(),
                guess.as_str(),
                if answer == guess {
                    "right"
                } else {
                    "not this time"
                }
            ),
        ],
    })
}

/// Which way the trainer's next sample moves the decision line: the output at that sample
/// `rises` (z grows: the line moves so the sample goes deeper into the 1 side) or `falls`.
/// Judges `guess` (`rises` or `falls`); `None` once training has stopped.
pub fn line_move(trainer: &Trainer, guess: &str) -> Option<Reveal> {
    let i = trainer.next_sample()?;
    let data = trainer.data();
    let (x, y) = (data.input(i), data.target(i));
    let model = trainer.model();
    let mut grad = vec![0.0; model.params().len()];
    let out = model.backprop(x, y, &mut grad);
    let config = trainer.config();
    let scale = if config.order == SampleOrder::FullBatch {
        -config.lr / data.len() as f64
    } else {
        -config.lr
    };
    let db = scale * grad[model.output_bias()];
    let dw: Vec<f64> = grad[model.output_weights()]
        .iter()
        .map(|g| scale * g)
        .collect();
    let rises = out.delta < 0.0;
    let choice = if rises { "rises" } else { "falls" };
    let mut lines = vec![
        format!(
            "sample x = {}, target y = {}: z = {}, a = {}",
            vector(x),
            num(y),
            num(out.z),
            num(out.a)
        ),
        format!(
            "δ = (a − y)·f′(z) = ({} − {})·{} = {}",
            num(out.a),
            num(y),
            num(out.dact),
            num(out.delta)
        ),
        format!("Δb = −lr·δ = {}, Δw = −lr·δ·x = {}", num(db), vector(&dw)),
    ];
    if model.hidden() == 0 {
        let dz = db + dw.iter().zip(x).map(|(w, xi)| w * xi).sum::<f64>();
        lines.push(format!(
            "z at this sample changes by Δb + Δw·x = {}: its output {choice}.",
            num(dz)
        ));
    } else {
        lines.push(format!(
            "δ {} 0, so the output at this sample {choice}.",
            if rises { "<" } else { "≥" }
        ));
    }
    lines.push(format!(
        "You said it {guess}: {}.",
        if guess == choice {
            "right"
        } else {
            "not this time"
        }
    ));
    Some(Reveal {
        right: guess == choice,
        answer: Vec::new(),
        choice: choice.into(),
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::{Config1D, notebook_1d_run};
    use crate::neuron::presets;
    use crate::objective::notebook_1d;

    fn classify(gamma: f64, x0: f64) -> Reveal {
        let gd = OptimSpec::new("gd", &[("lr".to_string(), gamma)].into_iter().collect()).unwrap();
        let t = Config1D::default()
            .build(Rc::new(notebook_1d()))
            .unwrap()
            .config()
            .clone();
        behaviour(Rc::new(notebook_1d()), &gd, &t, &[x0], "converge").unwrap()
    }

    #[test]
    fn the_parabola_converges_below_half_oscillates_below_one_and_diverges_above() {
        // x − 1 is multiplied by 1 − 2γ each step.
        assert_eq!(classify(0.01, 3.0).choice, "converge");
        assert_eq!(classify(0.4, 3.0).choice, "converge");
        assert_eq!(classify(0.7, 3.0).choice, "oscillate");
        assert_eq!(classify(1.0, 3.0).choice, "oscillate");
        assert_eq!(classify(1.01, 3.0).choice, "diverge");
        assert_eq!(classify(1.5, 3.0).choice, "diverge");
        let r = classify(0.01, 3.0);
        assert!(r.right);
        assert!(r.lines[0].contains("kept their direction"), "{:?}", r.lines);
        assert!(!classify(1.5, 3.0).right);
        assert_eq!(
            classify(0.7, 1.0).choice,
            "converge",
            "at the minimum nothing moves"
        );
    }

    #[test]
    fn a_guess_of_the_next_iterate_is_judged_against_the_run() {
        let mut run = notebook_1d_run(3.0, 0.01, 1e-3, 5).unwrap();
        run.finish();
        let h = run.history();
        let lines = step_1d(h, 0, 0.01);
        assert_eq!(lines, ["x_1 = x_0 − γ·f′(x_0) = 3 − 0.01·4 = 2.96"]);
        let near = next_iterate(h, 0, &[2.97], 5.0, lines.clone()).unwrap();
        assert!(near.right);
        assert_eq!(near.answer, [h.point(1)[0]]);
        assert!(
            near.lines[1].starts_with("Your guess 2.97 is 0.01 away from x_1 = 2.96: right"),
            "{:?}",
            near.lines
        );
        let far = next_iterate(h, 0, &[1.0], 5.0, lines).unwrap();
        assert!(!far.right);
        assert!(
            far.lines[1].contains("not close enough (within 0.15 counts)"),
            "{:?}",
            far.lines
        );
        assert!(next_iterate(h, 5, &[1.0], 5.0, Vec::new()).is_none());
        assert!(next_iterate(h, 0, &[1.0, 2.0], 5.0, Vec::new()).is_none());
    }

    #[test]
    fn the_neurons_first_sample_raises_its_output() {
        // The notebook's first sample is (1, 1) with target 1; a = σ(−0.488) < 1.
        let t = presets::notebook_trainer();
        let r = line_move(&t, "rises").unwrap();
        assert!(r.right);
        assert_eq!(r.choice, "rises");
        assert!(
            r.lines[0].starts_with("sample x = (1, 1), target y = 1: z = -0.488433"),
            "{:?}",
            r.lines
        );
        assert!(r.lines[3].ends_with("its output rises."), "{:?}", r.lines);
        assert!(!line_move(&t, "falls").unwrap().right);
        let mut t = presets::notebook_trainer();
        t.step_sample();
        // Then (1, 0) with target 0: the output must fall.
        assert_eq!(line_move(&t, "rises").unwrap().choice, "falls");
    }
}

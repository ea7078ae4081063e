//! Predict-then-reveal: the answers and the arithmetic of the lessons' quiz questions.
//!
//! Three questions: where x_{k+1} lands (judged against the run's own next iterate), what
//! the run does from x_k — settles steadily, settles overshooting, keeps swinging, or
//! diverges (classified by running ahead at most [`LOOKAHEAD`] steps) — and which way the
//! neuron's next sample moves its decision line (the sign of the change of z at that sample).

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

/// What a run does from here on: exactly one of four outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Settles towards a point, its steps keeping their direction.
    Converge,
    /// Settles towards a point, overshooting it back and forth (the steps shrink).
    Overshoot,
    /// Swings back and forth without settling (the steps do not shrink).
    Oscillate,
    /// Grows without bound.
    Diverge,
}

impl Behaviour {
    /// Every outcome, in the order a question offers them.
    pub const ALL: [Behaviour; 4] = [
        Behaviour::Converge,
        Behaviour::Overshoot,
        Behaviour::Oscillate,
        Behaviour::Diverge,
    ];

    /// `converge`, `overshoot`, `oscillate` or `diverge`.
    pub fn as_str(self) -> &'static str {
        match self {
            Behaviour::Converge => "converge",
            Behaviour::Overshoot => "overshoot",
            Behaviour::Oscillate => "oscillate",
            Behaviour::Diverge => "diverge",
        }
    }

    /// The outcome in words, as the question's button shows it.
    pub fn label(self) -> &'static str {
        match self {
            Behaviour::Converge => "settles steadily",
            Behaviour::Overshoot => "settles, overshooting",
            Behaviour::Oscillate => "keeps swinging",
            Behaviour::Diverge => "diverges",
        }
    }

    /// Parses the names of [`Behaviour::as_str`].
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        Behaviour::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| ConfigError::Invalid {
                field: "quiz answer",
                message: format!(
                    "expected converge, overshoot, oscillate or diverge, got \"{}\"",
                    crate::settings::echo(s)
                ),
            })
    }
}

/// The shape of a run's steps: how many consecutive pairs of steps there are, how many of
/// them turn back, and the first and last step lengths.
struct Steps {
    pairs: usize,
    reversals: usize,
    first: f64,
    last: f64,
}

impl Steps {
    fn of(h: &History, start: &[f64]) -> Steps {
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
        Steps {
            pairs,
            reversals,
            first: steps.first().map_or(0.0, |d| len(d)),
            last: steps.last().map_or(0.0, |d| len(d)),
        }
    }
}

/// The outcome of a run that ran ahead `n` steps from `start` with `status`, and why, in words.
fn classify(
    status: Status,
    st: &Steps,
    n: usize,
    start: &[f64],
    end: &[f64],
) -> (Behaviour, String) {
    let from = format!("Run ahead {n} steps from {}", vector(start));
    if status == Status::Diverged {
        let why = format!(
            "Run ahead from {}: it diverged at step {n} (|x| passed 10⁶ or a value became non-finite).",
            vector(start)
        );
        return (Behaviour::Diverge, why);
    }
    if st.first > 0.0 && st.last > 10.0 * st.first {
        let why = format!(
            "{from}: the steps grew from {} to {}.",
            num(st.first),
            num(st.last)
        );
        return (Behaviour::Diverge, why);
    }
    if st.pairs >= 2 && 2 * st.reversals > st.pairs {
        let turns = format!(
            "the step turned back {} times out of {}",
            st.reversals, st.pairs
        );
        let sizes = format!("from {} to {}", num(st.first), num(st.last));
        return if st.last < 0.5 * st.first {
            let why = format!(
                "{from}: {turns}, and the steps shrank {sizes}, ending at {}.",
                vector(end)
            );
            (Behaviour::Overshoot, why)
        } else {
            let why = format!(
                "{from}: {turns}, and the steps did not shrink ({sizes}), ending at {}.",
                vector(end)
            );
            (Behaviour::Oscillate, why)
        };
    }
    let why = if st.first == 0.0 {
        format!(
            "Run ahead from {}: it does not move, the gradient there is 0.",
            vector(start)
        )
    } else if st.pairs == 0 {
        format!(
            "{from}: it settled at {} after a step of {}.",
            vector(end),
            num(st.first)
        )
    } else {
        format!(
            "{from}: the steps kept their direction ({} turns back out of {}) and shrank from {} to {}, ending at {}.",
            st.reversals,
            st.pairs,
            num(st.first),
            num(st.last),
            vector(end)
        )
    };
    (Behaviour::Converge, why)
}

/// Classifies the run of `objective` with `spec` from `start` (mode and order from
/// `template`) by running ahead at most [`LOOKAHEAD`] steps: it diverges when the run
/// diverges or its steps grow tenfold; when most consecutive steps point against each other
/// it overshoots (its steps shrink to less than half) or oscillates (they do not); otherwise
/// it converges. Judges `guess` against that.
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
    let steps = Steps::of(h, start);
    let (answer, why) = classify(status, &steps, run.steps(), start, h.last_point());
    Ok(Reveal {
        right: answer == guess,
        answer: Vec::new(),
        choice: answer.as_str().into(),
        lines: vec![
            why,
            format!(
                "It {}; you said it {}: {}.",
                answer.label(),
                guess.label(),
                if answer == guess {
                    "right"
                } else {
                    "not this time"
                }
            ),
        ],
    })
}

/// The neuron's question, naming the sample it is about before anything is answered; once
/// training has stopped, that there is nothing to predict.
///
/// ```
/// let t = descent::neuron::presets::notebook_trainer();
/// assert!(descent::quiz::line_question(&t).starts_with("Next sample: x = (1, 1), target y = 1."));
/// ```
pub fn line_question(trainer: &Trainer) -> String {
    match trainer.next_sample() {
        Some(i) => format!(
            "Next sample: x = {}, target y = {}. Will its update make the output at this sample rise or fall, i.e. which way does the decision line move?",
            vector(trainer.data().input(i)),
            num(trainer.data().target(i))
        ),
        None => "Training has stopped: nothing to predict. Reset or change a setting to ask again."
            .into(),
    }
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
    fn the_parabola_settles_below_half_overshoots_below_one_swings_at_one_and_diverges_above() {
        // x − 1 is multiplied by 1 − 2γ each step.
        assert_eq!(classify(0.01, 3.0).choice, "converge");
        assert_eq!(classify(0.4, 3.0).choice, "converge");
        assert_eq!(classify(0.7, 3.0).choice, "overshoot");
        // γ = 0.75 turns back every step and converges: one outcome, overshoot, not two.
        let r = classify(0.75, 3.0);
        assert_eq!(r.choice, "overshoot");
        assert!(r.lines[0].contains("the steps shrank"), "{:?}", r.lines);
        assert_eq!(
            r.lines[1],
            "It settles, overshooting; you said it settles steadily: not this time."
        );
        assert_eq!(classify(1.0, 3.0).choice, "oscillate");
        assert!(classify(1.0, 3.0).lines[0].contains("did not shrink"));
        assert_eq!(classify(1.01, 3.0).choice, "diverge");
        assert_eq!(classify(1.5, 3.0).choice, "diverge");
        let r = classify(0.01, 3.0);
        assert!(r.right);
        assert!(r.lines[0].contains("kept their direction"), "{:?}", r.lines);
        assert!(!classify(1.5, 3.0).right);
        let still = classify(0.7, 1.0);
        assert_eq!(still.choice, "converge", "at the minimum nothing moves");
        assert_eq!(
            still.lines[0],
            "Run ahead from 1: it does not move, the gradient there is 0."
        );
        assert!(!still.lines[0].contains("out of 0"));
        for gamma in [0.01, 0.4, 0.5, 0.7, 1.0, 1.5] {
            for x0 in [1.0, 1.5, 3.0] {
                let r = classify(gamma, x0);
                assert!(
                    !r.lines[0].contains("out of 0"),
                    "{gamma} {x0}: {:?}",
                    r.lines
                );
            }
        }
        assert!(Behaviour::parse("sideways").is_err());
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
        let far = next_iterate(h, 0, &[1.0], 5.0, lines.clone()).unwrap();
        assert!(!far.right);
        assert!(
            far.lines[1].contains("not close enough (within 0.02 counts)"),
            "{:?}",
            far.lines
        );
        // "No step": a guess of x_0 is never right, nor is one as far on the other side.
        for (guess, right) in [(3.0, false), (2.92, false), (2.975, true), (2.945, true)] {
            let r = next_iterate(h, 0, &[guess], 5.0, lines.clone()).unwrap();
            assert_eq!(r.right, right, "guess {guess}: {:?}", r.lines);
        }
        // The tolerance scales with the step, below it, and a still run is judged on the span.
        assert_eq!(tolerance(0.04, 5.0), 0.02);
        assert_eq!(tolerance(4.0, 5.0), 1.0);
        assert_eq!(tolerance(0.0, 5.0), 0.15);
        for step in [1e-9, 1e-3, 0.1, 1.0, 10.0] {
            assert!(tolerance(step, 5.0) < step);
        }
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

//! The behaviour question: what a run does from x_k, classified by running ahead.

use std::rc::Rc;

use super::{LOOKAHEAD, Reveal, num, vector};
use crate::error::ConfigError;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::run::{History, Run, RunConfig, Status};

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

    /// The outcome in words in the language in use (its [`Behaviour::label`] in English).
    pub fn words(self) -> String {
        crate::text::text(&format!("quiz.choice.{}", self.as_str()), self.label(), &[])
    }

    /// Parses the names of [`Behaviour::as_str`].
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        Behaviour::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| {
                crate::error::expected(
                    "quiz answer",
                    &["converge", "overshoot", "oscillate", "diverge"],
                    &crate::settings::echo(s),
                )
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
    let from = crate::msg!(
        "core.quiz.from",
        "Run ahead {n} steps from {start}",
        n = n,
        start = vector(start)
    );
    if status == Status::Diverged {
        let why = crate::msg!(
            "core.quiz.diverged",
            "Run ahead from {start}: it diverged at step {n} (|x| passed 10⁶ or a value became non-finite).",
            start = vector(start),
            n = n
        );
        return (Behaviour::Diverge, why);
    }
    if st.first > 0.0 && st.last > 10.0 * st.first {
        let why = crate::msg!(
            "core.quiz.grew",
            "{from}: the steps grew from {first} to {last}.",
            from = from,
            first = num(st.first),
            last = num(st.last)
        );
        return (Behaviour::Diverge, why);
    }
    if st.pairs >= 2 && 2 * st.reversals > st.pairs {
        let turns = crate::msg!(
            "core.quiz.turns",
            "the step turned back {n} times out of {of}",
            n = st.reversals,
            of = st.pairs
        );
        let sizes = crate::msg!(
            "core.quiz.sizes",
            "from {first} to {last}",
            first = num(st.first),
            last = num(st.last)
        );
        return if st.last < 0.5 * st.first {
            let why = crate::msg!(
                "core.quiz.shrank",
                "{from}: {turns}, and the steps shrank {sizes}, ending at {end}.",
                from = from,
                turns = turns,
                sizes = sizes,
                end = vector(end)
            );
            (Behaviour::Overshoot, why)
        } else {
            let why = crate::msg!(
                "core.quiz.noshrink",
                "{from}: {turns}, and the steps did not shrink ({sizes}), ending at {end}.",
                from = from,
                turns = turns,
                sizes = sizes,
                end = vector(end)
            );
            (Behaviour::Oscillate, why)
        };
    }
    let why = if st.first == 0.0 {
        crate::msg!(
            "core.quiz.still",
            "Run ahead from {start}: it does not move, the gradient there is 0.",
            start = vector(start)
        )
    } else if st.pairs == 0 {
        crate::msg!(
            "core.quiz.settled",
            "{from}: it settled at {end} after a step of {step}.",
            from = from,
            end = vector(end),
            step = num(st.first)
        )
    } else {
        crate::msg!(
            "core.quiz.kept",
            "{from}: the steps kept their direction ({n} turns back out of {of}) and shrank from {first} to {last}, ending at {end}.",
            from = from,
            n = st.reversals,
            of = st.pairs,
            first = num(st.first),
            last = num(st.last),
            end = vector(end)
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
            crate::msg!(
                "core.quiz.verdict",
                "It {answer}; you said it {guess}: {verdict}.",
                answer = answer.words(),
                guess = guess.words(),
                verdict = verdict(answer == guess)
            ),
        ],
    })
}

/// The verdict on an answer, in words.
pub(super) fn verdict(right: bool) -> String {
    if right {
        crate::msg!("core.quiz.right", "right")
    } else {
        crate::msg!("core.quiz.wrong", "not this time")
    }
}

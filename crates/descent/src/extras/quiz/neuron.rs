//! The neuron's question: which way its next sample moves the decision line.

use super::{Reveal, num, vector};
use crate::neuron::{SampleOrder, Trainer};

/// The neuron's question, naming the sample it is about before anything is answered; once
/// training has stopped, that there is nothing to predict.
///
/// ```
/// let t = descent::neuron::presets::notebook_trainer();
/// assert!(descent::quiz::line_question(&t).starts_with("Next sample: x = (1, 1), target y = 1."));
/// ```
pub fn line_question(trainer: &Trainer) -> String {
    match trainer.next_sample() {
        Some(i) => crate::msg!(
            "core.nquiz.question",
            "Next sample: x = {x}, target y = {y}. Will its update make the output at this sample rise or fall, i.e. which way does the decision line move?",
            x = vector(trainer.data().input(i)),
            y = num(trainer.data().target(i))
        ),
        None => crate::msg!(
            "core.nquiz.stopped",
            "Training has stopped: nothing to predict. Reset or change a setting to ask again."
        ),
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
        crate::msg!(
            "core.nquiz.sample",
            "sample x = {x}, target y = {y}: z = {z}, a = {a}",
            x = vector(x),
            y = num(y),
            z = num(out.z),
            a = num(out.a)
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
        lines.push(crate::msg!(
            "core.nquiz.dz",
            "z at this sample changes by Δb + Δw·x = {dz}: its output {moves}.",
            dz = num(dz),
            moves = moves(choice)
        ));
    } else {
        lines.push(crate::msg!(
            "core.nquiz.delta",
            "δ {sign} 0, so the output at this sample {moves}.",
            sign = if rises { "<" } else { "≥" },
            moves = moves(choice)
        ));
    }
    lines.push(crate::msg!(
        "core.nquiz.verdict",
        "You said it {guess}: {verdict}.",
        guess = moves(guess),
        verdict = super::behaviour::verdict(guess == choice)
    ));
    Some(Reveal {
        right: guess == choice,
        answer: Vec::new(),
        choice: choice.into(),
        lines,
    })
}

/// `rises` or `falls` in words.
fn moves(choice: &str) -> String {
    if choice == "rises" {
        crate::msg!("core.nquiz.rises", "rises")
    } else {
        crate::msg!("core.nquiz.falls", "falls")
    }
}

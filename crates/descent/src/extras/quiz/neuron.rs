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

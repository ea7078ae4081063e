//! The neuron lesson's views of a trainer: the model at a transport position, predictions,
//! rounding, per-sample costs, the cost curve, progress, the last sample's arithmetic, the
//! boundary and the output heatmap.

use super::{Model, NeuronConfig, SampleStep, Trainer, geometry};
use crate::error::ConfigError;
use crate::field::Colormap;

/// Where training stands, for the progress bar: `epoch k / maxEpochs`, the last epoch's
/// mean cost against the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// `running`, `converged` (cost below target), `max-steps` or `diverged`.
    pub status: &'static str,
    /// Whether a stop rule has fired.
    pub done: bool,
    /// Epochs completed.
    pub epoch: usize,
    /// The epoch budget.
    pub max_epochs: usize,
    /// Samples trained in the unfinished epoch.
    pub position: usize,
    /// The last epoch's mean cost (None before the first epoch).
    pub cost: Option<f64>,
    /// The stop rule's target cost.
    pub target_cost: f64,
}

/// One trained sample's arithmetic, for the arithmetic panel.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleView {
    /// 0-based epoch the sample belongs to.
    pub epoch: usize,
    /// Table row.
    pub sample: usize,
    /// The row's inputs.
    pub x: Vec<f64>,
    /// The row's target.
    pub y: f64,
    /// Output unit's weighted input.
    pub z: f64,
    /// Output a = f(z).
    pub a: f64,
    /// a − y.
    pub error: f64,
    /// f′(z).
    pub dact: f64,
    /// δ = (a − y)·f′(z).
    pub delta: f64,
    /// ½(a − y)².
    pub cost: f64,
    /// Change of the output unit's weights.
    pub dw: Vec<f64>,
    /// Change of the output unit's bias.
    pub db: f64,
}

/// The lesson's trainer and the views the page draws of it.
#[derive(Debug)]
pub struct NeuronLesson {
    trainer: Trainer,
}

impl NeuronLesson {
    /// Builds the trainer from checked settings.
    /// Refused when epochs × rows × parameters is over [`crate::budget::NEURON_UPDATES`]
    /// (checked by [`Trainer::new`]).
    pub fn new(config: &NeuronConfig) -> Result<Self, ConfigError> {
        let trainer = config.build()?;
        Ok(NeuronLesson { trainer })
    }

    /// The model to draw for transport position `k`: the weights after epoch `k`, or the
    /// live weights (which move mid-epoch, sample by sample) for `k < 0` or past the last
    /// epoch.
    pub fn view(&self, k: i32) -> Box<dyn Model> {
        let t = &self.trainer;
        match usize::try_from(k) {
            Ok(k) if k <= t.epoch() => t.model_at(k),
            _ => t.model().clone_box(),
        }
    }

    /// The output for each row under [`NeuronLesson::view`].
    pub fn predictions(&self, k: i32) -> Vec<f64> {
        let m = self.view(k);
        let data = self.trainer.data();
        (0..data.len()).map(|i| m.predict(data.input(i))).collect()
    }

    /// Where training stands.
    pub fn progress(&self) -> Progress {
        let t = &self.trainer;
        Progress {
            status: t.status().as_str(),
            done: t.status().is_done(),
            epoch: t.epoch(),
            max_epochs: t.config().max_epochs,
            position: t.position(),
            cost: t.history().costs().last().copied(),
            target_cost: t.config().target_cost,
        }
    }

    /// The last trained sample's arithmetic, with its row.
    pub fn last_sample(&self) -> Option<SampleView> {
        self.trainer.last_step().map(|s| self.view_of(s))
    }

    /// The arithmetic of epoch `k`'s last sample (the update that gave the weights after
    /// epoch `k`), with its row; `None` for `k` = 0 or past the epochs done.
    pub fn sample_at(&self, k: usize) -> Option<SampleView> {
        self.trainer.step_at(k).map(|s| self.view_of(s))
    }

    fn view_of(&self, step: SampleStep) -> SampleView {
        let SampleStep {
            epoch,
            sample,
            output,
            error,
            cost,
            dw,
            db,
        } = step;
        let data = self.trainer.data();
        SampleView {
            epoch,
            sample,
            x: data.input(sample).to_vec(),
            y: data.target(sample),
            z: output.z,
            a: output.a,
            error,
            dact: output.dact,
            delta: output.delta,
            cost,
            dw,
            db,
        }
    }

    /// The boundary curves (output = ½) after epoch `k`, flattened as x, y pairs with a
    /// NaN pair between pieces.
    pub fn boundary(&self, k: i32, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        let model = self.view(k);
        let mut out = Vec::new();
        for (i, piece) in geometry::boundary(model.as_ref(), n, lo, hi)
            .iter()
            .enumerate()
        {
            if i > 0 {
                out.extend([f64::NAN, f64::NAN]);
            }
            out.extend(piece.iter().flatten());
        }
        out
    }

    /// The trainer.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The trainer, to step it.
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    /// Each row's output rounded to the nearest integer (the gate's answer) at position `k`.
    pub fn rounded(&self, k: i32) -> Vec<f64> {
        self.predictions(k).iter().map(|a| a.round()).collect()
    }

    /// ½(a − y)² for each row at position `k`.
    pub fn sample_costs(&self, k: i32) -> Vec<f64> {
        let y = self.trainer.data().targets();
        self.predictions(k)
            .iter()
            .zip(y)
            .map(|(a, y)| 0.5 * ((a - y) * (a - y)))
            .collect()
    }

    /// The cost curve's heights: each epoch's mean cost, or its log₁₀ for a log axis.
    pub fn cost_curve(&self, log: bool) -> Vec<f64> {
        let costs = self.trainer.history().costs();
        costs.iter().map(|&c| axis(c, log)).collect()
    }

    /// The height of the target-cost line on the cost curve's axis (log₁₀ when `log`).
    pub fn target_height(&self, log: bool) -> f64 {
        axis(self.trainer.config().target_cost, log)
    }

    /// The output at position `k` over [lo, hi]² as a `w` × `h` RGBA image (row 0 at the
    /// top, sizes clamped to 1..=1024), outputs coloured on [0, 1] by `map`.
    pub fn heatmap(&self, k: i32, w: usize, h: usize, lo: f64, hi: f64, map: Colormap) -> Vec<u8> {
        heatmap(self.view(k).as_ref(), w, h, lo, hi, map)
    }
}

/// `v` on a linear axis, or its log₁₀ on a log axis.
fn axis(v: f64, log: bool) -> f64 {
    if log { v.log10() } else { v }
}

/// The model's output over [lo, hi]² as a `w` × `h` RGBA image, row 0 at the top; outputs
/// are coloured on [0, 1]. Sizes are clamped to 1..=1024.
pub fn heatmap(model: &dyn Model, w: usize, h: usize, lo: f64, hi: f64, map: Colormap) -> Vec<u8> {
    let (w, h) = (w.clamp(1, 1024), h.clamp(1, 1024));
    // The clamped sizes always fit, so there is always a grid.
    let grid = geometry::output_grid(model, w, h, lo, hi).unwrap_or_default();
    let mut rgba = Vec::with_capacity(w * h * 4);
    for a in grid {
        let [r, g, b] = map.rgb(a);
        rgba.extend([r, g, b, 255]);
    }
    rgba
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neuron::{Activation, Neuron};

    #[test]
    fn heatmap_is_rgba_with_the_output_colours() {
        // Output σ(200(x − 0.5)): left column 0, right column 1 to within rounding.
        let n = Neuron::new(-100.0, &[200.0, 0.0], Activation::Sigmoid).unwrap();
        let img = heatmap(&n, 8, 2, 0.0, 1.0, Colormap::Viridis);
        assert_eq!(img.len(), 8 * 2 * 4);
        assert_eq!(&img[0..3], &Colormap::Viridis.rgb(0.0));
        assert_eq!(&img[28..31], &Colormap::Viridis.rgb(1.0));
        assert!(img.chunks(4).all(|p| p[3] == 255));
    }

    #[test]
    fn the_trained_and_gate_rounds_to_its_table_with_small_sample_costs() {
        let mut l = NeuronLesson::new(&NeuronConfig::default()).unwrap();
        assert_eq!(l.cost_curve(false).len(), 0);
        l.trainer_mut().train();
        assert_eq!(l.rounded(-1), vec![1.0, 0.0, 0.0, 0.0]);
        let costs = l.sample_costs(-1);
        assert!(costs.iter().all(|&c| (0.0..0.01).contains(&c)), "{costs:?}");
        let epochs = l.trainer().epoch();
        let lin = l.cost_curve(false);
        let log = l.cost_curve(true);
        assert_eq!(lin.len(), epochs);
        assert!((log[0] - lin[0].log10()).abs() < 1e-15);
        assert_eq!(l.target_height(true), 0.001f64.log10());
        assert_eq!(l.progress().status, "converged");
        // Position 0 is the initial weights: the In[25] neuron does not compute AND yet.
        assert_ne!(l.rounded(0), vec![1.0, 0.0, 0.0, 0.0]);
    }
}

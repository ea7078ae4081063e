//! The neuron lesson's handle: a trainer stepped from JavaScript, with its views (issue 5).

mod bench;
mod paint;

pub use bench::bench_neuron;
pub use paint::colormap_css;

use descent::neuron::{Model, NeuronConfig, SampleStep, Trainer, geometry};
use js_sys::{Float64Array, Uint8ClampedArray};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{f64_array, js_error, settings_error};

/// Where training stands, for the progress bar: `epoch k / maxEpochs`, the last epoch's
/// mean cost against the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// The lesson's trainer and the plain-Rust views the page draws.
#[derive(Debug)]
pub struct NeuronLessonCore {
    trainer: Trainer,
}

impl NeuronLessonCore {
    /// Builds the trainer from checked settings.
    pub fn new(config: &NeuronConfig) -> Result<Self, descent::ConfigError> {
        Ok(NeuronLessonCore {
            trainer: config.build()?,
        })
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

    /// The output for each row under [`NeuronLessonCore::view`].
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
        let SampleStep {
            epoch,
            sample,
            output,
            error,
            cost,
            dw,
            db,
        } = self.trainer.last_step()?;
        let data = self.trainer.data();
        Some(SampleView {
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
        })
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
}

/// The neuron lesson's trainer exported to JavaScript.
#[wasm_bindgen]
#[derive(Debug)]
pub struct NeuronTrainer {
    inner: NeuronLessonCore,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_wasm_bindgen::to_value(v).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl NeuronTrainer {
    /// Builds a trainer from `{gate, targets, hidden, activation, lr, order, seed, init,
    /// weights, targetCost, maxEpochs}` (the default is the notebook's run); throws an
    /// `Error` whose message and `error.field` name the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<NeuronTrainer, JsValue> {
        let config: NeuronConfig = if config.is_undefined() || config.is_null() {
            NeuronConfig::default()
        } else {
            serde_wasm_bindgen::from_value(config).map_err(|e| settings_error("settings", e))?
        };
        Ok(NeuronTrainer {
            inner: NeuronLessonCore::new(&config).map_err(js_error)?,
        })
    }

    /// Trains one sample; returns the progress.
    #[wasm_bindgen(js_name = stepSample)]
    pub fn step_sample(&mut self) -> JsValue {
        self.inner.trainer.step_sample();
        self.progress()
    }

    /// Trains to the end of the current epoch; returns the progress.
    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> JsValue {
        self.inner.trainer.step_epoch();
        self.progress()
    }

    /// Trains up to `n` epochs; returns the progress.
    #[wasm_bindgen(js_name = stepEpochs)]
    pub fn step_epochs(&mut self, n: u32) -> JsValue {
        self.inner.trainer.step_epochs(n as usize);
        self.progress()
    }

    /// One animation frame's share of training to the stop rule: at most `max_epochs`
    /// epochs; returns the progress (`done` once a stop rule fired).
    #[wasm_bindgen(js_name = trainChunk)]
    pub fn train_chunk(&mut self, max_epochs: u32) -> JsValue {
        self.step_epochs(max_epochs)
    }

    /// Trains to the stop rule at once; returns the progress.
    pub fn train(&mut self) -> JsValue {
        self.inner.trainer.train();
        self.progress()
    }

    /// Back to the end of epoch `k`, forgetting later epochs.
    pub fn rewind(&mut self, k: u32) {
        self.inner.trainer.rewind(k as usize);
    }

    /// Back to the initial weights.
    pub fn reset(&mut self) {
        self.inner.trainer.reset();
    }

    /// `{status, done, epoch, maxEpochs, position, cost, targetCost}`.
    pub fn progress(&self) -> JsValue {
        to_js(&self.inner.progress())
    }

    /// Epochs completed.
    pub fn epoch(&self) -> u32 {
        self.inner.trainer.epoch() as u32
    }

    /// Current status name.
    pub fn status(&self) -> String {
        self.inner.trainer.status().as_str().into()
    }

    /// Each epoch's mean cost (entry k − 1 is epoch k).
    pub fn costs(&self) -> Float64Array {
        f64_array(self.inner.trainer.history().costs())
    }

    /// Parameters per epoch.
    #[wasm_bindgen(js_name = nParams)]
    pub fn n_params(&self) -> u32 {
        self.inner.trainer.history().n_params() as u32
    }

    /// Hidden units (0 for a single neuron).
    pub fn hidden(&self) -> u32 {
        self.inner.trainer.model().hidden() as u32
    }

    /// Every epoch's parameters, (epochs + 1) rows of `nParams` (a neuron's row is `[b, w₀, w₁]`).
    pub fn weights(&self) -> Float64Array {
        f64_array(self.inner.trainer.history().all_weights())
    }

    /// The parameters at transport position `k` (after epoch `k`; live for `k < 0`).
    #[wasm_bindgen(js_name = weightsAt)]
    pub fn weights_at(&self, k: i32) -> Float64Array {
        f64_array(self.inner.view(k).params())
    }

    /// The table's inputs, row after row (two per row).
    pub fn inputs(&self) -> Float64Array {
        f64_array(self.inner.trainer.data().inputs())
    }

    /// The table's targets.
    pub fn targets(&self) -> Float64Array {
        f64_array(self.inner.trainer.data().targets())
    }

    /// The output for each row at transport position `k` (after epoch `k`; live for `k < 0`).
    #[wasm_bindgen(js_name = predictionsAt)]
    pub fn predictions_at(&self, k: i32) -> Float64Array {
        f64_array(&self.inner.predictions(k))
    }

    /// Each row's output rounded to the nearest integer (the gate's answer) at position `k`.
    #[wasm_bindgen(js_name = roundedAt)]
    pub fn rounded_at(&self, k: i32) -> Float64Array {
        let r: Vec<f64> = self
            .inner
            .predictions(k)
            .iter()
            .map(|a| a.round())
            .collect();
        f64_array(&r)
    }

    /// ½(a − y)² for each row at transport position `k`.
    #[wasm_bindgen(js_name = sampleCostsAt)]
    pub fn sample_costs_at(&self, k: i32) -> Float64Array {
        let y = self.inner.trainer.data().targets();
        let c: Vec<f64> = self
            .inner
            .predictions(k)
            .iter()
            .zip(y)
            .map(|(a, y)| 0.5 * ((a - y) * (a - y)))
            .collect();
        f64_array(&c)
    }

    /// The cost curve's heights: each epoch's mean cost, or its log₁₀ for a log axis.
    #[wasm_bindgen(js_name = costCurve)]
    pub fn cost_curve(&self, log: bool) -> Float64Array {
        let costs = self.inner.trainer.history().costs();
        if log {
            f64_array(&costs.iter().map(|c| c.log10()).collect::<Vec<_>>())
        } else {
            f64_array(costs)
        }
    }

    /// The height of the target-cost line on the cost curve's axis (log₁₀ when `log`).
    #[wasm_bindgen(js_name = targetHeight)]
    pub fn target_height(&self, log: bool) -> f64 {
        let t = self.inner.trainer.config().target_cost;
        if log { t.log10() } else { t }
    }

    /// The row the next sample step trains (−1 once stopped).
    #[wasm_bindgen(js_name = nextSample)]
    pub fn next_sample(&self) -> i32 {
        self.inner.trainer.next_sample().map_or(-1, |i| i as i32)
    }

    /// The last trained sample's `{epoch, sample, x, y, z, a, error, dact, delta, cost, dw,
    /// db}`, or `null` (before the first sample and after a rewind).
    #[wasm_bindgen(js_name = lastSample)]
    pub fn last_sample(&self) -> JsValue {
        self.inner
            .last_sample()
            .map_or(JsValue::NULL, |s| to_js(&s))
    }

    /// The output at transport position `k` (live for `k < 0`) over [lo, hi]² as a `w` × `h` RGBA image (row 0 at the
    /// top) in the colour map `cmap` (`viridis` or `cividis`), for `putImageData`.
    pub fn heatmap(
        &self,
        k: i32,
        w: u32,
        h: u32,
        lo: f64,
        hi: f64,
        cmap: &str,
    ) -> Result<Uint8ClampedArray, JsValue> {
        let map = paint::Colormap::parse(cmap).map_err(js_error)?;
        let model = self.inner.view(k);
        let rgba = paint::heatmap(model.as_ref(), w as usize, h as usize, lo, hi, map);
        Ok(Uint8ClampedArray::from(&rgba[..]))
    }

    /// The decision line w·x + b = z½ at transport position `k`, clipped to [lo, hi]², as
    /// `[x₁, y₁, x₂, y₂]`; empty for a hidden layer or when it misses the square.
    #[wasm_bindgen(js_name = decisionLine)]
    pub fn decision_line(&self, k: i32, lo: f64, hi: f64) -> Float64Array {
        let model = self.inner.view(k);
        geometry::decision_line(model.as_ref(), lo, hi)
            .map_or_else(|| f64_array(&[]), |s| f64_array(&s))
    }

    /// The boundary curves (output = ½) at transport position `k` on an `n` × `n` grid of [lo, hi]²:
    /// x, y pairs with a NaN pair between pieces.
    pub fn boundary(&self, k: i32, n: u32, lo: f64, hi: f64) -> Float64Array {
        f64_array(&self.inner.boundary(k, n as usize, lo, hi))
    }
}

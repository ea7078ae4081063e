//! The neuron lesson's handle: a trainer stepped from JavaScript, with its views.

#[cfg(feature = "bench")]
mod bench;
mod landscape;
mod paint;

#[cfg(feature = "bench")]
pub use bench::bench_neuron;
pub use paint::colormap_css;

use descent::field::Colormap;
use descent::neuron::{NeuronConfig, NeuronLesson, geometry};
use js_sys::{Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;

use crate::configs;
use crate::convert::{f64_array, js_error};

/// The neuron lesson's trainer exported to JavaScript.
#[wasm_bindgen]
#[derive(Debug)]
pub struct NeuronTrainer {
    inner: NeuronLesson,
    config: NeuronConfig,
}

#[wasm_bindgen]
impl NeuronTrainer {
    /// Builds a trainer from `{gate, targets, data, hidden, activation, lr, order, seed, init,
    /// weights, targetCost, maxEpochs}` (the default is the notebook's run); throws an
    /// `Error` whose message and `error.field` name the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<NeuronTrainer, JsValue> {
        let config = crate::configs::neuron_config(config)?;
        Ok(NeuronTrainer {
            inner: NeuronLesson::new(&config).map_err(js_error)?,
            config,
        })
    }

    /// The interval `[lo, hi]` every coordinate of an own point must lie in (the core's
    /// `POINT_RANGE`): where the page clamps a dragged point.
    #[wasm_bindgen(js_name = pointRange)]
    pub fn point_range() -> Vec<f64> {
        vec![
            descent::neuron::POINT_RANGE.0,
            descent::neuron::POINT_RANGE.1,
        ]
    }

    /// Trains one sample; returns the progress.
    #[wasm_bindgen(js_name = stepSample)]
    pub fn step_sample(&mut self) -> JsValue {
        self.inner.trainer_mut().step_sample();
        self.progress()
    }

    /// Trains to the end of the current epoch; returns the progress.
    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> JsValue {
        self.inner.trainer_mut().step_epoch();
        self.progress()
    }

    /// Trains up to `n` epochs; returns the progress.
    #[wasm_bindgen(js_name = stepEpochs)]
    pub fn step_epochs(&mut self, n: u32) -> JsValue {
        self.inner.trainer_mut().step_epochs(n as usize);
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
        self.inner.trainer_mut().train();
        self.progress()
    }

    /// Back to the end of epoch `k`, forgetting later epochs.
    pub fn rewind(&mut self, k: u32) {
        self.inner.trainer_mut().rewind(k as usize);
    }

    /// Back to the initial weights.
    pub fn reset(&mut self) {
        self.inner.trainer_mut().reset();
    }

    /// `{status, done, epoch, maxEpochs, position, cost, targetCost}`.
    pub fn progress(&self) -> JsValue {
        configs::progress_js(&self.inner.progress())
    }

    /// Epochs completed.
    pub fn epoch(&self) -> u32 {
        self.inner.trainer().epoch() as u32
    }

    /// Current status name.
    pub fn status(&self) -> String {
        self.inner.trainer().status().as_str().into()
    }

    /// Each epoch's mean cost (entry k − 1 is epoch k).
    pub fn costs(&self) -> Float64Array {
        f64_array(self.inner.trainer().history().costs())
    }

    /// Parameters per epoch.
    #[wasm_bindgen(js_name = nParams)]
    pub fn n_params(&self) -> u32 {
        self.inner.trainer().history().n_params() as u32
    }

    /// Hidden units (0 for a single neuron).
    pub fn hidden(&self) -> u32 {
        self.inner.trainer().model().hidden() as u32
    }

    /// Every epoch's parameters, (epochs + 1) rows of `nParams` (a neuron's row is `[b, w₀, w₁]`).
    pub fn weights(&self) -> Float64Array {
        f64_array(self.inner.trainer().history().all_weights())
    }

    /// The parameters at transport position `k` (after epoch `k`; live for `k < 0`).
    #[wasm_bindgen(js_name = weightsAt)]
    pub fn weights_at(&self, k: i32) -> Float64Array {
        f64_array(self.inner.view(k).params())
    }

    /// The table's inputs, row after row (two per row).
    pub fn inputs(&self) -> Float64Array {
        f64_array(self.inner.trainer().data().inputs())
    }

    /// The table's targets.
    pub fn targets(&self) -> Float64Array {
        f64_array(self.inner.trainer().data().targets())
    }

    /// The output for each row at transport position `k` (after epoch `k`; live for `k < 0`).
    #[wasm_bindgen(js_name = predictionsAt)]
    pub fn predictions_at(&self, k: i32) -> Float64Array {
        f64_array(&self.inner.predictions(k))
    }

    /// Each row's output rounded to the nearest integer (the gate's answer) at position `k`.
    #[wasm_bindgen(js_name = roundedAt)]
    pub fn rounded_at(&self, k: i32) -> Float64Array {
        f64_array(&self.inner.rounded(k))
    }

    /// ½(a − y)² for each row at transport position `k`.
    #[wasm_bindgen(js_name = sampleCostsAt)]
    pub fn sample_costs_at(&self, k: i32) -> Float64Array {
        f64_array(&self.inner.sample_costs(k))
    }

    /// The cost curve's heights: each epoch's mean cost, or its log₁₀ for a log axis.
    #[wasm_bindgen(js_name = costCurve)]
    pub fn cost_curve(&self, log: bool) -> Float64Array {
        f64_array(&self.inner.cost_curve(log))
    }

    /// The height of the target-cost line on the cost curve's axis (log₁₀ when `log`).
    #[wasm_bindgen(js_name = targetHeight)]
    pub fn target_height(&self, log: bool) -> f64 {
        self.inner.target_height(log)
    }

    /// The row the next sample step trains (−1 once stopped).
    #[wasm_bindgen(js_name = nextSample)]
    pub fn next_sample(&self) -> i32 {
        self.inner.trainer().next_sample().map_or(-1, |i| i as i32)
    }

    /// The last trained sample's `{epoch, sample, x, y, z, a, error, dact, delta, cost, dw,
    /// db}`, or `null` (before the first sample and after a rewind).
    #[wasm_bindgen(js_name = lastSample)]
    pub fn last_sample(&self) -> JsValue {
        self.inner
            .last_sample()
            .map_or(JsValue::NULL, |s| configs::sample_js(&s))
    }

    /// The arithmetic of epoch `k`'s last sample, as `lastSample` gives it (the update that
    /// led to the weights after epoch `k`), or `null` for `k` = 0 or past the epochs done.
    #[wasm_bindgen(js_name = sampleAt)]
    pub fn sample_at(&self, k: u32) -> JsValue {
        self.inner
            .sample_at(k as usize)
            .map_or(JsValue::NULL, |s| configs::sample_js(&s))
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
        let map = Colormap::parse(cmap).map_err(js_error)?;
        let rgba = self.inner.heatmap(k, w as usize, h as usize, lo, hi, map);
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

    /// Judges `guess` (`rises` or `falls`: the output at the next sample after its update,
    /// i.e. which way the decision line moves): `{right, answer, choice, lines}`, or
    /// `undefined` once training has stopped.
    #[wasm_bindgen(js_name = quizLine)]
    pub fn quiz_line(&self, guess: &str) -> JsValue {
        descent::quiz::line_move(self.inner.trainer(), guess)
            .map_or(JsValue::UNDEFINED, |r| configs::reveal_js(&r))
    }

    /// The quiz's question in words, naming the sample the next update trains on.
    #[wasm_bindgen(js_name = quizQuestion)]
    pub fn quiz_question(&self) -> String {
        descent::quiz::line_question(self.inner.trainer())
    }

    /// Every epoch's mean cost and weights as CSV (`epoch,cost,b,w1,w2`; on a person's own
    /// points, the points beside them: `x1,x2,label`).
    pub fn csv(&self) -> String {
        self.table().csv()
    }

    /// Every epoch's mean cost and weights as JSON (`{lesson, columns, rows}`), with the
    /// points as [`NeuronTrainer::csv`] has them.
    pub fn json(&self) -> String {
        self.table().json("neuron")
    }

    /// The name (without extension) the page saves this training's files under.
    #[wasm_bindgen(js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        let c = &self.config;
        descent::export::table::file_stem(&[
            "descent",
            "neuron",
            &c.gate,
            &format!("lr{}", c.lr),
            &format!("seed{}", c.seed),
        ])
    }

    /// A Python notebook cell (numpy) that trains the same neuron from the same weights to
    /// the stop rule and prints its final weights; throws, naming the setting, for what it
    /// cannot repeat (a hidden layer, shuffled epochs).
    pub fn python(&self) -> Result<String, JsValue> {
        descent::export::python::neuron(self.inner.trainer()).map_err(js_error)
    }
}

impl NeuronTrainer {
    /// The export table: the training, with the points beside it when they are the person's.
    fn table(&self) -> descent::export::table::Table {
        let trainer = self.inner.trainer();
        let table = descent::export::table::training(trainer);
        if self.config.gate == "points" {
            descent::export::table::with_points(table, trainer.data())
        } else {
            table
        }
    }
}

//! The 1-D multi-start handle: N seeded runs finished at once, with the best marked.

use std::rc::Rc;

use descent::lessons::Config1D;
use descent::multistart::MultiStartResult;
use descent::{GradientDescent, Objective, Optimizer, RunConfig};
use js_sys::Float64Array;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{f64_array, js_error, settings_error};

/// Multi-start settings as the page sends them.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct StartsConfig {
    /// Number of starts.
    pub n: f64,
    /// Lower end of the start interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Seed of the starts.
    pub seed: f64,
}

impl Default for StartsConfig {
    fn default() -> Self {
        StartsConfig {
            n: 50.0,
            lo: -10.0,
            hi: 10.0,
            seed: 1.0,
        }
    }
}

/// Runs every start of a 1-D multi-start to its stop rule.
pub fn run_multistart(
    config: &Config1D,
    starts: &StartsConfig,
) -> Result<MultiStartResult, descent::ConfigError> {
    let objective: Rc<dyn Objective> =
        crate::jit::typed_objective(descent::expr::compile(&config.f, &["x"])?);
    config.validate()?;
    let gamma = config.gamma;
    let ms = descent::lessons::starts_1d(starts.n, starts.lo, starts.hi, starts.seed)?;
    let template = RunConfig::new(vec![0.0], config.step_budget()?).mode(config.gradient_mode()?);
    let make = move || -> Box<dyn Optimizer> { Box::new(GradientDescent::new(gamma).unwrap()) };
    ms.run_all(objective, &make, &template)
}

/// Finished runs of a 1-D multi-start, exported to JavaScript.
#[wasm_bindgen]
pub struct MultiStart1D {
    result: MultiStartResult,
}

#[wasm_bindgen]
impl MultiStart1D {
    /// Runs `{n, lo, hi, seed}` starts with the 1-D settings `config`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, starts: JsValue) -> Result<MultiStart1D, JsValue> {
        let config: Config1D =
            serde_wasm_bindgen::from_value(config).map_err(|e| settings_error("settings", e))?;
        let starts: StartsConfig = serde_wasm_bindgen::from_value(starts)
            .map_err(|e| settings_error("multi-start settings", e))?;
        Ok(MultiStart1D {
            result: run_multistart(&config, &starts).map_err(js_error)?,
        })
    }

    /// Number of runs.
    pub fn count(&self) -> u32 {
        self.result.runs.len() as u32
    }

    /// Index of the best run, or −1 when every run diverged.
    pub fn best(&self) -> i32 {
        self.result.best.map_or(-1, |b| b as i32)
    }

    /// The recorded x's of run `i` (empty if out of range).
    pub fn trail(&self, i: u32) -> Float64Array {
        self.result
            .runs
            .get(i as usize)
            .map_or_else(|| f64_array(&[]), |r| f64_array(r.history().points()))
    }

    /// The recorded f's of run `i` (empty if out of range).
    #[wasm_bindgen(js_name = trailValues)]
    pub fn trail_values(&self, i: u32) -> Float64Array {
        self.result
            .runs
            .get(i as usize)
            .map_or_else(|| f64_array(&[]), |r| f64_array(r.history().values()))
    }

    /// The recorded f′'s of run `i` (empty if out of range).
    #[wasm_bindgen(js_name = trailGrads)]
    pub fn trail_grads(&self, i: u32) -> Float64Array {
        self.result
            .runs
            .get(i as usize)
            .map_or_else(|| f64_array(&[]), |r| f64_array(r.history().gradients()))
    }

    /// Each run's start x₀.
    pub fn starts(&self) -> Float64Array {
        let v: Vec<f64> = self
            .result
            .runs
            .iter()
            .map(|r| r.history().point(0)[0])
            .collect();
        f64_array(&v)
    }

    /// Each run's last x.
    pub fn ends(&self) -> Float64Array {
        let v: Vec<f64> = self
            .result
            .runs
            .iter()
            .map(|r| r.history().last_point()[0])
            .collect();
        f64_array(&v)
    }

    /// Each run's last f.
    #[wasm_bindgen(js_name = endValues)]
    pub fn end_values(&self) -> Float64Array {
        let v: Vec<f64> = self
            .result
            .runs
            .iter()
            .map(|r| r.history().last_value())
            .collect();
        f64_array(&v)
    }

    /// Each run's status name.
    pub fn statuses(&self) -> Vec<String> {
        self.result
            .runs
            .iter()
            .map(|r| r.status().as_str().to_string())
            .collect()
    }
}

/// The notebook's 1-D multi-start with `seed`, computed by the core directly (for tests
/// that compare the handle with the core).
#[doc(hidden)]
pub fn run_multistart_for_tests(seed: u64) -> MultiStartResult {
    run_multistart(
        &Config1D {
            x0: 0.0,
            ..Config1D::default()
        },
        &StartsConfig {
            seed: seed as f64,
            ..StartsConfig::default()
        },
    )
    .expect("the notebook's settings are valid")
}

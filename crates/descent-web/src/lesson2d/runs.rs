//! The runs handle: clicked and seeded starts, each run with one or several optimizers
//! (race mode), finished at once and read back as typed arrays.

use std::collections::BTreeMap;

use descent::lesson2d::{
    Config2D, LessonFunction, TracedRun, arithmetic, best_traced, critical_step,
};
use descent::optim::OptimSpec;
use descent::{ConfigError, RunConfig};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{err, from_js, lesson_function, view};

/// One racer: an optimizer and its hyperparameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RaceEntry {
    /// Optimizer name.
    pub optimizer: String,
    /// Its hyperparameters (absent ones take defaults).
    pub params: BTreeMap<String, f64>,
}

/// Runs of the 2-D lesson: every start with every optimizer of the race.
pub struct Runs2DCore {
    func: LessonFunction,
    config: Config2D,
    specs: Vec<OptimSpec>,
    template: RunConfig,
    runs: Vec<TracedRun>,
}

impl Runs2DCore {
    /// Checks the settings; `race` empty means the config's single optimizer.
    pub fn new(
        func: LessonFunction,
        config: Config2D,
        race: &[RaceEntry],
    ) -> Result<Self, ConfigError> {
        let specs = if race.is_empty() {
            vec![config.optimizer_spec()?]
        } else {
            race.iter()
                .map(|r| Config2D::spec_for(&r.optimizer, &r.params, config.gamma))
                .collect::<Result<_, _>>()?
        };
        let template = config.template()?;
        Ok(Runs2DCore {
            func,
            config,
            specs,
            template,
            runs: Vec::new(),
        })
    }

    /// Adds a start: one finished run per optimizer.
    pub fn add_start(&mut self, x: f64, y: f64) -> Result<(), ConfigError> {
        descent::error::finite("start x", x)?;
        descent::error::finite("start y", y)?;
        let mut cfg = self.template.clone();
        cfg.start = vec![x, y];
        for spec in &self.specs {
            self.runs.push(TracedRun::simulate(
                self.func.objective.clone(),
                spec.clone(),
                cfg.clone(),
            )?);
        }
        Ok(())
    }

    /// Adds the config's N seeded starts.
    pub fn add_multistart(&mut self) -> Result<(), ConfigError> {
        for s in self.config.multistart()?.starts() {
            self.add_start(s[0], s[1])?;
        }
        Ok(())
    }

    /// The runs.
    pub fn runs(&self) -> &[TracedRun] {
        &self.runs
    }

    /// The lowest value known: the function's minimum or lower values a run reached.
    pub fn f_min(&self) -> f64 {
        let lowest = self
            .runs
            .iter()
            .flat_map(|r| r.run().history().values())
            .filter(|v| v.is_finite())
            .fold(f64::INFINITY, |m, &v| m.min(v));
        if self.func.f_min.is_finite() {
            lowest.min(self.func.f_min)
        } else {
            lowest
        }
    }
}

/// Runs of the 2-D lesson exported to JavaScript.
#[wasm_bindgen]
pub struct Runs2D {
    inner: Runs2DCore,
}

#[wasm_bindgen]
impl Runs2D {
    /// `function` is a 2-D catalogue id or formula, or a typed f(x, y); `config` the lesson's settings
    /// (`{optimizer, params, gamma, mode, h, order, steps, gradTol, n, lo, hi, seed}`);
    /// `race` an array of `{optimizer, params}` (empty: the config's optimizer).
    #[wasm_bindgen(constructor)]
    pub fn new(function: &str, config: JsValue, race: JsValue) -> Result<Runs2D, JsValue> {
        let config: Config2D = from_js(config, "settings")?;
        let race: Vec<RaceEntry> = if race.is_undefined() || race.is_null() {
            Vec::new()
        } else {
            from_js(race, "race")?
        };
        let func = lesson_function(function)?;
        Ok(Runs2D {
            inner: Runs2DCore::new(func, config, &race).map_err(err)?,
        })
    }

    /// Adds a start (one run per racer).
    #[wasm_bindgen(js_name = addStart)]
    pub fn add_start(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        self.inner.add_start(x, y).map_err(err)
    }

    /// Adds the N seeded starts of the box (In[13]).
    #[wasm_bindgen(js_name = addMultistart)]
    pub fn add_multistart(&mut self) -> Result<(), JsValue> {
        self.inner.add_multistart().map_err(err)
    }

    /// Removes every run.
    pub fn clear(&mut self) {
        self.inner.runs.clear();
    }

    /// Number of runs.
    pub fn count(&self) -> u32 {
        self.inner.runs.len() as u32
    }

    /// Number of racers (optimizers per start).
    pub fn racers(&self) -> u32 {
        self.inner.specs.len() as u32
    }

    fn run(&self, i: u32) -> Option<&TracedRun> {
        self.inner.runs().get(i as usize)
    }

    /// Run `i`'s iterates x_0, y_0, x_1, y_1, … (empty if out of range).
    pub fn points(&self, i: u32) -> Vec<f64> {
        self.run(i)
            .map_or_else(Vec::new, |r| r.run().history().points().to_vec())
    }

    /// Run `i`'s values f(x_k).
    pub fn values(&self, i: u32) -> Vec<f64> {
        self.run(i)
            .map_or_else(Vec::new, |r| r.run().history().values().to_vec())
    }

    /// Run `i`'s recorded gradients ∇f(x_k), flat.
    pub fn grads(&self, i: u32) -> Vec<f64> {
        self.run(i)
            .map_or_else(Vec::new, |r| r.run().history().gradients().to_vec())
    }

    /// Run `i`'s cost curve: f(x_k) − f_min when `relative` (f_min: the lowest value known),
    /// else f(x_k); as log₁₀ when `log` (non-positive values become NaN).
    pub fn costs(&self, i: u32, relative: bool, log: bool) -> Vec<f64> {
        let f_min = if relative { self.inner.f_min() } else { 0.0 };
        self.run(i).map_or_else(Vec::new, |r| {
            r.run()
                .history()
                .values()
                .iter()
                .map(|v| v - f_min)
                .map(|c| {
                    if !log {
                        c
                    } else if c > 0.0 {
                        c.log10()
                    } else {
                        f64::NAN
                    }
                })
                .collect()
        })
    }

    /// Steps run `i` took.
    pub fn steps(&self, i: u32) -> u32 {
        self.run(i).map_or(0, |r| r.run().steps() as u32)
    }

    /// Run `i`'s status: `max-steps`, `converged` or `diverged`.
    pub fn status(&self, i: u32) -> String {
        self.run(i)
            .map_or_else(String::new, |r| r.run().status().as_str().into())
    }

    /// Run `i`'s optimizer name.
    pub fn optimizer(&self, i: u32) -> String {
        self.run(i)
            .map_or_else(String::new, |r| r.spec().name().into())
    }

    /// Index of the racer (0-based optimizer slot) of run `i`.
    pub fn racer(&self, i: u32) -> u32 {
        i % self.racers().max(1)
    }

    /// Index of the run with the lowest final f among those that did not diverge, or −1.
    pub fn best(&self) -> i32 {
        best_traced(&self.inner.runs).map_or(-1, |b| b as i32)
    }

    /// The velocity displacement at x_k for momentum-type methods (empty otherwise).
    pub fn velocity(&self, i: u32, k: u32) -> Vec<f64> {
        self.run(i)
            .and_then(|r| r.velocity(k as usize))
            .unwrap_or_default()
    }

    /// The update from x_k to x_{k+1} with its numbers substituted, one line per formula.
    pub fn arithmetic(&self, i: u32, k: u32) -> Vec<String> {
        self.run(i)
            .map_or_else(Vec::new, |r| arithmetic(r, k as usize))
    }

    /// The critical step 2/L when the function is quadratic over the box, else NaN.
    #[wasm_bindgen(js_name = criticalStep)]
    pub fn critical_step(&self, x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> f64 {
        view(x_min, x_max, y_min, y_max)
            .ok()
            .and_then(|v| critical_step(self.inner.func.objective.as_ref(), v))
            .unwrap_or(f64::NAN)
    }

    /// The bounds `[x_min, x_max, y_min, y_max]` of run `i`'s path (or of every run when
    /// `i` is −1) plus `margin` on each side, as In[21]'s "zoom to path"; empty if none.
    #[wasm_bindgen(js_name = pathBounds)]
    pub fn path_bounds(&self, i: i32, margin: f64) -> Vec<f64> {
        let pts: Vec<f64> = if i < 0 {
            self.inner
                .runs
                .iter()
                .flat_map(|r| r.run().history().points().iter().copied())
                .collect()
        } else {
            self.points(i as u32)
        };
        descent::field::ViewBox::around(&pts, margin)
            .map_or_else(Vec::new, |b| vec![b.x_min, b.x_max, b.y_min, b.y_max])
    }
}

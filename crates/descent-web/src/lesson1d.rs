//! The 1-D lesson's handle: one descent run on f(x), stepped from JavaScript.

use std::rc::Rc;

use descent::lessons::Config1D;
use descent::{Objective, Run};
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use crate::configs::reveal_js;
use crate::convert::{f64_array, js_error};
use crate::summaries::RunStatus;

/// A 1-D descent run and the function it descends.
pub struct Descent1DCore {
    objective: Rc<dyn Objective>,
    run: Run,
    config: Config1D,
}

impl Descent1DCore {
    /// Builds the run of a checked config on its compiled function f.
    pub fn new(
        config: Config1D,
        objective: Rc<dyn Objective>,
    ) -> Result<Self, descent::ConfigError> {
        let run = config.build(objective.clone())?;
        Ok(Descent1DCore {
            objective,
            run,
            config,
        })
    }

    /// Samples f and its derivative in the run's gradient mode at `n` points of [lo, hi].
    pub fn sample(&self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        descent::lesson1d::sample(self.objective.as_ref(), self.run.config().mode, lo, hi, n)
    }
}

/// A 1-D descent run exported to JavaScript.
#[wasm_bindgen]
pub struct Descent1D {
    inner: Descent1DCore,
}

#[wasm_bindgen]
impl Descent1D {
    /// Builds a run from `{x0, gamma, h, steps, mode, f}`; throws an `Error` naming the bad
    /// field (for f: with the `column` of the problem).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Descent1D, JsValue> {
        let config = crate::configs::config_1d(config)?;
        let f = descent::expr::compile(&config.f, &["x"]).map_err(crate::functions::expr_error)?;
        let objective = crate::jit::typed_objective(f);
        Ok(Descent1D {
            inner: Descent1DCore::new(config, objective).map_err(js_error)?,
        })
    }

    /// Takes one step; returns the status.
    pub fn step(&mut self) -> RunStatus {
        self.inner.run.step().into()
    }

    /// Takes up to `n` steps; returns the status.
    #[wasm_bindgen(js_name = stepN)]
    pub fn step_n(&mut self, n: u32) -> RunStatus {
        self.inner.run.step_n(n as usize).into()
    }

    /// Runs to a stop rule; returns the status.
    pub fn finish(&mut self) -> RunStatus {
        self.inner.run.finish().into()
    }

    /// Back to x₀.
    pub fn reset(&mut self) {
        self.inner.run.reset();
    }

    /// Steps taken.
    pub fn steps(&self) -> u32 {
        self.inner.run.steps() as u32
    }

    /// Current status.
    pub fn status(&self) -> RunStatus {
        self.inner.run.status().into()
    }

    /// Why the run diverged, in words ("" when it did not): the start out of range, f
    /// undefined at an iterate, an overflow, γ·f″ > 2 (with the notebook's hint only on
    /// (x − 1)²), or the iterate leaving the bound.
    pub fn divergence(&self) -> String {
        let i = &self.inner;
        // γ·f″ > 2 explains a divergence of plain descent only.
        let gamma = (i.config.optimizer == "gd").then_some(i.config.gamma);
        descent::divergence::diagnose(&i.run, i.objective.as_ref(), gamma)
            .map_or_else(String::new, |d| d.message)
    }

    /// x_0 … x_k as a copy.
    pub fn xs(&self) -> Float64Array {
        f64_array(self.inner.run.history().points())
    }

    /// f(x_0) … f(x_k) as a copy.
    pub fn values(&self) -> Float64Array {
        f64_array(self.inner.run.history().values())
    }

    /// f′(x_0) … f′(x_k) (in the run's gradient mode) as a copy.
    pub fn grads(&self) -> Float64Array {
        f64_array(self.inner.run.history().gradients())
    }

    /// The step-size view at `x` with derivative `g` (an iterate of this run or of the
    /// multi-start it follows): φ(γ) = f(x − γg) over `n` step sizes up to `span` (≤ 0: a
    /// span that shows γ, γ* and 2/L), log-spaced when `log`. Its γ is the step size the
    /// method takes from x: γ for plain descent, the accepted or line-minimising γ of a
    /// line search, α/f″ for Newton.
    #[wasm_bindgen(js_name = stepSize)]
    pub fn step_size(
        &self,
        x: f64,
        g: f64,
        span: f64,
        n: u32,
        log: bool,
    ) -> crate::stepsize::StepSize {
        let i = &self.inner;
        let f = i.objective.as_ref();
        crate::stepsize::record(f, &[x], &[g], self.gamma_at(x, g), span, n as usize, log)
    }

    /// `n` samples of [lo, hi]: x (n values), then f(x), then f′(x) in the run's mode.
    #[wasm_bindgen(js_name = sampleCurve)]
    pub fn sample_curve(&self, lo: f64, hi: f64, n: u32) -> Float64Array {
        f64_array(&self.inner.sample(lo, hi, n as usize))
    }

    /// The run's recorded steps as CSV (`k,x,f,df/dx`, one line per step).
    pub fn csv(&self) -> String {
        self.table().csv()
    }

    /// The run's recorded steps as JSON (`{lesson, columns, rows}`).
    pub fn json(&self) -> String {
        self.table().json("1d")
    }

    /// The name (without extension) the page saves this run's files under.
    #[wasm_bindgen(js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        let c = &self.inner.config;
        descent::export::table::file_stem(&[
            "descent",
            "1d",
            &c.optimizer,
            &format!("gamma{}", c.gamma),
            &c.mode,
            &format!("x0={}", c.x0),
        ])
    }

    /// Judges a guess of x_{k+1} (`span`: the plotted window's width): `{right, answer,
    /// choice, lines}` with the update's arithmetic, or `undefined` once the run stopped.
    #[wasm_bindgen(js_name = quizNext)]
    pub fn quiz_next(&self, k: u32, guess: f64, span: f64) -> JsValue {
        let h = self.inner.run.history();
        let (k, config) = (k as usize, &self.inner.config);
        // Plain descent's reveal is the notebook's one line; another method's, its arithmetic.
        let lines = if config.optimizer == "gd" || k + 1 >= h.len() {
            descent::quiz::step_1d(h, k, config.gamma)
        } else {
            self.lines(k, h.point(k)[0], h.gradient(k)[0], h.point(k + 1)[0])
        };
        descent::quiz::next_iterate(h, k, &[guess], span, lines)
            .map_or(JsValue::UNDEFINED, |r| reveal_js(&r))
    }

    /// Judges `guess` (`converge`, `overshoot`, `oscillate`, `diverge`) for the run from x_k, classified
    /// by running ahead at most a bounded number of steps.
    #[wasm_bindgen(js_name = quizBehaviour)]
    pub fn quiz_behaviour(&self, k: u32, guess: &str) -> Result<JsValue, JsValue> {
        let run = &self.inner.run;
        let x = run
            .history()
            .get(k as usize)
            .map_or(run.config().start.clone(), |p| p.0.to_vec());
        let spec = self.inner.config.optimizer_spec().map_err(js_error)?;
        descent::quiz::behaviour(self.inner.objective.clone(), &spec, run.config(), &x, guess)
            .map(|r| reveal_js(&r))
            .map_err(js_error)
    }

    /// "Show the arithmetic" of the method's step k from `x` with derivative `g` to `next`
    /// (of this run, or of the multi-start run the page follows), one string per line.
    pub fn arithmetic(&self, k: u32, x: f64, g: f64, next: f64) -> Vec<String> {
        self.lines(k as usize, x, g, next)
    }

    /// A Python notebook cell (numpy) that repeats this run and prints where it ends.
    pub fn python(&self) -> Result<String, JsValue> {
        descent::export::python::lesson1d(&self.inner.config).map_err(js_error)
    }
}

impl Descent1D {
    /// The arithmetic of a step of the method (none when the config no longer checks).
    fn lines(&self, k: usize, x: f64, g: f64, next: f64) -> Vec<String> {
        let i = &self.inner;
        i.config.optimizer_spec().map_or_else(
            |_| Vec::new(),
            |spec| descent::lesson1d::arithmetic(&spec, i.objective.as_ref(), k, x, g, next),
        )
    }

    /// The step size the method takes from `x` with derivative `g`: (x − x′)/g for its next
    /// point x′ (γ itself for plain descent, or where g = 0 or the step is not finite).
    fn gamma_at(&self, x: f64, g: f64) -> f64 {
        let i = &self.inner;
        let gamma = i.config.gamma;
        let Ok(mut opt) = i.config.optimizer_spec().and_then(|s| s.build()) else {
            return gamma;
        };
        if i.config.optimizer == "gd" || g == 0.0 {
            return gamma;
        }
        let mut p = [x];
        opt.step_on(i.objective.as_ref(), &mut p, &[g]);
        let taken = (x - p[0]) / g;
        if taken.is_finite() && taken > 0.0 {
            taken
        } else {
            gamma
        }
    }

    fn table(&self) -> descent::export::table::Table {
        let run = &self.inner.run;
        let name = self.inner.config.optimizer.as_str();
        descent::export::table::runs(&[(0, name, run.status().as_str(), run.history())])
    }
}

/// `[{key, setting}]` for lesson 1's method `name` (empty if lesson 1 has no such method):
/// its own hyperparameters, each with the key of its row in `settingsTable("1d")`. γ,
/// which plain descent and the line searches start from, is lesson 1's own field.
#[wasm_bindgen(js_name = optimizerParams1D)]
pub fn optimizer_params_1d(name: &str) -> JsValue {
    let rows: js_sys::Array = descent::optim::rule(name)
        .map_or(&[][..], |r| r.params)
        .iter()
        .filter(|_| descent::settings::RULES_1D.contains(&name))
        .filter_map(|p| Some((p.name, descent::settings::key_1d(p.key())?)))
        .filter(|(_, key)| *key != "gamma")
        .map(|(name, key)| {
            crate::configs::Out::new()
                .set("key", name)
                .set("setting", key)
                .done()
        })
        .collect();
    rows.into()
}

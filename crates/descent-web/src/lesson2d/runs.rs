//! The runs handle: seeded and clicked starts, each run with one or several optimizers
//! (race mode), computed in slices by `advance` and read back as typed arrays.

use descent::lesson2d::{Config2D, TracedRun, arithmetic, critical_step, runs};
use descent::runset::RunSet;
use wasm_bindgen::prelude::*;

use super::{err, lesson_function, view};
use crate::summaries::{RunStatus, Summaries};

/// The dimension of its runs.
const DIM: usize = 2;

/// Runs of the 2-D lesson exported to JavaScript. Run `i` is start `i / racers()` with
/// racer `i % racers()`. Every run keeps its history when [`Runs2D::keeps_history`];
/// otherwise only its summary, and `select(i)` then `advance` recompute run `i`'s history.
#[wasm_bindgen]
pub struct Runs2D {
    set: RunSet,
    objective: std::rc::Rc<dyn descent::Objective>,
    spec: String,
    config: Config2D,
    starts: Vec<[f64; 2]>,
}

crate::run_set_methods!(Runs2D, DIM);

#[wasm_bindgen]
impl Runs2D {
    /// `function` is a 2-D catalogue id or formula, or a typed f(x, y); `config` the lesson's
    /// settings (`{optimizer, params, gamma, mode, h, order, steps, gradTol, n, lo, hi, seed}`);
    /// `race` an array of `{optimizer, params}` (empty: the config's optimizer); `starts`
    /// the clicked starts x, y, x, y, …; `multi` adds the config's N seeded starts first.
    /// Checks everything and the budgets; computes nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        function: &str,
        config: JsValue,
        race: JsValue,
        starts: &[f64],
        multi: bool,
    ) -> Result<Runs2D, JsValue> {
        let config = crate::configs::config_2d(config)?;
        let race = crate::configs::race(race)?;
        let clicked: Vec<[f64; 2]> = starts.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let func = lesson_function(function)?;
        let set = runs(&func, &config, &race, &clicked, multi).map_err(err)?;
        let mut starts: Vec<[f64; 2]> = Vec::new();
        if multi {
            let seeded = config.multistart().map_err(err)?.starts();
            starts.extend(seeded.iter().map(|s| [s[0], s[1]]));
        }
        starts.extend(clicked);
        Ok(Runs2D {
            set,
            objective: func.objective,
            spec: function.to_string(),
            config,
            starts,
        })
    }

    /// Whether run `i`'s history is available.
    #[wasm_bindgen(js_name = hasHistory)]
    pub fn has_history(&self, i: u32) -> bool {
        self.run(i).is_some()
    }

    /// Number of racers (optimizers per start).
    pub fn racers(&self) -> u32 {
        self.set.racers() as u32
    }

    /// Index of the racer (0-based optimizer slot) of run `i`.
    pub fn racer(&self, i: u32) -> u32 {
        i % self.racers().max(1)
    }

    fn run(&self, i: u32) -> Option<&TracedRun> {
        self.set.traced(i as usize)
    }

    /// Run `i`'s iterates x_0, y_0, x_1, y_1, … (empty without its history).
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

    /// Every finished run's summary, one named column per field.
    pub fn summaries(&self) -> Summaries {
        Summaries::of(self.set.summaries())
    }

    /// Run `i`'s cost curve: f(x_k) − f_min when `relative` (f_min: the lowest value known),
    /// else f(x_k); as log₁₀ when `log` (non-positive values become NaN).
    pub fn costs(&self, i: u32, relative: bool, log: bool) -> Vec<f64> {
        self.set.costs(i as usize, relative, log)
    }

    /// Steps run `i` took.
    pub fn steps(&self, i: u32) -> u32 {
        self.set
            .summaries()
            .get(i as usize)
            .map_or(0, |s| s.steps as u32)
    }

    /// Run `i`'s status ([`RunStatus::Running`] until it is computed).
    pub fn status(&self, i: u32) -> RunStatus {
        self.set
            .summaries()
            .get(i as usize)
            .map_or(RunStatus::Running, |s| s.status.into())
    }

    /// Run `i`'s optimizer name.
    pub fn optimizer(&self, i: u32) -> String {
        if self.set.is_empty() {
            return String::new();
        }
        self.set.spec(i as usize).name().into()
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

    /// Why run `i` diverged, in words ("" when it did not, or without its history): the
    /// start out of range, f undefined at an iterate, an overflow, γ·f″ > 2 for plain
    /// gradient descent, or the iterate leaving the bound.
    pub fn divergence(&self, i: u32) -> String {
        self.run(i)
            .and_then(|r| {
                let gd = r.spec().name() == "gd";
                let gamma = gd.then(|| r.spec().lr());
                descent::divergence::diagnose(r.run(), self.objective.as_ref(), gamma)
            })
            .map_or_else(String::new, |d| d.message)
    }

    /// The step-size view at iterate `k` of run `i` (with its history): φ(γ) along −∇f over
    /// `n` step sizes up to `span` (≤ 0: a span that shows γ, γ* and 2/L), log-spaced when
    /// `log`; undefined without that iterate.
    #[wasm_bindgen(js_name = stepSize)]
    pub fn step_size(
        &self,
        i: u32,
        k: u32,
        span: f64,
        n: u32,
        log: bool,
    ) -> Option<crate::stepsize::StepSize> {
        let r = self.run(i)?;
        let f = self.objective.as_ref();
        let gamma = r.spec().lr();
        crate::stepsize::at(
            f,
            r.run().history(),
            k as usize,
            gamma,
            span,
            n as usize,
            log,
        )
    }

    /// The critical step 2/L when the function is quadratic over the box, else NaN.
    #[wasm_bindgen(js_name = criticalStep)]
    pub fn critical_step(&self, x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> f64 {
        view(x_min, x_max, y_min, y_max)
            .ok()
            .and_then(|v| critical_step(self.objective.as_ref(), v))
            .unwrap_or(f64::NAN)
    }

    /// The bounds `[x_min, x_max, y_min, y_max]` of run `i`'s path (or of every path with
    /// a history when `i` is −1) plus `margin` on each side, as In[21]'s "zoom to path";
    /// empty if none.
    #[wasm_bindgen(js_name = pathBounds)]
    pub fn path_bounds(&self, i: i32, margin: f64) -> Vec<f64> {
        let pts: Vec<f64> = if i < 0 {
            self.set.shown_points()
        } else {
            self.points(i as u32)
        };
        descent::field::ViewBox::around(&pts, margin)
            .map_or_else(Vec::new, |b| vec![b.x_min, b.x_max, b.y_min, b.y_max])
    }

    /// The shown runs' recorded steps as CSV (`run,optimizer,status,k,x,y,f,df/dx,df/dy`).
    pub fn csv(&self) -> String {
        self.table().csv()
    }

    /// The shown runs' recorded steps as JSON (`{lesson, columns, rows}`).
    pub fn json(&self) -> String {
        self.table().json("2d")
    }

    /// The name (without extension) the page saves these runs' files under.
    #[wasm_bindgen(js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        let c = &self.config;
        let opt = if self.set.racers() > 1 {
            "race".to_string()
        } else {
            c.optimizer.clone()
        };
        descent::export::table::file_stem(&[
            "descent",
            "2d",
            &opt,
            &format!("gamma{}", c.gamma),
            &format!("seed{}", c.seed),
        ])
    }

    /// Judges a guess (gx, gy) of run `i`'s x_{k+1} (`span`: the plotted window's width):
    /// `{right, answer, choice, lines}` with the update's arithmetic, or `undefined` when the
    /// run has no history or stopped at step k.
    #[wasm_bindgen(js_name = quizNext)]
    pub fn quiz_next(&self, i: u32, k: u32, gx: f64, gy: f64, span: f64) -> JsValue {
        let Some(r) = self.run(i) else {
            return JsValue::UNDEFINED;
        };
        let lines = arithmetic(r, k as usize);
        descent::quiz::next_iterate(r.run().history(), k as usize, &[gx, gy], span, lines)
            .map_or(JsValue::UNDEFINED, |r| crate::configs::reveal_js(&r))
    }

    /// Judges `guess` (`converge`, `oscillate`, `diverge`) for run `i` from x_k, classified
    /// by running ahead at most a bounded number of steps with the run's optimizer.
    #[wasm_bindgen(js_name = quizBehaviour)]
    pub fn quiz_behaviour(&self, i: u32, k: u32, guess: &str) -> Result<JsValue, JsValue> {
        let Some(r) = self.run(i) else {
            return Ok(JsValue::UNDEFINED);
        };
        let run = r.run();
        let x = run
            .history()
            .get(k as usize)
            .map_or(run.config().start.clone(), |p| p.0.to_vec());
        descent::quiz::behaviour(self.objective.clone(), r.spec(), run.config(), &x, guess)
            .map(|r| crate::configs::reveal_js(&r))
            .map_err(err)
    }

    /// A Python notebook cell (numpy) that repeats every start with plain gradient descent
    /// and prints where each ends; throws, naming the setting, for what it cannot repeat
    /// (another optimizer, a race).
    pub fn python(&self) -> Result<String, JsValue> {
        if self.set.racers() > 1 {
            return Err(err(descent::ConfigError::Invalid {
                field: "race",
                message:
                    "Copy as Python writes plain gradient descent only: a race cannot be exported"
                        .into(),
            }));
        }
        descent::export::python::lesson2d(&self.spec, &self.config, &self.starts).map_err(err)
    }
}

impl Runs2D {
    fn table(&self) -> descent::export::table::Table {
        let shown = self.set.shown();
        let rows: Vec<(usize, &str, &str, &descent::History)> = shown
            .iter()
            .map(|(i, t)| {
                (
                    *i,
                    t.spec().name(),
                    t.run().status().as_str(),
                    t.run().history(),
                )
            })
            .collect();
        descent::export::table::runs(&rows)
    }
}

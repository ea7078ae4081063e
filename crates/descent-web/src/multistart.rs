//! The 1-D multi-start handle: N seeded runs computed in slices by `advance`, the best marked.

use descent::lesson1d::multistart;
use descent::runset::RunSet;
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use crate::convert::{f64_array, js_error};
use crate::summaries::RunStatus;

/// The dimension of its runs.
const DIM: usize = 1;

/// The 1-D multi-start exported to JavaScript. Every run keeps its trail when
/// [`MultiStart1D::keeps_history`]; otherwise only its summary, and `select(i)` then
/// `advance` recompute run `i`'s trail.
#[wasm_bindgen]
pub struct MultiStart1D {
    set: RunSet,
    /// What the export's file name says: γ, gradient mode, number of starts and seed.
    stem: Vec<String>,
}

fn column(set: &RunSet, pick: impl Fn(&descent::runset::RunSummary) -> f64) -> Float64Array {
    f64_array(&set.summaries().iter().map(pick).collect::<Vec<_>>())
}

crate::run_set_methods!(MultiStart1D, DIM);

#[wasm_bindgen]
impl MultiStart1D {
    /// Checks `{n, lo, hi, seed}` starts with the 1-D settings `config` and the budgets;
    /// computes nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, starts: JsValue) -> Result<MultiStart1D, JsValue> {
        let config = crate::configs::config_1d(config)?;
        let starts = crate::configs::starts_1d(starts)?;
        let f = descent::expr::compile(&config.f, &["x"]).map_err(crate::functions::expr_error)?;
        let objective = crate::jit::typed_objective(f);
        let stem = vec![
            format!("gamma{}", config.gamma),
            config.mode.clone(),
            format!("multi{}", starts.n),
            format!("seed{}", starts.seed),
        ];
        Ok(MultiStart1D {
            set: multistart(&config, &starts, objective).map_err(js_error)?,
            stem,
        })
    }

    /// The recorded x's of run `i` (empty without its trail).
    pub fn trail(&self, i: u32) -> Float64Array {
        self.set
            .traced(i as usize)
            .map_or_else(|| f64_array(&[]), |r| f64_array(r.run().history().points()))
    }

    /// The recorded f's of run `i` (empty without its trail).
    #[wasm_bindgen(js_name = trailValues)]
    pub fn trail_values(&self, i: u32) -> Float64Array {
        self.set
            .traced(i as usize)
            .map_or_else(|| f64_array(&[]), |r| f64_array(r.run().history().values()))
    }

    /// The recorded f′'s of run `i` (empty without its trail).
    #[wasm_bindgen(js_name = trailGrads)]
    pub fn trail_grads(&self, i: u32) -> Float64Array {
        self.set.traced(i as usize).map_or_else(
            || f64_array(&[]),
            |r| f64_array(r.run().history().gradients()),
        )
    }

    /// Each run's start x₀.
    pub fn starts(&self) -> Float64Array {
        column(&self.set, |s| s.start[0])
    }

    /// Each run's last x.
    pub fn ends(&self) -> Float64Array {
        column(&self.set, |s| s.end[0])
    }

    /// Each run's last f.
    #[wasm_bindgen(js_name = endValues)]
    pub fn end_values(&self) -> Float64Array {
        column(&self.set, |s| s.end_value)
    }

    /// Each run's steps.
    #[wasm_bindgen(js_name = stepCounts)]
    pub fn step_counts(&self) -> Float64Array {
        column(&self.set, |s| s.steps as f64)
    }

    /// Each run's status, as [`RunStatus`] numbers.
    pub fn statuses(&self) -> Vec<u8> {
        self.set
            .summaries()
            .iter()
            .map(|s| RunStatus::from(s.status) as u8)
            .collect()
    }

    /// Every run's recorded steps as CSV (`run,optimizer,status,k,x,f,df/dx`): all runs
    /// when histories are kept, else the best run's recomputed trail.
    pub fn csv(&self) -> String {
        self.table().csv()
    }

    /// The same as JSON (`{lesson, columns, rows}`).
    pub fn json(&self) -> String {
        self.table().json("1d")
    }

    /// The name (without extension) the page saves these runs' files under.
    #[wasm_bindgen(js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        let mut parts = vec!["descent", "1d", "gd"];
        parts.extend(self.stem.iter().map(String::as_str));
        descent::export::table::file_stem(&parts)
    }

    /// No Python cell for a multi-start: the error says so and how to get one.
    pub fn python(&self) -> Result<String, JsValue> {
        Err(js_error(descent::ConfigError::Invalid {
            field: "multi",
            message: "copy as Python repeats one run: turn multi-start off to copy the run from x₀"
                .to_string(),
        }))
    }
}

impl MultiStart1D {
    fn table(&self) -> descent::export::table::Table {
        let shown = self.set.shown();
        let rows: Vec<(usize, &str, &str, &descent::History)> = shown
            .iter()
            .map(|(i, t)| (*i, "gd", t.run().status().as_str(), t.run().history()))
            .collect();
        descent::export::table::runs(&rows)
    }
}

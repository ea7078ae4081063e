//! The methods every run-set handle shares (lesson 1's multi-start, lesson 2's runs and
//! races): stepping in slices, progress, the workers' tiles, selection and the best run.
//!
//! wasm-bindgen exports methods of a type, not of a trait, so [`run_set_methods!`] writes
//! them once into an `impl` block of each handle, whose `set` field is a
//! [`descent::runset::RunSet`] of runs of `$dim` coordinates.

/// Adds the shared run-set methods to the handle `$handle` (a struct with a `set: RunSet`
/// field) whose runs have `$dim` coordinates.
#[macro_export]
macro_rules! run_set_methods {
    ($handle:ident, $dim:expr) => {
        #[wasm_bindgen]
        impl $handle {
            /// Computes about `steps` more descent steps; returns whether everything is done.
            pub fn advance(&mut self, steps: u32) -> bool {
                self.set.advance(steps as usize)
            }

            /// Computes everything at once.
            pub fn finish(&mut self) {
                self.set.finish();
            }

            /// Fraction done in [0, 1].
            pub fn progress(&self) -> f64 {
                self.set.progress()
            }

            /// Whether everything asked for is computed.
            #[wasm_bindgen(js_name = isDone)]
            pub fn is_done(&self) -> bool {
                self.set.is_done()
            }

            /// The number of starts (runs ÷ racers): what a worker's tiles cover.
            #[wasm_bindgen(js_name = startCount)]
            pub fn start_count(&self) -> u32 {
                (self.set.len() / self.set.racers().max(1)) as u32
            }

            /// The summaries of the runs of starts `first..stop` (a worker's tile: runs
            /// without histories only), flat: start, end, f(x₀), f(end), lowest f, steps,
            /// status, racer.
            #[wasm_bindgen(js_name = computeTile)]
            pub fn compute_tile(&self, first: u32, stop: u32) -> Result<Vec<f64>, JsValue> {
                $crate::tiles::compute(&self.set, $dim, first, stop)
            }

            /// Takes a tile that `computeTile` gave from start `first` (tiles are taken in
            /// start order, before this handle steps runs itself); returns the starts done.
            #[wasm_bindgen(js_name = ingestTile)]
            pub fn ingest_tile(&mut self, first: u32, data: &[f64]) -> Result<u32, JsValue> {
                $crate::tiles::ingest(&mut self.set, $dim, first, data)
            }

            /// Whether every run keeps its history (else only the selected one, once
            /// recomputed).
            #[wasm_bindgen(js_name = keepsHistory)]
            pub fn keeps_history(&self) -> bool {
                self.set.keeps_history()
            }

            /// Asks for run `i`'s history (recomputed by the next `advance` calls if not
            /// kept).
            pub fn select(&mut self, i: u32) {
                self.set.select(i as usize);
            }

            /// Number of runs.
            pub fn count(&self) -> u32 {
                self.set.len() as u32
            }

            /// Index of the run with the lowest final f among those that did not diverge,
            /// or −1 when every run diverged.
            pub fn best(&self) -> i32 {
                self.set.best().map_or(-1, |b| b as i32)
            }
        }
    };
}

//! Native timing of the notebook's AND run (In[32]) from In[25]'s weights to its stop rule.
//!
//! Run with `cargo bench -p descent --bench neuron`. The notebook's Python takes about
//! 0.12 s; the goal is under 1 ms in the browser.

#![allow(clippy::disallowed_types)] // native-only: Instant is fine outside wasm

use std::hint::black_box;
use std::time::Instant;

use descent::Status;
use descent::neuron::presets;

fn main() {
    let mut timings = Vec::new();
    let mut epochs = 0;
    // Warm up, then time each run separately.
    for round in 0..210 {
        let started = Instant::now();
        let mut t = black_box(presets::notebook_trainer());
        let status = t.train();
        let elapsed = started.elapsed();
        assert_eq!(status, Status::Converged);
        epochs = t.epoch();
        black_box(t.predictions());
        if round >= 10 {
            timings.push(elapsed.as_secs_f64());
        }
    }
    timings.sort_by(f64::total_cmp);
    let median = timings[timings.len() / 2];
    let best = timings[0];
    println!(
        "neuron/notebook_and_to_stop_rule: {epochs} epochs, median {:.1} µs, best {:.1} µs over {} runs ({:.1} ns per sample update)",
        median * 1e6,
        best * 1e6,
        timings.len(),
        median * 1e9 / (epochs as f64 * 4.0)
    );
}

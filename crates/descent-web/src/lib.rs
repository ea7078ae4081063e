//! Browser bindings for Descent: `#[wasm_bindgen]` handles that translate the core's types.
//!
//! Each handle keeps a plain Rust `impl` and a separate `#[wasm_bindgen] impl` "exported to
//! JavaScript". Numbers cross as typed-array copies (never views into wasm memory, which
//! move when memory grows); errors cross as JavaScript `Error`s with a readable message.

use wasm_bindgen::prelude::*;

#[cfg(feature = "bench")]
mod bench_expr;
#[cfg(feature = "bench")]
mod bench_workloads;
mod configs;
mod convert;
mod functions;
mod jit;
mod lesson1d;
mod lesson2d;
mod multistart;
mod neuron;
mod runset_handle;
mod state;
mod stepsize;
mod summaries;
mod tiles;

#[cfg(feature = "bench")]
pub use bench_expr::bench_expr;
#[cfg(feature = "bench")]
pub use bench_workloads::bench_workload;
pub use functions::{DiffLab, TypedFunction, catalogue_formula, catalogue_list};
pub use jit::{JitObjective, typed_backend, typed_objective};
pub use lesson1d::{Descent1D, optimizer_params_1d};
#[cfg(feature = "bench")]
pub use lesson2d::bench_2d;
pub use lesson2d::{
    Basin2D, Field2D, Runs2D, Surface3D, check_optimizer, lesson2d_function, optimizer_moves_whole,
    optimizer_names, optimizer_params,
};
pub use multistart::MultiStart1D;
#[cfg(feature = "bench")]
pub use neuron::bench_neuron;
pub use neuron::{NeuronTrainer, colormap_css};
pub use state::{check_settings, parse_state, serialize_state, settings_table};
pub use summaries::{RunStatus, Summaries, status_name};

/// Installs the panic hook so that a panic prints its message to the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A fresh seed from the operating system's entropy (Web Crypto), for a page opened
/// without one. Every later random choice flows from the seed, which the URL carries.
#[wasm_bindgen(js_name = freshSeed)]
pub fn fresh_seed() -> u32 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u32::from_le_bytes(bytes),
        Err(_) => 1,
    }
}

/// The first draw in [0, 1) of the seeded generator, to prove native and wasm agree.
#[wasm_bindgen(js_name = firstUniform)]
pub fn first_uniform(seed: u32) -> f64 {
    let mut r = descent::rng::from_seed(u64::from(seed));
    descent::rng::uniform(&mut r, 0.0, 1.0)
}

/// Makes the core's sentences (notices, errors, the quiz, the arithmetic, the Python cell's
/// words) those of the page's language: `id` U+001F text pairs separated by U+001E, as the
/// page's catalogue gives them; an empty string for English.
#[wasm_bindgen(js_name = setTexts)]
pub fn set_texts(pairs: &str) {
    descent::text::set_texts(pairs);
}

/// The quiz's behaviour question's answers as `[[value, label], …]`: settles steadily,
/// settles overshooting, keeps swinging, diverges.
#[wasm_bindgen(js_name = quizBehaviours)]
pub fn quiz_behaviours() -> js_sys::Array {
    descent::quiz::Behaviour::ALL
        .iter()
        .map(|b| js_sys::Array::of2(&b.as_str().into(), &b.label().into()))
        .collect()
}

//! Descent's numerical core: objectives, gradients, optimizers and step-by-step runs.
//!
//! This crate never touches the browser. Everything a lesson needs — objectives and their
//! gradients, finite differences, optimizers, runs with a recorded history and stop rules,
//! seeded multi-start and the URL state table — lives here and is tested with `cargo test`.
//!
//! ```
//! use descent::{lessons, Run, Status};
//!
//! // The notebook's first lesson: f(x) = (x-1)^2, gamma = 0.01, central differences h = 1e-3.
//! let mut run = lessons::notebook_1d_run(5.0, 0.01, 1e-3, 50).unwrap();
//! assert_eq!(run.step_n(50), Status::MaxSteps);
//! let x50 = run.history().point(50)[0];
//! assert!((x50 - (1.0 + 4.0 * 0.98f64.powi(50))).abs() < 1e-9);
//! ```

pub mod basin;
pub mod budget;
pub mod catalogue;
pub mod curvature;
pub use descent_expr::decimal;
pub mod diff;
pub mod difflab;
pub mod divergence;
pub mod error;
pub mod export;
pub mod expr;
pub mod field;
pub mod lanes;
pub mod lesson1d;
pub mod lesson2d;
pub mod lessons;
pub mod multistart;
pub mod neuron;
pub mod objective;
pub mod optim;
pub mod quiz;
pub mod rng;
pub mod run;
pub mod runset;
pub mod settings;
pub mod state;
pub mod trace;
#[cfg(any(test, feature = "bench"))]
pub mod workloads;

pub use diff::GradientMode;
pub use error::ConfigError;
pub use multistart::{MultiStart, MultiStartResult};
pub use objective::{FnObjective, Objective};
pub use optim::{GradientDescent, Optimizer};
pub use run::{History, Run, RunConfig, Status, UpdateOrder};

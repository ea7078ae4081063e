//! Descent's numerical core: objectives, gradients, optimizers and step-by-step runs.
//!
//! This crate never touches the browser. Everything a lesson needs — objectives and their
//! gradients, finite differences, optimizers, runs with a recorded history and stop rules,
//! seeded multi-start and the URL state table — lives here and is tested with `cargo test`.
//!
//! Three layers, one folder each: [`numerics`] (objectives, gradients, optimizers, the one
//! engine, fields, curvature, divergence), [`lessons`] (each lesson's settings and runs, the
//! catalogue, the settings tables, the link's state) and [`extras`] (exports, quiz,
//! derivative lab). Each imports only from the ones before it: the numerics declare the
//! row type of a setting ([`numerics::declared`]; an optimizer declares its hyperparameters
//! as rows) and raise typed errors, and the lessons' settings tables list rows and say how
//! the errors read. Their modules are re-exported here, so `descent::run::Run` and
//! `descent::lesson2d::Config2D` name them.
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

pub mod extras;
pub mod lessons;
pub mod numerics;
pub mod text;

pub use descent_expr::decimal;
pub use extras::{difflab, export, quiz};
pub use lessons::{catalogue, lesson1d, lesson2d, neuron, settings, state};
pub use numerics::{
    basin, budget, curvature, diff, divergence, error, expr, field, lanes, multistart, objective,
    optim, rng, run, runset, stepsize, trace,
};
#[cfg(any(test, feature = "bench"))]
pub mod workloads;

pub use diff::GradientMode;
pub use error::ConfigError;
pub use multistart::{MultiStart, MultiStartResult};
pub use objective::{FnObjective, Objective};
pub use optim::{GradientDescent, Optimizer};
pub use run::{History, Run, RunConfig, Status, UpdateOrder};

//! The numerics layer: objectives and their gradients, the optimizers, the one engine that
//! steps every descent (lanes, runs, run sets, traces), fields, curvature, basin maps, the
//! divergence diagnosis, seeded randomness, budgets and errors. It imports nothing from
//! the teaching extras, and from the lessons only the settings' row types, checks and
//! labels (see the crate's documentation).

pub mod basin;
pub mod budget;
pub mod curvature;
pub mod diff;
pub mod divergence;
pub mod error;
pub mod expr;
pub mod field;
pub mod lanes;
pub mod multistart;
pub mod objective;
pub mod optim;
pub mod rng;
pub mod run;
pub mod runset;
pub mod trace;

//! The numerics layer: objectives and their gradients, the optimizers, the one engine that
//! steps every descent (lanes, runs, run sets, traces), fields, curvature, basin maps, the
//! divergence diagnosis, seeded randomness, budgets, errors and the row type of a declared
//! setting. It imports nothing from the lessons or the teaching extras.

pub mod basin;
pub mod budget;
pub mod curvature;
pub mod declared;
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
pub mod stepsize;
pub mod trace;

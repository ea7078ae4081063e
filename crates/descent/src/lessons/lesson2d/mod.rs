//! The 2-D lesson (notebook In[9]–In[21]): its settings as the page sends them, traced
//! runs and races, the arithmetic of one update, and the critical step size 2/L.
//!
//! ```
//! use std::rc::Rc;
//! use descent::lesson2d::Config2D;
//! // The notebook's In[13]: 4 starts in [−3, 3]², 100 steps, γ = 0.01, h = 1e-3.
//! let cfg = Config2D::default();
//! let runs = cfg.simulate_multistart(Rc::new(descent::objective::notebook_2d())).unwrap();
//! assert_eq!(runs.len(), 4);
//! assert!(runs.summaries().iter().all(|r| r.steps == 100));
//! ```

mod arithmetic;
mod config;
mod functions;
mod rate;
mod runs;

pub use crate::curvature::{critical_step, hessian, largest_eigenvalue, quadratic_curvature};
pub use crate::optim::explain::num;
pub use crate::trace::{TracedRun, best_traced, race};
pub use arithmetic::arithmetic;
pub use config::Config2D;
pub use functions::{
    LessonFunction, NOTEBOOK_FORMULA, TYPED_VIEW, entry_of, entry_with_param, from_entry, function,
    function_or_config_error, function_with,
};
pub use rate::{params_from, rate_note};
pub use runs::{RaceEntry, basin_settings, racers, runs};

#[cfg(test)]
mod tests;

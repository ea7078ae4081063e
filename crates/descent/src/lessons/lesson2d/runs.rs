//! The 2-D lesson's set of runs: the config's seeded starts and the clicked ones, each with
//! the config's optimizer or with every racer, checked against the budgets.

use std::collections::BTreeMap;

use crate::error::{ConfigError, finite};
use crate::lesson2d::{Config2D, LessonFunction};
use crate::optim::OptimSpec;
use crate::runset::RunSet;

/// One racer: an optimizer and its hyperparameters, as the page sends it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RaceEntry {
    /// Optimizer name.
    pub optimizer: String,
    /// Its hyperparameters (absent ones take defaults; `lr` defaults to the config's γ).
    pub params: BTreeMap<String, f64>,
}

/// The optimizers of a lesson: the racers, or the config's single optimizer when `race`
/// is empty.
pub fn racers(config: &Config2D, race: &[RaceEntry]) -> Result<Vec<OptimSpec>, ConfigError> {
    if race.is_empty() {
        Ok(vec![config.optimizer_spec()?])
    } else {
        race.iter()
            .map(|r| Config2D::spec_for(&r.optimizer, &r.params, config.gamma))
            .collect()
    }
}

/// The lesson's runs, not yet computed: the config's N seeded starts when `multi`, then the
/// `clicked` starts, each with every racer. Refused when over [`crate::budget::RUN_STEPS`].
pub fn runs(
    func: &LessonFunction,
    config: &Config2D,
    race: &[RaceEntry],
    clicked: &[[f64; 2]],
    multi: bool,
) -> Result<RunSet, ConfigError> {
    let specs = racers(config, race)?;
    let template = config.template()?;
    let mut starts: Vec<Vec<f64>> = if multi {
        config.multistart()?.starts()
    } else {
        Vec::new()
    };
    for &[x, y] in clicked {
        starts.push(vec![finite("start x", x)?, finite("start y", y)?]);
    }
    RunSet::new(
        func.objective.clone(),
        func.f_min,
        specs,
        template,
        starts,
        ["n2", "steps2"],
    )
}

/// The basin map of the lesson's optimizer and settings over `view` on an `nx` × `ny` grid,
/// each start taking up to the config's basin-map steps (`bsteps`):
/// a run converges when ‖∇f‖ falls below the config's gradient tolerance (1e-6 when it is
/// 0), and ends within 1/600 of the box size are one minimum. Refused when over
/// [`crate::budget::BASIN_STEPS`] or [`crate::budget::BASIN_ROW_STEPS`].
pub fn basin_settings(
    config: &Config2D,
    view: crate::field::ViewBox,
    nx: usize,
    ny: usize,
) -> Result<crate::basin::BasinSettings, ConfigError> {
    let mut template = config.template()?;
    template.max_steps = crate::settings::integer("bsteps", config.basin_steps)? as usize;
    let optimizer = config.optimizer_spec()?;
    crate::budget::basin(
        "basin grid",
        nx,
        ny,
        template.max_steps,
        optimizer.rule().step_cost,
    )?;
    Ok(crate::basin::BasinSettings {
        optimizer,
        template,
        view,
        nx,
        ny,
        grad_tol: if config.grad_tol > 0.0 {
            config.grad_tol
        } else {
            1e-6
        },
        tol: 0.01 * view.width().max(view.height()) / 6.0,
    })
}

//! Work and memory budgets: every product of settings that multiplies the work or the memory
//! of a request is checked here before the work is created.
//!
//! Each budget names the product it bounds, its bound and why that bound. A request over a
//! budget is a [`ConfigError::OverBudget`] whose message names the settings that multiply
//! (so the page shows it under one of them) and the bound; a request within every budget
//! runs in chunks of bounded time (see [`crate::runset::RunSet::advance`]).
//!
//! ```
//! use descent::budget;
//! assert!(budget::runs("n2", 4, 1, "steps2", 100).is_ok());
//! let e = budget::runs("n2", 10_000, 1, "steps2", 100_000).unwrap_err();
//! assert_eq!(e.field(), "n2");
//! assert!(e.to_string().contains("N (starts) × steps = 10000 × 100000"));
//! ```

use crate::error::ConfigError;

/// One budget: a bound on a product of settings, with the unit it counts and its reason
/// (both in the language in use).
#[derive(Clone, Copy)]
pub struct Budget {
    /// What the product counts, plural, e.g. `"descent steps"`.
    pub unit: fn() -> String,
    /// The largest product accepted.
    pub bound: u64,
    /// Why this bound, for a person.
    pub why: fn() -> String,
}

impl PartialEq for Budget {
    fn eq(&self, other: &Self) -> bool {
        self.bound == other.bound
            && (self.unit)() == (other.unit)()
            && (self.why)() == (other.why)()
    }
}

impl Eq for Budget {}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("unit", &(self.unit)())
            .field("bound", &self.bound)
            .field("why", &(self.why)())
            .finish()
    }
}

/// Descent steps one request may compute: starts × racers × steps (1-D: starts × steps).
/// A 2-D step with central differences costs about 50–150 ns in the browser, so the bound
/// is at most about 5–10 s of chunked work behind a progress bar.
pub const RUN_STEPS: Budget = Budget {
    unit: || crate::msg!("core.budget.steps", "descent steps"),
    bound: 50_000_000,
    why: || crate::msg!("core.budget.why.work", "about 10 s of work at most"),
};

/// Recorded steps kept with their whole history (points, values, gradients, optimizer
/// memory: under 200 bytes a step, plus the page's copies). Beyond it a multi-start keeps
/// each run's summary only and recomputes a run's history when it is selected.
pub const KEPT_STEPS: Budget = Budget {
    unit: || crate::msg!("core.budget.recorded", "recorded steps"),
    bound: 200_000,
    why: || {
        crate::msg!(
            "core.budget.why.kept",
            "paths the page can keep and redraw every frame"
        )
    },
};

/// Runs kept with their whole history: the page copies each kept run's arrays and draws
/// every kept path and cost curve on every frame, so beyond this many runs a set keeps
/// summaries only, however short the runs (tens of thousands of one-step runs fit in
/// [`KEPT_STEPS`] but not in a frame).
pub const KEPT_RUNS: Budget = Budget {
    unit: || crate::msg!("core.budget.runs", "runs"),
    bound: 100,
    why: || {
        crate::msg!(
            "core.budget.why.paths",
            "paths the page can redraw every frame"
        )
    },
};

/// Descent steps of a basin map: grid cells × steps. The map descends every cell.
pub const BASIN_STEPS: Budget = Budget {
    unit: || crate::msg!("core.budget.steps", "descent steps"),
    bound: 50_000_000,
    why: || crate::msg!("core.budget.why.work", "about 10 s of work at most"),
};

/// Descent steps of one basin-map row (grid columns × steps): the map advances a row at a
/// time, and a row must fit well inside one frame's slice of the 100 ms limit.
pub const BASIN_ROW_STEPS: Budget = Budget {
    unit: || crate::msg!("core.budget.rowsteps", "descent steps per row"),
    bound: 400_000,
    why: || crate::msg!("core.budget.why.row", "one row must take well under 100 ms"),
};

/// Marching-squares work of the contour lines: grid cells × levels (about 9 ns each
/// natively, so at most about 40 ms; the page asks for 256² cells × 24 levels).
pub const CONTOUR_CELL_LEVELS: Budget = Budget {
    unit: || crate::msg!("core.budget.celllevels", "cell·levels"),
    bound: 4_000_000,
    why: || {
        crate::msg!(
            "core.budget.why.contours",
            "the contour lines must be traced in well under 100 ms"
        )
    },
};

/// Line segments of the contour lines (estimated before tracing: one per cell a level
/// crosses). Tracing costs about 150 ns a segment natively and drawing adds as much again,
/// so a high-frequency function (sin(40x)·sin(40y) gives about 13 segments a cell) could
/// take seconds within [`CONTOUR_CELL_LEVELS`]. Beyond it the map traces fewer levels.
pub const CONTOUR_SEGMENTS: Budget = Budget {
    unit: || crate::msg!("core.budget.segments", "line segments"),
    bound: 40_000,
    why: || {
        crate::msg!(
            "core.budget.why.segments",
            "the contour lines must be traced and drawn in well under 100 ms"
        )
    },
};

/// Parameter updates of neuron training: epochs × table rows × parameters. Training keeps
/// every epoch's parameters too (epochs × parameters × 8 bytes).
pub const NEURON_UPDATES: Budget = Budget {
    unit: || crate::msg!("core.budget.updates", "parameter updates"),
    bound: 50_000_000,
    why: || crate::msg!("core.budget.why.training", "about 10 s of training at most"),
};

/// Quads of the 3-D surface mesh (resolution²), all re-projected and filled on every turn.
pub const MESH_QUADS: Budget = Budget {
    unit: || crate::msg!("core.budget.quads", "mesh quads"),
    bound: 40_000,
    why: || {
        crate::msg!(
            "core.budget.why.mesh",
            "the 3-D view must redraw within a frame while it is dragged"
        )
    },
};

/// Every budget with a short name, for the README and the page.
pub const ALL: &[(&str, Budget)] = &[
    ("runs", RUN_STEPS),
    ("kept history", KEPT_STEPS),
    ("kept paths", KEPT_RUNS),
    ("basin map", BASIN_STEPS),
    ("basin map row", BASIN_ROW_STEPS),
    ("contour lines", CONTOUR_CELL_LEVELS),
    ("contour segments", CONTOUR_SEGMENTS),
    ("neuron training", NEURON_UPDATES),
    ("3-D mesh", MESH_QUADS),
];

impl Budget {
    /// The product of `factors` (named settings and their values), or an error naming the
    /// first factor's setting when it exceeds the bound. Factors named `""` are internal
    /// (shown in the product but not as a setting to lower).
    pub fn check(&self, factors: &[(&'static str, u64)]) -> Result<u64, ConfigError> {
        let product = factors.iter().fold(1u64, |p, &(_, v)| p.saturating_mul(v));
        if product <= self.bound {
            return Ok(product);
        }
        let field = factors
            .iter()
            .map(|&(n, _)| n)
            .find(|n| !n.is_empty())
            .unwrap_or("settings");
        Err(ConfigError::OverBudget {
            field,
            factors: factors.to_vec(),
            product,
            budget: *self,
        })
    }
}

/// Checks a set of runs: `starts` × `racers` × `steps` descent steps. `racers` is shown in
/// the product only when there is more than one; the error sits under `starts_field` (the
/// settings are named by their keys and shown by their labels).
pub fn runs(
    starts_field: &'static str,
    starts: usize,
    racers: usize,
    steps_field: &'static str,
    steps: usize,
) -> Result<u64, ConfigError> {
    costing(
        starts_field,
        starts,
        racers,
        racers as u64,
        steps_field,
        steps,
    )
}

/// Checks a set of runs whose racers' steps cost `cost` descent steps together (the sum of
/// their rules' [`crate::optim::Rule::step_cost`]): `starts` × `cost` × `steps`. When every
/// racer's step costs one (`cost` = `racers`) this is [`runs`]; otherwise the product shows
/// the step cost, e.g. `N (starts) × step cost × steps = 1000 × 30 × 2000`.
pub fn costing(
    starts_field: &'static str,
    starts: usize,
    racers: usize,
    cost: u64,
    steps_field: &'static str,
    steps: usize,
) -> Result<u64, ConfigError> {
    let mut f = vec![(starts_field, starts as u64)];
    if cost != racers as u64 {
        f.push((STEP_COST, cost));
    } else if racers != 1 {
        f.push(("", racers as u64));
    }
    f.push((steps_field, steps as u64));
    RUN_STEPS.check(&f)
}

/// The factor of a product that is the step cost of the rules in use (see [`costing`]).
pub const STEP_COST: &str = "step cost";

/// Whether `runs` runs of up to `steps` steps each keep their whole history: within
/// [`KEPT_STEPS`] recorded steps (steps + 1 a run) and [`KEPT_RUNS`] runs.
pub fn keeps_history(runs: usize, steps: usize) -> bool {
    let recorded = (runs as u64).saturating_mul((steps as u64).saturating_add(1));
    recorded <= KEPT_STEPS.bound && runs as u64 <= KEPT_RUNS.bound
}

/// Checks runs that must all keep their whole history (a library call that returns every
/// run): `runs` × (`steps` + 1) recorded steps against [`KEPT_STEPS`], and the work against
/// [`RUN_STEPS`]. One run alone is bounded by [`crate::run::RunConfig::MAX_STEPS`] only, as
/// the page recomputes one selected run of up to that many steps.
pub fn histories(
    starts_field: &'static str,
    runs: usize,
    steps_field: &'static str,
    steps: usize,
) -> Result<(), ConfigError> {
    self::runs(starts_field, runs, 1, steps_field, steps)?;
    if runs <= 1 {
        return Ok(());
    }
    KEPT_STEPS
        .check(&[
            (starts_field, runs as u64),
            (steps_field, (steps as u64).saturating_add(1)),
        ])
        .map(|_| ())
}

/// Checks a basin map of `nx` × `ny` cells with up to `steps` steps each, of a rule whose
/// step costs `cost` descent steps ([`crate::optim::Rule::step_cost`]): a row's steps
/// against [`BASIN_ROW_STEPS`] and the map's against [`BASIN_STEPS`].
pub fn basin(
    grid_field: &'static str,
    nx: usize,
    ny: usize,
    steps: usize,
    cost: u64,
) -> Result<(), ConfigError> {
    let with_cost = |factors: &mut Vec<(&'static str, u64)>| {
        if cost != 1 {
            factors.insert(1, (STEP_COST, cost));
        }
    };
    let mut row = vec![(grid_field, nx as u64), ("bsteps", steps as u64)];
    with_cost(&mut row);
    BASIN_ROW_STEPS.check(&row)?;
    let cells = (nx as u64).saturating_mul(ny as u64);
    let mut map = vec![(grid_field, cells), ("bsteps", steps as u64)];
    with_cost(&mut map);
    BASIN_STEPS.check(&map)?;
    Ok(())
}

/// Checks the contour lines of a grid of `cells` cells at `levels` levels.
pub fn contours(cells: usize, levels: usize) -> Result<(), ConfigError> {
    CONTOUR_CELL_LEVELS
        .check(&[
            ("contour levels", levels as u64),
            ("grid cells", cells as u64),
        ])
        .map(|_| ())
}

/// Checks neuron training: `epochs` × `rows` × `params` parameter updates.
pub fn neuron(
    epochs_field: &'static str,
    epochs: usize,
    rows: usize,
    params: usize,
) -> Result<(), ConfigError> {
    NEURON_UPDATES
        .check(&[
            (epochs_field, epochs as u64),
            ("table rows", rows as u64),
            ("parameters", params as u64),
        ])
        .map(|_| ())
}

/// Checks a 3-D surface mesh of `n` × `n` vertices.
pub fn mesh(n: usize) -> Result<(), ConfigError> {
    let quads = (n.saturating_sub(1) as u64).saturating_pow(2);
    MESH_QUADS.check(&[("mesh quads", quads)]).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_budget_returns_the_product() {
        assert_eq!(runs("n2", 4, 1, "steps2", 100), Ok(400));
        assert_eq!(runs("n2", 50, 6, "steps2", 100), Ok(30_000));
        assert_eq!(runs("n2", 500, 1, "steps2", 100_000), Ok(RUN_STEPS.bound));
    }

    #[test]
    fn over_budget_names_the_product_the_bound_and_the_settings() {
        let e = runs("n2", 10_000, 1, "steps2", 100_000).unwrap_err();
        assert_eq!(e.field(), "n2");
        assert_eq!(
            e.to_string(),
            "N (starts) × steps = 10000 × 100000 = 1000000000 descent steps exceeds the \
             budget of 50000000 descent steps (about 10 s of work at most): lower N (starts) or steps"
        );
        let e = runs("n2", 2000, 3, "steps2", 20_000).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("N (starts) × racers × steps = 2000 × 3 × 20000 = 120000000"),
            "{e}"
        );
        // The product never wraps.
        assert!(runs("n2", usize::MAX, 9, "steps2", usize::MAX).is_err());
    }

    #[test]
    fn one_over_the_bound_is_rejected() {
        assert!(RUN_STEPS.check(&[("n", RUN_STEPS.bound)]).is_ok());
        assert!(RUN_STEPS.check(&[("n", RUN_STEPS.bound + 1)]).is_err());
    }

    #[test]
    fn history_is_kept_for_small_sets_only() {
        assert!(keeps_history(4, 100));
        assert!(keeps_history(1, 100_000));
        assert!(!keeps_history(10_000, 100));
        assert!(!keeps_history(1, 1_000_000));
    }

    #[test]
    fn basin_maps_are_bounded_per_row_and_in_total() {
        assert!(basin("basin grid", 128, 128, 100, 1).is_ok());
        assert!(basin("basin grid", 256, 256, 500, 1).is_ok());
        let row = basin("basin grid", 256, 256, 100_000, 1).unwrap_err();
        assert!(row.to_string().contains("per row"), "{row}");
        let total = basin("basin grid", 64, 1024, 5000, 1).unwrap_err();
        assert!(
            total
                .to_string()
                .contains("basin grid × basin-map steps = 65536 × 5000"),
            "{total}"
        );
    }

    #[test]
    fn a_costly_rule_counts_its_step_cost() {
        use crate::optim::{RULES, rule};
        // Rules of one gradient a step count one; the line searches and Newton count more.
        for r in RULES {
            let heavy = matches!(r.name, "armijo" | "exactls" | "newton");
            assert_eq!(r.step_cost > 1, heavy, "{}", r.name);
        }
        let exactls = rule("exactls").unwrap().step_cost;
        // The GD race that fits fits no more with an exact line search among its racers.
        assert_eq!(
            costing("n2", 500, 2, 2, "steps2", 50_000),
            Ok(RUN_STEPS.bound)
        );
        let e = costing("n2", 500, 2, 1 + exactls, "steps2", 50_000).unwrap_err();
        assert_eq!(e.field(), "n2");
        assert!(
            e.to_string().starts_with(&format!(
                "N (starts) × step cost × steps = 500 × {} × 50000 = ",
                1 + exactls
            )) && e.to_string().ends_with("lower N (starts) or steps"),
            "{e}"
        );
        // A basin map's row of a line search must fit a slice as a row of GD does.
        assert!(basin("basin grid", 1024, 2, 390, 1).is_ok());
        let row = basin("basin grid", 1024, 2, 390, exactls).unwrap_err();
        assert!(
            row.to_string().contains(&format!(
                "basin grid × step cost × basin-map steps = 1024 × {exactls} × 390"
            )),
            "{row}"
        );
    }

    #[test]
    fn contour_neuron_and_mesh_budgets() {
        assert!(contours(256 * 256, 24).is_ok());
        assert!(contours(2048 * 2048, 1000).is_err());
        assert!(neuron("nepochs", 100_000, 4, 33).is_ok());
        assert!(neuron("nepochs", 1_000_000, 16, 33).is_err());
        assert!(mesh(200).is_ok() && mesh(2).is_ok() && mesh(0).is_ok());
        assert!(mesh(1000).is_err());
    }
}

#[cfg(test)]
#[path = "budget_limits_tests.rs"]
mod limits_tests;

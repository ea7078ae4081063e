//! The benchmark's workloads: one definition of each, timed natively
//! (`cargo bench --bench workloads`) and in the browser (`benchWorkload`), so that the
//! two measure the same Rust code. `tests/bench/` holds the Python and JavaScript
//! versions of the same workloads and the runner that compares them.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::basin::{BasinMap, BasinSettings};
use crate::diff::GradientMode;
use crate::field::{Grid, Spacing, ViewBox, isolines, levels, paint};
use crate::lanes::{Ends, Starts};
use crate::neuron::presets;
use crate::objective::{Objective, notebook_2d};
use crate::optim::OptimSpec;
use crate::run::{RunConfig, Status, UpdateOrder};
use crate::runset::{RunSet, RunSummary};

/// Starts of the notebook 2-D workload: the centres of a 32 × 32 grid over [−3, 3]².
pub const NOTEBOOK_STARTS: usize = 1024;
/// Steps per start of the notebook 2-D workload.
pub const NOTEBOOK_STEPS: usize = 1000;
/// Points of the typed-function workload.
pub const TYPED_POINTS: usize = 4096;
/// Basin map side (cells per row and per column).
pub const BASIN_SIDE: usize = 256;
/// Basin map step budget.
pub const BASIN_STEPS: usize = 300;

/// The workloads every implementation offers, by name.
pub const NAMES: [&str; 9] = [
    "nb2d_central",
    "nb2d_exact",
    "typed_closed",
    "typed_interp",
    "basin_gd",
    "basin_typed",
    "basin_adam",
    "neuron_and",
    "field256",
];

/// Workloads outside the benchmark's table, for A/B timings of the many-run paths: a
/// multi-start of 10000 starts and a race of 3 optimizers × 3334 starts, 1000 steps each,
/// summarised without histories, through the lanes (`_lanes`) or one run at a time
/// (`_alone`, each start stepped on its own, the baseline the lanes are timed against).
///
/// The `rule_*` workloads time one rule each through the lanes (1024 starts × 1000 steps
/// of the notebook f, central differences, γ = 0.01 where the rule has a rate): the step
/// costs the budget charges a rule ([`crate::optim::Rule::step_cost`]) are their ratios to
/// `rule_gd`.
pub const EXTRA_NAMES: [&str; 11] = [
    "multistart_lanes",
    "multistart_alone",
    "race_lanes",
    "race_alone",
    "rule_gd",
    "rule_momentum",
    "rule_adam",
    "rule_adamw",
    "rule_armijo",
    "rule_exactls",
    "rule_newton",
];

/// What one repetition of a workload did: `units` of work (steps, evaluations, maps,
/// runs, frames: see the runner's table) and a checksum of its results, so that no work
/// can be optimised away and implementations can be compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Units of work done.
    pub units: f64,
    /// A sum over the results.
    pub checksum: f64,
}

/// Runs workload `name` once; `None` for an unknown name.
pub fn run(name: &str) -> Option<Outcome> {
    Some(match name {
        "nb2d_central" => notebook_2d_starts(GradientMode::Central { h: 1e-3 }),
        "nb2d_exact" => notebook_2d_starts(GradientMode::Exact),
        "typed_closed" => typed(&mut closed_form),
        "typed_interp" => {
            let f = typed_notebook()?;
            typed(&mut |p, g| f.value_and_gradient(p, g))
        }
        "basin_gd" => basin(Rc::new(notebook_2d()), "gd", 0.01),
        "basin_typed" => basin(Rc::new(typed_notebook()?), "gd", 0.01),
        "basin_adam" => basin(Rc::new(notebook_2d()), "adam", 0.05),
        "neuron_and" => neuron(),
        "field256" => field(),
        #[cfg(not(target_arch = "wasm32"))]
        "multistart_lanes" => many_runs(10_000, &["gd"], true),
        #[cfg(not(target_arch = "wasm32"))]
        "multistart_alone" => many_runs(10_000, &["gd"], false),
        #[cfg(not(target_arch = "wasm32"))]
        "race_lanes" => many_runs(3334, &["gd", "momentum", "adam"], true),
        #[cfg(not(target_arch = "wasm32"))]
        "race_alone" => many_runs(3334, &["gd", "momentum", "adam"], false),
        rule if rule.starts_with("rule_") => {
            let name = &rule[5..];
            crate::optim::RULES.iter().find(|r| r.name == name)?;
            many_runs(1024, &[name], true)
        }
        _ => return None,
    })
}

/// The notebook's f(x, y) typed into the expression language.
pub fn typed_notebook() -> Option<crate::expr::ExprObjective> {
    crate::expr::compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"]).ok()
}

/// The points of the typed-function workload: a fixed scatter over [−3, 3]².
pub fn typed_points() -> impl Iterator<Item = [f64; 2]> {
    (0..TYPED_POINTS).map(|i| {
        let t = i as f64 / TYPED_POINTS as f64;
        [-3.0 + 6.0 * t, 3.0 - 6.0 * (t * 61.0).fract()]
    })
}

/// The hand-written closed form of x⁴ + y⁴ − 2(x − y)²: writes its gradient into `g`
/// and returns its value.
pub fn closed_form(p: &[f64], g: &mut [f64]) -> f64 {
    let (x, y) = (p[0], p[1]);
    let d = x - y;
    g[0] = 4.0 * x * x * x - 4.0 * d;
    g[1] = 4.0 * y * y * y + 4.0 * d;
    x * x * x * x + y * y * y * y - 2.0 * d * d
}

/// Value and gradient by `f` at every point of [`typed_points`].
pub fn typed(f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64) -> Outcome {
    let mut g = [0.0; 2];
    let mut checksum = 0.0;
    for p in typed_points() {
        checksum += f(std::hint::black_box(&p), &mut g) + g[0] + g[1];
    }
    Outcome {
        units: TYPED_POINTS as f64,
        checksum,
    }
}

fn gd_spec(name: &str, lr: f64) -> OptimSpec {
    OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)]))
        .unwrap_or_else(|_| unreachable!("the benchmark's optimizers are valid"))
}

fn box3() -> ViewBox {
    ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap_or_else(|_| unreachable!("a valid box"))
}

/// The notebook's In[13] loop from [`NOTEBOOK_STARTS`] starts (the centres of a 32 × 32
/// grid over [−3, 3]², row by row from the top), [`NOTEBOOK_STEPS`] sequential steps
/// each with γ = 0.01 and no stop rule, through Descent's many-start kernel.
fn notebook_2d_starts(mode: GradientMode) -> Outcome {
    let side = (NOTEBOOK_STARTS as f64).sqrt() as usize;
    let template = RunConfig::new(vec![0.0, 0.0], NOTEBOOK_STEPS)
        .mode(mode)
        .order(UpdateOrder::Sequential);
    let starts = (0..NOTEBOOK_STARTS)
        .flat_map(|k| {
            let s = 6.0 / side as f64;
            let (i, j) = ((k % side) as f64, (k / side) as f64);
            [-3.0 + (i + 0.5) * s, 3.0 - (j + 0.5) * s]
        })
        .collect();
    let starts = Starts::new(2, starts);
    let mut many = Ends::new(
        Rc::new(notebook_2d()),
        &gd_spec("gd", 0.01),
        &template,
        starts,
    )
    .unwrap_or_else(|_| unreachable!("valid settings"));
    many.finish();
    Outcome {
        units: (NOTEBOOK_STARTS * NOTEBOOK_STEPS) as f64,
        checksum: many.ends().iter().map(|v| v.abs()).sum(),
    }
}

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
/// `n` seeded starts in [−3, 3]² with every optimizer of `racers` for 1000 sequential
/// central-difference steps (the lesson's defaults), summarised: by a [`RunSet`] (its
/// lanes) when `lanes`, else one [`crate::Run`] at a time.
fn many_runs(n: usize, racers: &[&str], lanes: bool) -> Outcome {
    let template = RunConfig::new(vec![0.0, 0.0], 1000)
        .mode(GradientMode::Central { h: 1e-3 })
        .order(UpdateOrder::Sequential);
    let starts = crate::MultiStart {
        n,
        lo: vec![-3.0, -3.0],
        hi: vec![3.0, 3.0],
        seed: 1,
    }
    .starts();
    let specs: Vec<OptimSpec> = racers.iter().map(|r| gd_spec(r, 0.01)).collect();
    let f: Rc<dyn Objective> = Rc::new(notebook_2d());
    let summaries = if lanes {
        let mut set = RunSet::new(
            f,
            f64::NEG_INFINITY,
            specs,
            template,
            starts,
            ["n2", "steps2"],
        )
        .unwrap_or_else(|_| unreachable!("valid settings"));
        set.finish();
        set.summaries().to_vec()
    } else {
        let mut out = Vec::new();
        for start in starts {
            for (racer, spec) in specs.iter().enumerate() {
                let config = RunConfig {
                    start: start.clone(),
                    ..template.clone()
                };
                let optimizer = spec.build().unwrap_or_else(|_| unreachable!("valid"));
                let mut run = crate::Run::new(Rc::clone(&f), optimizer, config)
                    .unwrap_or_else(|_| unreachable!("valid settings"));
                run.finish();
                out.push(RunSummary::of(&run, racer));
            }
        }
        out
    };
    let steps: usize = summaries.iter().map(|s| s.steps).sum();
    Outcome {
        units: steps as f64,
        checksum: summaries.iter().map(|s| s.end[0].abs() + s.lowest).sum(),
    }
}

/// The basin map of `f` over [−3, 3]², 256² starts × 300 steps of `optimizer` with
/// exact gradients, stopping at ‖∇f‖ < 10⁻⁶.
pub fn basin(f: Rc<dyn Objective>, optimizer: &str, lr: f64) -> Outcome {
    let settings = BasinSettings {
        optimizer: gd_spec(optimizer, lr),
        template: RunConfig::new(vec![0.0, 0.0], BASIN_STEPS),
        view: box3(),
        nx: BASIN_SIDE,
        ny: BASIN_SIDE,
        grad_tol: 1e-6,
        tol: 1e-2,
    };
    let mut map = BasinMap::new(f, settings).unwrap_or_else(|_| unreachable!("valid settings"));
    map.finish();
    Outcome {
        units: 1.0,
        checksum: map
            .ends()
            .iter()
            .filter(|v| v.is_finite())
            .map(|v| v.abs())
            .sum(),
    }
}

/// The notebook's AND neuron trained to its stop rule (In[32]).
fn neuron() -> Outcome {
    let mut t = presets::notebook_trainer();
    let status = t.train();
    Outcome {
        units: 1.0,
        checksum: t.epoch() as f64
            + if status == Status::Converged {
                0.0
            } else {
                0.5
            },
    }
}

/// Heatmap and 24 isolines of the notebook function at 256² cells.
fn field() -> Outcome {
    let f = notebook_2d();
    let mut checksum = 0.0;
    if let Ok(grid) = Grid::sample(&f, box3(), 256, 256) {
        let lv = levels(grid.values(), 24, Spacing::Quantile);
        checksum += paint(grid.values(), &lv).len() as f64;
        checksum += isolines(&grid, &lv).map_or(0, |iso| iso.points.len()) as f64;
    }
    Outcome {
        units: 1.0,
        checksum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_runs_and_unknown_names_do_not() {
        assert!(run("nope").is_none());
        let neuron = run("neuron_and").unwrap();
        // The notebook's stop rule fires (a whole number of epochs, no 0.5 flag).
        assert_eq!(neuron.checksum.fract(), 0.0);
        let closed = run("typed_closed").unwrap();
        let typed = run("typed_interp").unwrap();
        assert_eq!(closed.units, TYPED_POINTS as f64);
        assert!((closed.checksum - typed.checksum).abs() < 1e-9 * closed.checksum.abs());
        assert!(run("field256").unwrap().checksum > 256.0 * 256.0);
    }

    #[test]
    fn many_runs_give_the_same_summaries_through_the_lanes_and_alone() {
        let a = many_runs(300, &["gd", "adam"], true);
        let b = many_runs(300, &["gd", "adam"], false);
        assert_eq!(a.units, 600.0 * 1000.0);
        assert_eq!(a.checksum.to_bits(), b.checksum.to_bits());
    }
}

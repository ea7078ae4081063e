//! Every public entry point that creates work, asked for extreme sizes: each answers with a
//! `ConfigError` naming the bound (the same budgets as the page's path) instead of running
//! for hours, allocating gigabytes or panicking. Nothing here computes the work it asks for.

use std::rc::Rc;

use descent::basin::{BasinMap, BasinSettings};
use descent::field::{Camera, ContourMap, Grid, Spacing, ViewBox, surface_mesh};
use descent::lanes::{Ends, Lanes, Starts, Track};
use descent::lesson2d::Config2D;
use descent::neuron::{Activation, Neuron, Trainer, TrainerConfig, TruthTable};
use descent::objective::{notebook_1d, notebook_2d};
use descent::optim::{GradientDescent, OptimSpec, Optimizer};
use descent::{ConfigError, MultiStart, RunConfig};

fn budget_error<T: std::fmt::Debug>(r: Result<T, ConfigError>, what: &str) -> String {
    let e = r.expect_err(what).to_string();
    assert!(e.contains("exceeds the budget"), "{what}: {e}");
    e
}

fn gd() -> OptimSpec {
    OptimSpec::new("gd", &Default::default()).unwrap()
}

fn make_gd() -> Box<dyn Optimizer> {
    Box::new(GradientDescent::new(0.01).unwrap())
}

#[test]
fn multistart_runs_are_refused_over_the_run_and_history_budgets() {
    let ms = MultiStart {
        n: 10_000,
        lo: vec![-3.0],
        hi: vec![3.0],
        seed: 1,
    };
    // 10⁴ starts × 10⁵ steps: more than 2 GB of histories.
    let e = budget_error(
        ms.run_all(
            Rc::new(notebook_1d()),
            &make_gd,
            &RunConfig::new(vec![0.0], 100_000),
        ),
        "10⁴ × 10⁵",
    );
    assert!(e.contains("10000 × 100000"), "{e}");
    // Within the work budget but over the kept-history budget.
    let e = budget_error(
        ms.runs(
            Rc::new(notebook_1d()),
            &make_gd,
            &RunConfig::new(vec![0.0], 1000),
        ),
        "10⁴ × 10³ kept",
    );
    assert!(e.contains("recorded steps"), "{e}");
    // One long run is accepted (as the page recomputes one selected run).
    let one = MultiStart { n: 1, ..ms };
    let runs = one.runs(
        Rc::new(notebook_1d()),
        &make_gd,
        &RunConfig::new(vec![0.0], RunConfig::MAX_STEPS),
    );
    assert_eq!(runs.map(|r| r.len()).ok(), Some(1));
}

#[test]
fn basin_settings_are_bounded_in_total_and_per_row() {
    let settings = |n: usize, steps: usize| BasinSettings {
        optimizer: gd(),
        template: RunConfig::new(vec![0.0, 0.0], steps),
        view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
        nx: n,
        ny: n,
        grad_tol: 1e-6,
        tol: 1e-2,
    };
    // 1024² starts × 10⁶ steps: about 2 hours.
    budget_error(settings(1024, 1_000_000).validate(), "1024² × 10⁶");
    budget_error(
        BasinMap::new(Rc::new(notebook_2d()), settings(1024, 1_000)).map(|_| ()),
        "1024² × 10³",
    );
    assert!(settings(256, 500).validate().is_ok());
}

#[test]
fn lanes_are_bounded_by_the_run_budget() {
    let template = RunConfig::new(vec![0.0, 0.0], 100_000);
    let starts = Starts::new(2, [0.5; 20_000].to_vec());
    budget_error(
        Ends::new(Rc::new(notebook_2d()), &gd(), &template, starts.clone()).map(|_| ()),
        "Ends",
    );
    let rule = gd().lanes(2, template.max_steps);
    let lanes = Lanes::new(
        Rc::new(notebook_2d()),
        rule,
        &template,
        Track::Values,
        Rc::new(starts),
    );
    budget_error(lanes.map(|_| ()), "Lanes");
}

#[test]
fn a_single_run_is_bounded_by_the_step_limit() {
    let cfg = Config2D {
        steps: (RunConfig::MAX_STEPS + 1) as f64,
        ..Config2D::default()
    };
    let e = cfg
        .simulate(Rc::new(notebook_2d()), [1.0, 1.0])
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.field(), "steps2", "{e}");
    let e = RunConfig::new(vec![0.0], usize::MAX)
        .validate(1)
        .unwrap_err();
    assert!(e.to_string().contains("1000000"), "{e}");
}

#[test]
fn training_is_bounded_whoever_builds_the_trainer() {
    // 64 rows × 9 parameters × 10⁵ epochs = 5.76·10⁷ parameter updates.
    let rows: Vec<Vec<f64>> = (0..64).map(|i| vec![f64::from(i % 2); 8]).collect();
    let targets: Vec<f64> = (0..64).map(|i| f64::from(i % 2)).collect();
    let table = TruthTable::new(&rows, &targets).unwrap();
    let model = Box::new(Neuron::new(0.0, &[0.1; 8], Activation::Sigmoid).unwrap());
    let config = TrainerConfig {
        max_epochs: TrainerConfig::MAX_EPOCHS,
        ..TrainerConfig::notebook()
    };
    let e = budget_error(Trainer::new(model, table, config).map(|_| ()), "trainer");
    assert!(e.contains("parameter updates"), "{e}");
}

#[test]
fn meshes_and_contour_maps_are_bounded() {
    let f = notebook_2d();
    let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    let grid = Grid::sample(&f, view, 1024, 1024).unwrap();
    let camera = Camera::new(view, -8.0, 100.0, 57.0, 25.0).unwrap();
    budget_error(surface_mesh(&grid, &camera).map(|_| ()), "mesh of 1024²");
    budget_error(
        ContourMap::compute(
            &f,
            view,
            Grid::MAX_CELLS,
            Grid::MAX_CELLS,
            200,
            Spacing::Log,
        )
        .map(|_| ()),
        "contours of 2048² × 200",
    );
}

#[test]
fn quiz_indices_past_the_end_answer_nothing() {
    let mut run = descent::lessons::notebook_1d_run(3.0, 0.01, 1e-3, 5).unwrap();
    run.finish();
    let h = run.history();
    for k in [h.len() - 1, h.len(), usize::MAX - 1, usize::MAX] {
        assert!(descent::quiz::step_1d(h, k, 0.01).is_empty(), "k = {k}");
        assert!(
            descent::quiz::next_iterate(h, k, &[0.0], 1.0, vec![]).is_none(),
            "k = {k}"
        );
    }
    assert!(descent::quiz::next_iterate(h, 0, &[0.0], 1.0, vec![]).is_some());
}

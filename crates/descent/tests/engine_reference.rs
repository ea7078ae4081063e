//! Reference trajectories: every way a descent is stepped (one run with its history and
//! optimizer memory, run sets with and without histories, races, basin maps, the lean
//! many-start kernel) hashed bit for bit and compared with `fixtures/engine_reference.txt`,
//! the recorded results each of them must keep. `DESCENT_RECORD=1` rewrites the fixture
//! (only when a change of results is intended).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::rc::Rc;

use descent::basin::{BasinMap, BasinSettings};
use descent::field::ViewBox;
use descent::lesson2d::TracedRun;
use descent::objective::{notebook_1d, notebook_2d};
use descent::optim::{OptimSpec, RULES};
use descent::runset::RunSet;
use descent::{GradientMode, Objective, RunConfig, UpdateOrder};

/// FNV-1a over the bits of numbers.
#[derive(Default)]
struct Hash(u64);

impl Hash {
    fn new() -> Self {
        Hash(0xcbf2_9ce4_8422_2325)
    }
    fn u(&mut self, v: u64) {
        for b in v.to_le_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn f(&mut self, v: f64) {
        self.u(v.to_bits());
    }
    fn all(&mut self, v: &[f64]) {
        self.u(v.len() as u64);
        v.iter().for_each(|&x| self.f(x));
    }
}

fn objectives() -> Vec<(&'static str, Rc<dyn Objective>)> {
    vec![
        ("nb1d", Rc::new(notebook_1d())),
        ("nb2d", Rc::new(notebook_2d())),
        (
            "log",
            Rc::new(descent::expr::compile("log(x) + y**2", &["x", "y"]).unwrap()),
        ),
        (
            "cone",
            Rc::new(descent::expr::compile("sqrt(x**2 + y**2) + x**3", &["x", "y"]).unwrap()),
        ),
    ]
}

/// The rules the run sets, basin maps and lean loops use: those of the recording, so that
/// a rule added to the registry adds single-run cases and changes no recorded one.
const SET_RULES: [&str; 7] = [
    "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw",
];

/// Every rule of the registry at three rates (the default, 0.02 and 0.7).
fn specs() -> Vec<OptimSpec> {
    specs_of(&RULES.iter().map(|r| r.name).collect::<Vec<_>>())
}

/// The rules named `names` at three rates.
fn specs_of(names: &[&str]) -> Vec<OptimSpec> {
    let mut out = Vec::new();
    for rule in names.iter().map(|n| descent::optim::rule(n).unwrap()) {
        for lr in [None, Some(0.02), Some(0.7)] {
            let mut given = BTreeMap::new();
            if let Some(lr) = lr {
                given.insert("lr".to_string(), lr);
            }
            out.push(OptimSpec::of(rule, &given).unwrap());
        }
    }
    out
}

const MODES: [GradientMode; 3] = [
    GradientMode::Exact,
    GradientMode::Central { h: 1e-3 },
    GradientMode::Forward { h: 1e-4 },
];
const ORDERS: [UpdateOrder; 2] = [UpdateOrder::Simultaneous, UpdateOrder::Sequential];

fn start(dim: usize, k: usize) -> Vec<f64> {
    let s = [[0.7, -1.3], [2.5, 0.4], [-0.01, 0.02], [40.0, -3.0]][k];
    s[..dim].to_vec()
}

fn template(dim: usize, mode: GradientMode, order: UpdateOrder, tol: f64) -> RunConfig {
    let mut t = RunConfig::new(vec![0.0; dim], 150).mode(mode).order(order);
    t.grad_tol = tol;
    t.bound = 1e3;
    t
}

/// One traced run: its history, status, velocity and used gradient at every step.
fn traced_hash(t: &TracedRun) -> u64 {
    let mut h = Hash::new();
    let run = t.run();
    let hist = run.history();
    h.all(hist.points());
    h.all(hist.values());
    h.all(hist.gradients());
    h.u(run.steps() as u64);
    h.u(run.status() as u64);
    for k in 0..hist.len() {
        if let Some(v) = t.velocity(k) {
            h.all(&v);
        }
        h.all(&t.used_gradient(k).unwrap());
    }
    h.0
}

fn single_runs(out: &mut String) {
    for (name, f) in objectives() {
        let dim = f.dim();
        for spec in specs() {
            let mut h = Hash::new();
            for mode in MODES {
                for order in ORDERS {
                    for tol in [0.0, 1e-5] {
                        for k in 0..4 {
                            let mut c = template(dim, mode, order, tol);
                            c.start = start(dim, k);
                            let t = TracedRun::simulate(f.clone(), spec.clone(), c).unwrap();
                            h.u(traced_hash(&t));
                        }
                    }
                }
            }
            let lr = spec.lr();
            writeln!(out, "run {name} {} {lr} {:016x}", spec.name(), h.0).unwrap();
        }
    }
}

fn summaries_hash(set: &RunSet) -> u64 {
    let mut h = Hash::new();
    for s in set.summaries() {
        h.all(&s.start);
        h.all(&s.end);
        h.f(s.start_value);
        h.f(s.end_value);
        h.f(s.lowest);
        h.u(s.steps as u64);
        h.u(s.status as u64);
        h.u(s.racer as u64);
    }
    h.0
}

fn run_sets(out: &mut String) {
    let specs = specs_of(&SET_RULES);
    for (name, f) in objectives() {
        let dim = f.dim();
        for mode in MODES {
            for order in ORDERS {
                // 4 starts keep histories; 400 starts × 150 steps × 21 racers do not.
                for n in [4, 400] {
                    let starts: Vec<Vec<f64>> = (0..n)
                        .map(|i| {
                            let a = i as f64 * 0.731;
                            [3.0 * a.sin(), 2.0 * (1.3 * a).cos()][..dim].to_vec()
                        })
                        .collect();
                    let mut set = RunSet::new(
                        f.clone(),
                        f64::NEG_INFINITY,
                        specs.clone(),
                        template(dim, mode, order, 1e-6),
                        starts,
                        ["n", "steps"],
                    )
                    .unwrap();
                    set.finish();
                    let keep = set.keeps_history();
                    let mut h = Hash(summaries_hash(&set));
                    if !keep {
                        set.select(n * specs.len() - 3);
                        set.finish();
                    }
                    for (i, t) in set.shown() {
                        h.u(i as u64);
                        h.u(traced_hash(t));
                    }
                    writeln!(
                        out,
                        "set {name} {mode:?} {order:?} n={n} keep={keep} {:016x}",
                        h.0
                    )
                    .unwrap();
                }
            }
        }
    }
}

fn basins(out: &mut String) {
    for (name, f) in objectives().into_iter().filter(|(_, f)| f.dim() == 2) {
        for spec in specs_of(&SET_RULES).into_iter().step_by(2) {
            for mode in MODES {
                for order in ORDERS {
                    let settings = BasinSettings {
                        optimizer: spec.clone(),
                        template: template(2, mode, order, 0.0),
                        view: ViewBox::new(-3.0, 3.0, -2.5, 2.5).unwrap(),
                        nx: 9,
                        ny: 7,
                        grad_tol: 1e-6,
                        tol: 1e-2,
                    };
                    let mut map = BasinMap::new(f.clone(), settings).unwrap();
                    map.finish();
                    let mut h = Hash::new();
                    h.all(map.ends());
                    map.labels().iter().for_each(|&l| h.u(l as u64));
                    writeln!(
                        out,
                        "basin {name} {} {} {mode:?} {order:?} {:016x}",
                        spec.name(),
                        spec.lr(),
                        h.0
                    )
                    .unwrap();
                }
            }
        }
    }
}

/// The notebook's loop without a stop rule (sequential finite differences: the lean kernel,
/// which takes only the partials its updates use).
fn lean(out: &mut String) {
    for (name, f) in objectives().into_iter().filter(|(_, f)| f.dim() == 2) {
        for spec in specs_of(&SET_RULES).into_iter().step_by(3) {
            for mode in [
                GradientMode::Central { h: 1e-3 },
                GradientMode::Forward { h: 1e-4 },
            ] {
                let starts: Vec<f64> = (0..300)
                    .flat_map(|i| {
                        let a = i as f64 * 0.377;
                        [3.0 * a.sin(), 3.0 * (0.7 * a).cos()]
                    })
                    .collect();
                let starts = descent::lanes::Starts::new(2, starts);
                let t = template(2, mode, UpdateOrder::Sequential, 0.0);
                let mut many = descent::lanes::Ends::new(f.clone(), &spec, &t, starts).unwrap();
                many.finish();
                let mut h = Hash::new();
                for (p, s) in many.ends().chunks_exact(2).zip(many.statuses()) {
                    h.all(p);
                    h.u(*s as u64);
                }
                writeln!(
                    out,
                    "lean {name} {} {} {mode:?} {:016x}",
                    spec.name(),
                    spec.lr(),
                    h.0
                )
                .unwrap();
            }
        }
    }
}

#[test]
fn every_engine_matches_the_recorded_trajectories() {
    let mut out = String::new();
    single_runs(&mut out);
    run_sets(&mut out);
    basins(&mut out);
    lean(&mut out);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engine_reference.txt"
    );
    if std::env::var_os("DESCENT_RECORD").is_some() {
        std::fs::write(path, &out).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path).unwrap();
    // Each line is a case's name and its hash: compare by name, so that a new case (a rule
    // added to the registry) is reported as new rather than shifting every line after it.
    let split = |l: &str| {
        l.rsplit_once(' ')
            .map(|(k, h)| (k.to_string(), h.to_string()))
    };
    let want: std::collections::BTreeMap<_, _> = want.lines().filter_map(split).collect();
    let got: std::collections::BTreeMap<_, _> = out.lines().filter_map(split).collect();
    let differ: Vec<_> = got
        .iter()
        .filter(|(k, h)| want.get(*k).is_some_and(|w| w != *h))
        .map(|(k, _)| k.as_str())
        .collect();
    let new: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let gone: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    assert!(
        differ.is_empty(),
        "{} cases differ from the recorded trajectories, e.g. {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
    assert!(
        new.is_empty() && gone.is_empty(),
        "cases not in the fixture: {new:?}; recorded cases no longer computed: {gone:?}. \
         If intended (a rule or case added), record them: DESCENT_RECORD=1 cargo test \
         -p descent --release --test engine_reference"
    );
    assert_eq!(
        got.len(),
        out.lines().count(),
        "every case has its own name"
    );
}

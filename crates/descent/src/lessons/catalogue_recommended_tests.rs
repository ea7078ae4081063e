//! Every catalogue function run with its recommended settings, from the lesson's seeded
//! starts: no run diverges, the runs reach a known minimum, and the basin map settles —
//! unless the entry's caveat says why the function defeats descent.

use std::collections::BTreeMap;

use super::{Entry, Recommended, all};
use crate::basin::{BasinMap, DIVERGED};
use crate::lesson2d::{Config2D, basin_settings};
use crate::optim::OptimSpec;
use crate::run::{Run, RunConfig, Status};
use crate::runset::RunSummary;

/// Seeds tried (the page draws one at random).
const SEEDS: std::ops::RangeInclusive<u64> = 1..=10;

/// Distance from `p` to the nearest known minimum.
fn to_minimum(e: &Entry, p: &[f64]) -> f64 {
    e.minima()
        .map(|m| {
            m.at.iter()
                .zip(p)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

/// The 2-D lesson's config with `r` applied to optimizer `opt`, seed `seed`.
fn config(r: &Recommended, opt: &str, seed: u64) -> Config2D {
    let lr = match opt {
        "adagrad" => Some(r.adaptive[0]),
        "rmsprop" => Some(r.adaptive[1]),
        "adam" => Some(r.adaptive[2]),
        _ => None,
    };
    Config2D {
        optimizer: opt.into(),
        params: lr
            .map(|v| BTreeMap::from([("lr".to_string(), v)]))
            .unwrap_or_default(),
        gamma: r.gamma,
        steps: r.steps as f64,
        lo: -r.start_box,
        hi: r.start_box,
        seed: seed as f64,
        basin_steps: r.basin_steps as f64,
        ..Config2D::default()
    }
}

/// The 4 seeded runs of every seed in [`SEEDS`].
fn runs_2d(e: &'static Entry, opt: &str) -> Vec<Vec<RunSummary>> {
    SEEDS
        .map(|seed| {
            let cfg = config(e.recommended(), opt, seed);
            let set = cfg.simulate_multistart(e.default_objective()).unwrap();
            set.summaries().to_vec()
        })
        .collect()
}

/// Shares of a 64² basin map over the entry's view: (reached a minimum, diverged), in %.
fn basin_2d(e: &'static Entry) -> (f64, f64) {
    let v = e.view;
    let view = crate::field::ViewBox::new(v[0], v[1], v[2], v[3]).unwrap();
    let cfg = config(e.recommended(), "gd", 1);
    let mut map = BasinMap::new(
        e.default_objective(),
        basin_settings(&cfg, view, 64, 64).unwrap(),
    )
    .unwrap();
    map.finish();
    let n = map.labels().len() as f64;
    let share =
        |f: &dyn Fn(i32) -> bool| 100.0 * map.labels().iter().filter(|&&l| f(l)).count() as f64 / n;
    (share(&|l| l >= 0), share(&|l| l == DIVERGED))
}

#[test]
fn every_entry_has_recommended_settings_within_the_tables() {
    for e in all() {
        let r = e.recommended();
        for (key, value) in r.settings(e.dim) {
            let row = crate::settings::find(key).unwrap();
            assert_eq!(
                crate::settings::check(row, &value).as_deref(),
                Ok(value.as_str()),
                "{}: {key} = {value}",
                e.id
            );
        }
        if e.dim == 2 {
            // The basin map fits its budget at the page's default grid.
            let v = e.view;
            let view = crate::field::ViewBox::new(v[0], v[1], v[2], v[3]).unwrap();
            basin_settings(&config(r, "gd", 1), view, 128, 128).unwrap();
        }
        let note = r.note(e);
        assert!(
            note.starts_with(e.name) && note.contains("recommended for this function"),
            "{note}"
        );
    }
    let rosenbrock = super::find("rosenbrock").unwrap();
    assert!(rosenbrock.recommended().note(rosenbrock).starts_with(
        "Rosenbrock: γ = 0.001, 20000 steps, box 2, basin map 3000 steps — recommended"
    ),);
}

#[test]
fn recommended_2d_runs_do_not_diverge_and_reach_a_known_minimum() {
    for e in all().iter().filter(|e| e.dim == 2) {
        let r = e.recommended();
        let runs = runs_2d(e, "gd");
        let flat: Vec<&RunSummary> = runs.iter().flatten().collect();
        let diverged = flat.iter().filter(|s| s.status == Status::Diverged).count();
        let near = |s: &RunSummary| to_minimum(e, &s.end) < 1e-2;
        let reached = flat.iter().filter(|s| near(s)).count();
        println!(
            "{}: {diverged} of {} runs diverge, {reached} reach a known minimum",
            e.id,
            flat.len()
        );
        if e.minima().count() == 0 {
            // Saddle surfaces: nothing to reach, and the caveat says so.
            assert!(
                r.caveat.is_some_and(|c| c().contains("no minimum")),
                "{}",
                e.id
            );
            continue;
        }
        assert_eq!(diverged, 0, "{}: a run diverges", e.id);
        if r.caveat.is_none() {
            for (seed, set) in SEEDS.zip(&runs) {
                let ok = set.iter().filter(|s| near(s)).count();
                assert!(
                    ok >= 3,
                    "{} seed {seed}: {ok} of 4 reach a known minimum",
                    e.id
                );
            }
        } else {
            // Even where descent is defeated most runs end somewhere sensible: not diverged.
            assert!(diverged * 10 <= flat.len(), "{}: {diverged} diverge", e.id);
        }
    }
}

#[test]
fn recommended_rates_of_every_optimizer_keep_the_runs_finite() {
    for e in all()
        .iter()
        .filter(|e| e.dim == 2 && e.minima().count() > 0)
    {
        for opt in ["gd", "adagrad", "rmsprop", "adam"] {
            let diverged = runs_2d(e, opt)
                .iter()
                .flatten()
                .filter(|s| s.status == Status::Diverged)
                .count();
            let allowed = if e.id == "beale" { 4 } else { 0 };
            assert!(
                diverged <= allowed,
                "{} with {opt}: {diverged} of 40 diverge",
                e.id
            );
        }
    }
}

#[test]
fn recommended_basin_maps_settle() {
    for e in all().iter().filter(|e| e.dim == 2) {
        let (settled, black) = basin_2d(e);
        println!(
            "{}: basin map {settled:.1}% settled, {black:.1}% diverged",
            e.id
        );
        let r = e.recommended();
        match r.caveat.map(|c| c()) {
            None => assert!(settled >= 90.0, "{}: {settled}% settled", e.id),
            Some(c) if e.minima().count() == 0 => {
                assert!(black > 50.0 && c.contains("diverge"), "{}", e.id)
            }
            Some(c) if c.contains("grey") => assert!(black == 0.0, "{}: {black}% diverged", e.id),
            Some(c) if c.contains("black") => assert!(black < 60.0, "{}: {black}% diverged", e.id),
            Some(_) => assert!(settled >= 90.0, "{}: {settled}% settled", e.id),
        }
    }
}

#[test]
fn recommended_1d_runs_reach_a_minimum() {
    for e in all().iter().filter(|e| e.dim == 1) {
        let r = e.recommended();
        let mut starts = vec![r.start];
        starts.extend((0..=8).map(|i| -r.start_box + r.start_box * i as f64 / 4.0));
        let mut reached = 0;
        for &x0 in &starts {
            let spec =
                OptimSpec::new("gd", &BTreeMap::from([("lr".to_string(), r.gamma)])).unwrap();
            let mut run = Run::new(
                e.default_objective(),
                spec.build().unwrap(),
                RunConfig::new(vec![x0], r.steps as usize),
            )
            .unwrap();
            run.finish();
            assert_ne!(run.status(), Status::Diverged, "{} from {x0}", e.id);
            if to_minimum(e, run.x()) < 1e-2 {
                reached += 1;
            }
        }
        println!(
            "{}: {reached} of {} starts reach a known minimum",
            e.id,
            starts.len()
        );
        if r.caveat.is_none() {
            assert_eq!(reached, starts.len(), "{}", e.id);
        } else {
            assert!(reached * 2 >= starts.len(), "{}: {reached}", e.id);
        }
    }
}

//! Benchmark: the basin-of-attraction map for 256² starts × 300 steps (the goal
//! is 1 s in the browser). Prints the time and the throughput.
#![allow(clippy::disallowed_types)]

use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Instant;

use descent::RunConfig;
use descent::basin::{BasinMap, BasinSettings};
use descent::diff::GradientMode;
use descent::field::ViewBox;
use descent::objective::notebook_2d;
use descent::optim::OptimSpec;

fn main() {
    for (name, mode, tol) in [
        ("gd", GradientMode::Exact, 1e-6),
        ("gd", GradientMode::Central { h: 1e-3 }, 1e-6),
        ("adam", GradientMode::Exact, 1e-6),
        ("gd", GradientMode::Exact, 1e-300),
    ] {
        let lr = if name == "adam" { 0.05 } else { 0.01 };
        let settings = BasinSettings {
            optimizer: OptimSpec::new(name, &BTreeMap::from([("lr".to_string(), lr)])).unwrap(),
            template: RunConfig::new(vec![0.0, 0.0], 300).mode(mode),
            view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
            nx: 256,
            ny: 256,
            grad_tol: tol,
            tol: 1e-2,
        };
        let mut map = BasinMap::new(Rc::new(notebook_2d()), settings).unwrap();
        let t = Instant::now();
        while !map.is_done() {
            map.advance(8);
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "basin: 256² starts × ≤300 steps, {name} {mode:?}, stop at ‖∇f‖ < {tol:e}: {:.0} ms, {} minima",
            s * 1e3,
            map.minima().len()
        );
    }
}

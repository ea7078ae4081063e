//! Benchmark: value + gradient of the typed `x^4 + y^4 - 2(x-y)^2` against the
//! hand-written closed form, natively. Prints ns/eval and the ratio.
//!
//! Run with `cargo bench -p descent --bench expr`.

#![allow(clippy::disallowed_types)] // native-only timing

use std::hint::black_box;
use std::time::Instant;

use descent::Objective;
use descent::expr::compile;

/// The closed form, written by hand as a student's built-in would be.
#[inline(never)]
fn closed(p: &[f64], g: &mut [f64]) -> f64 {
    let (x, y) = (p[0], p[1]);
    let d = x - y;
    g[0] = 4.0 * x * x * x - 4.0 * d;
    g[1] = 4.0 * y * y * y + 4.0 * d;
    x * x * x * x + y * y * y * y - 2.0 * d * d
}

/// Best-of-`rounds` nanoseconds per call of `f` over `points`.
fn time(points: &[[f64; 2]], rounds: usize, mut f: impl FnMut(&[f64], &mut [f64]) -> f64) -> f64 {
    let mut best = f64::INFINITY;
    let mut g = [0.0; 2];
    let reps = 100;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            for p in points {
                acc += f(black_box(p), &mut g);
                acc += g[0] + g[1];
            }
        }
        black_box(acc);
        let ns = t.elapsed().as_nanos() as f64 / (reps * points.len()) as f64;
        best = best.min(ns);
    }
    best
}

fn main() {
    let typed =
        compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"]).expect("the notebook's function parses");
    let points: Vec<[f64; 2]> = (0..256)
        .map(|i| {
            let t = i as f64 / 256.0;
            [-3.0 + 6.0 * t, 3.0 - 5.0 * (t * 7.0).fract()]
        })
        .collect();
    // Same numbers first.
    for p in &points {
        let (mut a, mut b) = ([0.0; 2], [0.0; 2]);
        let va = typed.value_and_gradient(p, &mut a);
        let vb = closed(p, &mut b);
        assert!((va - vb).abs() <= 1e-12 * vb.abs().max(1.0));
    }
    let rounds = 300;
    let t_closed = time(&points, rounds, closed);
    let t_typed = time(&points, rounds, |p, g| typed.value_and_gradient(p, g));
    let dyn_typed: &dyn Objective = &typed;
    let t_dyn = time(&points, rounds, |p, g| {
        dyn_typed.gradient(p, g);
        dyn_typed.value(p)
    });
    if let Ok(only) = std::env::var("EXPR_BENCH_ONLY") {
        let f = compile(&only, &["x", "y"]).unwrap();
        let t = time(&points, 200, |p, g| f.value_and_gradient(p, g));
        println!("  {only:<22} {t:8.2} ns/eval");
        return;
    }
    if std::env::var("EXPR_BENCH_EXTRA").is_ok() {
        for text in ["x", "x + y", "x^4", "x^4 + y^4"] {
            let f = compile(text, &["x", "y"]).unwrap();
            let t = time(&points, rounds, |p, g| f.value_and_gradient(p, g));
            println!("  {text:<22} {t:8.2} ns/eval");
        }
    }
    println!(
        "expr bench: value + gradient of x^4 + y^4 - 2(x-y)^2 ({} tape instructions)",
        typed.tape().len()
    );
    println!("  closed form            {t_closed:8.2} ns/eval");
    println!(
        "  typed (one pass)       {t_typed:8.2} ns/eval   ratio {:.2}x",
        t_typed / t_closed
    );
    println!(
        "  typed (value+gradient) {t_dyn:8.2} ns/eval   ratio {:.2}x  (as a Run calls it)",
        t_dyn / t_closed
    );
}

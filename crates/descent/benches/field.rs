//! Benchmark: a new function's heatmap and isolines at 256² cells (the goal is
//! 30 ms in the browser). Prints the median of several repetitions.
#![allow(clippy::disallowed_types)]

use std::time::Instant;

use descent::field::{Camera, Grid, Spacing, ViewBox, isolines, levels, paint, surface_mesh};
use descent::objective::notebook_2d;

fn median_ms(reps: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(reps);
    let mut out = 0;
    for _ in 0..reps {
        let t = Instant::now();
        out = std::hint::black_box(f());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    (times[reps / 2], out)
}

fn main() {
    let f = notebook_2d();
    let view = ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap();
    for spacing in [Spacing::Quantile, Spacing::Log] {
        let (ms, lines) = median_ms(21, || {
            let grid = Grid::sample(&f, view, 256, 256).unwrap();
            let lv = levels(grid.values(), 24, spacing);
            let rgba = paint(grid.values(), &lv);
            let iso = isolines(&grid, &lv).expect("within the budget");
            rgba.len() + iso.polylines()
        });
        println!(
            "field: heatmap + 24 isolines ({spacing:?}) at 256² cells: {ms:.2} ms (median of 21; {lines} bytes+lines)"
        );
    }
    let grid = Grid::sample(&f, view, 256, 256).unwrap();
    let lv = levels(grid.values(), 24, Spacing::Quantile);
    let parts = [
        (
            "sample",
            median_ms(21, || Grid::sample(&f, view, 256, 256).unwrap().nx()).0,
        ),
        (
            "levels",
            median_ms(21, || levels(grid.values(), 24, Spacing::Quantile).len()).0,
        ),
        ("paint", median_ms(21, || paint(grid.values(), &lv).len()).0),
        (
            "isolines",
            median_ms(21, || isolines(&grid, &lv).map_or(0, |i| i.polylines())).0,
        ),
    ];
    for (what, ms) in parts {
        println!("field:   {what}: {ms:.2} ms");
    }
    let (ms, quads) = median_ms(21, || {
        let grid = Grid::sample(&f, view, 48, 48).unwrap();
        let (lo, hi) = grid.finite_range().unwrap();
        let cam = Camera::new(view, lo, hi, 57.0, 25.0).unwrap();
        surface_mesh(&grid, &cam).unwrap().quads()
    });
    println!("field: 3-D surface mesh 48² (sorted, shaded): {ms:.2} ms ({quads} quads)");
}

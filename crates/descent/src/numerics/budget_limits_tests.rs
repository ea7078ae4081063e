//! Every budget function at its limits (bound − 1, bound, bound + 1) and at `usize::MAX`,
//! run with overflow checks on (the workspace's test profile sets `overflow-checks`), so
//! that a product that wraps panics here instead of passing in a release build.

use super::*;

/// Whether this build panics on integer overflow (the test profile's `overflow-checks`).
fn overflow_checks_on() -> bool {
    let max = std::hint::black_box(u64::MAX);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let on = std::panic::catch_unwind(|| std::hint::black_box(max) + 1).is_err();
    std::panic::set_hook(hook);
    on
}

/// The exact product of `factors`, saturated at `u128::MAX` (three `usize::MAX` overflow it).
fn product(factors: &[usize]) -> u128 {
    factors
        .iter()
        .fold(1u128, |p, &f| p.saturating_mul(f as u128))
}

/// Sizes that stress a product: 0, 1, small, around 2³², 2⁴⁸ and `usize::MAX`.
const EXTREMES: [usize; 9] = [
    0,
    1,
    2,
    1 << 16,
    (1 << 32) - 1,
    1 << 32,
    (1 << 32) + 1,
    1 << 48,
    usize::MAX,
];

/// Asserts that overflow checks are on where they must be (`cargo test`; `cargo test
/// --release` may lack them) and prints which.
fn require_overflow_checks(what: &str) {
    let on = overflow_checks_on();
    println!("{what}: overflow checks {}", if on { "on" } else { "off" });
    assert!(
        on || !cfg!(debug_assertions),
        "the test profile lost overflow-checks"
    );
}

#[test]
fn budgets_hold_at_their_limits() {
    require_overflow_checks("budget limits");
    let mut cases = 0usize;

    // runs: starts × racers × steps ≤ RUN_STEPS.
    let b = RUN_STEPS.bound as usize;
    for (n, ok) in [(b - 1, true), (b, true), (b + 1, false)] {
        assert_eq!(runs("n2", n, 1, "steps2", 1).is_ok(), ok, "runs {n}");
        assert_eq!(runs("n2", 1, 1, "steps2", n).is_ok(), ok, "steps {n}");
        assert_eq!(runs("n2", 1, n, "steps2", 1).is_ok(), ok, "racers {n}");
        cases += 3;
    }
    // keeps_history: runs × (steps + 1) ≤ KEPT_STEPS and runs ≤ KEPT_RUNS.
    let k = KEPT_STEPS.bound as usize;
    for (steps, ok) in [(k - 2, true), (k - 1, true), (k, false)] {
        assert_eq!(keeps_history(1, steps), ok, "1 run of {steps} steps");
        cases += 1;
    }
    let r = KEPT_RUNS.bound as usize;
    for (n, ok) in [(r - 1, true), (r, true), (r + 1, false)] {
        assert_eq!(keeps_history(n, 1), ok, "{n} runs of 1 step");
        cases += 1;
    }
    // histories: a multi-run request keeping every history.
    for (n, ok) in [(k / 2 - 1, true), (k / 2, true), (k / 2 + 1, false)] {
        assert_eq!(histories("n", n, "steps", 1).is_ok(), ok, "{n} histories");
        cases += 1;
    }
    // basin: columns × steps ≤ BASIN_ROW_STEPS, cells × steps ≤ BASIN_STEPS.
    let row = BASIN_ROW_STEPS.bound as usize;
    for (nx, ok) in [(row - 1, true), (row, true), (row + 1, false)] {
        assert_eq!(basin("basin grid", nx, 1, 1, 1).is_ok(), ok, "row of {nx}");
        cases += 1;
    }
    let cells = BASIN_STEPS.bound as usize;
    for (ny, ok) in [
        (cells / 2 - 1, true),
        (cells / 2, true),
        (cells / 2 + 1, false),
    ] {
        assert_eq!(
            basin("basin grid", 2, ny, 1, 1).is_ok(),
            ok,
            "2 × {ny} cells"
        );
        cases += 1;
    }
    // contours: cells × levels ≤ CONTOUR_CELL_LEVELS.
    let c = CONTOUR_CELL_LEVELS.bound as usize;
    for (cells, ok) in [(c - 1, true), (c, true), (c + 1, false)] {
        assert_eq!(contours(cells, 1).is_ok(), ok, "{cells} cells");
        assert_eq!(contours(1, cells).is_ok(), ok, "{cells} levels");
        cases += 2;
    }
    // neuron: epochs × rows × parameters ≤ NEURON_UPDATES.
    let u = NEURON_UPDATES.bound as usize;
    for (e, ok) in [(u - 1, true), (u, true), (u + 1, false)] {
        assert_eq!(neuron("nepochs", e, 1, 1).is_ok(), ok, "{e} epochs");
        assert_eq!(neuron("nepochs", 1, e, 1).is_ok(), ok, "{e} rows");
        assert_eq!(neuron("nepochs", 1, 1, e).is_ok(), ok, "{e} parameters");
        cases += 3;
    }
    // mesh: (n − 1)² ≤ MESH_QUADS (200² = 40000).
    for (n, ok) in [(200, true), (201, true), (202, false)] {
        assert_eq!(mesh(n).is_ok(), ok, "mesh {n}");
        cases += 1;
    }
    // Segments of the contour lines.
    let s = CONTOUR_SEGMENTS.bound;
    for (n, ok) in [(s - 1, true), (s, true), (s + 1, false)] {
        assert_eq!(CONTOUR_SEGMENTS.check(&[("line segments", n)]).is_ok(), ok);
        cases += 1;
    }
    // A costly rule's step cost multiplies the runs and a basin map's row.
    for (cost, ok) in [
        (b as u64 - 1, true),
        (b as u64, true),
        (b as u64 + 1, false),
    ] {
        assert_eq!(
            costing("n2", 1, 1, cost, "steps2", 1).is_ok(),
            ok,
            "cost {cost}"
        );
        cases += 1;
    }
    for (cost, ok) in [
        (row as u64 - 1, true),
        (row as u64, true),
        (row as u64 + 1, false),
    ] {
        assert_eq!(basin("g", 1, 1, 1, cost).is_ok(), ok, "row cost {cost}");
        cases += 1;
    }
    println!("budget limits: {cases} cases tried");
}

#[test]
fn budgets_hold_at_extreme_sizes_under_overflow_checks() {
    require_overflow_checks("budget extremes");
    let mut cases = 0usize;
    // Every combination of extreme sizes: no panic, and a huge product is refused.
    for &a in &EXTREMES {
        for &b in &EXTREMES {
            for &c in &EXTREMES {
                let abc = product(&[a, b, c]);
                assert_eq!(
                    runs("n2", a, b, "steps2", c).is_ok(),
                    abc <= u128::from(RUN_STEPS.bound),
                    "runs {a} × {b} × {c}"
                );
                assert_eq!(
                    neuron("nepochs", a, b, c).is_ok(),
                    abc <= u128::from(NEURON_UPDATES.bound)
                );
                let basin_ok = product(&[a, c]) <= u128::from(BASIN_ROW_STEPS.bound)
                    && abc <= u128::from(BASIN_STEPS.bound);
                assert_eq!(
                    basin("g", a, b, c, 1).is_ok(),
                    basin_ok,
                    "basin {a} × {b} × {c}"
                );
                cases += 3;
            }
            let recorded = (a as u128) * (b as u128 + 1);
            let pair = product(&[a, b]);
            assert_eq!(
                keeps_history(a, b),
                recorded <= u128::from(KEPT_STEPS.bound)
                    && a as u128 <= u128::from(KEPT_RUNS.bound),
                "keeps_history({a}, {b})"
            );
            let hist_ok = pair <= u128::from(RUN_STEPS.bound)
                && (a <= 1 || recorded <= u128::from(KEPT_STEPS.bound));
            assert_eq!(
                histories("n", a, "s", b).is_ok(),
                hist_ok,
                "histories({a}, {b})"
            );
            assert_eq!(
                contours(a, b).is_ok(),
                pair <= u128::from(CONTOUR_CELL_LEVELS.bound)
            );
            cases += 3;
        }
        let quads = (a.saturating_sub(1) as u128).pow(2);
        assert_eq!(
            mesh(a).is_ok(),
            quads <= u128::from(MESH_QUADS.bound),
            "mesh {a}"
        );
        cases += 1;
    }
    // The cases that once wrapped or panicked.
    assert!(
        basin("basin grid", 1 << 16, 1 << 48, 1, 1).is_err(),
        "2¹⁶ × 2⁴⁸ cells"
    );
    assert!(mesh((1 << 32) + 1).is_err(), "(2³²)² quads");
    assert!(!keeps_history(1, usize::MAX), "usize::MAX steps");
    assert!(!keeps_history(usize::MAX, 0), "usize::MAX runs");
    assert!(costing("n2", usize::MAX, 2, u64::MAX, "steps2", usize::MAX).is_err());
    assert!(basin("g", usize::MAX, usize::MAX, usize::MAX, u64::MAX).is_err());
    println!("budget extremes: {cases} cases tried");
}

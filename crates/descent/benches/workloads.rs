//! The benchmark's workloads timed natively: one round of every workload in
//! `descent::workloads`, each repeated until at least 20 ms have passed.
//!
//! `cargo bench -p descent --bench workloads` prints a line per workload;
//! `-- basin_gd` runs only the named workloads; with `-- --json` it prints one JSON object (what `tests/bench/run.mjs` reads, calling
//! the binary once per round so that rounds interleave with the browser and Python).
#![allow(clippy::disallowed_types)] // native-only: Instant is fine outside wasm

use std::time::Instant;

use descent::workloads::{EXTRA_NAMES, NAMES, run};

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    // Names given on the command line pick workloads (cargo passes `--bench` itself).
    let picked: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut fields = Vec::new();
    // The extra workloads run only when named.
    for name in NAMES
        .into_iter()
        .chain(EXTRA_NAMES)
        .filter(|n| (picked.is_empty() && NAMES.contains(n)) || picked.iter().any(|p| p == n))
    {
        let started = Instant::now();
        let (mut units, mut checksum, mut reps) = (0.0, 0.0, 0);
        while reps == 0 || started.elapsed().as_secs_f64() < 0.02 {
            let out = run(name).unwrap_or_else(|| unreachable!("a listed workload"));
            units += out.units;
            checksum = out.checksum;
            reps += 1;
        }
        let ms = started.elapsed().as_secs_f64() * 1e3;
        if json {
            fields.push(format!(
                "\"{name}\":{{\"ms\":{ms},\"units\":{units},\"reps\":{reps},\"checksum\":{checksum}}}"
            ));
        } else {
            println!(
                "{name:14} {:>12.6} ms per unit, {:>10.3} M units/s ({reps} reps, checksum {checksum})",
                ms / units,
                units / ms / 1e3
            );
        }
    }
    if json {
        println!("{{{}}}", fields.join(","));
    }
}

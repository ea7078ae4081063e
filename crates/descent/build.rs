//! Numbers the core's sentences: reads the `core.` ids of the page's Spanish catalogue
//! (`www/i18n/es.json`, one `"id": "text"` pair per line) and writes them, sorted, as the
//! table `CORE_IDS` that `text.rs` includes. A sentence is then known by its place in that
//! table, and its id is not shipped in the wasm (the release build renames the catalogue's
//! ids to the same numbers: `scripts/shortids.mjs`).

use std::{env, fs, path::Path};

fn main() {
    // Read at run time: the script may be built in one copy of the project and run in another.
    let crate_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let catalogue = Path::new(&crate_dir).join("../../www/i18n/es.json");
    println!("cargo:rerun-if-changed={}", catalogue.display());
    let text = fs::read_to_string(&catalogue).expect("www/i18n/es.json");
    let mut ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split_once('"').map(|(id, _)| id))
        .filter(|id| id.starts_with("core."))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let table: String = ids.iter().map(|id| format!("    {id:?},\n")).collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("core_ids.rs");
    fs::write(
        out,
        format!("/// The core's sentence ids, sorted: a sentence's number is its place here.\npub const CORE_IDS: &[&str] = &[\n{table}];\n"),
    )
    .unwrap();
}

#!/usr/bin/env bash
# Benchmarks with printed figures (not gates): native cargo benches, then the release page
# in headless Chromium (sizes, first frame, the wasm's bench* functions).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_rust; ensure_bindgen; ensure_trunk; ensure_node_packages; ensure_chromium
say "native benchmarks"
cargo bench -p descent
say "release build"
trunk build --release --offline
say "browser benchmarks"
node tests/bench/page.mjs

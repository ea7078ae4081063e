#!/usr/bin/env bash
# The benchmark command: every workload natively, in wasm in headless Chromium (release
# build), as the notebook's Python/numpy loop and as hand-written JavaScript in the same
# page, rounds interleaved; then sizes, first frame and frame times; then the many-run links
# held to the 100 ms long-task goal. Prints the table and
# writes it as JSON and Markdown to target/bench-results/ (latest.{json,md} is the last run).
# Usage: scripts/bench.sh [--rounds N]    (default 5 rounds after one warm-up round)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_rust; ensure_bindgen; ensure_trunk; ensure_node_packages; ensure_chromium

ensure_python_numpy

say "native workloads binary (bench profile)"
cargo bench -p descent --features bench --bench workloads --no-run
NATIVE=$(cargo bench -p descent --features bench --bench workloads --no-run --message-format=json 2>/dev/null \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){if(!l)continue;const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target.name==="workloads"&&m.executable)console.log(m.executable)}})')

say "release build"
trunk build --release --offline
# The same page with the benchmark entry points (benchWorkload), which the shipped wasm lacks.
say "benchmark build (target/bench-dist)"
trunk build --release --offline --features bench --dist target/bench-dist

say "benchmark rounds (native, wasm, hand JS, Python interleaved)"
BENCH_NATIVE="$NATIVE" BENCH_PYTHON="$DESCENT_PYTHON" node tests/bench/run.mjs "$@"

# The links that ask for the most work the budgets accept, held to the 100 ms goal itself
# (the tests allow a margin): prints each case's longest main-thread task.
say "many-run links at the 100 ms goal (Chromium)"
(cd tests && E2E_LONG_TASK_MS=100 node --test --test-concurrency=1 e2e/manyruns.test.mjs 2>&1 | grep -E 'many-run links|longest|✖|ℹ (pass|fail)') || true

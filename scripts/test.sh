#!/usr/bin/env bash
# Runs every test layer: fmt, clippy (native and wasm32), native tests, wasm tests in
# headless Chromium, a release build, and end-to-end tests of that build in each browser
# engine (Chromium, Firefox ESR, WebKitGTK; E2E_ENGINES="firefox" runs a subset).
# Installs whatever is missing first. Exits non-zero if any layer fails.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
set -e
ensure_rust
ensure_bindgen
ensure_trunk
ensure_node_packages
ensure_engines
ensure_python_numpy
set +e

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
passed=0; failed=0; failures=()
layer() {
  local name=$1; shift
  say "$name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "   ok: $name ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failures+=("$name"); echo "   FAILED: $name ($((SECONDS - t0)) s)"; fi
}

layer "cargo fmt --check" cargo fmt --all -- --check
layer "clippy (native)" cargo clippy --workspace --all-targets --all-features -- -D warnings
# The core's dev-dependencies (proptest) are native-only, so its tests are not linted for wasm32.
# The shipped build (no features) and the benchmark build (`bench`) are both linted.
clippy_wasm() {
  cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings \
    && cargo clippy -p descent-web --all-targets --features bench --target wasm32-unknown-unknown -- -D warnings
}
layer "clippy (wasm32)" clippy_wasm
layer "native tests (unit, property, doc)" cargo test --workspace --all-features
layer "wasm tests (headless Chromium)" cargo test -p descent-web --features bench --target wasm32-unknown-unknown
layer "release build (trunk)" trunk build --release --offline
# The end-to-end files once per engine; prints node:test's counts for the summary.
e2e_counts=()
e2e() {
  local engine=$1 log; log=$(mktemp)
  E2E_ENGINE=$engine node --test --test-reporter=spec --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local count; count=$(awk '/^ℹ (pass|fail|skipped) [0-9]+$/ { printf "%s%s %s", sep, $3, $2; sep = ", " }' "$log")
  e2e_counts+=("end-to-end ($engine): ${count:-no counts} in $((SECONDS - e2e_t0)) s")
  rm -f "$log"
  return "$rc"
}
for engine in ${E2E_ENGINES:-chromium firefox webkit}; do
  e2e_t0=$SECONDS
  layer "end-to-end ($engine)" e2e "$engine"
done

echo
[ ${#e2e_counts[@]} -eq 0 ] || printf '%s\n' "${e2e_counts[@]}"
[ ${#failures[@]} -eq 0 ] || printf 'failed layer: %s\n' "${failures[@]}"
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

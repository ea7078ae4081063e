#!/usr/bin/env bash
# Runs every test layer: fmt, clippy (native and wasm32), native tests, wasm tests in
# headless Chromium, a release build, and end-to-end tests of that build in Chromium.
# Installs whatever is missing first. Exits non-zero if any layer fails.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
set -e
ensure_rust
ensure_bindgen
ensure_trunk
ensure_node_packages
ensure_chromium
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
layer "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
# The core's dev-dependencies (proptest) are native-only, so its tests are not linted for wasm32.
clippy_wasm() {
  cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings \
    && cargo clippy -p descent-web --all-targets --target wasm32-unknown-unknown -- -D warnings
}
layer "clippy (wasm32)" clippy_wasm
layer "native tests (unit, property, doc)" cargo test --workspace
layer "wasm tests (headless Chromium)" cargo test -p descent-web --target wasm32-unknown-unknown
layer "release build (trunk)" trunk build --release --offline
layer "end-to-end tests (headless Chromium)" node --test --test-concurrency=1 tests/e2e/

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed layer: %s\n' "${failures[@]}"
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Runs every test layer: fmt, clippy (native and wasm32), native tests, wasm tests in
# headless Chromium, a release build, and end-to-end tests of that build in each browser
# engine (Chromium, Firefox ESR, WebKitGTK; E2E_ENGINES="firefox" runs a subset).
# Installs whatever is missing first. Exits non-zero if any layer fails.
#
#   scripts/test.sh                  every layer (what CI runs)
#   scripts/test.sh --quick [LESSON] the inner loop: fmt, native clippy, the native tests of
#                                    the crates changed since HEAD (else in HEAD), a quick
#                                    release build and LESSON's e2e files (1d, 2d or neuron;
#                                    default 2d) in Chromium; prints its time
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
quick=""
if [ "${1:-}" = "--quick" ]; then quick=${2:-2d}; fi
set -e
ensure_rust
ensure_bindgen
ensure_trunk
ensure_node_packages
if [ -n "$quick" ]; then ensure_chromium; else ensure_engines; fi
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

# The crates with a changed file: uncommitted changes, else the last commit's.
changed_crates() {
  local files
  files=$( (git diff --name-only HEAD; git ls-files --others --exclude-standard) 2>/dev/null)
  [ -n "$files" ] || files=$(git diff --name-only HEAD~1 HEAD 2>/dev/null)
  printf '%s\n' "$files" | sed -n 's|^crates/\([^/]*\)/.*|\1|p' | sort -u
}

if [ -n "$quick" ]; then
  case $quick in
    1d) e2e_files=(tests/e2e/lesson1d.test.mjs) ;;
    2d) e2e_files=(tests/e2e/lesson2d.test.mjs tests/e2e/optparams.test.mjs tests/e2e/linesearch.test.mjs) ;;
    neuron) e2e_files=(tests/e2e/neuron.test.mjs) ;;
    *) echo "--quick takes 1d, 2d or neuron, not '$quick'" >&2; exit 2 ;;
  esac
  t0=$SECONDS
  layer "cargo fmt --check" cargo fmt --all -- --check
  layer "clippy (native)" cargo clippy --workspace --all-targets --all-features -- -D warnings
  crates=$(changed_crates)
  if [ -n "$crates" ]; then
    # shellcheck disable=SC2046
    layer "native tests of $(echo $crates)" cargo test $(printf ' -p %s' $crates)
  else
    echo "   (no crate changed: no native tests)"
  fi
  # The release build without LTO and with parallel codegen (profile "quick"), in its own folder.
  layer "quick release build (target/quick-dist)" \
    trunk build --release --offline --cargo-profile quick --dist target/quick-dist
  layer "end-to-end ($quick, chromium)" env E2E_DIST=target/quick-dist E2E_ENGINE=chromium \
    node --test --test-concurrency=1 "${e2e_files[@]}"
  echo
  [ ${#failures[@]} -eq 0 ] || printf 'failed layer: %s\n' "${failures[@]}"
  echo "quick loop: $((SECONDS - t0)) s"
  echo "layers: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

layer "cargo fmt --check" cargo fmt --all -- --check
layer "install steps (stubbed apt-get), source rules" node --test tests/scripts/
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

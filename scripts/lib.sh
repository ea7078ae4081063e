# Shared helpers for the project's scripts: tool checks and idempotent installs.
# Sourced by scripts/serve.sh and scripts/test.sh; installs only what is missing.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$ROOT/tests/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}

ensure_bindgen() {
  [ -f "$ROOT/Cargo.lock" ] || (cd "$ROOT" && cargo generate-lockfile)
  local want; want=$(bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 2 minutes)"
    # Not --locked: one locked dependency is missing from the registry mirror here.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 6 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
}

# npm dev packages: binaryen 132 (a wasm-opt that works; Debian's 108 breaks the wasm),
# esbuild (minifies the release build's JS and CSS), axe-core (the accessibility scan of the
# end-to-end tests)
# playwright-core (drives the system Chromium in the end-to-end tests) and reveal.js (the
# slide deck the slides test serves the example deck with).
ensure_node_packages() {
  command -v npm >/dev/null || { echo "npm not found: install Node.js and npm" >&2; exit 1; }
  local stamp="$ROOT/tests/node_modules/.installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/tests/package-lock.json" -nt "$stamp" ]; then
    say "installing npm dev packages (binaryen, esbuild, playwright-core, axe-core, reveal.js)"
    (cd "$ROOT/tests" && npm ci --no-audit --no-fund) && touch "$stamp"
  fi
}

# Debian packages, installed in one apt run when any of their commands is missing.
ensure_apt() {
  local missing=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "installing ${missing[*]} (apt)"
  local sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  # env, not a bare assignment: after an empty "${sudo[@]}" an assignment word would be run
  # as a command.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

ensure_chromium() {
  ensure_apt chromium:chromium chromedriver:chromium-driver
}

GECKODRIVER_VERSION=0.37.1

# The three engines of the end-to-end tests: Chromium and ChromeDriver; Firefox ESR and
# geckodriver (from crates.io); WebKitGTK's WebKitWebDriver (with MiniBrowser) and Xvfb,
# since MiniBrowser needs an X display.
ensure_engines() {
  ensure_apt chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr \
    WebKitWebDriver:webkit2gtk-driver Xvfb:xvfb
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
  fi
}

# A Python virtual environment with numpy (and contourpy for the benchmark) in
# target/bench-venv: the benchmark's notebook loops and the tests that run the generated
# "copy as Python" cells use it. Exports DESCENT_PYTHON, the interpreter those tests run.
ensure_python_numpy() {
  local venv="$ROOT/target/bench-venv"
  if ! "$venv/bin/python" -c 'import numpy, contourpy' 2>/dev/null; then
    say "creating the Python virtual environment with numpy ($venv)"
    command -v python3 >/dev/null || { echo "python3 not found: install it (apt-get install python3-venv)" >&2; exit 1; }
    python3 -m venv "$venv" || { echo "python3 -m venv failed: install python3-venv" >&2; exit 1; }
    "$venv/bin/pip" install --quiet numpy contourpy
  fi
  export DESCENT_PYTHON="$venv/bin/python"
}

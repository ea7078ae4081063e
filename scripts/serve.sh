#!/usr/bin/env bash
# Serves the app locally: installs missing tools, then runs `trunk serve --offline`.
# Usage: scripts/serve.sh [--release]   (PORT=8080 by default)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_bindgen
ensure_trunk
ensure_node_packages
PORT=${PORT:-8080}
say "serving on http://127.0.0.1:$PORT/"
exec trunk serve --offline --address 127.0.0.1 --port "$PORT" "$@"

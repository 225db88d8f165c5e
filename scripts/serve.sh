#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it at http://127.0.0.1:8080
# with the deploy headers (deploy/_headers). PORT=9000 scripts/serve.sh picks another port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
build_release
cd "$ROOT"
exec node scripts/serve.mjs --root dist --port "${PORT:-8080}"

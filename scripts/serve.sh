#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it at http://127.0.0.1:8080 with
# the portal's own server (crates/server): the site folder's headers (those of deploy/), the
# build's .br/.gz files, /healthz, one log line per request. PORT=9000 scripts/serve.sh picks
# another port; PORTAL_SITE names another site folder (the one the build was made from).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
build_release
cd "$ROOT"
say "cargo build -p portal-server"
cargo build --locked --quiet -p portal-server
exec "$ROOT/target/debug/portal-server" --root dist

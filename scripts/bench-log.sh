#!/usr/bin/env bash
# Installs what is missing, builds the release site and runs the consent log's benchmark
# (scripts/bench-log.mjs) on SQLite and on a PostgreSQL cluster of its own (127.0.0.1, stopped at
# the end), beside the Node server and nginx for the pages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
ensure_servers
ensure_postgres
build_release
cd "$ROOT"
start_postgres
trap stop_postgres EXIT
node scripts/bench-log.mjs "$@"

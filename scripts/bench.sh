#!/usr/bin/env bash
# Installs what is missing, builds the release site and runs the benchmark (scripts/bench.mjs):
# first-load bytes and paint timings beside a static peer, with the budgets checked.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
ensure_browser
build_release
cd "$ROOT"
exec node scripts/bench.mjs "$@"

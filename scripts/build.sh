#!/usr/bin/env bash
# The release build: the whole site, ready to deploy, in one command (for people, CI and hosts'
# build steps). Installs what is missing (scripts/setup.sh), then trunk builds in release mode and
# runs the hooks of Trunk.toml (the form and the PDF writer, every language's page, the consent
# revisions, the .br/.gz files).
#
#   scripts/build.sh [--public-url PATH] [--dist DIR]
#
# --public-url: the path the site is served under (default `/`); --dist: the output folder
# (default `dist/`, relative to the repository's root). PORTAL_SITE=<folder> (absolute, or
# relative to the repository's root; default `site`) selects the site folder that is built.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

public_url=/
dist=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --public-url) public_url="${2:?--public-url needs a path}"; shift 2 ;;
    --public-url=*) public_url="${1#*=}"; shift ;;
    --dist) dist="${2:?--dist needs a folder}"; shift 2 ;;
    --dist=*) dist="${1#*=}"; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/build.sh: unknown argument: $1 (usage: scripts/build.sh [--public-url PATH] [--dist DIR])" >&2; exit 2 ;;
  esac
done

ensure_build_tools
cd "$ROOT"
say "checking the site folder ${PORTAL_SITE:-site}"
# Every mistake in the folder, in plain words with file, line and field, before anything is built.
cargo run --quiet --locked -p site-folder --features load --bin site-check -- "${PORTAL_SITE:-site}"
say "trunk build --release --public-url $public_url --dist $dist (site folder: ${PORTAL_SITE:-site})"
trunk build --release --offline --public-url "$public_url" --dist "$dist"

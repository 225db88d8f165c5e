#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the native Rust tests,
# then the browser tests in Debian's Chromium against the release build served by the portal's own
# server (crates/server) with the deploy headers,
# and the deploy tests on Debian's nginx, Apache and Caddy (tests/servers/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
ensure_browser
ensure_pdf_tools
ensure_cargo_deny
ensure_servers
ensure_postgres
cd "$ROOT"

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy (native and wasm32)"
cargo clippy --quiet --locked --workspace --all-targets --all-features -- -D warnings
# Each WebAssembly module on its own, as it is built (its own features, no other crate's).
for crate in portal-app portal-form portal-writer portal-desk-page portal-desk-reader; do
  cargo clippy --quiet --locked --target wasm32-unknown-unknown -p "$crate" -- -D warnings
done

say "the WebAssembly modules are cdylib only"
# With an rlib beside the cdylib, cargo silently builds a crate without the wasm profile's LTO
# (rust-lang/cargo#9672): the form and the writer grew by 28 and 48 KB brotli that way once.
cargo metadata --locked --no-deps --format-version 1 | node -e '
  const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const name of ["portal-form", "portal-writer", "portal-desk-page", "portal-desk-reader"]) {
    const pkg = meta.packages.find((p) => p.name === name);
    if (!pkg) throw new Error(`no package ${name}`);
    for (const target of pkg.targets.filter((t) => t.kind.includes("cdylib") || t.kind.includes("lib"))) {
      if (target.crate_types.length !== 1 || target.crate_types[0] !== "cdylib")
        throw new Error(`${name}: crate-type ${JSON.stringify(target.crate_types)}; only ["cdylib"] keeps LTO (rust-lang/cargo#9672)`);
    }
  }'

say "cargo test (native)"
# A changed or missing snapshot fails; nothing is accepted here (tests/snapshots/ under the crates).
INSTA_UPDATE=no INSTA_FORCE_PASS= cargo test --workspace --all-features --quiet --locked

# The consent log's tests once more, on PostgreSQL: a cluster of its own on 127.0.0.1, kept for
# the browser tests below and stopped when this script ends.
start_postgres
trap stop_postgres EXIT
say "the consent log's tests on PostgreSQL (cargo test -p portal-server --test consent)"
DATABASE_URL="$PORTAL_TEST_POSTGRES_CARGO_URL" cargo test --quiet --locked -p portal-server --test consent

say "cargo deny (licences, bans, sources; the advisories check is a release step: README.md)"
cargo deny --locked check licenses bans sources

build_subpath
build_release

# The example company (examples/kahvila-kuu, issue 15): its own release build, then (below) its
# browser tests and the check that none of site/'s facts is in it. Timed: CI's added cost.
example_started=$SECONDS
say "the example company: PORTAL_SITE=examples/kahvila-kuu scripts/build.sh --dist dist-example"
PORTAL_SITE=examples/kahvila-kuu "$ROOT/scripts/build.sh" --dist dist-example
example_build=$((SECONDS - example_started))
# The switch per service needs a purpose with more than one service, which site/ does not have:
# the consent core's and the markup's tests of it once more with the example's three services
# (the rest of the native tests speak of site/'s facts and languages).
say "the per-service consent tests with the example's services (PORTAL_SITE=examples/kahvila-kuu cargo test)"
PORTAL_SITE=examples/kahvila-kuu cargo test --quiet --locked -p portal-core -p site-build --lib -- \
  refused_services refusing_a_service every_name_the_markup every_placeholder withdrawal the_longest every_record_fits

say "the portal's server: cargo build -p portal-server (what the browser tests and serve.sh run)"
# The dev profile (its dependencies at opt-level 2): the tests spawn target/debug/portal-server
# (tests/browser/server.mjs, which would build it too; here it is built once, its time shown).
cargo build --locked --quiet -p portal-server

say "browser and server tests (Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), nginx, Apache, Caddy)"
# The servers the tests start are stopped by the tests; whatever a crashed run left, here.
export SERVERS_PIDFILE="$(mktemp)"
stop_servers() {
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$SERVERS_PIDFILE"
  rm -f "$SERVERS_PIDFILE"
  stop_postgres
}
trap stop_servers EXIT
node --test --test-concurrency=1 tests/browser/ tests/servers/

say "the example company's tests (tests/example/, against dist-example/)"
example_started=$SECONDS
PORTAL_SITE=examples/kahvila-kuu PORTAL_DIST=dist-example node --test --test-concurrency=1 tests/example/
say "the example company took $example_build s to build and $((SECONDS - example_started)) s to test"

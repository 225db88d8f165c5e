# Installs what the project needs and is missing; fast when everything is there.
# Sourced by scripts/serve.sh, scripts/test.sh, scripts/bench.sh and scripts/build.sh:
#
#   source scripts/setup.sh; ensure_build_tools; ensure_browser
#
# Versions are pinned to ones that work together here (see README.md, "Toolchain").
# Nothing is downloaded except from crates.io, npm and Debian's archive.

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # = the `wasm-bindgen` pin in Cargo.toml and Trunk.toml
CARGO_DENY_VERSION=0.20.2      # the dependency graph's licences and sources (deny.toml)
NODE_MAJOR=20                  # the oldest Node.js every npm package of package-lock.json runs on

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Each step with the seconds since the outermost command started (where CI's time goes; the
# scripts it runs inherit the start).
export PORTAL_STARTED="${PORTAL_STARTED:-$(date +%s)}"
say() { printf '\033[1m==> [%ss] %s\033[0m\n' "$(( $(date +%s) - PORTAL_STARTED ))" "$*" >&2; }

# The tools are built once per machine; their own release profiles ask for fat LTO in one codegen
# unit, which makes them a little faster and their build several times slower. Built here with
# the default release settings instead (what a plain `cargo build --release` does).
cargo_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

APT_UPDATED=
apt_update() {
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
}
apt_install() {
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  apt_update
  say "apt-get install $*"
  # With recommends, as verified here: chromium then brings its fonts.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_build_tools() {
  command -v cargo >/dev/null || { echo "error: Rust (cargo, via rustup) is required: see README.md" >&2; return 1; }
  command -v cc >/dev/null || apt_install build-essential pkg-config
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$node_major" -lt "$NODE_MAJOR" ]; then
    echo "error: Node.js $NODE_MAJOR or newer is required (this is $(node --version 2>/dev/null || echo none)): see README.md" >&2
    return 1
  fi

  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "cargo install trunk $TRUNK_VERSION (a few minutes, once)"
    cargo_install --locked trunk --version "$TRUNK_VERSION"
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Without --locked: one locked dependency version of the CLI is missing from crates.io, so
    # cargo resolves the CLI's dependencies afresh (README.md, "Toolchain").
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  # The PDF writer's fonts: the build cuts Debian's DejaVu Sans (regular and bold) and Noto fonts
  # of other scripts into pieces (scripts/build-writer.sh).
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] \
    && [ -d /usr/share/fonts/truetype/noto ] && [ -d /usr/share/fonts/opentype/noto ] \
    || apt_install fonts-dejavu-core fonts-noto-core fonts-noto-cjk
  # npm packages: wasm-opt (binaryen), the browser-test driver, axe-core. Reinstalled when the
  # lockfile changed since the last install.
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# cargo-deny, for the test command's check of licences, bans and sources (deny.toml).
ensure_cargo_deny() {
  if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
    say "cargo install cargo-deny $CARGO_DENY_VERSION (a few minutes, once)"
    cargo_install --locked cargo-deny --version "$CARGO_DENY_VERSION"
  fi
}

ensure_browser() {
  # Debian's Chromium: tests never download a browser of their own.
  command -v chromium >/dev/null || apt_install chromium
}

# The tests read the request PDFs back with poppler (pdftotext, pdffonts, pdfdetach, pdfinfo) and qpdf.
ensure_pdf_tools() {
  command -v pdftotext >/dev/null && command -v pdfdetach >/dev/null && command -v qpdf >/dev/null \
    || apt_install poppler-utils qpdf
}

# Debian's nginx (with its brotli_static module), Apache and Caddy, for the deploy tests
# (tests/servers/, which run each with its own configuration in a temporary folder). Installed
# without starting them (policy-rc.d), and kept from starting at boot where systemd runs.
ensure_servers() {
  command -v nginx >/dev/null && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    && command -v apache2 >/dev/null && command -v caddy >/dev/null && return 0
  local sudo= package guard=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  apt_update
  for package in nginx libnginx-mod-http-brotli-static apache2 caddy; do
    apt-cache policy "$package" | grep -q 'Candidate: [0-9]' \
      || { echo "error: Debian's archive has no $package (Debian 12 has)" >&2; return 1; }
  done
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    guard=1
  fi
  apt_install nginx libnginx-mod-http-brotli-static apache2 caddy || { [ -z "$guard" ] || $sudo rm -f /usr/sbin/policy-rc.d; return 1; }
  [ -z "$guard" ] || $sudo rm -f /usr/sbin/policy-rc.d
  if [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now nginx apache2 caddy >/dev/null 2>&1 || true
  fi
}

# Debian's PostgreSQL, for the consent log's tests on PostgreSQL (issue 17). Installed without
# starting Debian's own cluster; the tests run a cluster of their own (start_postgres).
ensure_postgres() {
  postgres_bin >/dev/null 2>&1 && return 0
  local sudo= guard=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  apt_update
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    guard=1
  fi
  apt_install postgresql || { [ -z "$guard" ] || $sudo rm -f /usr/sbin/policy-rc.d; return 1; }
  [ -z "$guard" ] || $sudo rm -f /usr/sbin/policy-rc.d
  if [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now postgresql >/dev/null 2>&1 || true
  fi
}

# The folder of PostgreSQL's programs (initdb, pg_ctl), the newest installed.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Starts a throwaway PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only (a free
# port) with no password (trust, loopback only), with a database per kind of test, each in its own
# variable: PORTAL_TEST_POSTGRES_URL (the browser tests, the benchmark), _CARGO_URL (the HTTP
# tests, over TLS: `sslmode=require`) and _FAULTS_URL (the fault tests, which stop and start the cluster with
# PORTAL_TEST_POSTGRES_CTL). As root, the cluster runs as the user `postgres` (PostgreSQL refuses
# root), from a folder that user can enter. stop_postgres stops it and deletes the folder.
PG_DIR=
start_postgres() {
  local bin port as=()
  bin=$(postgres_bin) || { echo "error: PostgreSQL is not installed (ensure_postgres)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/portal-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  say "PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port, in $PG_DIR"
  (cd "$PG_DIR" && "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null)
  # TLS with a certificate made for the run: the HTTP tests connect with `sslmode=require`, as to
  # a managed database; the others without.
  openssl req -new -x509 -days 2 -nodes -subj /CN=127.0.0.1 -keyout "$PG_DIR/data/server.key" \
    -out "$PG_DIR/data/server.crt" 2>/dev/null
  chmod 600 "$PG_DIR/data/server.key"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR/data/server.key" "$PG_DIR/data/server.crt"
  printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n" >>"$PG_DIR/data/postgresql.conf"
  # `$PG_DIR/ctl start|stop`: the cluster started or stopped as the tests need (the fault tests
  # stop and start it under load).
  cat >"$PG_DIR/ctl" <<CTL
#!/bin/sh
cd "$PG_DIR" || exit 1
case "\$1" in
  start) exec ${as[*]} "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR" start ;;
  stop) exec ${as[*]} "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop ;;
  *) echo "usage: \$0 start|stop" >&2; exit 2 ;;
esac
CTL
  chmod +x "$PG_DIR/ctl"
  "$PG_DIR/ctl" start >/dev/null
  local db
  for db in consent_test consent_cargo consent_faults; do
    (cd "$PG_DIR" && "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db")
  done
  export PORTAL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/consent_test"
  export PORTAL_TEST_POSTGRES_CARGO_URL="postgres://postgres@127.0.0.1:$port/consent_cargo?sslmode=require"
  export PORTAL_TEST_POSTGRES_FAULTS_URL="postgres://postgres@127.0.0.1:$port/consent_faults"
  export PORTAL_TEST_POSTGRES_CTL="$PG_DIR/ctl"
}
stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  "$PG_DIR/ctl" stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}

# Builds the release site into dist/ (scripts/build.sh: trunk runs the hooks in Trunk.toml: the
# form and the PDF writer, every language's page, the consent revisions).
build_release() {
  bash "$ROOT/scripts/build.sh"
}

# Builds the release site for a host that serves it under /tietosuoja/, into dist-subpath/ (the
# browser tests check that everything works there too).
build_subpath() {
  bash "$ROOT/scripts/build.sh" --public-url /tietosuoja/ --dist dist-subpath
}

#!/bin/sh
# Builds the request form into <out-dir> (trunk's staging dir + /form, see Trunk.toml): its own
# WebAssembly module, loaded only when a visitor opens the form, and the
# form's stylesheet. The notice's first load carries none of this.
#
#   scripts/build-form.sh <out-dir>
set -eu
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

mkdir -p "$out"
cargo build --quiet --release --target wasm32-unknown-unknown --features form --bin request-form
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name request-form \
  target/wasm32-unknown-unknown/release/request-form.wasm
# Same optimiser as trunk's (npm binaryen, Trunk.toml); it reads the target features from the module.
wasm-opt -Oz --strip-debug --strip-producers "$out/request-form_bg.wasm" -o "$out/request-form_bg.wasm"
cp style/request.css "$out/request.css"

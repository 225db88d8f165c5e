#!/bin/sh
# Builds the request form into <out-dir> (trunk copies it to dist/form/, see index.html): its own
# WebAssembly module, loaded only when a visitor opens the form, its stylesheet, and the PDF
# writer (its worker and its fonts, scripts/build-writer.sh, into <out-dir>/writer/). Every file
# gets a content-hashed name (so a year's caching never serves an old form) and
# <out-dir>/manifest.json names them; the build writes them into the pages (site-build render).
# The notice's first load carries none of this.
#
#   scripts/build-form.sh <out-dir>
set -eu
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work="$root/target/form-build"

rm -rf "$work" "$out"
mkdir -p "$work" "$out"
cargo build --quiet --locked --profile wasm --target wasm32-unknown-unknown -p portal-form
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name request-form \
  target/wasm32-unknown-unknown/wasm/portal_form.wasm
# Same optimiser as trunk's (npm binaryen, Trunk.toml); it reads the target features from the module.
wasm-opt -Oz --strip-debug --strip-producers "$work/request-form_bg.wasm" -o "$work/request-form_bg.wasm"
cp style/request.css "$work/request.css"

dest="$out"
. "$root/scripts/hashed-files.sh"
hash_snippets request-form.js
wasm="$(hashed request-form_bg.wasm)"
module="$(hashed request-form.js)"
style="$(hashed request.css)"
sh scripts/build-writer.sh "$out/writer"
writer="$(cd "$out" && ls writer/fonts.*.json)"
printf '{"module":"%s","wasm":"%s","style":"%s","writer":"%s"}\n' "$module" "$wasm" "$style" "$writer" \
  > "$out/manifest.json"

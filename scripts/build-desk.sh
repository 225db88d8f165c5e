#!/bin/sh
# Builds the request desk's modules into <out-dir>/assets/ (trunk copies <out-dir> to dist/desk/,
# see index.html): the desk's page (crates/desk-page, Leptos), its PDF reader (crates/desk-reader,
# lopdf, fetched by the page once it has started), its stylesheet, and the module that starts the
# page; every file content-hashed. <out-dir>/manifest.json names the start module and the
# stylesheet, which the desk's pages (site-build desk) link. No public page links the desk.
#
#   scripts/build-desk.sh <out-dir>
set -eu
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work="$root/target/desk-build"

rm -rf "$work" "$out"
mkdir -p "$work" "$out/assets"
cargo build --quiet --locked --profile wasm --target wasm32-unknown-unknown -p portal-desk-page -p portal-desk-reader
# What the files are made from (the modules, this script, the tools): a build with the same
# copies the result kept in target/desk-cache/ instead of running wasm-bindgen and wasm-opt again
# (40 s on two cores; the test command builds three sites). The two newest results are kept.
key="$( {
  sha256sum target/wasm32-unknown-unknown/wasm/portal_desk_page.wasm \
    target/wasm32-unknown-unknown/wasm/portal_desk_reader.wasm "$root/scripts/build-desk.sh" \
    "$root/scripts/hashed-files.sh"
  wasm-bindgen --version; wasm-opt --version
} | sha256sum | cut -c1-16)"
cache="$root/target/desk-cache/$key"
if [ -f "$cache/done" ]; then
  cp -r "$cache/out/." "$out/"
  exit 0
fi
for module in desk:portal_desk_page reader:portal_desk_reader; do
  name="${module%%:*}"
  wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "$name" \
    "target/wasm32-unknown-unknown/wasm/${module#*:}.wasm"
  # Same optimiser as trunk's (npm binaryen, Trunk.toml).
  wasm-opt -Oz --strip-debug --strip-producers "$work/${name}_bg.wasm" -o "$work/${name}_bg.wasm"
done

dest="$out/assets"
. "$root/scripts/hashed-files.sh"
# The page's snippet (its dynamic import of the reader).
hash_snippets desk.js
desk_wasm="$(hashed desk_bg.wasm)"
desk_js="$(hashed desk.js)"
reader_wasm="$(hashed reader_bg.wasm)"
reader_js="$(hashed reader.js)"
cat > "$work/desk-start.js" <<JS
// Starts the request desk (scripts/build-desk.sh writes this file): its module, then the reader's
// addresses, which the desk fetches once it is up.
import init, { start } from "./$desk_js";
const here = (file) => new URL(file, import.meta.url).href;
await init({ module_or_path: here("./$desk_wasm") });
start(here("./$reader_js"), here("./$reader_wasm"));
JS
start="$(hashed desk-start.js)"
printf '{"start":"assets/%s"}\n' "$start" > "$out/manifest.json"
ls -1dt "$root"/target/desk-cache/*/ 2>/dev/null | tail -n +2 | xargs -r rm -rf
mkdir -p "$cache"
cp -r "$out" "$cache/out"
touch "$cache/done"

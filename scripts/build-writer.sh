#!/bin/sh
# Builds the PDF writer into <out-dir> (the form's build puts it in form/writer/): its own
# WebAssembly module, run in a Web Worker, plus its fonts (DejaVu Sans cut to Latin/Greek/Cyrillic,
# and pieces of Debian's Noto fonts for other scripts), every file content-hashed, and the
# manifest naming them all, `fonts.<hash>.json` (crates/core/src/request/fonts.rs). The form fetches the
# manifest, starts the worker named in it and posts it protocol messages
# (crates/core/src/request/protocol.rs) whose `fonts_base` is the manifest's URL.
# Nothing is downloaded: the fonts come from /usr/share/fonts (fonts-dejavu-core, fonts-noto-core,
# fonts-noto-cjk). The result is kept in target/writer-cache/, by what it is made from, so a
# rebuild with the same writer and fonts copies it instead of cutting the fonts again (the two
# newest writers are kept).
#
#   scripts/build-writer.sh <out-dir>
set -eu
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

hash() { sha256sum "$1" | cut -c1-16; }

cargo build --quiet --locked --profile wasm --target wasm32-unknown-unknown -p portal-writer
# The font cutter (crates/fonts), in the dev profile like the build tool of trunk's hooks.
cargo build --quiet --locked --all-features --bin portal-fonts
# What the writer's files are made from: its WebAssembly, this script (it writes the worker's
# script), the tools, the code that cuts the fonts (not the whole crate: a changed text must not
# cut them again) and the fonts.
key="$( {
  sha256sum target/wasm32-unknown-unknown/wasm/portal_writer.wasm "$root/scripts/build-writer.sh" \
    crates/fonts/src/lib.rs crates/fonts/src/main.rs crates/core/src/request/fonts.rs Cargo.lock
  wasm-bindgen --version; wasm-opt --version
  ls -l /usr/share/fonts/truetype/dejavu /usr/share/fonts/truetype/noto /usr/share/fonts/opentype/noto 2>/dev/null
} | sha256sum | cut -c1-16)"
cache="$root/target/writer-cache/$key"

if [ ! -f "$cache/done" ]; then
  # Keep the newest other writer besides this one (a repository's site and the example company,
  # PORTAL_SITE, make different writers: alternating between them must not cut the fonts again).
  ls -1dt "$root"/target/writer-cache/*/ 2>/dev/null | tail -n +2 | xargs -r rm -rf
  mkdir -p "$cache"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name pdf-writer \
    target/wasm32-unknown-unknown/wasm/portal_writer.wasm
  # Same optimiser as trunk's (npm binaryen); it reads the target features from the module.
  wasm-opt -Oz --strip-debug --strip-producers "$tmp/pdf-writer_bg.wasm" -o "$tmp/pdf-writer_bg.wasm"

  wasm="pdf-writer_bg.$(hash "$tmp/pdf-writer_bg.wasm").wasm"
  cp "$tmp/pdf-writer_bg.wasm" "$cache/$wasm"
  # The glue looks for its wasm next to itself under the default name: point it at the hashed one.
  sed "s/pdf-writer_bg\.wasm/$wasm/g" "$tmp/pdf-writer.js" > "$tmp/glue.js"
  module="pdf-writer.$(hash "$tmp/glue.js").js"
  cp "$tmp/glue.js" "$cache/$module"
  # The worker's script only starts the WebAssembly, which handles the messages itself.
  cat > "$tmp/worker.js" <<JS
// The PDF writer's worker: starts the WebAssembly, which answers the form's messages itself
// (crates/writer/src/lib.rs). Messages that come before it has started are replayed once it has.
// A beat from the first moment, while the module and the WebAssembly load too: a worker the
// form stops hearing from has died or stalled (crates/core/src/request/protocol.rs, BEAT_MS and
// SILENCE_MS). So the module is imported after the first beat, not before the script runs.
const beat = () => self.postMessage({ json: '{"kind":"alive"}' });
beat();
setInterval(beat, 1000);
const early = [];
self.onmessage = (event) => early.push(event.data);
import("./$module").then(({ default: init }) => init()).then(
  () => early.forEach((data) => self.dispatchEvent(new MessageEvent("message", { data }))),
  // An error the page's Worker object hears: the form then fails what it waits for and starts over.
  (error) => setTimeout(() => { throw error; }),
);
JS
  worker="pdf-writer-worker.$(hash "$tmp/worker.js").js"
  cp "$tmp/worker.js" "$cache/$worker"

  ./target/debug/portal-fonts "$cache"
  # Name the writer's files in the manifest, then give the manifest its own content hash.
  node -e '
const fs = require("fs");
const [file, module, wasm, worker] = process.argv.slice(1);
const m = JSON.parse(fs.readFileSync(file, "utf8"));
m.writer = { module, wasm, worker };
fs.writeFileSync(file, JSON.stringify(m));
' "$cache/fonts.json" "$module" "$wasm" "$worker"
  mv "$cache/fonts.json" "$cache/fonts.$(hash "$cache/fonts.json").json"
  touch "$cache/done"
fi

rm -rf "$out"
mkdir -p "$out"
cp "$cache"/* "$out"/
rm -f "$out/done"
echo "build-writer: $(ls "$out"/fonts.*.json)"

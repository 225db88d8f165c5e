#!/bin/sh
# Builds the PDF writer into <out-dir> (e.g. dist/writer): its own WebAssembly module, run in a Web
# Worker, plus its fonts (DejaVu Sans cut to Latin/Greek/Cyrillic, and pieces of Debian's Noto
# fonts for other scripts), every file content-hashed, and `fonts.json`, the manifest naming them
# all (src/request/fonts.rs). The page starts the worker with
#   new Worker(new URL(<out-dir>/ + manifest.writer.worker), { type: "module" })
# and sends it protocol::Request messages whose `fonts_base` is the URL of fonts.json.
# Nothing is downloaded: the fonts come from /usr/share/fonts (fonts-dejavu-core, fonts-noto-core,
# fonts-noto-cjk).
#
#   scripts/build-writer.sh <out-dir>
set -eu
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cargo build --quiet --release --target wasm32-unknown-unknown --features writer --bin pdf-writer
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name pdf-writer \
  target/wasm32-unknown-unknown/release/pdf-writer.wasm
# Same optimiser as trunk's (npm binaryen); it reads the target features from the module.
wasm-opt -Oz --strip-debug --strip-producers "$tmp/pdf-writer_bg.wasm" -o "$tmp/pdf-writer_bg.wasm"

hash() { sha256sum "$1" | cut -c1-16; }
wasm="pdf-writer_bg.$(hash "$tmp/pdf-writer_bg.wasm").wasm"
cp "$tmp/pdf-writer_bg.wasm" "$out/$wasm"
# The glue looks for its wasm next to itself under the default name: point it at the hashed one.
sed "s/pdf-writer_bg\.wasm/$wasm/g" "$tmp/pdf-writer.js" > "$tmp/glue.js"
module="pdf-writer.$(hash "$tmp/glue.js").js"
cp "$tmp/glue.js" "$out/$module"
# The worker script: loads the module, answers each message with { json, pdf } (pdf transferred).
cat > "$tmp/worker.js" <<JS
import init, { render, warm } from "./$module";
const ready = init();
// Answers in the writer's protocol (src/request/writer/protocol.rs): { json, pdf? }.
const failed = (id, detail) =>
  JSON.stringify({ kind: "failed", id, error: { kind: "fonts", detail: String(detail) } });
self.onmessage = async (event) => {
  const message = event.data;
  try {
    await ready;
    if (typeof message === "object" && message !== null && message.warm) {
      const ok = await warm(message.warm);
      self.postMessage({ json: ok ? JSON.stringify({ kind: "ready" }) : failed(0, "base fonts") });
      return;
    }
    const out = await render(String(message));
    self.postMessage(out, out.pdf ? [out.pdf.buffer] : []);
  } catch (error) {
    let id = 0;
    try { id = JSON.parse(String(message)).id ?? 0; } catch (_) {}
    self.postMessage({ json: failed(id, error) });
  }
};
JS
worker="pdf-writer-worker.$(hash "$tmp/worker.js").js"
cp "$tmp/worker.js" "$out/$worker"

cargo run --quiet --release --bin site-build -- fonts "$out"
# Name the writer's files in the manifest.
node -e '
const fs = require("fs");
const [file, module, wasm, worker] = process.argv.slice(1);
const m = JSON.parse(fs.readFileSync(file, "utf8"));
m.writer = { module, wasm, worker };
fs.writeFileSync(file, JSON.stringify(m));
' "$out/fonts.json" "$module" "$wasm" "$worker"
echo "build-writer: $out/$worker, $out/$module, $out/$wasm, $out/fonts.json"

// What the request form and the PDF writer weigh in the release build (dist/form/), brotli -11 as
// the benchmark counts them (scripts/bench-form.mjs): the budgets of README.md, "Benchmark", and,
// tighter, each module's own figure, so that a module that grows by a build setting (issue 15:
// with an rlib beside the cdylib, cargo built both without LTO, +26 KB and +47 KB brotli) fails
// here and not only in the benchmark. A module that grows for a feature raises its figure here and
// says why in README.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORM = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'form');

/** README.md's budgets, in bytes. */
const BUDGET = { views: 250_000, writer: 700_000 };
/** Each WebAssembly module's figure (issue 15, after the fix: 175.1 and 547.5 KB), with a little room. */
const FIGURE = { formWasm: 180_000, writerWasm: 560_000 };

const brotli = (file) =>
  brotliCompressSync(readFileSync(join(FORM, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sum = (files) => files.reduce((total, file) => total + brotli(file), 0);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function manifests() {
  const file = join(FORM, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: build the release site first (scripts/build.sh)`);
  const form = JSON.parse(readFileSync(file, 'utf8'));
  const writer = JSON.parse(readFileSync(join(FORM, form.writer), 'utf8'));
  const dir = dirname(form.writer);
  return { form, writer, inWriter: (name) => join(dir, name) };
}

test('the form\'s views (module, WebAssembly, stylesheet) within their budget, its WebAssembly within its figure', () => {
  const { form } = manifests();
  const views = sum([form.module, form.wasm, form.style]);
  const wasm = brotli(form.wasm);
  assert.ok(views <= BUDGET.views, `the form's views are ${kb(views)} brotli, over the budget of ${kb(BUDGET.views)}`);
  assert.ok(wasm <= FIGURE.formWasm, `the form's WebAssembly is ${kb(wasm)} brotli, over its figure of ${kb(FIGURE.formWasm)}`);
});

test('the writer (manifest, worker, module, WebAssembly, base fonts) within its budget, its WebAssembly within its figure', () => {
  const { form, writer, inWriter } = manifests();
  const files = [writer.writer.module, writer.writer.wasm, writer.writer.worker, writer.regular.file, writer.bold.file];
  const total = brotli(form.writer) + sum(files.map(inWriter));
  const wasm = brotli(inWriter(writer.writer.wasm));
  assert.ok(total <= BUDGET.writer, `the writer is ${kb(total)} brotli, over the budget of ${kb(BUDGET.writer)}`);
  assert.ok(wasm <= FIGURE.writerWasm, `the writer's WebAssembly is ${kb(wasm)} brotli, over its figure of ${kb(FIGURE.writerWasm)}`);
});

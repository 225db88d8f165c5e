// The local server (scripts/serve.mjs, which the browser tests and the benchmark use) on a small
// site of its own: it outlives malformed addresses, serves the build's .br and .gz files as the
// deploy configurations do, and sends the cache headers of deploy/_headers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, gzipSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir;
let server;
const PAGE = '<!doctype html><title>t</title>'.repeat(20);
const SCRIPT = 'console.log(1);\n'.repeat(50);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  copyFileSync(join(ROOT, 'deploy/_headers'), join(dir, '_headers'));
  writeFileSync(join(dir, '.htaccess'), 'secret\n');
  mkdirSync(join(dir, 'consent'));
  writeFileSync(join(dir, 'consent/0123456789abcdef.json'), '{}');
  for (const [name, text] of [['index.html', PAGE], ['privacy-portal-0123456789abcdef.js', SCRIPT]]) {
    writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, name + '.br'), brotliCompressSync(text));
    writeFileSync(join(dir, name + '.gz'), gzipSync(text));
  }
  server = await startServer({ root: dir, port: 0 });
});
after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (no fetch: it would refuse or fix malformed addresses and decompress). */
function get(path, headers = {}) {
  const { hostname, port } = new URL(server.url);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // A server that never answers fails the test instead of hanging it.
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path}`)));
    req.on('error', fail);
    req.end();
  });
}

test('a malformed address is answered 400 with the headers, and the server goes on', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/en/%ff%fe', '/%E0%A4%A/index.html']) {
    const answer = await get(path);
    assert.equal(answer.status, 400, path);
    assert.match(answer.headers['content-security-policy'], /^default-src 'none'/);
  }
  assert.equal((await get('/')).status, 200);
});

test('brotli, else gzip, else the file; every answer of a compressible file varies', async () => {
  const br = await get('/', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.equal(brotliDecompressSync(br.body).toString(), PAGE);
  const gz = await get('/privacy-portal-0123456789abcdef.js', { 'Accept-Encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), SCRIPT);
  assert.equal(gz.headers['content-type'], 'text/javascript; charset=utf-8');
  const refused = await get('/', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
  assert.equal(refused.headers['content-encoding'], undefined);
  assert.equal(refused.body.toString(), PAGE);
  assert.equal(refused.headers.vary, 'Accept-Encoding');
});

test('hashed files are cached for a year, pages and consent revisions revalidated, errors not cached', async () => {
  assert.equal((await get('/privacy-portal-0123456789abcdef.js')).headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get('/')).headers['cache-control'], 'no-cache');
  assert.equal((await get('/consent/0123456789abcdef.json')).headers['cache-control'], 'no-cache');
  const missing = await get('/privacy-portal-fedcba9876543210.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['cache-control'], 'no-cache');
  assert.match(missing.headers['strict-transport-security'], /^max-age=31536000/);
});

test('the configuration files are not served', async () => {
  for (const path of ['/_headers', '/.htaccess', '/%2ehtaccess']) assert.equal((await get(path)).status, 404, path);
});

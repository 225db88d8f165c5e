// The portal's own server (crates/server: what scripts/serve.sh, the browser tests and the
// benchmark run) as a process, on a small site of its own: it outlives malformed addresses,
// serves the build's .br and .gz files as the deploy configurations do, sends the cache headers
// of deploy/_headers, logs without personal data and stops cleanly on SIGTERM, finishing the
// answer under way. (Each answer is tested in detail natively: crates/server/tests/http.rs.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, gzipSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../browser/server.mjs';
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
function get(path, headers = {}, from = server) {
  const { hostname, port } = new URL(from.url);
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

/** The first line of the server's log that matches `pattern`, as soon as it is written. */
function logLine(from, pattern) {
  const found = from.log.find((line) => pattern.test(line));
  if (found) return Promise.resolve(found);
  return new Promise((ok) => {
    const seen = (line) => {
      if (!pattern.test(line)) return;
      from.lines.off('line', seen);
      ok(line);
    };
    from.lines.on('line', seen);
  });
}

test('the health check answers, and each request is one log line without query, address or agent', { timeout: 10_000 }, async () => {
  const health = await get('/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.body.toString(), 'ok\n');
  await get('/en?name=Maija&email=maija%40example.fi', { 'User-Agent': 'secret-agent/1.0' });
  const line = await logLine(server, /^GET \/en /);
  assert.match(line, /^GET \/en 404 \S+ [\d.]+ms$/);
  for (const line of server.log) {
    assert.doesNotMatch(line, /Maija|maija|secret-agent|127\.0\.0\.1:\d+ /, line);
  }
});

test('SIGTERM: the answer under way is finished, then the server exits 0', async () => {
  // A file larger than the socket buffers, so its answer is still being written when the signal comes.
  const big = Buffer.alloc(64 * 1024 * 1024, 'x');
  writeFileSync(join(dir, 'big.txt'), big);
  const own = await startServer({ root: dir, port: 0 });
  const { hostname, port } = new URL(own.url);
  const received = await new Promise((ok, fail) => {
    const req = request({ hostname, port, path: '/big.txt' }, (res) => {
      let bytes = 0;
      let signalled = false;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        if (signalled) return;
        signalled = true;
        // Reading stops until the server says it is stopping: the answer is under way then.
        res.pause();
        own.process.stdout.on('data', function onData(data) {
          if (!String(data).includes('stopping')) return;
          own.process.stdout.off('data', onData);
          res.resume();
        });
        own.process.kill('SIGTERM');
      });
      res.on('end', () => ok(bytes));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
  assert.equal(received, big.length);
  assert.deepEqual(await own.close(), { code: 0, signal: null });
});

test('a server whose test process is gone stops by itself (its stdin closes) and exits 0', async () => {
  const own = await startServer({ root: dir, port: 0 });
  assert.equal((await get('/', {}, own)).status, 200);
  own.process.stdin.end();
  const exit = await new Promise((ok) => own.process.once('exit', (code, signal) => ok({ code, signal })));
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(own.log.includes('stopped'), own.log.join('\n'));
});

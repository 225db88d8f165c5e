// The Node static server the portal ran before crates/server (scripts/serve.mjs until f8a5c27),
// kept only as the consent-log benchmark's peer for serving pages (scripts/bench-log.mjs).
//
// A static file server for dist/ that sends exactly the headers of deploy/_headers (security and
// cache), so what runs here (`scripts/serve.sh`, the browser tests, the benchmark) runs under the
// deploy CSP, and serves the `.br` and `.gz` files the build wrote beside each file as the deploy
// configurations do (brotli, else gzip, else the file; `Vary: Accept-Encoding`).
//
//   node scripts/serve.mjs [--root dist] [--port 8080] [--host 127.0.0.1] [--prefix /tietosuoja]
//
// With --prefix the site is served below that path, as a host would serve a site built with
// `trunk build --public-url /tietosuoja/`.
//
// Import `startServer` to run it inside a test. No dependencies beyond Node.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHeadersFile } from '../../tests/browser/server.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The endings the build compresses (src/site/security.rs, COMPRESSED): their answers vary by
 * Accept-Encoding. */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.wasm', '.otf', '.ttf', '.txt', '.ics', '.xml']);

/** The encodings `accept` (an Accept-Encoding header) allows, best first. */
function encodings(accept) {
  const allowed = new Map();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    allowed.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (allowed.get(name) ?? allowed.get('*') ?? 0) > 0;
  return [['br', '.br'], ['gzip', '.gz']].filter(([name]) => ok(name));
}

/** The file to send for `file`: its `.br` or `.gz` sibling when the client takes it. */
async function pick(file, accept) {
  if (COMPRESSED.has(extname(file))) {
    for (const [encoding, ending] of encodings(accept)) {
      const info = await stat(file + ending).catch(() => null);
      if (info?.isFile()) return { path: file + ending, encoding };
    }
  }
  return { path: file, encoding: null };
}


function matches(pattern, path) {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

export function headersFor(rules, path) {
  const headers = {};
  for (const rule of rules) if (matches(rule.pattern, path)) Object.assign(headers, rule.headers);
  return headers;
}

/** Starts the server; resolves to { server, url, close() }. Port 0 picks a free port. `url` ends
 * with the prefix (no trailing slash). */
export async function startServer({ root = 'dist', port = 8080, host = '127.0.0.1', headersFile, prefix = '' } = {}) {
  prefix = prefix.replace(/\/+$/, '');
  const rootDir = resolve(root);
  const rules = parseHeadersFile(await readFile(headersFile ?? join(rootDir, '_headers'), 'utf8'));
  const handle = async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    // The security headers of every rule that matches (not the cache: an error is not cached).
    const securityFor = (path) => {
      const { 'Cache-Control': _, ...security } = headersFor(rules, path.slice(prefix.length) || '/');
      return security;
    };
    const send = (status, body, type, extra = {}, security = securityFor(url.pathname)) => {
      response.writeHead(status, { ...security, 'Content-Type': type, 'Cache-Control': 'no-cache', ...extra });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // A malformed address (`/%E0%A4%A`) is the client's error, never the server's end.
      return send(400, 'Bad Request\n', TYPES['.txt']);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method Not Allowed\n', TYPES['.txt']);
    if (!path.startsWith(prefix + '/')) return send(404, 'Not Found\n', TYPES['.txt']);
    path = path.slice(prefix.length);
    // A folder without its slash: redirect, as static hosts do (/en → /en/).
    if (!path.endsWith('/') && !extname(path)) {
      const folder = normalize(join(rootDir, path));
      if (folder.startsWith(rootDir + sep) && (await stat(folder).catch(() => null))?.isDirectory()) {
        return send(301, '', TYPES['.txt'], { Location: `${prefix}${path}/${url.search}` });
      }
    }
    const page = path;
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(rootDir, path));
    // Like static hosts: no dot files, and the `_headers` configuration itself is not served.
    const hidden = path.split('/').some((part) => part.startsWith('.')) || path === '/_headers';
    if (!file.startsWith(rootDir + sep) || hidden) {
      return send(404, 'Not Found\n', TYPES['.txt']);
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const chosen = await pick(file, request.headers['accept-encoding'] ?? '');
      const body = await readFile(chosen.path);
      const all = headersFor(rules, page);
      const extra = { 'Cache-Control': all['Cache-Control'] ?? 'no-cache' };
      if (COMPRESSED.has(extname(file))) extra.Vary = 'Accept-Encoding';
      if (chosen.encoding) extra['Content-Encoding'] = chosen.encoding;
      send(200, body, TYPES[extname(file)] ?? 'application/octet-stream', extra);
    } catch {
      send(404, 'Not Found\n', TYPES['.txt']);
    }
  };
  // Whatever goes wrong with one request answers 500; the server goes on.
  const server = createServer((request, response) =>
    handle(request, response).catch(() => {
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'Content-Type': TYPES['.txt'] }).end('Internal Server Error\n');
    }),
  );
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const address = server.address();
  return {
    server,
    url: `http://${host}:${address.port}${prefix}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const { url } = await startServer({
    root: option('root', 'dist'),
    port: Number(option('port', process.env.PORT ?? 8080)),
    host: option('host', '127.0.0.1'),
    prefix: option('prefix', ''),
  });
  console.log(`Serving ${option('root', 'dist')}/ at ${url}/ with the headers of deploy/_headers (Ctrl+C stops)`);
}

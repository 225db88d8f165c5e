// The portal's own server (crates/server, binary `portal-server`) as the tests, the benchmark and
// scripts use it: spawned on 127.0.0.1 with port 0, its address read from the first line it
// prints, stopped with SIGTERM (it finishes what is under way and exits 0). Its stdin is a pipe
// from this process (`--until-stdin-closes`): if this process ends without stopping it (killed,
// crashed), the pipe closes and the server stops too.
//
// The binary is the dev profile's (`cargo build --locked -p portal-server`; its dependencies are
// optimised at opt-level 2 by the workspace's dev profile): built here once per process, a no-op
// when it is fresh, unless PORTAL_SERVER names a binary to use instead.

import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_BINARY = process.env.PORTAL_SERVER ?? join(ROOT, 'target', 'debug', 'portal-server');

let built = false;
/** Builds the server unless it is fresh (cargo decides) or PORTAL_SERVER is given. */
export function buildServer() {
  if (built || process.env.PORTAL_SERVER) return;
  execFileSync('cargo', ['build', '--locked', '--quiet', '-p', 'portal-server'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/**
 * Starts the server on `root` (relative to the repository) below `prefix`, with the headers of the
 * site folder `site` (default PORTAL_SITE, else site/), or only `nosniff` with `plain` (pages that
 * are not the portal's). `data` is the consent log's folder (default: a new temporary one) and
 * `env` what the server's environment adds (DATABASE_URL, PORTAL_ADMIN_TOKEN). Resolves to { url, log, close() }: `url` ends with the prefix (no
 * trailing slash), `log` keeps the server's last lines, `close()` stops it and resolves to its
 * exit ({ code, signal }) once it has exited.
 */
export async function startServer({ root = 'dist', port = 0, host = '127.0.0.1', prefix = '', site = process.env.PORTAL_SITE ?? 'site', plain = false, data, env = {} } = {}) {
  buildServer();
  // The consent log's SQLite file (when the site folder turns the log on): a folder of this
  // server's own unless one is given, never the repository's data/.
  data ??= mkdtempSync(join(tmpdir(), 'portal-data-'));
  const args = ['--root', resolve(ROOT, root), '--site', resolve(ROOT, site), '--host', host, '--port', String(port), '--data', data];
  if (prefix) args.push('--prefix', prefix);
  if (plain) args.push('--plain');
  args.push('--until-stdin-closes');
  // The log's database and the DPO's token come from the environment, as in production: only
  // what a test names (DATABASE_URL, PORTAL_ADMIN_TOKEN), never the test runner's own.
  const { DATABASE_URL: _url, PORTAL_ADMIN_TOKEN: _token, PORTAL_ADMIN_TOKEN_FILE: _file, ...inherited } = process.env;
  const child = spawn(SERVER_BINARY, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...inherited, ...env } });
  if (process.env.SERVERS_PIDFILE && child.pid) appendFileSync(process.env.SERVERS_PIDFILE, `${child.pid}\n`);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += data));
  const log = [];
  const tally = new Map();
  const lines = createInterface({ input: child.stdout });
  // Every line is read (a full pipe would stall the server): the first is the address, the last
  // 1000 of the others are kept. One listener from the start, so no line is missed between them.
  let onFirst;
  const firstLine = new Promise((ok) => (onFirst = ok));
  lines.on('line', (line) => {
    if (onFirst) {
      const ok = onFirst;
      onFirst = null;
      return ok(line);
    }
    log.push(line);
    if (log.length > 1000) log.shift();
    // A running count of each answer's method, path and status (`POST /api/consent 204`).
    const key = line.split(' ', 3).join(' ');
    tally.set(key, (tally.get(key) ?? 0) + 1);
  });
  const first = await new Promise((ok, fail) => {
    firstLine.then(ok);
    child.once('error', fail);
    exited.then(({ code, signal }) => fail(new Error(`portal-server ended (${code ?? signal}) before listening: ${stderr}`)));
  });
  const address = /^listening on (http:\/\/\S+?)\/?$/.exec(first)?.[1];
  if (!address) {
    child.kill('SIGKILL');
    throw new Error(`portal-server's first line is not its address: ${first}`);
  }
  const stop = () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM');
  process.once('exit', stop);
  return {
    url: address,
    log,
    /** The folder of the consent log's SQLite file. */
    data,
    /** How many answers so far were `method path status` (e.g. `POST /api/consent 204`). */
    count: (answer) => tally.get(answer) ?? 0,
    /** The readline interface of its stdout ('line' events after the first). */
    lines,
    process: child,
    stderr: () => stderr,
    async close() {
      stop();
      const exit = await exited;
      process.removeListener('exit', stop);
      return exit;
    },
  };
}

/** Parses the `_headers` format (deploy/_headers): a path pattern line, then indented `Name: value` lines. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || rules.length === 0) throw new Error(`_headers: cannot read line "${line}"`);
    rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

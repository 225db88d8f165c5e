// The consent log's benchmark (issue 17), in one run on this machine (the load generator on the
// same cores as the servers):
// - beacons: sustained acknowledged beacons per second for `--seconds` (default 60) against the
//   release server on SQLite, on PostgreSQL, and two server processes on one PostgreSQL; p50 and
//   p99 latency; lost (acknowledged but not in the log afterwards) must be 0;
// - pages: requests per second and p99 for `/` (brotli) with `ab -k`, the portal's server beside
//   the Node server it replaced (scripts/bench-peers/node-serve.mjs) and nginx with the deploy
//   configuration.
// Prints a table and the budgets; exit code 1 if one is missed.
//
//   scripts/bench-log.sh [--seconds 60] [--concurrency 32]
//
// PostgreSQL: the cluster PORTAL_TEST_POSTGRES_URL names (scripts/bench-log.sh starts one, as the
// test command does). The server: PORTAL_SERVER, else target/release/portal-server.

import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startServer } from '../tests/browser/server.mjs';
import { ROOT } from '../tests/browser/harness.mjs';
import { startNginx, freePort } from '../tests/servers/servers.mjs';
import { publishedRevision, sendBeacons, loggedIds, quantile } from '../tests/servers/beacons.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SECONDS = option('seconds', 60);
const CONCURRENCY = option('concurrency', 32);
const PAGE_REQUESTS = option('page-requests', 20000);
const BUDGET = { beaconsPerSecond: 2000, beaconP99Ms: 50, lost: 0 };
const DIST = join(ROOT, 'dist');
const TOKEN = 'the-benchmark-admin-token-of-32-characters-or-more';
const REVISION = publishedRevision(DIST);
const POSTGRES = process.env.PORTAL_TEST_POSTGRES_URL;
if (!POSTGRES) throw new Error('PORTAL_TEST_POSTGRES_URL is not set: run scripts/bench-log.sh, which starts PostgreSQL');
process.env.PORTAL_SERVER ??= join(ROOT, 'target', 'release', 'portal-server');

const rows = [];
const checks = [];

async function beacons(name, servers) {
  const sleep = new Promise((done) => setTimeout(done, SECONDS * 1000));
  const load = await sendBeacons({
    url: servers.map((s) => `${s.url}/api/consent`),
    revision: REVISION,
    concurrency: CONCURRENCY,
    until: sleep,
  });
  const logged = await loggedIds(servers[0].url, TOKEN);
  const lost = load.acknowledged.filter((id) => !logged.has(id)).length;
  const refused = Object.entries(load.statuses).filter(([s]) => !s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  const row = {
    name,
    perSecond: load.acknowledged.length / load.seconds,
    p50: quantile(load.latencies, 0.5),
    p99: quantile(load.latencies, 0.99),
    acknowledged: load.acknowledged.length,
    refused,
    errors: Object.values(load.errors).reduce((a, b) => a + b, 0),
    lost,
  };
  rows.push(row);
  checks.push([`${name}: ${row.perSecond.toFixed(0)} beacons/s >= ${BUDGET.beaconsPerSecond}`, row.perSecond >= BUDGET.beaconsPerSecond]);
  checks.push([`${name}: p99 ${row.p99.toFixed(1)} ms <= ${BUDGET.beaconP99Ms} ms`, row.p99 <= BUDGET.beaconP99Ms]);
  checks.push([`${name}: lost ${lost} = 0 (and nothing refused: ${refused})`, lost === 0 && refused === 0]);
}

/** `ab -k` on `url` with brotli: { perSecond, p99 } (ab's percentiles are whole milliseconds). */
// Run without blocking this process: it reads the servers' log lines, and a server whose stdout
// pipe is full waits.
async function ab(url) {
  const { stdout: out } = await promisify(execFile)('ab', ['-q', '-k', '-n', String(PAGE_REQUESTS), '-c', '16', '-H', 'Accept-Encoding: br, gzip', url], { encoding: 'utf8' });
  const perSecond = Number(/Requests per second:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = Number(/^\s+99%\s+(\d+)/m.exec(out)?.[1]);
  const failed = Number(/Failed requests:\s+(\d+)/.exec(out)?.[1]);
  const non2xx = Number(/Non-2xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  if (failed || non2xx) throw new Error(`ab ${url}: ${failed} failed, ${non2xx} non-2xx`);
  return { perSecond, p99 };
}

async function nodePeer() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/bench-peers/node-serve.mjs'), '--root', DIST, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ready) => createInterface({ input: child.stdout }).once('line', ready));
  return { url: `http://127.0.0.1:${port}`, close: async () => { child.kill('SIGTERM'); await new Promise((done) => child.once('exit', done)); } };
}

// The release server, built once (cargo decides whether anything changed).
execFileSync('cargo', ['build', '--locked', '--quiet', '--release', '-p', 'portal-server'], { cwd: ROOT, stdio: 'inherit' });

const env = { PORTAL_ADMIN_TOKEN: TOKEN };
{
  const server = await startServer({ root: DIST, env });
  await beacons('SQLite, 1 server', [server]);
  const pages = [];
  pages.push(['portal-server (release)', await ab(`${server.url}/`)]);
  await server.close();
  const node = await nodePeer();
  pages.push(['Node server (before crates/server)', await ab(`${node.url}/`)]);
  await node.close();
  const nginx = await startNginx(DIST);
  pages.push(['nginx, deploy/nginx.conf', await ab(`${nginx.url}/`)]);
  await nginx.stop();
  rows.pages = pages;
  const [ours, nodeRow] = [pages[0][1], pages[1][1]];
  checks.push([`pages: portal-server ${ours.perSecond.toFixed(0)} req/s >= Node ${nodeRow.perSecond.toFixed(0)} req/s`, ours.perSecond >= nodeRow.perSecond]);
}
{
  const server = await startServer({ root: DIST, env: { ...env, DATABASE_URL: POSTGRES } });
  await beacons('PostgreSQL, 1 server', [server]);
  await server.close();
}
{
  const servers = [
    await startServer({ root: DIST, env: { ...env, DATABASE_URL: POSTGRES } }),
    await startServer({ root: DIST, env: { ...env, DATABASE_URL: POSTGRES } }),
  ];
  await beacons('PostgreSQL, 2 servers', servers);
  for (const server of servers) await server.close();
}

const cpu = execFileSync('nproc', { encoding: 'utf8' }).trim();
console.log(`\nThe consent log: ${SECONDS} s per row, ${CONCURRENCY} keep-alive connections, load generator on the same ${cpu} cores (${new Date().toISOString()})\n`);
console.log('| database | beacons/s | p50 ms | p99 ms | acknowledged | refused | connection errors | lost |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.acknowledged} | ${r.refused} | ${r.errors} | ${r.lost} |`);
}
console.log(`\nPages: GET / with Accept-Encoding: br, gzip (ab -k -c 16 -n ${PAGE_REQUESTS})\n`);
console.log('| server | requests/s | p99 ms |');
console.log('|---|---|---|');
for (const [name, r] of rows.pages) console.log(`| ${name} | ${r.perSecond.toFixed(0)} | ${r.p99} |`);
console.log('\nBudgets:');
for (const [what, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;

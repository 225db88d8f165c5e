// The consent log under faults (issue 17), with the portal's own server on the release build:
// - killed with SIGKILL under load and restarted on the same SQLite file: every beacon it
//   answered 2xx is in the log;
// - PostgreSQL stopped and started under load: the server answers 503 meanwhile, recovers by
//   itself, and loses nothing it acknowledged.
// PostgreSQL is the test command's own cluster (scripts/setup.sh, start_postgres), named in
// PORTAL_TEST_POSTGRES_FAULTS_URL (a database of these tests' own), stopped and started with
// PORTAL_TEST_POSTGRES_CTL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../browser/server.mjs';
import { startNginxProxy } from './servers.mjs';
import { ROOT } from '../browser/harness.mjs';
import { publishedRevision, sendBeacons, loggedIds, post, beacon, until } from './beacons.mjs';

const DIST = join(ROOT, 'dist');
const TOKEN = 'a-token-for-the-fault-tests-of-32-characters-or-more';
const REVISION = publishedRevision(DIST);

/** Every id of `acknowledged` that the log does not hold. */
async function missing(base, acknowledged) {
  const logged = await loggedIds(base, TOKEN);
  return acknowledged.filter((id) => !logged.has(id));
}

test('killed with SIGKILL under load: every beacon answered 2xx is in the SQLite log after a restart', async () => {
  const data = mkdtempSync(join(tmpdir(), 'portal-fault-'));
  const env = { PORTAL_ADMIN_TOKEN: TOKEN };
  let server = await startServer({ root: DIST, data, env });
  const url = `${server.url}/api/consent`;
  const port = new URL(server.url).port;
  // One loop of beacons whose answers are kept across the kill (the same port after the restart).
  let stop;
  const stopped = new Promise((done) => (stop = done));
  const load = { acknowledged: [] };
  const running = sendBeacons({ url, revision: REVISION, concurrency: 16, until: stopped }).then((r) => Object.assign(load, r));
  // The loop's result fills only at the end; the server's answers are counted as it logs them.
  await until(() => server.count('POST /api/consent 204') >= 500, '500 beacons acknowledged');
  server.process.kill('SIGKILL');
  const exit = await server.close();
  assert.equal(exit.signal, 'SIGKILL');
  server = await startServer({ root: DIST, data, env, port: Number(port) });
  await until(() => server.count('POST /api/consent 204') >= 200, '200 beacons acknowledged after the restart');
  stop();
  await running;
  assert.ok(load.acknowledged.length >= 700, `acknowledged ${load.acknowledged.length}`);
  assert.deepEqual(await missing(server.url, load.acknowledged), [], 'acknowledged beacons lost');
  const exitAfter = await server.close();
  assert.equal(exitAfter.code, 0);
});

test('PostgreSQL stopped and started under load: 503 meanwhile, recovery by itself, nothing acknowledged lost', async () => {
  const databaseUrl = process.env.PORTAL_TEST_POSTGRES_FAULTS_URL;
  const ctl = process.env.PORTAL_TEST_POSTGRES_CTL;
  if (!databaseUrl || !ctl) {
    throw new Error('PORTAL_TEST_POSTGRES_FAULTS_URL and PORTAL_TEST_POSTGRES_CTL are not set: scripts/test.sh starts a PostgreSQL cluster and names them');
  }
  const server = await startServer({ root: DIST, env: { PORTAL_ADMIN_TOKEN: TOKEN, DATABASE_URL: databaseUrl } });
  const url = `${server.url}/api/consent`;
  let stop;
  const stopped = new Promise((done) => (stop = done));
  const running = sendBeacons({ url, revision: REVISION, concurrency: 16, until: stopped });
  const count = (status) => server.count(`POST /api/consent ${status}`);
  await until(() => count(204) >= 300, '300 beacons acknowledged');

  execFileSync(ctl, ['stop'], { stdio: 'ignore' });
  // While the database is down, the log says so.
  await until(() => count(503) >= 5, '503 while PostgreSQL is stopped');
  const direct = await post(url, beacon(REVISION).body);
  assert.equal(direct.status, 503, 'a beacon while PostgreSQL is down');
  const acknowledgedWhileDown = count(204);

  execFileSync(ctl, ['start'], { stdio: 'ignore' });
  // Recovered by itself: beacons are acknowledged again, without a restart.
  await until(() => count(204) >= acknowledgedWhileDown + 300, 'beacons acknowledged again after PostgreSQL started');
  const health = await fetch(`${server.url.replace(/\/$/, '')}/healthz`);
  assert.equal(health.status, 200, 'healthy again');
  stop();
  const load = await running;
  assert.ok(load.statuses[503] > 0, JSON.stringify(load.statuses));
  assert.deepEqual(Object.keys(load.statuses).filter((s) => !['204', '503'].includes(s)), [], JSON.stringify(load.statuses));
  assert.deepEqual(await missing(server.url, load.acknowledged), [], 'acknowledged beacons lost');
  const exit = await server.close();
  assert.equal(exit.code, 0);
});

test('behind the nginx example (deploy/portal-server/nginx-proxy.conf): beacons reach the log, the proxy logs no address for them, floods get 429', async () => {
  const server = await startServer({ root: DIST, env: { PORTAL_ADMIN_TOKEN: TOKEN } });
  const proxy = await startNginxProxy(server.url);
  try {
    const page = await fetch(`${proxy.url}/`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /default-src 'none'/, 'the site\'s headers come through');
    const { id, body } = beacon(REVISION);
    const answer = await post(`${proxy.url}/api/consent`, body);
    assert.equal(answer.status, 204, 'the server sees the Host the browser asked for');
    assert.ok((await loggedIds(server.url, TOKEN)).has(id));
    // A flood from one address: the proxy refuses beyond its burst, the log is not filled.
    const answers = await Promise.all(Array.from({ length: 60 }, () => post(`${proxy.url}/api/consent`, beacon(REVISION).body)));
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.filter((s) => s === 429).length >= 30, statuses.join(' '));
    const log = proxy.accessLog();
    assert.match(log, /"GET \/ HTTP/, 'pages are logged as the proxy is set up');
    assert.doesNotMatch(log, /api\/consent/, 'no line, so no address, for a beacon');
  } finally {
    await proxy.stop();
    await server.close();
  }
});

// The consent log under faults (issue 17), with the portal's own server on the release build:
// - killed with SIGKILL under load and restarted on the same SQLite file: every beacon it
//   answered 2xx is in the log;
// - PostgreSQL stopped and started under load: the server answers 503 meanwhile, recovers by
//   itself, and loses nothing it acknowledged.
// PostgreSQL is the test command's own cluster (scripts/setup.sh, start_postgres), named in
// PORTAL_TEST_POSTGRES_URL, stopped and started with PORTAL_TEST_POSTGRES_CTL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../browser/server.mjs';
import { ROOT } from '../browser/harness.mjs';
import { publishedRevision, sendBeacons, loggedIds, post, beacon } from './beacons.mjs';

const DIST = join(ROOT, 'dist');
const TOKEN = 'a-token-for-the-fault-tests-of-32-characters-or-more';
const REVISION = publishedRevision(DIST);

/** Resolves once `count` more beacons have been acknowledged by `load` (polled each tick). */
async function afterAcknowledged(result, count) {
  const target = result.acknowledged.length + count;
  while (result.acknowledged.length < target) await new Promise((tick) => setTimeout(tick, 1));
}

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
  // The loop's result object fills only at the end; count acknowledgements through the log lines.
  const acked = () => server.log.filter((line) => line.startsWith('POST /api/consent 204')).length;
  while (acked() < 500) await new Promise((tick) => setTimeout(tick, 5));
  server.process.kill('SIGKILL');
  const exit = await server.close();
  assert.equal(exit.signal, 'SIGKILL');
  server = await startServer({ root: DIST, data, env, port: Number(port) });
  while (server.log.filter((line) => line.startsWith('POST /api/consent 204')).length < 200) {
    await new Promise((tick) => setTimeout(tick, 5));
  }
  stop();
  await running;
  assert.ok(load.acknowledged.length >= 700, `acknowledged ${load.acknowledged.length}`);
  assert.deepEqual(await missing(server.url, load.acknowledged), [], 'acknowledged beacons lost');
  const exitAfter = await server.close();
  assert.equal(exitAfter.code, 0);
});

test('PostgreSQL stopped and started under load: 503 meanwhile, recovery by itself, nothing acknowledged lost', async () => {
  const databaseUrl = process.env.PORTAL_TEST_POSTGRES_URL;
  const ctl = process.env.PORTAL_TEST_POSTGRES_CTL;
  if (!databaseUrl || !ctl) {
    throw new Error('PORTAL_TEST_POSTGRES_URL and PORTAL_TEST_POSTGRES_CTL are not set: scripts/test.sh starts a PostgreSQL cluster and names them');
  }
  const server = await startServer({ root: DIST, env: { PORTAL_ADMIN_TOKEN: TOKEN, DATABASE_URL: databaseUrl } });
  const url = `${server.url}/api/consent`;
  let stop;
  const stopped = new Promise((done) => (stop = done));
  const running = sendBeacons({ url, revision: REVISION, concurrency: 16, until: stopped });
  const count = (status) => server.log.filter((line) => line.startsWith(`POST /api/consent ${status}`)).length;
  while (count(204) < 300) await new Promise((tick) => setTimeout(tick, 5));

  execFileSync(ctl, ['stop'], { stdio: 'ignore' });
  // While the database is down, the log says so.
  while (count(503) < 5) await new Promise((tick) => setTimeout(tick, 5));
  const direct = await post(url, beacon(REVISION).body);
  assert.equal(direct.status, 503, 'a beacon while PostgreSQL is down');
  const acknowledgedWhileDown = count(204);

  execFileSync(ctl, ['start'], { stdio: 'ignore' });
  // Recovered by itself: beacons are acknowledged again, without a restart.
  while (count(204) < acknowledgedWhileDown + 300) await new Promise((tick) => setTimeout(tick, 5));
  stop();
  const load = await running;
  assert.ok(load.statuses[503] > 0, JSON.stringify(load.statuses));
  assert.deepEqual(Object.keys(load.statuses).filter((s) => !['204', '503'].includes(s)), [], JSON.stringify(load.statuses));
  assert.deepEqual(await missing(server.url, load.acknowledged), [], 'acknowledged beacons lost');
  const exit = await server.close();
  assert.equal(exit.code, 0);
});

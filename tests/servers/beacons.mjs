// Beacons as the portal's pages send them (portal_core::consent::log::beacon_json), and a load
// generator that sends them to a consent log: the fault tests (consent-log.test.mjs) and the
// benchmark (scripts/bench-log.mjs) use it. Each beacon has a fresh record id, so every
// acknowledged one must be an entry of its own in the log.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The record's format version (record::RECORD_VERSION); a beacon of another is refused. */
export const RECORD_VERSION = 3;

/** A revision the build in `dist` publishes (consent/<16 hex>.json). */
export function publishedRevision(dist) {
  const revision = readdirSync(join(dist, 'consent')).find((name) => /^[0-9a-f]{16}\.json$/.test(name));
  if (!revision) throw new Error(`${dist}/consent has no revision: build the site first`);
  return revision.slice(0, 16);
}

/** A beacon of a new record: its id and the body the page would send. */
export function beacon(revision, { path = '/', lang = 'fi', analytics = true, marketing = false } = {}) {
  const id = randomBytes(16).toString('hex');
  // The record's canonical JSON: the key order of record::RECORD_KEYS, compact.
  const record = { version: RECORD_VERSION, id, time: Date.now(), choices: { analytics, marketing, refused_services: [] }, revision, lang, gpc: false };
  return { id, body: JSON.stringify({ path, record }) };
}

/** POSTs one body to `url` on `agent`; resolves to { status, ms } or { error, ms }. */
export function post(url, body, agent) {
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((done) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'content-length': Buffer.byteLength(body),
        // What a browser sends with a page's beacon.
        'sec-fetch-site': 'same-origin',
      },
    }, (response) => {
      response.resume();
      response.on('end', () => done({ status: response.statusCode, ms: ms() }));
      response.on('error', (error) => done({ error: error.code ?? String(error), ms: ms() }));
    });
    request.on('error', (error) => done({ error: error.code ?? String(error), ms: ms() }));
    request.end(body);
  });
}

/**
 * Sends beacons to `url` (`…/api/consent`, or a list: the connections take them in turn) from
 * `concurrency` keep-alive connections until
 * `stop()` resolves or returns true (checked before each beacon). Resolves to what happened:
 * { acknowledged: [ids answered 2xx], statuses: {status: count}, errors: {code: count},
 * latencies: [ms of the 2xx answers], seconds }.
 */
export async function sendBeacons({ url, revision, concurrency = 16, until }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const result = { acknowledged: [], statuses: {}, errors: {}, latencies: [], seconds: 0 };
  let stopped = false;
  Promise.resolve(until).then(() => (stopped = true));
  const started = process.hrtime.bigint();
  const urls = [url].flat();
  const worker = async (_, index) => {
    const target = urls[index % urls.length];
    while (!stopped) {
      const { id, body } = beacon(revision);
      const answer = await post(target, body, agent);
      if (answer.error) {
        result.errors[answer.error] = (result.errors[answer.error] ?? 0) + 1;
        // A refused connection (the server restarting): try again without spinning.
        await new Promise((later) => setTimeout(later, 5));
        continue;
      }
      result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
      if (answer.status >= 200 && answer.status < 300) {
        result.acknowledged.push(id);
        result.latencies.push(answer.ms);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return result;
}

/** Resolves once `condition()` holds (checked every 5 ms); throws naming `what` after `ms`. */
export async function until(condition, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((tick) => setTimeout(tick, 5));
  }
}

/** The `q` quantile (0..1) of `values`, in their unit. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The record ids in the log's CSV export of today (UTC) through the DPO's route. */
export async function loggedIds(base, token) {
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${base}/api/consent/export?from=${yesterday}&to=${today}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
  const lines = (await response.text()).trim().split('\n').slice(1);
  return new Set(lines.map((line) => line.split(',')[2]));
}

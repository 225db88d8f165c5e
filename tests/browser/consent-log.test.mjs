// The company's consent log (issue 17) in real Chromium: each choice made on the pages reaches
// the log (SQLite, and PostgreSQL: the test command starts a cluster and names it in
// PORTAL_TEST_POSTGRES_URL), where the DPO finds it by the id of the visitor's receipt; the page
// never waits for the log, and a log that fails changes nothing for the visitor.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, openPage, appReady, settled, assertClean, axeViolations, stubGoogle, GOOGLE, STORAGE_KEY } from './harness.mjs';
import { LANGS } from './languages.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [FI] = LANGS;
const TOKEN = 'a-test-token-for-the-dpo-of-at-least-32-characters';
const banner = (page) => page.getByRole('region', { name: FI.banner.title });
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

/** The DPO's view of one record id: the log's entries, oldest first. */
async function entries(env, id) {
  const response = await fetch(`${env.url}/api/consent/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).entries;
}

/** Waits until the log holds `count` entries of `id` (the beacon is sent after the click, without
 * the page waiting for it), and returns them. */
async function entriesOnceThere(env, id, count) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await entries(env, id);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((tick) => setImmediate(tick));
  }
}

async function openPageWithStub(env, path = '/') {
  const opened = await openPage(env, null);
  await stubGoogle(opened.context, '');
  await opened.page.goto(env.url + path);
  await appReady(opened.page);
  opened.watch.requests = opened.watch.requests.filter((url) => !GOOGLE.test(url));
  return opened;
}

for (const database of ['SQLite', 'PostgreSQL']) {
  describe(`the consent log on ${database}`, () => {
    let env;
    before(async () => {
      const serverEnv = { PORTAL_ADMIN_TOKEN: TOKEN };
      if (database === 'PostgreSQL') {
        const url = process.env.PORTAL_TEST_POSTGRES_URL;
        if (!url) throw new Error('PORTAL_TEST_POSTGRES_URL is not set: scripts/test.sh starts a PostgreSQL cluster and names it there');
        serverEnv.DATABASE_URL = url;
      }
      env = await setUp({ serverEnv });
      assert.ok(
        env.server.log.some((line) => line.startsWith(`consent log: ${database === 'SQLite' ? 'sqlite:' : 'postgres:'}`)),
        env.server.log.join('\n'),
      );
    });
    after(async () => {
      await env?.tearDown();
    });

    test('a choice and its withdrawal reach the log, where the DPO finds them by the receipt\'s id', async () => {
      const { page, context, watch } = await openPageWithStub(env, '/en/');
      const EN = LANGS.find((l) => l.code === 'en');
      const sent = page.waitForRequest((request) => request.url() === `${env.url}/api/consent`);
      await page.getByRole('region', { name: EN.banner.title }).getByRole('button', { name: EN.banner.accept }).click();
      const beacon = await sent;
      assert.equal(beacon.method(), 'POST');
      const body = JSON.parse(beacon.postData());
      assert.deepEqual(Object.keys(body), ['path', 'record'], 'the page sends its path and the record, nothing else');
      assert.equal(body.path, '/en/');
      const record = await stored(page);
      assert.equal(JSON.stringify(body.record), record, 'the record as stored');
      const { id, time, revision } = JSON.parse(record);

      const [entry] = await entriesOnceThere(env, id, 1);
      assert.ok(entry, `the log holds ${id}`);
      assert.deepEqual(entry.choices, { analytics: true, marketing: false, refused_services: [] });
      assert.equal(entry.path, '/en/');
      assert.equal(entry.lang, 'en');
      assert.equal(entry.time_utc, new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      assert.match(entry.texts, new RegExp(`/consent/${revision}\\.json$`));
      assert.deepEqual(entry.record, JSON.parse(record));
      // The texts it names are published beside the site.
      const texts = await fetch(`${env.url}/consent/${revision}.json`);
      assert.equal(texts.status, 200);

      // Withdrawn from the footer: a second entry of the same id, everything refused.
      await page.getByRole('contentinfo').getByRole('button', { name: EN.banner.settings }).click();
      const dialog = page.getByRole('dialog', { name: EN.banner.settings });
      await dialog.waitFor();
      await dialog.getByRole('switch', { name: 'Analytics' }).uncheck();
      await dialog.getByRole('button', { name: 'Save choices' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const both = await entriesOnceThere(env, id, 2);
      assert.equal(both.length, 2);
      assert.deepEqual(both[1].choices, { analytics: false, marketing: false, refused_services: [] });
      assert.equal(both[1].record.id, id, 'a change keeps the id');

      // The receipt of the withdrawal, downloaded from the settings, dropped on the DPO's page.
      await page.getByRole('contentinfo').getByRole('button', { name: EN.banner.settings }).click();
      await dialog.waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Download receipt (JSON)' }).click(),
      ]);
      // Kept beyond the page's context (whose downloads go with it).
      const receiptFile = join(mkdtempSync(join(tmpdir(), 'receipt-')), download.suggestedFilename());
      await download.saveAs(receiptFile);
      await assertClean(assert, env, watch);
      await context.close();

      const dpo = await env.browser.newContext({ httpCredentials: { username: 'dpo', password: TOKEN }, viewport: { width: 390, height: 844 } });
      await dpo.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const admin = await dpo.newPage();
      const answer = await admin.goto(`${env.url}/admin/en/`);
      assert.equal(answer.status(), 200);
      await admin.getByLabel('Receipt file (JSON)').setInputFiles(receiptFile);
      await admin.getByRole('button', { name: 'Check' }).click();
      await admin.getByRole('status').filter({ hasText: 'The log holds this choice, and it is the same as in the receipt.' }).waitFor();
      const rows = admin.getByRole('region', { name: "The visitor's choices in the log" }).getByRole('row');
      assert.equal(await rows.count(), 3, 'a heading row and the two choices');
      assert.match(await rows.nth(2).innerText(), /the receipt's choice/);
      assert.ok((await admin.getByRole('link', { name: both[1].revision }).first().getAttribute('href')).endsWith(`/consent/${both[1].revision}.json`));
      // The chart: today's row counts both choices, one of them a withdrawal.
      const today = new Date().toISOString().slice(0, 10);
      const day = admin.getByRole('region', { name: 'Per day (UTC)' }).getByRole('row').filter({ hasText: today });
      assert.match(await day.innerText(), /^\S+\s+2\s+1 \(50 %\)\s+1 \(50 %\)\s+1$/);
      assert.deepEqual(await axeViolations(admin), [], 'the DPO\'s page');
      assert.deepEqual(await admin.evaluate(() => window.__cspViolations), [], 'CSP violations on the DPO\'s page');
      await dpo.close();

      assert.ok(
        !env.server.log.some((line) => line.includes(id)),
        'the server\'s log lines never name a record id',
      );
    });
  });
}

describe('a log that fails', () => {
  let env;
  before(async () => {
    env = await setUp();
  });
  after(async () => {
    await env?.tearDown();
  });

  for (const how of ['answers 503', 'never answers']) {
    test(`a log that ${how} changes nothing for the visitor`, async () => {
      const { page, context } = await openPage(env, null);
      await stubGoogle(context, '');
      const held = [];
      let sent;
      const beaconSent = new Promise((done) => (sent = done));
      await context.route(`${env.url}/api/consent`, (route) => {
        held.push(route);
        sent();
        if (how === 'answers 503') return route.fulfill({ status: 503, body: 'down' });
        // Never answered: the route is kept, so the request stays open for the rest of the test.
      });
      await page.goto(env.url + '/');
      await settled(page);
      await banner(page).getByRole('button', { name: FI.banner.reject }).click();
      await banner(page).waitFor({ state: 'hidden' });
      assert.equal(await page.getByRole('status').innerText(), 'Valintasi on tallennettu.');
      await beaconSent;
      assert.equal(held.length, 1, 'the beacon was sent, once');
      assert.ok(await stored(page), 'the choice is stored');
      // The page goes on: a reload shows no banner, and another page opens.
      await page.reload();
      await settled(page);
      assert.equal(await page.locator('html').evaluate((html) => html.classList.contains('consent-ask')), false);
      await page.goto(env.url + '/sv/');
      await settled(page);
      assert.equal(await page.locator('html').evaluate((html) => html.classList.contains('consent-ask')), false);
      await context.close();
    });
  }
});

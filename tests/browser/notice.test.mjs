// The notice site in real Chromium: release build, deploy headers, 127.0.0.1 only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUp, openPage, appReady, rejectCookies, assertClean, axeViolations, fold, ROOT } from './harness.mjs';
import { parseHeadersFile } from '../../scripts/serve.mjs';
import { originalSentences } from './sentences.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const FI_TITLE = 'Asiakasrekisteri - tietosuojaseloste';
const EN_TITLE = 'Customer register - privacy notice';

test('the server sends the deploy headers, CSP without unsafe-inline or unsafe-eval', async () => {
  const response = await fetch(env.url + '/');
  const [rule] = parseHeadersFile(readFileSync(join(ROOT, 'deploy', '_headers'), 'utf8'));
  for (const [name, value] of Object.entries(rule.headers)) {
    assert.equal(response.headers.get(name), value, name);
  }
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'an inline <script> in the page');
});

test('with JavaScript on: the notice, the app, no foreign request, no error, no CSP violation', async () => {
  const { page, context, watch } = await openPage(env);
  await appReady(page);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: FI_TITLE }).waitFor());
  assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
  assert.equal(await page.locator('#notice').getByRole('heading', { level: 2 }).count(), 25);
  assert.ok(await page.getByRole('button', { name: 'In English' }).isVisible());
  assert.ok(await page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' }).isVisible());
  await assertClean(assert, env, watch);
  const state = await context.storageState();
  assert.deepEqual(state.cookies, [], 'cookies');
  assert.deepEqual(state.origins, [], 'storage written without a choice');
  await context.close();
});

test('with JavaScript off: the whole notice is readable and nothing is stored', async () => {
  const { page, context, watch } = await openPage(env, '/', { javaScriptEnabled: false });
  await page.getByRole('heading', { level: 1, name: FI_TITLE }).waitFor();
  assert.equal(await page.locator('#notice').getByRole('heading', { level: 2 }).count(), 25);
  assert.equal(await page.getByRole('button').count(), 0, 'no dead buttons without the app');
  // "Tee pyyntö" in the header and after each of the six rights sections leads to how to send a
  // request without the form.
  assert.equal(await page.getByRole('link', { name: 'Tee pyyntö' }).count(), 7);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  assert.equal(new URL(page.url()).hash, '#pyynto');
  const request = fold(await page.getByRole('region', { name: 'Tietosuojapyyntö' }).innerText());
  assert.match(request, /Mirette Leppä, sähköpostitse mirette\.leppa@safrent\.fi tai postitse Safrent Oy, Viilarinkatu 5, Turku/);
  const text = fold(await page.locator('body').innerText());
  const missing = originalSentences().filter((sentence) => !text.includes(sentence));
  assert.deepEqual(missing, [], 'sentences of the original missing with JavaScript off');
  const state = await context.storageState();
  assert.deepEqual(state.cookies, []);
  assert.deepEqual(state.origins, []);
  assert.deepEqual(watch.requests.filter((url) => !url.startsWith(env.url)), []);
  await context.close();
});

test('every sentence of the original notice is on the page', async () => {
  const sentences = originalSentences();
  assert.ok(sentences.length > 100, `only ${sentences.length} sentences read from the original`);
  const { page, context } = await openPage(env);
  await appReady(page);
  const text = fold(await page.locator('body').innerText());
  const missing = sentences.filter((sentence) => !text.includes(sentence));
  assert.deepEqual(missing, []);
  await context.close();
});

async function inViewport(page, locator) {
  const box = await locator.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  return box !== null && box.y >= -1 && box.y < height / 2;
}

test('deep links scroll to their sections, from the address and from the contents', async () => {
  const { page, context, watch } = await openPage(env, '/#evasteet');
  await appReady(page);
  const cookies = page.getByRole('heading', { level: 2, name: 'Evästeet', exact: true });
  assert.ok(await inViewport(page, cookies), 'Evästeet not scrolled into view');

  const contents = page.getByRole('navigation', { name: 'Sisällys' });
  await contents.getByRole('link', { name: 'Oikeus tehdä valitus valvontaviranomaiselle' }).click();
  await page.waitForFunction(() => location.hash === '#oikeus-tehda-valitus-valvontaviranomaiselle');
  const complaint = page.getByRole('heading', { level: 2, name: 'Oikeus tehdä valitus valvontaviranomaiselle' });
  await page.waitForFunction(
    () => Math.abs(document.getElementById('oikeus-tehda-valitus-valvontaviranomaiselle').getBoundingClientRect().top) < 40,
  );
  assert.ok(await inViewport(page, complaint));
  // The contents mark the section being read.
  await page.waitForFunction(
    () => document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href') === '#oikeus-tehda-valitus-valvontaviranomaiselle',
  );
  await assertClean(assert, env, watch);
  await context.close();
});

test('language switch to English and back, remembered on reload, lang attributes right', async () => {
  const { page, context, watch } = await openPage(env, '/#evasteet');
  await appReady(page);
  await page.getByRole('button', { name: 'In English' }).click();
  await page.getByRole('heading', { level: 1, name: EN_TITLE }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.title(), `${EN_TITLE} – Safrent Oy`);
  assert.ok(await page.getByText('This is a translation. The Finnish privacy notice prevails.').isVisible());
  assert.ok(await page.getByRole('navigation', { name: 'Contents' }).isVisible());
  assert.ok(await page.getByRole('contentinfo').getByRole('button', { name: 'Cookie settings' }).isVisible());
  const back = page.getByRole('button', { name: 'Suomeksi' });
  assert.equal(await back.getAttribute('lang'), 'fi', 'the Finnish name is marked as Finnish');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: EN_TITLE }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.ok(await inViewport(page, page.getByRole('heading', { level: 2, name: 'Cookies', exact: true })), 'deep link after reload in English');

  await page.getByRole('button', { name: 'Suomeksi' }).click();
  await page.getByRole('heading', { level: 1, name: FI_TITLE }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
  await page.reload();
  await appReady(page);
  assert.ok(await page.getByRole('heading', { level: 1, name: FI_TITLE }).isVisible());
  assert.ok(await page.getByRole('button', { name: 'In English' }).isVisible());
  const origins = (await context.storageState()).origins;
  assert.deepEqual(origins[0]?.localStorage, [{ name: 'safrent.lang', value: 'fi' }]);
  await assertClean(assert, env, watch);
  await context.close();
});

test('?lang=en opens the English notice without storing a choice', async () => {
  const { page, context, watch } = await openPage(env, '/?lang=en');
  await page.getByRole('heading', { level: 1, name: EN_TITLE }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual((await context.storageState()).origins, []);
  await assertClean(assert, env, watch);
  await context.close();
});

test('the language switch survives storage that throws', async () => {
  const { page, context, watch } = await openPage(env, null);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  await page.goto(env.url + '/');
  await appReady(page);
  await page.getByRole('button', { name: 'In English' }).click();
  await page.getByRole('heading', { level: 1, name: EN_TITLE }).waitFor();
  await assertClean(assert, env, watch);
  await context.close();
});

for (const [name, options, prepare] of [
  ['Finnish, light', {}, async () => {}],
  ['English, dark', { colorScheme: 'dark' }, async (page) => page.getByRole('button', { name: 'In English' }).click()],
  ['Finnish, 320 px wide', { viewport: { width: 320, height: 640 } }, async () => {}],
]) {
  test(`axe-core: no WCAG 2.2 A/AA violation (${name})`, async () => {
    const { page, context, watch } = await openPage(env, '/', options);
    await appReady(page);
    await prepare(page);
    assert.deepEqual(await axeViolations(page), []);
    await assertClean(assert, env, watch);
    await context.close();
  });
}

test('responsive: nothing scrolls sideways at 320 px, contents folded first', async () => {
  const { page, context } = await openPage(env, '/', { viewport: { width: 320, height: 640 } });
  await appReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'horizontal overflow in px');
  assert.equal(await page.locator('.toc__details').getAttribute('open'), null, 'contents folded on a small screen');
  assert.ok(await page.getByRole('heading', { level: 1, name: FI_TITLE }).isVisible());
  await context.close();
});

test('keyboard only: skip link first, then every link and button is reached', async () => {
  const { page, context, watch } = await openPage(env);
  await appReady(page);
  // Once the visitor has answered the banner (its own keyboard test is in consent.test.mjs).
  await rejectCookies(page);
  await page.reload();
  await appReady(page);
  // Elements by their markup, without the contents marker that moves while tabbing.
  const key = (html) => html.replace(/ aria-current="location"/, '');
  const targets = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], button')].filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML),
  ).then((list) => list.map(key));
  // Tab through the whole page once, from the top, until focus leaves the page.
  const reached = [];
  let offScreen = [];
  for (let i = 0; i < targets.length + 20; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      return { html: el.outerHTML, visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight };
    });
    if (!focused) break;
    if (!focused.visible) offScreen.push(focused.html);
    reached.push(key(focused.html));
  }
  assert.match(reached[0] ?? '', /Siirry sisältöön/, 'the first Tab reaches the skip link');
  assert.deepEqual(targets.filter((t) => !reached.includes(t)), [], 'never reached by Tab');
  assert.deepEqual(offScreen, [], 'focused while off screen');

  // The skip link jumps over the header and the contents to the notice.
  await page.reload();
  await appReady(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'notice');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#notice') !== null), true, 'next Tab stays in the notice');
  await assertClean(assert, env, watch);
  await context.close();
});

test('print: no navigation, links written out', async () => {
  const { page, context } = await openPage(env);
  await appReady(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.toc').isVisible(), false, 'contents printed');
  assert.equal(await page.locator('#language-switch').isVisible(), false, 'language switch printed');
  const after = await page.evaluate(
    () => getComputedStyle(document.querySelector('a[href="https://www.tietosuoja.fi"]'), '::after').content,
  );
  assert.match(after, /https:\/\/www\.tietosuoja\.fi/);
  await context.close();
});

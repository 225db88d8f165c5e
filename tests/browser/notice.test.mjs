// The notice site in real Chromium: release build, deploy headers, 127.0.0.1 only. One static page
// per language, final at its first paint.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  setUp, openPage, appReady, settled, rejectCookies, assertClean, axeViolations, fold, recordPaint, paintRecord, ROOT,
} from './harness.mjs';
import { parseHeadersFile } from './server.mjs';
import { originalSentences } from './sentences.mjs';
import { LANGS } from './languages.mjs';
import { CONTROLLER } from './site.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const [FI] = LANGS;

test('the server sends the deploy headers; each page carries the same policy and referrer policy as <meta>, and no inline code', async () => {
  const [rule] = parseHeadersFile(readFileSync(join(ROOT, 'deploy', '_headers'), 'utf8'));
  for (const lang of LANGS) {
    const response = await fetch(env.url + lang.path);
    assert.equal(response.status, 200, lang.path);
    for (const [name, value] of Object.entries(rule.headers)) {
      assert.equal(response.headers.get(name), value, `${lang.path} ${name}`);
    }
    const csp = response.headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    const html = await response.text();
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `an inline <script> in ${lang.path}`);
    assert.doesNotMatch(html, /<style[\s>]|\sstyle=|\son[a-z]+=/i, `inline style or handler in ${lang.path}`);
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1].replace(/&#39;/g, "'");
    assert.equal(meta, csp.replace(/; frame-ancestors 'none'/, ''), `${lang.path}: the <meta> policy is the header's`);
    // For hosts that send no headers, the page states the header's referrer policy itself.
    const referrer = html.match(/<meta name="referrer" content="([^"]+)">/)?.[1];
    assert.equal(referrer, response.headers.get('referrer-policy'), `${lang.path}: <meta name="referrer">`);
  }
});

test('with JavaScript on: the notice, the app, no foreign request, no error, nothing stored', async () => {
  const { page, context, watch } = await openPage(env);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: FI.title }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
  assert.equal(await page.locator('#notice').getByRole('heading', { level: 2 }).count(), 25);
  assert.ok(await page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' }).isVisible());
  await assertClean(assert, env, watch);
  const state = await context.storageState();
  assert.deepEqual(state.cookies, [], 'cookies');
  assert.deepEqual(state.origins, [], 'storage written without a choice');
  await context.close();
});

for (const lang of LANGS) {
  test(`${lang.code}: with JavaScript off, ${lang.path} is the whole notice in its language, nothing stored`, async () => {
    const { page, context, watch } = await openPage(env, lang.path, { javaScriptEnabled: false });
    await page.getByRole('heading', { level: 1, name: lang.title }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), lang.code);
    assert.equal(await page.title(), `${lang.title} – ${CONTROLLER.name}`);
    assert.equal(await page.locator('#notice').getByRole('heading', { level: 2 }).count(), 25);
    assert.equal(await page.getByRole('button').count(), 0, 'no dead buttons without JavaScript');
    assert.equal(await page.locator('#consent-banner').isVisible(), false, 'nothing to consent to without JavaScript');
    // "Tee pyyntö" in the header and after each of the six rights sections leads to how to send a
    // request without the form.
    assert.equal(await page.getByRole('link', { name: lang.makeRequest }).count(), 7);
    await page.getByRole('banner').getByRole('link', { name: lang.makeRequest }).click();
    assert.equal(new URL(page.url()).hash, '#pyynto');
    assert.match(fold(await page.getByRole('region', { name: lang.requestHeading }).innerText()), lang.requestIntro);
    if (lang.translation) assert.ok(await page.getByText(lang.translation).isVisible());
    if (lang.code === 'fi') {
      const text = fold(await page.locator('body').innerText());
      const missing = originalSentences().filter((sentence) => !text.includes(sentence));
      assert.deepEqual(missing, [], 'sentences of the original missing with JavaScript off');
    }
    const state = await context.storageState();
    assert.deepEqual(state.cookies, []);
    assert.deepEqual(state.origins, []);
    assert.deepEqual(watch.requests.filter((url) => !url.startsWith(env.origin)), []);
    await context.close();
  });
}

test('every page names every language with hreflang, x-default and itself as canonical', async () => {
  const { page, context } = await openPage(env, null, { javaScriptEnabled: false });
  for (const lang of LANGS) {
    await page.goto(env.url + lang.path);
    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
      links.map((l) => [l.hreflang, new URL(l.href).pathname]),
    );
    assert.deepEqual(
      alternates,
      [...LANGS.map((l) => [l.code, l.path]), ['x-default', '/']],
      `${lang.path}: hreflang links`,
    );
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    assert.equal(new URL(canonical).pathname, lang.path);
    assert.match(canonical, /^https:\/\//, 'absolute, as search engines require');
    // The switch names every language in its own name; the current one is not a link.
    const names = await page.getByRole('navigation', { name: lang.languages }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(names, LANGS.map((l) => l.name));
    for (const other of LANGS.filter((l) => l !== lang)) {
      const link = page.getByRole('navigation', { name: lang.languages }).getByRole('link', { name: other.name });
      assert.equal(await link.getAttribute('lang'), other.code);
      assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, other.path);
    }
  }
  // A folder address without its slash still finds the page.
  await page.goto(env.url + LANGS[1].path.replace(/\/$/, ''));
  await page.getByRole('heading', { level: 1, name: LANGS[1].title }).waitFor();
  await context.close();
});

test('the language switch keeps the section being read', async () => {
  const { page, context, watch } = await openPage(env, '/#evasteet');
  await settled(page);
  const en = LANGS.find((l) => l.code === 'en');
  const link = page.getByRole('navigation', { name: FI.languages }).getByRole('link', { name: en.name });
  await page.waitForFunction(() => document.querySelector('[data-lang-link="en"]').getAttribute('href').endsWith('#evasteet'));
  await link.click();
  await page.getByRole('heading', { level: 1, name: en.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/en/');
  assert.equal(new URL(page.url()).hash, '#evasteet');
  await appReady(page);
  const heading = await page.locator('#evasteet').boundingBox();
  assert.ok(heading.y >= -1 && heading.y < 200, `Cookies at y=${heading.y}`);
  // Following a contents link moves the switch to that section.
  await page.getByRole('navigation', { name: en.contents }).getByRole('link', { name: 'Right to lodge a complaint with a supervisory authority' }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-lang-link="fi"]').getAttribute('href').endsWith('#oikeus-tehda-valitus-valvontaviranomaiselle'),
  );
  // And the Finnish page opens there.
  await page.getByRole('navigation', { name: en.languages }).getByRole('link', { name: FI.name }).click();
  await page.getByRole('heading', { level: 1, name: FI.title }).waitFor();
  assert.equal(new URL(page.url()).hash, '#oikeus-tehda-valitus-valvontaviranomaiselle');
  await assertClean(assert, env, watch);
  await context.close();
});

test('deep links scroll to their sections, from the address and from the contents', async () => {
  const { page, context, watch } = await openPage(env, '/#evasteet');
  await appReady(page);
  const cookies = page.getByRole('heading', { level: 2, name: 'Evästeet', exact: true });
  const box = await cookies.boundingBox();
  assert.ok(box.y >= -1 && box.y < 422, `Evästeet at y=${box.y}`);
  const contents = page.getByRole('navigation', { name: 'Sisällys' });
  await contents.getByRole('link', { name: 'Oikeus tehdä valitus valvontaviranomaiselle' }).click();
  await page.waitForFunction(() => location.hash === '#oikeus-tehda-valitus-valvontaviranomaiselle');
  await page.waitForFunction(
    () => Math.abs(document.getElementById('oikeus-tehda-valitus-valvontaviranomaiselle').getBoundingClientRect().top) < 40,
  );
  // The contents mark the section being read.
  await page.waitForFunction(
    () => document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href') === '#oikeus-tehda-valitus-valvontaviranomaiselle',
  );
  await assertClean(assert, env, watch);
  await context.close();
});

for (const width of [320, 390, 1280]) {
  for (const visit of ['first visit', 'returning visitor']) {
    test(`nothing moves at ${width} px (${visit}): no layout shift, the contents ${width >= 960 ? 'open' : 'folded'} from the first paint`, async () => {
      const { page, context, watch } = await openPage(env, null, { viewport: { width, height: width >= 960 ? 800 : 844 } });
      if (visit === 'returning visitor') {
        await page.goto(env.url + '/');
        await rejectCookies(page);
      }
      await recordPaint(context);
      await page.goto(env.url + '/');
      await settled(page);
      const record = await paintRecord(page);
      assert.ok(record.cls <= 0.01, `CLS ${record.cls}, shifts: ${JSON.stringify(record.shifts)}`);
      const firstLink = page.getByRole('navigation', { name: 'Sisällys' }).getByRole('link').first();
      assert.equal(await firstLink.isVisible(), width >= 960, 'contents list');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${overflow} px scroll sideways`);
      await assertClean(assert, env, watch);
      await context.close();
    });
  }
}

test('the contents are folded or open by HTML and CSS alone (JavaScript off)', async () => {
  for (const [width, open] of [[390, false], [1280, true]]) {
    const { page, context } = await openPage(env, '/', { javaScriptEnabled: false, viewport: { width, height: 800 } });
    const link = page.getByRole('navigation', { name: 'Sisällys' }).getByRole('link', { name: 'Evästeet' });
    assert.equal(await link.isVisible(), open, `${width} px`);
    await context.close();
  }
});

for (const [name, lang, options] of [
  ['Finnish, light', LANGS[0], {}],
  ['English, dark', LANGS.find((l) => l.code === 'en'), { colorScheme: 'dark' }],
  ['Finnish, 320 px wide', LANGS[0], { viewport: { width: 320, height: 640 } }],
  ...LANGS.slice(1).map((l) => [`${l.code}, 390 px`, l, { viewport: { width: 390, height: 844 } }]),
]) {
  test(`axe-core: no WCAG 2.2 A/AA violation (${name})`, async () => {
    const { page, context, watch } = await openPage(env, lang.path, options);
    await appReady(page);
    assert.deepEqual(await axeViolations(page), []);
    await assertClean(assert, env, watch);
    await context.close();
  });
}

test('keyboard only: skip link first, then every link and button is reached', async () => {
  const { page, context, watch } = await openPage(env);
  await appReady(page);
  // Once the visitor has answered the banner (its own keyboard test is in consent.test.mjs).
  await rejectCookies(page);
  await page.reload();
  await settled(page);
  // Elements by their markup, without the markers that move while tabbing.
  const key = (html) => html.replace(/ aria-current="location"/, '').replace(/ href="([^"#]*)#[^"]*"/, ' href="$1"');
  const targets = await page
    .evaluate(() => [...document.querySelectorAll('a[href], button')].filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML))
    .then((list) => list.map(key));
  const reached = [];
  const offScreen = [];
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
  assert.equal(await page.locator('.lang-switch').isVisible(), false, 'language switch printed');
  assert.equal(await page.locator('#consent-banner').isVisible(), false, 'banner printed');
  const after = await page.evaluate(
    () => getComputedStyle(document.querySelector('a[href="https://www.tietosuoja.fi"]'), '::after').content,
  );
  assert.match(after, /https:\/\/www\.tietosuoja\.fi/);
  await context.close();
});

// The cookie banner and the Google tag gate in real Chromium. Google is never reached: every
// request to its hosts is intercepted; the tag request is answered by a stub that records the
// dataLayer it found and sets the cookies the real tag would.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, setUp, openPage, appReady, settled, assertClean, axeViolations, recordPaint, paintRecord,
  STORAGE_KEY, GOOGLE, stubGoogle,
} from './harness.mjs';
import { LANGS } from './languages.mjs';
import { MEASUREMENT_ID, CONTAINER_COOKIE, THROTTLE_COOKIE, CONTROLLER, RETENTION_MONTHS, CHOICE_MONTHS, SHARE_COOKIES } from './site.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const [FI] = LANGS;
const EN = LANGS.find((l) => l.code === 'en');
const ID = MEASUREMENT_ID;
const DAY = 24 * 3600 * 1000;

// What the stub tag does: snapshot the dataLayer (arguments objects as arrays), set GA4's cookies
// (and, like a visitor's old Universal Analytics ones, _gid) unless the tag is disabled.
const STUB_TAG = `
window.__stubTag = (window.__stubTag || 0) + 1;
window.__dataLayerAtLoad = (window.dataLayer || []).map((entry) => JSON.parse(JSON.stringify(Array.from(entry))));
if (!window['ga-disable-${ID}']) {
  document.cookie = '_ga=GA1.1.111.222; Path=/; Max-Age=63072000';
  document.cookie = '${CONTAINER_COOKIE}=GS1.1.222.1.0.222.0.0.0; Path=/; Max-Age=63072000';
  document.cookie = '_gid=GA1.1.333.444; Path=/; Max-Age=86400';
}
// A later hit (a page event): the real tag writes _ga again unless it is disabled or the last
// consent command denies analytics storage.
window.__stubHit = () => {
  const consent = window.dataLayer.filter((entry) => entry[0] === 'consent').at(-1);
  if (!window['ga-disable-${ID}'] && consent && consent[2].analytics_storage === 'granted') {
    document.cookie = '_ga=GA1.1.111.333; Path=/; Max-Age=63072000';
  }
};`;

/** Opens a page whose Google requests are answered by the stub; `google` lists them. */
async function openWithGoogleStub(path = '/', { initScript, contextOptions, paint, lazy = false, browser = env.browser } = {}) {
  const opened = await openPage({ ...env, browser }, null, contextOptions);
  const google = await stubGoogle(opened.context, STUB_TAG);
  if (initScript) await opened.context.addInitScript(initScript);
  if (paint) await recordPaint(opened.context);
  // A cookie of the site's own that withdrawal must leave alone.
  await opened.context.addCookies([{ name: 'theme', value: 'dark', url: env.url }]);
  await opened.page.goto(env.url + path);
  if (!lazy) await appReady(opened.page);
  // The Google requests are answered by the stub, so they are not "blocked" foreign requests.
  opened.watch.requests = opened.watch.requests.filter((url) => !GOOGLE.test(url));
  return { ...opened, google };
}

const banner = (page, lang = FI) => page.getByRole('region', { name: lang.banner.title });
const settings = (page, lang = FI) => page.getByRole('dialog', { name: lang.banner.settings });
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name).sort();
const stored = async (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
const store = (page, record) => page.evaluate(([key, r]) => localStorage.setItem(key, JSON.stringify(r)), [STORAGE_KEY, record]);

/** Reloads and waits for the app; `true` if the banner asks. */
async function reload(page) {
  await page.reload();
  await settled(page);
  return page.locator('html').evaluate((html) => html.classList.contains('consent-ask'));
}

test('first visit: the banner asks in the first paint, with three equal buttons, and nothing leaves 127.0.0.1', async () => {
  const { page, context, watch, google } = await openWithGoogleStub('/', { paint: true });
  const first = banner(page);
  const buttons = first.getByRole('button');
  assert.deepEqual(await buttons.allInnerTexts(), [FI.banner.accept, FI.banner.reject, FI.banner.settings]);
  const looks = await buttons.evaluateAll((all) =>
    all.map((b) => {
      const s = getComputedStyle(b);
      return [s.backgroundColor, s.color, s.fontWeight, s.fontSize, s.borderColor, b.offsetHeight, b.offsetWidth].join();
    }),
  );
  assert.equal(new Set(looks).size, 1, `buttons differ: ${looks.join(' | ')}`);
  const text = await first.innerText();
  for (const needed of [CONTROLLER.name, 'Google Analytics 4', 'IP-osoitettasi', `${CONTROLLER.fi.genitive} lukuun`, `${RETENTION_MONTHS} kuukautta`, `${CHOICE_MONTHS} kuukautta`, 'Yhdysvaltoihin', 'peruuttaa']) {
    assert.ok(text.includes(needed), `banner does not say "${needed}"`);
  }
  // Safrent offers analytics only: the first layer speaks of nothing else.
  for (const absent of ['markkinoin', 'Google-signaal', 'itsenäisenä rekisterinpitäjänä']) {
    assert.ok(!text.includes(absent), `banner says "${absent}" on a site without marketing`);
  }
  assert.equal(
    await first.getByRole('link', { name: 'Sivustolla käytettävät evästeet' }).getAttribute('href'),
    '#sivustolla-kaytettavat-evasteet',
  );
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'consent-banner', 'focus moved into the banner');
  // In view at the bottom without scrolling, and the notice stays readable above it.
  const box = await first.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(Math.abs(box.y + box.height - viewport.height) <= 1, `banner at y=${box.y}, h=${box.height}`);
  assert.ok(box.height <= 0.62 * viewport.height, `banner is ${box.height}px high`);
  assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
  // On a phone of today's height and on a laptop, in every language: at most half the screen,
  // with its three choices whole and in view.
  for (const lang of LANGS) {
    for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const { page: other, context: otherContext } = await openPage(env, lang.path, { viewport: size });
      const region = banner(other, lang);
      await region.waitFor();
      const area = await region.boundingBox();
      assert.ok(area.height <= size.height / 2, `${lang.code} ${size.width}×${size.height}: the banner is ${area.height}px high`);
      for (const button of await region.getByRole('button').all()) {
        const b = await button.boundingBox();
        assert.ok(b.y >= area.y && b.y + b.height <= size.height, `${lang.code}: a choice is cut off`);
      }
      await otherContext.close();
    }
  }
  // In the frame that made the first contentful paint, and in every frame after it.
  const record = await paintRecord(page);
  assert.equal(record.fcpFrame?.banner, true, 'reject button visible in the first contentful paint');
  assert.ok(record.frames.filter((f) => f.time >= record.fcpFrame.time).every((f) => f.banner), 'the banner never hid');
  assert.ok(record.cls <= 0.01, `CLS ${record.cls}, shifts: ${JSON.stringify(record.shifts)}`);
  assert.deepEqual(google, [], 'requests to Google before consent');
  assert.deepEqual(await page.evaluate(() => window.dataLayer), [], 'nothing told to Google before consent');
  assert.equal(await page.locator('script[src*="googletagmanager"]').count(), 0);
  assert.deepEqual(await cookieNames(context), ['theme']);
  assert.deepEqual((await context.storageState()).origins, []);
  await assertClean(assert, env, watch);
  await context.close();
});

for (const lang of LANGS) {
  for (const width of [320, 390]) {
    test(`${lang.code} at ${width} px: every banner label is whole, the buttons equal and in view`, async () => {
      const { page, context } = await openWithGoogleStub(lang.path, { contextOptions: { viewport: { width, height: 640 } } });
      const buttons = banner(page, lang).getByRole('button');
      assert.deepEqual(await buttons.allInnerTexts(), [lang.banner.accept, lang.banner.reject, lang.banner.settings]);
      const boxes = await buttons.evaluateAll((all) =>
        all.map((b) => ({ clipped: b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight, w: b.offsetWidth, h: b.offsetHeight, bottom: b.getBoundingClientRect().bottom })),
      );
      for (const box of boxes) {
        assert.equal(box.clipped, false, 'a label is clipped');
        assert.ok(box.bottom <= 640, 'a button is below the viewport');
      }
      assert.equal(new Set(boxes.map((b) => `${b.w}x${b.h}`)).size, 1, JSON.stringify(boxes));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${overflow} px scroll sideways`);
      await context.close();
    });
  }
}

test('the cookie section has its own table heading, which the banner links to; only GA4 cookies are listed (Google signals off)', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('link', { name: 'Sivustolla käytettävät evästeet' }).click();
  const heading = page.getByRole('heading', { level: 3, name: 'Sivustolla käytettävät evästeet' });
  await page.waitForFunction(() => location.hash === '#sivustolla-kaytettavat-evasteet');
  assert.ok(await heading.isVisible());
  assert.equal(await page.locator('section[data-section="evasteet"] #sivustolla-kaytettavat-evasteet').count(), 1, 'inside the cookie section');
  const table = page.getByRole('region', { name: 'Sivustolla käytettävät evästeet' }).getByRole('table');
  const names = await table.locator('code').allInnerTexts();
  assert.deepEqual(names, [STORAGE_KEY, '_ga', CONTAINER_COOKIE]);
  await context.close();
});

test('reject all: nothing loads, the choice is stored for 12 months, the banner stays away after reload', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await banner(page).waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('status').innerText(), 'Valintasi on tallennettu.');
  const record = await stored(page);
  assert.deepEqual(Object.keys(record), ['version', 'id', 'time', 'choices', 'revision', 'lang', 'gpc']);
  assert.deepEqual(record.choices, { analytics: false, marketing: false, refused_services: [] });
  assert.equal(record.version, 3);
  assert.equal(record.lang, 'fi');
  assert.match(record.id, /^[0-9a-f]{32}$/);
  const revisions = await page.locator('meta[name="consent-revisions"]').getAttribute('content');
  assert.ok(revisions.split(' ').includes(`fi:${record.revision}`), `${record.revision} in ${revisions}`);
  assert.equal(await reload(page), false, 'banner after reload');
  assert.deepEqual(google, []);
  assert.deepEqual(await cookieNames(context), ['theme']);
  await assertClean(assert, env, watch);
  await context.close();
});

test('the published revision is the exact banner the visitor saw, named by its digest', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  const { revision } = await stored(page);
  const response = await fetch(`${env.url}/consent/${revision}.json`);
  assert.equal(response.status, 200);
  const body = Buffer.from(await response.arrayBuffer());
  assert.ok(createHash('sha256').update(body).digest('hex').startsWith(revision));
  const published = JSON.parse(body.toString('utf8'));
  assert.equal(published.lang, 'fi');
  assert.deepEqual(published.services.map((s) => s.measurement_id), [ID]);
  const shown = await page.locator('#consent-root').evaluate((root) => root.outerHTML);
  const normalise = (html) => html.replace(/\s(hidden|open|disabled)(="")?/g, '').replace(/<dd([^>]*)>[^<]*<\/dd>/g, '<dd$1></dd>').replace(/<code([^>]*)>[^<]*<\/code>/g, '<code$1></code>').replace(/(role="status"[^>]*>)[^<]*/, '$1').replace(/\saria-describedby="[^"]*"/g, '')
    // The DOM writes a no-break space as an entity; the published markup has the character.
    .replace(/&nbsp;/g, '\u00a0');
  assert.equal(normalise(shown), normalise(published.markup));
  await context.close();
});

test('accept all: consent default before the tag and before config, then the tag with the ID', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual(google, [`https://www.googletagmanager.com/gtag/js?id=${ID}`]);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  const commands = layer.map((entry) => (entry[0] === 'js' ? 'js' : `${entry[0]} ${entry[1]}`));
  assert.deepEqual(commands, ['consent default', 'js', 'consent update', `config ${ID}`]);
  assert.deepEqual(layer[0][2], { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  // Analytics only: the ad types stay denied and Google signals off (Safrent offers no marketing).
  assert.deepEqual(layer[2][2], ACCEPTED);
  // Google's cookies on this host only, unless the site folder shares them with the parent domain.
  assert.deepEqual(layer[3][2], { allow_google_signals: false, allow_ad_personalization_signals: false, cookie_domain: SHARE_COOKIES ? 'auto' : 'none' });
  assert.deepEqual(await cookieNames(context), ['_ga', CONTAINER_COOKIE, '_gid', 'theme'].sort());
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
  await assertClean(assert, env, watch);
  await context.close();
});

test('the settings view asks about analytics only: one switch, off by default, no marketing and no note about it', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.settings }).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const switches = await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => [i.labels[0].textContent.trim(), i.checked, i.disabled]));
  assert.deepEqual(switches, [['Analytiikka', false, false]], 'one switch, off by default');
  assert.ok(await dialog.getByText('Aina käytössä', { exact: true }).isVisible(), 'necessary shown as always on');
  assert.equal(await page.getByText('Markkinointi', { exact: true }).count(), 0, 'marketing named on a site without it');
  assert.equal(await page.getByText('joten markkinointi on pois käytöstä', { exact: false }).count(), 0, 'a note about marketing on a site without it');
  await dialog.getByRole('switch', { name: 'Analytiikka' }).check();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__stubTag === 1);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(layer[2][2], ACCEPTED);
  assert.deepEqual(layer[3][2], { allow_google_signals: false, allow_ad_personalization_signals: false, cookie_domain: SHARE_COOKIES ? 'auto' : 'none' });
  assert.equal(google.length, 1);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
  await assertClean(assert, env, watch);
  await context.close();
});

test('withdraw from the footer: cookies deleted and stay gone, the message tells the truth, no tag again', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(google.length, 2, 'the tag loads on every page view with consent');

  const footerButton = page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' });
  await footerButton.click();
  const dialog = settings(page);
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('switch', { name: 'Analytiikka' }).isChecked(), true, 'shows the choice in force');
  await dialog.getByRole('switch', { name: 'Analytiikka' }).uncheck();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const status = await page.getByRole('status').innerText();
  assert.match(status, /^Suostumus on peruutettu, ja peruutettujen käyttötarkoitusten evästeet on poistettu tästä selaimesta\. Ennen peruutusta kerätyt tiedot säilyvät Googlella/);
  assert.doesNotMatch(status, /IDE/, 'a cookie the site no longer sets named');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Evästeasetukset', 'focus back on the footer button');
  assert.deepEqual(await cookieNames(context), ['theme'], 'GA cookies (and the old _gid) deleted, the site cookie kept');
  assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], ID), true);
  const layer = await page.evaluate(() => window.dataLayer.map((e) => JSON.parse(JSON.stringify(Array.from(e)))));
  assert.deepEqual(layer.at(-1), ['consent', 'update', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }]);

  assert.equal(await reload(page), false);
  assert.equal(google.length, 2, 'tag requested again after withdrawal');
  assert.deepEqual(await cookieNames(context), ['theme']);
  await assertClean(assert, env, watch);
  await context.close();
});

test('GA cookies (and a left-over _gcl_au of Google\'s ads) from an unreadable choice are deleted on load', async () => {
  const { page, context, google } = await openWithGoogleStub('/', {
    initScript: { content: `if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        document.cookie = '_ga=GA1.1.9.9; Path=/; Max-Age=600';
        // Google's ads cookie from a visit when the site still offered marketing: it goes too.
        document.cookie = '_gcl_au=1.1.9.9; Path=/; Max-Age=600';
        document.cookie = '${THROTTLE_COOKIE}=1; Path=/; Max-Age=600';
        localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, '{"version":3,"id":"x"');
      }` },
  });
  await banner(page).waitFor();
  assert.deepEqual(await cookieNames(context), ['theme']);
  assert.deepEqual(google, []);
  await context.close();
});

/** `{"x":[[[…]]],"version":…}`, `depth` brackets deep: what any page of the origin can store. */
const nested = (depth, version) => `{"x":${'['.repeat(depth)}${']'.repeat(depth)},"version":${version}}`;
const WELL_FORMED = (time) => ({ version: 3, id: 'ab'.repeat(16), time, choices: { analytics: false, marketing: false, refused_services: [] }, revision: '0123456789abcdef', lang: 'fi', gpc: false });
for (const [name, value, reason] of [
  ['corrupted JSON', '{not json', 'unreadable'],
  ['an older format version', JSON.stringify({ version: 1, id: 'a', time: 0, choices: { analytics: true } }), 'other-version'],
  ['the format before services had switches', JSON.stringify({ ...WELL_FORMED(0), version: 2, choices: { analytics: false, marketing: false } }), 'other-version'],
  ['a refused service the site does not have', JSON.stringify({ ...WELL_FORMED(0), choices: { analytics: true, marketing: false, refused_services: ['no-such-service'] } }), 'unreadable'],
  ['wrong field types', JSON.stringify({ ...WELL_FORMED(0), time: 'today' }), 'unreadable'],
  ['an extra field', JSON.stringify({ ...WELL_FORMED(0), extra: 1 }), 'unreadable'],
  ['a non-ASCII id', JSON.stringify({ ...WELL_FORMED(0), id: 'ä'.repeat(32) }), 'unreadable'],
  ['a revision that is not 16 hex digits', JSON.stringify({ ...WELL_FORMED(0), revision: 'x' }), 'unreadable'],
  ['a negative time', JSON.stringify({ ...WELL_FORMED(-1) }), 'unreadable'],
  ['another revision', 'REVISION', 'changed'],
  // Longer than a record can be: not parsed at all, so not even its version is read.
  ['an older version nested 11,000 deep', nested(11_000, 1), 'unreadable'],
  ['an older version padded past a record\'s length', `{"version":1${' '.repeat(300)}}`, 'unreadable'],
]) {
  test(`stored record with ${name}: the banner is in the first paint, says why, nothing loads, no error`, async () => {
    const seed = `localStorage.getItem(${JSON.stringify(STORAGE_KEY)}) === null && localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, ${
      value === 'REVISION' ? `JSON.stringify(${JSON.stringify(WELL_FORMED(Date.now()))})` : JSON.stringify(value)
    });`;
    const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: { content: seed }, paint: true });
    await settled(page);
    const record = await paintRecord(page);
    assert.equal(record.fcpFrame?.banner, true, 'banner in the first contentful paint');
    assert.ok(record.frames.filter((f) => f.time >= record.fcpFrame.time).every((f) => f.banner), 'the banner never hid');
    assert.equal(await page.locator('html').getAttribute('data-consent-ask'), reason);
    if (reason === 'changed') assert.ok(await banner(page).getByText('Evästeitä koskevat tiedot ovat muuttuneet').isVisible());
    assert.ok(record.cls <= 0.01, `CLS ${record.cls}, shifts: ${JSON.stringify(record.shifts)}`);
    assert.deepEqual(google, []);
    await assertClean(assert, env, watch);
    await context.close();
  });
}

test('nothing is measured while a request is written: the tag stops when the form opens, and a page opened at the form loads none', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], ID), false);
  // Opening the form from the header: Google's tag is disabled for the rest of the page view.
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], ID), true, 'the tag still measures while the form is open');
  // A page opened at the form: no tag at all in that page view, with consent given.
  await page.goto('about:blank');
  // No key pressed: the page opened at the form loads the app by itself.
  await page.goto(env.url + '/#pyynto');
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  assert.equal(google.length, 1, 'Google\'s tag was loaded on a page opened at the form');
  assert.equal(await page.locator('script[src*="googletagmanager"]').count(), 0);
  assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], ID), true);
  // The next page view without the form measures again, as the choice allows.
  await page.goto('about:blank');
  await page.goto(env.url + '/');
  await appReady(page);
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(google.length, 2);
  await assertClean(assert, env, watch);
  await context.close();
});

test('a choice holds 12 months, refusal and consent alike: still after 11, asked after 12', async () => {
  const { page, context, watch } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  const refusal = await stored(page);
  const monthsAgo = (months) => {
    const d = new Date(Date.now());
    d.setUTCMonth(d.getUTCMonth() - months);
    return d.getTime();
  };
  await store(page, { ...refusal, time: monthsAgo(11) });
  assert.equal(await reload(page), false, 'an 11-month-old refusal holds');
  await store(page, { ...refusal, time: monthsAgo(12) - 60_000 });
  assert.equal(await reload(page), true, 'a 12-month-old refusal asks again');
  assert.equal(await page.locator('html').getAttribute('data-consent-ask'), 'expired');
  assert.ok(await banner(page).getByText('Edellinen valintasi on vanhentunut. Valitse uudelleen.').isVisible());
  // An expired record is deleted, so the storage keeps no choice longer than the table says.
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null, 'the expired record is still stored');
  await store(page, { ...refusal, choices: { analytics: true, marketing: false, refused_services: [] }, time: monthsAgo(11) });
  assert.equal(await reload(page), false, 'an 11-month-old consent holds');
  await store(page, { ...refusal, choices: { analytics: true, marketing: false, refused_services: [] }, time: monthsAgo(12) - 60_000 });
  assert.equal(await reload(page), true, 'a 12-month-old consent asks again');
  await assertClean(assert, env, watch);
  await context.close();
});

test('storage that throws: the banner asks and says the choice holds for this page view only', async () => {
  const throwing = {
    content: `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });`,
  };
  // No key pressed: with storage blocked the head script cannot answer a choice, and loads the app
  // by itself.
  const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: throwing, lazy: true });
  await banner(page).waitFor();
  assert.ok(await banner(page).getByText('Valintaasi ei voitu tallentaa tähän selaimeen').isVisible());
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(await page.getByRole('status').innerText(), 'Valintaasi ei voitu tallentaa tähän selaimeen, joten se on voimassa vain tämän sivunäytön ajan.');
  assert.equal(await reload(page), true);
  assert.equal(google.length, 1, 'no tag on the next page view without a stored choice');
  assert.deepEqual(await cookieNames(context), ['theme']);
  await assertClean(assert, env, watch);
  await context.close();
});

test('a browser that refuses random numbers: no record with a made-up id, the choice holds for the page view', async () => {
  const noRandom = { content: `Crypto.prototype.getRandomValues = function () { throw new DOMException('no', 'NotSupportedError'); };` };
  const { page, context, watch } = await openWithGoogleStub('/', { initScript: noRandom });
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await banner(page).waitFor({ state: 'hidden' });
  assert.match(await page.getByRole('status').innerText(), /voimassa vain tämän sivunäytön ajan/);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null, 'nothing stored');
  await assertClean(assert, env, watch);
  await context.close();
});

test('Global Privacy Control on a site without marketing: nothing to refuse, no note, analytics as the visitor chooses, the record says GPC was sent', async () => {
  const gpc = { content: `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });` };
  const { page, context, watch } = await openWithGoogleStub('/', { initScript: gpc });
  await banner(page).waitFor();
  assert.equal(await page.getByText('joten markkinointi on pois käytöstä', { exact: false }).count(), 0, 'a note about marketing on a site without it');
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(layer[2][2], ACCEPTED);
  const record = await stored(page);
  assert.deepEqual(record.choices, { analytics: true, marketing: false, refused_services: [] });
  assert.equal(record.gpc, true);
  await assertClean(assert, env, watch);
  await context.close();
});
for (const lang of LANGS.slice(1)) {
  test(`${lang.code}: the banner in its language; a choice made there holds on every page`, async () => {
    const { page, context, watch } = await openWithGoogleStub(lang.path);
    const own = banner(page, lang);
    await own.waitFor();
    assert.deepEqual(await own.getByRole('button').allInnerTexts(), [lang.banner.accept, lang.banner.reject, lang.banner.settings]);
    await own.getByRole('button', { name: lang.banner.settings }).click();
    const dialog = settings(page, lang);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: lang.banner.reject }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await stored(page)).lang, lang.code);
    for (const other of LANGS) {
      await page.goto(env.url + other.path);
      await settled(page);
      assert.equal(await page.locator('html').evaluate((h) => h.classList.contains('consent-ask')), false, `asked again on ${other.path}`);
    }
    await assertClean(assert, env, watch);
    await context.close();
  });
}

test('the receipt: the stored choice is shown and downloads as JSON naming the published texts', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' }).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const record = await stored(page);
  assert.ok(await dialog.getByText(record.id).isVisible(), 'id shown');
  const facts = await dialog.locator('.stored-choice__facts').innerText();
  assert.match(facts, /Analytiikka\s+ei sallittu/);
  assert.doesNotMatch(facts, /Markkinointi/, 'the receipt names a purpose the site does not ask about');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click()]);
  assert.match(download.suggestedFilename(), /^consent-receipt-[0-9a-f]{8}\.json$/);
  const receipt = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(receipt.record, record);
  assert.equal(receipt.site, env.url + '/');
  assert.equal(receipt.texts, `${env.url}/consent/${record.revision}.json`);
  assert.equal((await fetch(receipt.texts)).status, 200, 'the receipt names texts that are published');
  await context.close();
});

for (const lang of LANGS) {
  for (const width of [390, 1280]) {
    test(`axe-core (${lang.code}, ${width} px): first layer and settings view, cookie lists open, have no WCAG 2.2 A/AA violation`, async () => {
      const { page, context } = await openWithGoogleStub(lang.path, { contextOptions: { viewport: { width, height: 800 } } });
      await banner(page, lang).waitFor();
      assert.deepEqual(await axeViolations(page), [], 'first layer');
      await banner(page, lang).getByRole('button', { name: lang.banner.settings }).click();
      await settings(page, lang).waitFor();
      await settings(page, lang).locator('details').evaluateAll((all) => all.forEach((d) => (d.open = true)));
      assert.deepEqual(await axeViolations(page), [], 'settings view');
      await context.close();
    });
  }
}

test('keyboard only: both layers, Escape closes the settings and focus returns', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).waitFor();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (el?.tagName === 'SECTION') return el.id;
      if (el?.tagName === 'DIV') return el.className;
      return el?.textContent?.trim();
    });
  assert.equal(await focused(), 'consent-banner', 'focus starts in the banner');
  // The text first: it scrolls by keyboard when it is longer than the banner.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'consent__body');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Sivustolla käytettävät evästeet');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), FI.banner.accept);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), FI.banner.reject);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), FI.banner.settings);
  await page.keyboard.press('Enter');
  await settings(page).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog')?.id), 'consent-settings', 'focus in the dialog');
  await page.keyboard.press('Escape');
  await settings(page).waitFor({ state: 'hidden' });
  assert.equal(await focused(), FI.banner.settings, 'focus back where it was');
  assert.ok(await banner(page).isVisible(), 'the first layer still asks');

  // Open again, switch analytics on with the keyboard alone, save.
  await page.keyboard.press('Enter');
  await settings(page).waitFor();
  for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'consent-analytics'; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'consent-analytics');
  await page.keyboard.press('Space');
  assert.equal(await settings(page).getByRole('switch', { name: 'Analytiikka' }).isChecked(), true);
  for (let i = 0; i < 40 && (await focused()) !== 'Tallenna valinnat'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await settings(page).waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
  assert.equal(google.length, 1);
  await assertClean(assert, env, watch);
  await context.close();
});

test("the settings open again when asked right after Escape, before the dialog's close event", async () => {
  const { page, context, watch } = await openWithGoogleStub();
  await appReady(page);
  await banner(page).getByRole('button', { name: FI.banner.settings }).click();
  await settings(page).waitFor();
  // Escape closes the dialog at once and queues its close event; a press in the same task opens it
  // again. The test's listener, added after the app's, resolves once the app has handled the event.
  await page.evaluate(() => new Promise((resolve) => {
    const dialog = document.getElementById('consent-settings');
    dialog.addEventListener('close', () => resolve(), { once: true });
    dialog.close();
    document.querySelector('#consent-banner [data-action="settings"]').click();
  }));
  assert.equal(await settings(page).isVisible(), true, 'the settings are open');
  await page.keyboard.press('Escape');
  await settings(page).waitFor({ state: 'hidden' });
  assert.ok(await banner(page).isVisible(), 'the first layer still asks');
  await assertClean(assert, env, watch);
  await context.close();
});

/**
 * Counts, from before any script of the page runs, each call of the head script's module loader
 * (`__portalLoadModule`, vocabulary::LOAD_MODULE: the app, then the form): `window.__appLoads`.
 */
const countLoads = {
  content: `(() => {
    let load;
    window.__appLoads = 0;
    Object.defineProperty(window, '__portalLoadModule', {
      configurable: true,
      get: () => load,
      set: (f) => { load = (...args) => { window.__appLoads++; return f(...args); }; },
    });
  })();`,
};
/** Resolves once the browser has been idle after the page's load (when the head script decides). */
const idle = (page) => page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestAnimationFrame(() => done()), { timeout: 2000 })));
const loads = (page) => page.evaluate(() => window.__appLoads);

test('the app only when it is needed: a phone\'s first visit refuses at once without it, a returning refusal reads without it, the footer\'s settings open without it, the receipt loads it', async () => {
  const { page, context, watch } = await openPage(env, null, { viewport: { width: 390, height: 844 } });
  await context.addInitScript(countLoads);
  await page.goto(env.url + '/');
  await banner(page).waitFor();
  await idle(page);
  assert.equal(await loads(page), 0, 'nothing fetched the app on a first visit');
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await banner(page).waitFor({ state: 'hidden' });
  await page.getByRole('status').filter({ hasText: /^Valintasi on tallennettu\.$/ }).waitFor();
  const record = await stored(page);
  assert.deepEqual(record.choices, { analytics: false, marketing: false, refused_services: [] }, 'stored at once, by the head script');
  await idle(page);
  assert.equal(await loads(page), 0, 'a refusal needs no app');

  // Returning: the refusal holds, read before the first paint; reading the notice on a phone
  // (scrolling) fetches nothing.
  await page.reload();
  await idle(page);
  assert.equal(await banner(page).isVisible(), false);
  await page.mouse.wheel(0, 2000);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await idle(page);
  assert.equal(await loads(page), 0, 'no app for a reader on a phone');
  assert.equal(watch.requests.filter((url) => url.endsWith('.wasm')).length, 0, 'no WebAssembly fetched');

  // The footer's settings: the head script opens them at once, with the stored record's facts
  // written as the app writes them.
  await footerSettings(page).click();
  const dialog = settings(page);
  await dialog.waitFor();
  assert.ok(await dialog.getByText(record.id).isVisible(), 'the settings show the record the head script stored');
  assert.equal(await dialog.getByRole('switch', { name: 'Analytiikka' }).isChecked(), false);
  const facts = () => dialog.locator('[data-consent-fact]').evaluateAll((elements) => elements.map((e) => `${e.dataset.consentFact}=${e.textContent}`));
  const written = await facts();
  assert.ok(written.some((f) => /^saved=.*2\d{3}/.test(f)), `the time it was saved: ${written}`);
  assert.equal(await loads(page), 0, 'no app for the settings');
  // The receipt needs the app: the press loads it, the download comes, the facts stay as they were.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click()]);
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')).record, record);
  assert.equal(await loads(page), 1);
  assert.deepEqual(await facts(), written, 'the app wrote the same facts');
  assert.equal(await dialog.isVisible(), true, 'the settings stay open when the app arrives');
  await dialog.getByRole('button', { name: 'Sulje' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), FI.banner.settings, 'focus back on the footer button');
  await assertClean(assert, env, watch);
  await context.close();
});

test('the app only when it is needed: an acceptance before the app is stored at once and loads it, which starts the tag and keeps the message; a returning consent loads it by itself', async () => {
  const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: countLoads, lazy: true });
  await idle(page);
  assert.equal(await loads(page), 0);
  // The app held back: the key starts its fetch, the press comes while it is on its way.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => window.__appLoads === 1);
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  const before = await page.evaluate((key) => ({ ready: window.__portalReady === true, text: localStorage.getItem(key) }), STORAGE_KEY);
  assert.equal(before.ready, false, 'the app is held back (so what is stored came from the head script)');
  const record = JSON.parse(before.text);
  assert.deepEqual(record.choices, { analytics: true, marketing: false, refused_services: [] }, 'stored at once');
  await page.getByRole('status').filter({ hasText: /^Valintasi on tallennettu\.$/ }).waitFor();
  // From here the live region must not change: the app keeps the head script's message.
  await page.evaluate(() => {
    window.__statusChanges = 0;
    new MutationObserver((records) => (window.__statusChanges += records.length)).observe(document.getElementById('consent-status'), { childList: true, characterData: true, subtree: true });
  });
  release();
  await page.waitForFunction(() => window.__stubTag === 1);
  await page.waitForFunction(() => window.__portalReady === true);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await page.evaluate(() => window.__statusChanges), 0, 'the message was written again');
  assert.deepEqual(await stored(page), record, 'the app kept the record the head script stored');
  assert.equal(await banner(page).isVisible(), false);
  assert.equal(watch.requests.filter((url) => url === `${env.url}/api/consent`).length, 1, 'one beacon for one choice');
  assert.equal(await loads(page), 1);
  await page.reload();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(google.length, 2, 'the tag in both page views with consent');
  await context.close();
});

test('the app only when it is needed: the receipt pressed while the app loads, then a choice: the choice wins, no receipt comes after it', async () => {
  const { page, context } = await openPage(env, null);
  // Every file the page makes for download goes through a blob URL: count them in the page.
  await context.addInitScript({ content: `(() => { const make = URL.createObjectURL; window.__blobs = 0; URL.createObjectURL = function (blob) { window.__blobs++; return make.call(URL, blob); }; })();` });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.url + '/');
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await footerSettings(page).click();
  const dialog = settings(page);
  await dialog.waitFor();
  let downloads = 0;
  page.on('download', () => downloads++);
  await dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click();
  await dialog.getByRole('button', { name: FI.banner.accept }).click();
  await dialog.waitFor({ state: 'hidden' });
  release();
  await page.waitForFunction(() => window.__portalReady === true);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await page.evaluate(() => window.__blobs), 0, 'the receipt pressed before the choice was replayed after it');
  assert.equal(downloads, 0);
  assert.equal(await dialog.isVisible(), false);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
  await context.close();
});

test('the app only when it is needed: by keyboard while the app is on its way, the banner has the focus and Enter on "reject all" is answered at once', async () => {
  const { page, context, watch } = await openPage(env, null);
  await context.route(/\.wasm$/, () => {});
  await page.goto(env.url + '/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'consent-banner', 'the head script gave the banner the focus');
  const reject = banner(page).getByRole('button', { name: FI.banner.reject });
  for (let i = 0; i < 10 && !(await reject.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await reject.evaluate((b) => b === document.activeElement), 'Tab reaches "reject all"');
  await page.keyboard.press('Enter');
  await banner(page).waitFor({ state: 'hidden' });
  assert.notEqual(await page.evaluate(() => window.__portalReady), true, 'the app is still held back');
  assert.deepEqual((await stored(page)).choices, { analytics: false, marketing: false, refused_services: [] });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'notice', 'focus on the notice');
  await page.getByRole('status').filter({ hasText: /^Valintasi on tallennettu\.$/ }).waitFor();
  // The settings by keyboard, still without the app; Escape closes them.
  const footer = footerSettings(page);
  await footer.focus();
  await page.keyboard.press('Enter');
  await settings(page).waitFor();
  await page.keyboard.press('Escape');
  await settings(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), FI.banner.settings, 'focus back on the footer button');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('the app only when it is needed: on a wide screen the contents are open without it and the first scroll loads it to mark the section read', async () => {
  const { page, context, watch } = await openPage(env, null, { viewport: { width: 1280, height: 800 } });
  await context.addInitScript(countLoads);
  await page.goto(env.url + '/');
  await idle(page);
  assert.equal(await loads(page), 0);
  const contents = page.locator('details.toc__details');
  assert.equal(await contents.evaluate((d) => d.open), true, 'open as CSS shows it, without the app');
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 3000);
  await page.waitForFunction(() => window.__portalReady === true);
  await page.locator('.toc a[aria-current="location"]').first().waitFor({ state: 'attached' });
  assert.equal(await loads(page), 1);
  await assertClean(assert, env, watch);
  await context.close();
});

test('the app only when it is needed: a "make a request" link pressed before it opens the form with its right ticked', async () => {
  const { page, context } = await openPage(env, null, { viewport: { width: 390, height: 844 } });
  await context.addInitScript(countLoads);
  await page.goto(env.url + '/');
  await idle(page);
  assert.equal(await loads(page), 0);
  const link = page.locator('[data-request-right="restriction"]').first();
  await link.scrollIntoViewIfNeeded();
  await link.click();
  const restriction = page.getByRole('checkbox', { name: 'Oikeus käsittelyn rajoittamiseen' });
  await restriction.waitFor();
  assert.equal(await restriction.isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).isChecked(), false);
  await context.close();
});

// The app's glue (a JavaScript module) as the page names it, to answer it with one that throws.
const APP_GLUE = (await readFile(new URL('../../dist/index.html', import.meta.url), 'utf8')).match(/<meta name="portal-app" content="([^"]+)"/)[1];
// A WebAssembly module whose start function traps ("unreachable").
const TRAP = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 8, 1, 0, 10, 5, 1, 3, 0, 0, 0x0b]);
const BREAKS = {
  'the WebAssembly answered 404': [/\.wasm$/, (route) => route.fulfill({ status: 404, body: '' })],
  'a trap at start': [/\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: TRAP })],
  'the glue throwing': [(url) => url.pathname.endsWith(APP_GLUE.replace(/^\.?\//, '')), (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("broken glue");' })],
};

/** Breaks the app in `context` and loads `path`; resolves once the head script has given up on it. */
async function openBroken(page, context, how, path = '/') {
  const [pattern, handler] = BREAKS[how];
  await context.route(pattern, handler);
  const gaveUp = page.waitForEvent('console', (message) => message.text().startsWith('The app did not start'));
  await page.goto(env.url + path);
  // A key loads the app (the head script fetches it when the page needs it).
  await page.keyboard.press('Shift');
  await gaveUp;
  assert.notEqual(await page.evaluate(() => window.__portalReady), true, 'the app started');
  return () => context.unroute(pattern, handler);
}

for (const how of Object.keys(BREAKS)) {
  test(`the app cannot start (${how}): the footer's settings still withdraw, the banner still refuses`, async () => {
    const { page, context, watch, google } = await openWithGoogleStub();
    await banner(page).getByRole('button', { name: FI.banner.accept }).click();
    await page.waitForFunction(() => window.__stubTag === 1);
    await context.addCookies([{ name: THROTTLE_COOKIE, value: '1', url: env.url }]);
    const mend = await openBroken(page, context, how);
    assert.equal(await banner(page).isVisible(), false, 'the stored consent holds');

    // Withdraw from the footer, without the app.
    const logged = env.server.count('POST /api/consent 204');
    const beacon = page.waitForRequest((request) => request.url() === `${env.url}/api/consent`);
    await footerSettings(page).click();
    const dialog = settings(page);
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('switch', { name: 'Analytiikka' }).isChecked(), true, 'shows the choice in force');
    await dialog.getByRole('button', { name: FI.banner.reject }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await cookieNames(context), ['theme'], 'Google\'s cookies deleted, the site\'s own kept');
    const record = await stored(page);
    assert.deepEqual(Object.keys(record), ['version', 'id', 'time', 'choices', 'revision', 'lang', 'gpc']);
    assert.deepEqual(record.choices, { analytics: false, marketing: false, refused_services: [] });
    assert.match(record.id, /^[0-9a-f]{32}$/);
    // The head script sends the withdrawal to the company's log too (site/ turns it on), which
    // accepts it: its record is in the portal's canonical form.
    assert.deepEqual(JSON.parse((await beacon).postData()), { path: '/', record });
    const deadline = Date.now() + 10_000;
    while (env.server.count('POST /api/consent 204') === logged) {
      assert.ok(Date.now() < deadline, 'the head script\'s beacon acknowledged within 10 s');
      await new Promise((tick) => setTimeout(tick, 5));
    }
    await page.getByRole('status').filter({ hasText: /^Suostumus on peruutettu/ }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), FI.banner.settings, 'focus back on the footer button');
    assert.equal(google.length, 1, 'no tag without the app');

    // The refusal holds for the head script and, once it starts again, for the app.
    await page.reload();
    assert.equal(await banner(page).isVisible(), false);
    await mend();
    assert.equal(await reload(page), false, 'the app reads the refusal the head script wrote');
    await footerSettings(page).click();
    assert.ok(await settings(page).getByText(record.id).isVisible(), 'the app shows the same record');
    assert.equal(google.length, 1);

    // A first visit without the app: the banner is there and answers.
    await page.evaluate(() => localStorage.clear());
    await openBroken(page, context, how);
    await banner(page).waitFor();
    await banner(page).getByRole('button', { name: FI.banner.reject }).click();
    await banner(page).waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: /^Valintasi on tallennettu\.$/ }).waitFor();
    assert.deepEqual((await stored(page)).choices, { analytics: false, marketing: false, refused_services: [] });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'notice', 'focus on the notice');
    // An acceptance is stored too (Google's tag waits for a page view with the app).
    await footerSettings(page).click();
    await settings(page).getByRole('button', { name: FI.banner.accept }).click();
    await settings(page).waitFor({ state: 'hidden' });
    assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
    assert.equal(google.length, 1);
    assert.deepEqual(watch.pageErrors, []);
    assert.deepEqual(await watch.collectCsp(), []);
    await context.close();
  });
}

test('a press kept for the app (the receipt) while the app then fails to start: the settings still answer without it', async () => {
  const opened = await openPage(env, null);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await opened.context.route(/\.wasm$/, async (route) => {
    await held;
    await route.fulfill({ status: 404, body: '' });
  });
  const { page, context, watch } = opened;
  await page.goto(env.url + '/');
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await footerSettings(page).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const gaveUp = page.waitForEvent('console', (message) => message.text().startsWith('The app did not start'));
  await dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click();
  release();
  await gaveUp;
  assert.equal(await dialog.isVisible(), true);
  await dialog.getByRole('switch', { name: 'Analytiikka' }).check();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('the app cannot start: Google\'s cookies that no stored choice allows go without a click, unknown buttons store nothing, the settings store what they show', async () => {
  const { page, context, watch } = await openPage(env, null);
  // An unreadable record (no choice in force) and a left-over _ga from an earlier consent.
  await context.addInitScript({ content: `localStorage.getItem(${JSON.stringify(STORAGE_KEY)}) === null && localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, '{"version":1,');` });
  await context.addCookies([{ name: '_ga', value: 'GA1.1.1.2', url: env.url }, { name: 'theme', value: 'dark', url: env.url }]);
  await openBroken(page, context, 'the WebAssembly answered 404');
  assert.deepEqual(await cookieNames(context), ['theme'], '_ga deleted without a click');
  await banner(page).waitFor();

  // A button the fallback does not know stores nothing.
  await page.evaluate(() => {
    const button = document.createElement('button');
    button.setAttribute('data-action', 'no-such-action');
    document.getElementById('notice').append(button);
    button.click();
    button.remove();
  });
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), '{"version":1,', 'nothing stored');
  assert.ok(await banner(page).isVisible(), 'the banner still asks');

  // The settings without the app: the one switch the site asks about, its choice stored.
  await banner(page).getByRole('button', { name: FI.banner.settings }).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const switches = await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => [i.labels[0].textContent.trim(), i.checked, i.disabled]));
  assert.deepEqual(switches, [['Analytiikka', false, false]]);
  await dialog.getByRole('switch', { name: 'Analytiikka' }).check();
  await dialog.getByRole('switch', { name: 'Analytiikka' }).uncheck();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual((await stored(page)).choices, { analytics: false, marketing: false, refused_services: [] });
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('the app sets its ready flag and then fails: the head script still answers the buttons', async () => {
  const { page, context, watch } = await openPage(env, null);
  await context.route((url) => url.pathname.endsWith(APP_GLUE.replace(/^\.?\//, '')), (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: 'window.__portalReady = true; throw new Error("failed after ready");',
  }));
  const gaveUp = page.waitForEvent('console', (message) => message.text().startsWith('The app did not start'));
  await page.goto(env.url + '/');
  await page.keyboard.press('Shift');
  await gaveUp;
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await banner(page).waitFor({ state: 'hidden' });
  assert.deepEqual((await stored(page)).choices, { analytics: false, marketing: false, refused_services: [] });
  await page.getByRole('status').filter({ hasText: 'Valintasi on tallennettu.' }).waitFor();
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

const footerSettings = (page, lang = FI) => page.getByRole('contentinfo').getByRole('button', { name: lang.banner.settings });
const DENIED = { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
// What Google is told after "accept all" on a site that asks about analytics only.
const ACCEPTED = { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
const lastCommand = (page) => page.evaluate(() => JSON.parse(JSON.stringify(Array.from(window.dataLayer.at(-1)))));

test('a stored value nested 11,000 deep: the app starts, the banner asks, and every consent button works', async () => {
  // The audit's value, 22 KB; stored again before each page view below that should ask.
  const value = nested(11_000, 2);
  const seed = { content: `localStorage.getItem(${JSON.stringify(STORAGE_KEY)}) === null && localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, ${JSON.stringify(value)});` };
  const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: seed });
  assert.equal(await page.locator('html').getAttribute('data-consent-ask'), 'unreadable');
  await banner(page).getByRole('button', { name: FI.banner.accept }).click();
  await banner(page).waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false, refused_services: [] });

  // The footer's settings: shows the choice, withdraws it, downloads the receipt, closes.
  await footerSettings(page).click();
  const dialog = settings(page);
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('switch', { name: 'Analytiikka' }).isChecked(), true);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click()]);
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')).record, await stored(page));
  await dialog.getByRole('switch', { name: 'Analytiikka' }).uncheck();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.match(await page.getByRole('status').innerText(), /^Suostumus on peruutettu/);
  assert.deepEqual(await cookieNames(context), ['theme']);
  await footerSettings(page).click();
  await dialog.getByRole('button', { name: 'Sulje' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The value again: the first layer's reject, and its settings with the dialog's own buttons.
  for (const [open, button, choices] of [
    [null, FI.banner.reject, { analytics: false, marketing: false, refused_services: [] }],
    [FI.banner.settings, FI.banner.reject, { analytics: false, marketing: false, refused_services: [] }],
    [FI.banner.settings, FI.banner.accept, { analytics: true, marketing: false, refused_services: [] }],
  ]) {
    await page.evaluate(([key, v]) => localStorage.setItem(key, v), [STORAGE_KEY, value]);
    assert.equal(await reload(page), true, 'the banner asks again');
    assert.equal(await page.locator('html').getAttribute('data-consent-ask'), 'unreadable');
    const scope = open ? settings(page) : banner(page);
    if (open) await banner(page).getByRole('button', { name: open }).click();
    await scope.getByRole('button', { name: button }).click();
    await banner(page).waitFor({ state: 'hidden' });
    assert.deepEqual((await stored(page)).choices, choices, `${open ?? 'banner'}: ${button}`);
  }
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(google.length, 2, 'the tag in the two page views with consent, never with the nested value');
  watch.requests = watch.requests.filter((url) => !GOOGLE.test(url));
  await assertClean(assert, env, watch);
  await context.close();
});

test('a choice made in another tab reaches this one: withdrawn there, the tag here stops and _ga stays gone; allowed there, it runs again', async () => {
  const { page: a, context, watch, google } = await openWithGoogleStub();
  await banner(a).getByRole('button', { name: FI.banner.accept }).click();
  await a.waitForFunction(() => window.__stubTag === 1);
  const b = await context.newPage();
  b.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  await b.goto(env.url + '/');
  await appReady(b);
  await b.waitForFunction(() => window.__stubTag === 1);

  await footerSettings(b).click();
  await settings(b).getByRole('switch', { name: 'Analytiikka' }).uncheck();
  await settings(b).getByRole('button', { name: 'Tallenna valinnat' }).click();
  await settings(b).waitFor({ state: 'hidden' });
  assert.deepEqual(await cookieNames(context), ['theme'], 'B deleted the cookies');
  // A follows: consent denied, the tag disabled, and its next hit writes no cookie.
  await a.waitForFunction((id) => window[`ga-disable-${id}`] === true, ID);
  assert.deepEqual(await lastCommand(a), ['consent', 'update', DENIED]);
  await a.evaluate(() => window.__stubHit());
  assert.deepEqual(await cookieNames(context), ['theme'], '_ga set again in A');

  // Allowed again in B: A's tag (already loaded) is told so and enabled, not loaded twice.
  await footerSettings(b).click();
  await settings(b).getByRole('button', { name: FI.banner.accept }).click();
  await settings(b).waitFor({ state: 'hidden' });
  await a.waitForFunction((id) => window[`ga-disable-${id}`] === false, ID);
  assert.deepEqual((await a.evaluate(() => window.dataLayer.map((e) => Array.from(e)).filter((e) => e[0] === 'consent').at(-1)))[2], ACCEPTED);
  assert.equal(await a.evaluate(() => window.__stubTag), 1);
  await a.evaluate(() => window.__stubHit());
  assert.ok((await cookieNames(context)).includes('_ga'));
  watch.requests = watch.requests.filter((url) => !GOOGLE.test(url));
  assert.equal(google.length, 2, 'the tag once in A and once in B');
  await assertClean(assert, env, watch);
  await context.close();
});

test('refused in this tab, allowed in another: the tag starts here; the storage cleared there: the banner asks here', async () => {
  // This tab refuses without the app (the head script answers), so it is the head script that
  // hears the other tab's choice and loads the app to follow it.
  const { page: a, context, watch } = await openWithGoogleStub('/', { lazy: true });
  await banner(a).getByRole('button', { name: FI.banner.reject }).click();
  await banner(a).waitFor({ state: 'hidden' });
  assert.notEqual(await a.evaluate(() => window.__portalReady), true, 'no app here before the other tab chose');
  const b = await context.newPage();
  await b.goto(env.url + '/');
  await appReady(b);
  await footerSettings(b).click();
  await settings(b).getByRole('button', { name: FI.banner.accept }).click();
  await a.waitForFunction(() => window.__stubTag === 1);
  const layer = await a.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(layer.map((entry) => (entry[0] === 'js' ? 'js' : `${entry[0]} ${entry[1]}`)), ['consent default', 'js', 'consent update', `config ${ID}`]);
  await b.evaluate(() => localStorage.clear());
  await banner(a).waitFor();
  assert.equal(await a.locator('html').getAttribute('data-consent-ask'), 'first');
  assert.equal(await a.evaluate((id) => window[`ga-disable-${id}`], ID), true, 'no choice: the tag is stopped');
  assert.deepEqual(await cookieNames(context), ['theme']);
  watch.requests = watch.requests.filter((url) => !GOOGLE.test(url));
  await assertClean(assert, env, watch);
  await context.close();
});

test('a returning visitor sees no banner, not even for a frame', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: FI.banner.reject }).click();
  await recordPaint(context);
  for (const lang of LANGS) {
    await page.goto(env.url + lang.path);
    await settled(page);
    const record = await paintRecord(page);
    assert.ok(record.frames.length > 2, 'frames recorded');
    assert.deepEqual(record.frames.filter((f) => f.banner), [], `${lang.path}: banner seen`);
  }
  await context.close();
});

test('back to a page kept in the back/forward cache after a withdrawal elsewhere: the restored page stops its tag', async () => {
  // Playwright turns the back/forward cache off by default; this browser keeps it.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    headless: true,
  });
  try {
    const { page, context, watch } = await openWithGoogleStub('/', { browser });
    await banner(page).getByRole('button', { name: FI.banner.accept }).click();
    await page.waitForFunction(() => window.__stubTag === 1);
    await page.evaluate(() => (window.__sameDocument = true));
    await page.goto(env.url + EN.path);
    await appReady(page);
    await footerSettings(page, EN).click();
    await settings(page, EN).getByRole('button', { name: EN.banner.reject }).click();
    await settings(page, EN).waitFor({ state: 'hidden' });
    assert.deepEqual(await cookieNames(context), ['theme']);
    await page.goBack({ waitUntil: 'commit' });
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page came back from the back/forward cache');
    await page.waitForFunction((id) => window[`ga-disable-${id}`] === true, ID);
    assert.deepEqual(await lastCommand(page), ['consent', 'update', DENIED]);
    await page.evaluate(() => window.__stubHit());
    assert.deepEqual(await cookieNames(context), ['theme'], '_ga set again by the restored page');
    watch.requests = watch.requests.filter((url) => !GOOGLE.test(url));
    await assertClean(assert, env, watch);
  } finally {
    await browser.close();
  }
});

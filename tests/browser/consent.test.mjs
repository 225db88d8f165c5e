// The cookie banner and the Google tag gate in real Chromium. Google is never reached: every
// request to its hosts is intercepted; the tag request is answered by a stub that records the
// dataLayer it found and sets the cookies the real tag would.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setUp, openPage, appReady, assertClean, axeViolations } from './harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const ID = 'G-SAFRENT0FI';
const GOOGLE = /^https:\/\/([a-z0-9-]+\.)*(googletagmanager|google-analytics|doubleclick|google)\.(com|net|fi)\//;

// What the stub tag does: snapshot the dataLayer (arguments objects as arrays), set GA cookies
// unless the tag is disabled, like gtag.js with analytics_storage granted.
const STUB_TAG = `
window.__stubTag = (window.__stubTag || 0) + 1;
window.__dataLayerAtLoad = (window.dataLayer || []).map((entry) => JSON.parse(JSON.stringify(Array.from(entry))));
if (!window['ga-disable-${ID}']) {
  document.cookie = '_ga=GA1.1.111.222; Path=/; Max-Age=63072000';
  document.cookie = '_ga_SAFRENT0FI=GS1.1.222.1.0.222.0.0.0; Path=/; Max-Age=63072000';
  document.cookie = '_gid=GA1.1.333.444; Path=/; Max-Age=86400';
}`;

/** Opens a page whose Google requests are answered by the stub; `google` lists them. */
async function openWithGoogleStub(path = '/', { initScript, contextOptions } = {}) {
  const opened = await openPage(env, null, contextOptions);
  const google = [];
  await opened.context.route(GOOGLE, (route) => {
    google.push(route.request().url());
    if (route.request().url().startsWith('https://www.googletagmanager.com/gtag/js')) {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: STUB_TAG });
    }
    return route.fulfill({ status: 204, body: '' });
  });
  if (initScript) await opened.context.addInitScript(initScript);
  // A cookie of the site's own that withdrawal must leave alone.
  await opened.context.addCookies([{ name: 'theme', value: 'dark', url: env.url }]);
  await opened.page.goto(env.url + path);
  await appReady(opened.page);
  // The Google requests are answered by the stub, so they are not "blocked" foreign requests.
  opened.watch.requests = opened.watch.requests.filter((url) => !GOOGLE.test(url));
  return { ...opened, google };
}

const banner = (page, name = 'Evästeet ja yksityisyys') => page.getByRole('region', { name });
const settings = (page, name = 'Evästeasetukset') => page.getByRole('dialog', { name });
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name).sort();
const stored = async (page) => page.evaluate(() => JSON.parse(localStorage.getItem('safrent.consent')));
const settle = (page) => page.waitForTimeout(500);

test('first visit: the banner asks, with three equal buttons, and nothing leaves 127.0.0.1', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  const first = banner(page);
  await first.waitFor();
  const buttons = first.getByRole('button');
  assert.deepEqual(await buttons.allInnerTexts(), ['Hyväksy kaikki', 'Hylkää kaikki', 'Evästeasetukset']);
  const looks = await buttons.evaluateAll((all) =>
    all.map((b) => {
      const s = getComputedStyle(b);
      return [s.backgroundColor, s.color, s.fontWeight, s.fontSize, s.borderColor, b.offsetHeight].join();
    }),
  );
  assert.equal(new Set(looks).size, 1, `buttons differ: ${looks.join(' | ')}`);
  const text = await first.innerText();
  for (const needed of ['Safrent Oy', 'Google Ireland Ltd', 'Google Analytics', 'ikä, sukupuoli', '2 vuotta', '12 kuukautta']) {
    assert.ok(text.includes(needed), `banner does not say "${needed}"`);
  }
  assert.equal(await first.getByRole('link', { name: 'Lue lisää tietosuojaselosteesta' }).getAttribute('href'), '#evasteet');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'consent-banner', 'focus moved into the banner');
  // In view at the bottom without scrolling, and the notice stays readable above it.
  const box = await first.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && Math.abs(box.y + box.height - viewport.height) <= 1, `banner at y=${box.y}, h=${box.height}`);
  assert.ok(box.height <= 0.5 * viewport.height, `banner is ${box.height}px high`);
  assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
  await settle(page);
  assert.deepEqual(google, [], 'requests to Google before consent');
  assert.equal(await page.evaluate(() => 'dataLayer' in window), false, 'dataLayer before consent');
  assert.equal(await page.locator('script[src*="googletagmanager"]').count(), 0);
  assert.deepEqual(await cookieNames(context), ['theme']);
  assert.deepEqual((await context.storageState()).origins, []);
  await assertClean(assert, env, watch);
  await context.close();
});

test('the notice lists every cookie in a table made from the catalogue', async () => {
  const { page, context } = await openWithGoogleStub();
  const table = page.getByRole('table', { name: 'Sivuston evästeet ja tallenteet' });
  assert.ok(await table.isVisible());
  for (const name of ['safrent.consent', '_ga', '_ga_*', '_gid', '_gat*', '_gcl_*', 'IDE']) {
    const exactly = new RegExp(`^${name.replace(/[.*]/g, '\\$&')}$`);
    assert.ok((await table.locator('code', { hasText: exactly }).count()) > 0, name);
  }
  assert.equal(await page.locator('section[data-section="evasteet"] table').count(), 1, 'table inside the cookie section');
  await context.close();
});

test('reject all: nothing loads, the choice is stored, the banner stays away after reload', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hylkää kaikki' }).click();
  await banner(page).waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('status').innerText(), 'Valintasi on tallennettu.');
  const record = await stored(page);
  assert.deepEqual(record.choices, { analytics: false, marketing: false });
  assert.equal(record.version, 1);
  assert.equal(record.lang, 'fi');
  assert.match(record.id, /^[0-9a-f]{32}$/);
  assert.match(record.revision, /^[0-9a-f]{64}$/);
  await page.reload();
  await appReady(page);
  await settle(page);
  assert.equal(await banner(page).isVisible(), false, 'banner after reload');
  assert.deepEqual(google, []);
  assert.deepEqual(await cookieNames(context), ['theme']);
  await assertClean(assert, env, watch);
  await context.close();
});

test('accept all: consent default before the tag and before config, then the tag with the ID', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual(google, [`https://www.googletagmanager.com/gtag/js?id=${ID}`]);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  const commands = layer.map((entry) => (entry[0] === 'js' ? 'js' : `${entry[0]} ${entry[1]}`));
  assert.deepEqual(commands, ['consent default', 'js', 'consent update', `config ${ID}`]);
  assert.deepEqual(layer[0][2], { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  assert.deepEqual(layer[2][2], { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' });
  assert.deepEqual(layer[3][2], { allow_google_signals: true, allow_ad_personalization_signals: true });
  assert.deepEqual(await cookieNames(context), ['_ga', '_ga_SAFRENT0FI', '_gid', 'theme']);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: true });
  await assertClean(assert, env, watch);
  await context.close();
});

test('analytics only, from the settings view: ads and Google signals stay denied', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Evästeasetukset' }).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const analytics = dialog.getByRole('switch', { name: 'Analytiikka' });
  const marketing = dialog.getByRole('switch', { name: 'Markkinointi' });
  assert.equal(await analytics.isChecked(), false, 'off by default');
  assert.equal(await marketing.isChecked(), false, 'off by default');
  assert.ok(await dialog.getByText('Aina käytössä', { exact: true }).isVisible(), 'necessary shown as always on');
  await analytics.check();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__stubTag === 1);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  assert.deepEqual(layer[2][2], { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  assert.deepEqual(layer[3][2], { allow_google_signals: false, allow_ad_personalization_signals: false });
  assert.equal(google.length, 1);
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false });
  await assertClean(assert, env, watch);
  await context.close();
});

test('withdraw from the footer: cookies deleted and stay gone, the tag is not requested again', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(google.length, 2, 'the tag loads on every page view with consent');
  assert.deepEqual(await cookieNames(context), ['_ga', '_ga_SAFRENT0FI', '_gid', 'theme']);

  const footerButton = page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' });
  await footerButton.click();
  const dialog = settings(page);
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('switch', { name: 'Analytiikka' }).isChecked(), true, 'shows the choice in force');
  await dialog.getByRole('switch', { name: 'Analytiikka' }).uncheck();
  await dialog.getByRole('switch', { name: 'Markkinointi' }).uncheck();
  await dialog.getByRole('button', { name: 'Tallenna valinnat' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('status').innerText(), 'Suostumus on peruttu, ja Googlen evästeet on poistettu.');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Evästeasetukset', 'focus back on the footer button');
  assert.deepEqual(await cookieNames(context), ['theme'], 'GA cookies deleted, the site cookie kept');
  assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], ID), true);
  const layer = await page.evaluate(() => window.dataLayer.map((e) => JSON.parse(JSON.stringify(Array.from(e)))));
  assert.deepEqual(layer.at(-1), ['consent', 'update', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }]);
  await page.waitForTimeout(1500);
  assert.deepEqual(await cookieNames(context), ['theme'], 'cookies came back');

  await page.reload();
  await appReady(page);
  await settle(page);
  assert.equal(google.length, 2, 'tag requested again after withdrawal');
  assert.deepEqual(await cookieNames(context), ['theme']);
  assert.equal(await banner(page).isVisible(), false);
  await assertClean(assert, env, watch);
  await context.close();
});

test('GA cookies left from an expired or unreadable choice are deleted on load', async () => {
  const { page, context, google } = await openWithGoogleStub('/', {
    initScript: () => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        document.cookie = '_ga=GA1.1.9.9; Path=/; Max-Age=600';
        document.cookie = '_gat_gtag_G_SAFRENT0FI=1; Path=/; Max-Age=600';
        localStorage.setItem('safrent.consent', '{"version":1,"id":"x"');
      }
    },
  });
  await banner(page).waitFor();
  assert.deepEqual(await cookieNames(context), ['theme']);
  assert.deepEqual(google, []);
  await context.close();
});

for (const [name, value] of [
  ['corrupted JSON', '{not json'],
  ['an older format version', JSON.stringify({ version: 0, id: 'a', time: Date.now(), choices: { analytics: true } })],
  ['wrong field types', JSON.stringify({ version: 1, id: 'a', time: 'today', choices: {}, revision: '', lang: 'fi', gpc: false })],
]) {
  test(`stored record with ${name}: the banner asks, nothing loads, no error`, async () => {
    const seed = `localStorage.getItem('safrent.consent') === null && localStorage.setItem('safrent.consent', ${JSON.stringify(value)});`;
    const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: { content: seed } });
    await banner(page).waitFor();
    await settle(page);
    assert.deepEqual(google, []);
    await assertClean(assert, env, watch);
    await context.close();
  });
}

test('expired and changed choices: the banner asks again and says why', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  const record = await stored(page);

  // Consent lasts 12 months: one made 12 months and a day ago has expired.
  const old = { ...record, time: record.time - 366 * 24 * 3600 * 1000 };
  await page.evaluate((r) => localStorage.setItem('safrent.consent', JSON.stringify(r)), old);
  await page.reload();
  await appReady(page);
  await banner(page).waitFor();
  assert.ok(await banner(page).getByText('Edellinen valintasi on vanhentunut. Valitse uudelleen.').isVisible());
  assert.equal(google.length, 1, 'no tag on an expired consent');
  assert.deepEqual(await cookieNames(context), ['theme'], 'cookies of the expired consent deleted');

  // A refusal lasts 6 months: one made 5 months ago still holds.
  const refusal = { ...record, choices: { analytics: false, marketing: false }, time: record.time - 150 * 24 * 3600 * 1000 };
  await page.evaluate((r) => localStorage.setItem('safrent.consent', JSON.stringify(r)), refusal);
  await page.reload();
  await appReady(page);
  await settle(page);
  assert.equal(await banner(page).isVisible(), false, 'a 5-month-old refusal holds');

  // A different banner text or catalogue (revision) asks again.
  await page.evaluate((r) => localStorage.setItem('safrent.consent', JSON.stringify(r)), { ...record, revision: '0'.repeat(64) });
  await page.reload();
  await appReady(page);
  await banner(page).waitFor();
  assert.ok(await banner(page).getByText('Evästeitä koskevat tiedot ovat muuttuneet').isVisible());
  assert.equal(google.length, 1);
  await assertClean(assert, env, watch);
  await context.close();
});

test('storage that throws: the banner asks, the choice holds for this page view only', async () => {
  const throwing = {
    content: `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });`,
  };
  const { page, context, watch, google } = await openWithGoogleStub('/', { initScript: throwing });
  await banner(page).waitFor();
  assert.ok(await banner(page).getByText('Selaimesi ei salli tallennusta').isVisible());
  await banner(page).getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(await page.getByRole('status').innerText(), 'Selaimesi ei salli tallennusta, joten valintasi on voimassa vain tämän sivunäytön ajan.');
  await page.reload();
  await appReady(page);
  await banner(page).waitFor();
  await settle(page);
  assert.equal(google.length, 1, 'no tag on the next page view without a stored choice');
  assert.deepEqual(await cookieNames(context), ['theme']);
  await assertClean(assert, env, watch);
  await context.close();
});

test('Global Privacy Control: marketing refused without asking, and the banner says so', async () => {
  const gpc = { content: `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });` };
  const { page, context, watch } = await openWithGoogleStub('/', { initScript: gpc });
  await banner(page).waitFor();
  assert.ok(await banner(page).getByText('Global Privacy Control', { exact: false }).isVisible());
  await banner(page).getByRole('button', { name: 'Evästeasetukset' }).click();
  const marketing = settings(page).getByRole('switch', { name: 'Markkinointi' });
  assert.equal(await marketing.isDisabled(), true);
  assert.equal(await marketing.isChecked(), false);
  await settings(page).getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  const layer = await page.evaluate(() => window.__dataLayerAtLoad);
  assert.equal(layer[2][2].analytics_storage, 'granted');
  assert.equal(layer[2][2].ad_storage, 'denied');
  assert.deepEqual(layer[3][2], { allow_google_signals: false, allow_ad_personalization_signals: false });
  const record = await stored(page);
  assert.deepEqual(record.choices, { analytics: true, marketing: false });
  assert.equal(record.gpc, true);
  await assertClean(assert, env, watch);
  await context.close();
});

test('English banner: switch language with the banner open, choose in English', async () => {
  const { page, context, watch } = await openWithGoogleStub();
  await banner(page).waitFor();
  await page.getByRole('button', { name: 'In English' }).click();
  const english = banner(page, 'Cookies and privacy');
  await english.waitFor();
  assert.deepEqual(await english.getByRole('button').allInnerTexts(), ['Accept all', 'Reject all', 'Cookie settings']);
  await english.getByRole('button', { name: 'Cookie settings' }).click();
  const dialog = settings(page, 'Cookie settings');
  await dialog.waitFor();
  assert.ok(await dialog.getByRole('switch', { name: 'Analytics' }).isVisible());
  await dialog.getByRole('button', { name: 'Reject all' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await stored(page)).lang, 'en');
  assert.equal(await page.getByRole('status').innerText(), 'Your choice has been saved.');
  await assertClean(assert, env, watch);
  await context.close();
});

test('the receipt: the stored choice is shown and downloads as JSON', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hylkää kaikki' }).click();
  await page.getByRole('contentinfo').getByRole('button', { name: 'Evästeasetukset' }).click();
  const dialog = settings(page);
  await dialog.waitFor();
  const record = await stored(page);
  assert.ok(await dialog.getByText(record.id).isVisible(), 'id shown');
  assert.ok(await dialog.getByText('Analytiikka: kielletty, Markkinointi: kielletty').isVisible());
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Lataa kuitti (JSON)' }).click()]);
  assert.match(download.suggestedFilename(), /^safrent-evastevalinta-[0-9a-f]{8}\.json$/);
  const receipt = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(receipt.record, record);
  assert.equal(receipt.site, env.url);
  assert.equal(receipt.banner.title, 'Evästeet ja yksityisyys');
  assert.equal(receipt.purposes.find((p) => p.purpose === 'analytics').allowed, false);
  await context.close();
});

test('axe-core: first layer and settings view have no WCAG 2.2 A/AA violation', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'first layer');
  await banner(page).getByRole('button', { name: 'Evästeasetukset' }).click();
  await settings(page).waitFor();
  await settings(page).locator('details').first().evaluate((d) => (d.open = true));
  assert.deepEqual(await axeViolations(page), [], 'settings view');
  await context.close();
});

test('keyboard only: both layers, Escape closes the settings and focus returns', async () => {
  const { page, context, watch, google } = await openWithGoogleStub();
  await banner(page).waitFor();
  const focused = () =>
    page.evaluate(() => (document.activeElement?.tagName === 'SECTION' ? document.activeElement.id : document.activeElement?.textContent?.trim()));
  assert.equal(await focused(), 'consent-banner', 'focus starts in the banner');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Lue lisää tietosuojaselosteesta');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Hyväksy kaikki');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Hylkää kaikki');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Evästeasetukset');
  await page.keyboard.press('Enter');
  await settings(page).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog')?.id), 'consent-settings', 'focus in the dialog');
  await page.keyboard.press('Escape');
  await settings(page).waitFor({ state: 'hidden' });
  assert.equal(await focused(), 'Evästeasetukset', 'focus back where it was');
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
  assert.deepEqual((await stored(page)).choices, { analytics: true, marketing: false });
  assert.equal(google.length, 1);
  await assertClean(assert, env, watch);
  await context.close();
});

test('the banner shows before the app is ready, and a click then is not lost', async () => {
  const opened = await openPage(env, null);
  // Hold the WebAssembly back for 1.5 s, like a slow connection would.
  await opened.context.route(/\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const { page, context, watch } = opened;
  await page.goto(env.url + '/');
  await banner(page).waitFor();
  assert.equal(await page.locator('[data-app-action="switch-language"]').isVisible(), false, 'app not started yet');
  await banner(page).getByRole('button', { name: 'Hylkää kaikki' }).click();
  await appReady(page);
  await banner(page).waitFor({ state: 'hidden' });
  assert.deepEqual((await stored(page)).choices, { analytics: false, marketing: false });
  await assertClean(assert, env, watch);
  await context.close();
});

test('a returning visitor sees no banner, not even for a moment', async () => {
  const { page, context } = await openWithGoogleStub();
  await banner(page).getByRole('button', { name: 'Hylkää kaikki' }).click();
  await page.addInitScript(() => {
    window.__bannerSeen = false;
    const check = () => {
      const b = document.getElementById('consent-banner');
      if (b && b.checkVisibility()) window.__bannerSeen = true;
      if (!window.__stop) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.reload();
  await appReady(page);
  await settle(page);
  assert.equal(await page.evaluate(() => window.__bannerSeen), false);
  await context.close();
});

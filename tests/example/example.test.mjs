// The example company (PORTAL_SITE, default examples/kahvila-kuu) in Chromium against its release
// build (PORTAL_DIST, default dist-example/), served with its deploy headers like the main site.
// Every text is the example folder's (its notices and locale files), every fact its site.toml's;
// none is Safrent's. Neither Google nor Meta is ever reached: Google's tag and Meta's pixel are
// answered by stubs (harness.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, openPage, appReady, settled, assertClean, axeViolations, fold, GOOGLE, stubGoogle, META, stubMeta, STUB_PIXEL, stubMatomo, STUB_MATOMO, STORAGE_KEY } from '../browser/harness.mjs';
import { DIST_PATH, EXAMPLE, FIRST, factsOf, measurementId, pathOf, text } from './folder.mjs';

let env;
let work;
before(async () => {
  env = await setUp({ dist: DIST_PATH });
  work = await mkdtemp(join(tmpdir(), 'example-test-'));
});
after(async () => {
  await env?.tearDown();
  await rm(work, { recursive: true, force: true });
});

const SITE = EXAMPLE.site;
const C = SITE.controller;
const ID = measurementId(SITE);
const LANGUAGES = SITE.languages;
const T = (code, key, values) => text(EXAMPLE, code, key, values);

/** The notice's title (its front matter's `title`). */
function noticeTitle(code) {
  const notice = readFileSync(join(EXAMPLE.dir, 'notice', `${code}.md`), 'utf8');
  const title = notice.match(/^\+\+\+\n[\s\S]*?^title = "([^"]+)"$/m)?.[1];
  if (!title) throw new Error(`${EXAMPLE.path}/notice/${code}.md has no title`);
  return title;
}

/** The first company's facts in `content`, as "label value" lines. */
const firstCompanyFacts = (content) =>
  factsOf(FIRST.site)
    .filter(([label, value]) => (label.startsWith('reference_prefix') ? content.includes(value) : content.toLowerCase().includes(value.toLowerCase())))
    .map(([label, value]) => `${label} "${value}"`);

// The stub tag: it records that it ran and the dataLayer it found.
const STUB_TAG = `window.__stubTag = (window.__stubTag || 0) + 1;
window.__dataLayerAtLoad = (window.dataLayer || []).map((entry) => JSON.parse(JSON.stringify(Array.from(entry))));`;

/** The example's Meta pixel, Matomo and plain-script services (site.toml). */
const PIXEL = SITE.services.find((s) => s.kind === 'meta-pixel');
const MATOMO = SITE.services.find((s) => s.kind === 'matomo');
const PLAIN = SITE.services.find((s) => s.kind === 'plain-script');
const PLAIN_ORIGIN = new URL(PLAIN.settings.script_url).origin;
// The stub of the plain script: it counts its runs and sets its cookie, as an ad network's tag.
const STUB_PLAIN = `window.__stubPlain = (window.__stubPlain || 0) + 1;
document.cookie = '${PLAIN.cookies[0].name}=1.' + Date.now() + '; Path=/; Max-Age=600';`;

/** Answers the ad network's host with the stub; resolves to the list of what was asked of it. */
async function stubPlain(context) {
  const asked = [];
  await context.route(`${PLAIN_ORIGIN}/**`, (route) => {
    asked.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: STUB_PLAIN });
  });
  return asked;
}

/**
 * Opens `path` with Google's, Meta's and the café's Matomo's hosts answered by stubs; `google`,
 * `meta` and `matomo` list what was asked of each (and `watch.requests` leaves them out).
 */
async function openWithGoogleStub(path, contextOptions = {}) {
  const opened = await openPage(env, null, contextOptions);
  const google = await stubGoogle(opened.context, STUB_TAG);
  const meta = await stubMeta(opened.context, STUB_PIXEL);
  const matomo = await stubMatomo(opened.context, MATOMO.settings.url, STUB_MATOMO);
  const plain = await stubPlain(opened.context);
  await opened.page.goto(env.url + path);
  await appReady(opened.page);
  const vendor = (url) => GOOGLE.test(url) || META.test(url) || url.startsWith(MATOMO.settings.url) || url.startsWith(PLAIN_ORIGIN);
  opened.watch.requests = opened.watch.requests.filter((url) => !vendor(url));
  const clean = () => assertClean(assert, env, { ...opened.watch, requests: opened.watch.requests.filter((url) => !vendor(url)) });
  return { ...opened, google, meta, matomo, plain, clean };
}

const banner = (page, code) => page.getByRole('region', { name: T(code, 'banner.title') });

/** The vendors' product names (ServiceKind::name). */
const PRODUCT = { 'google-analytics-4': 'Google Analytics 4', matomo: 'Matomo', 'meta-pixel': 'Meta Pixel' };
/** The names of `purpose`'s service switches: one each where the purpose has more than one. */
function serviceSwitches(purpose) {
  const of = SITE.services.filter((s) => s.purpose === purpose);
  return of.length > 1 ? of.map((s) => s.name ?? PRODUCT[s.kind]) : [];
}

test(`only the example's languages (${LANGUAGES.join(', ')}) are served; the others answer 404`, async () => {
  for (const code of LANGUAGES) {
    assert.equal((await fetch(env.url + pathOf(SITE, code))).status, 200, pathOf(SITE, code));
  }
  for (const code of ['fi', 'sv', 'en'].filter((c) => !LANGUAGES.includes(c))) {
    for (const path of [`/${code}/`, `/${code}`, `/${code}/index.html`]) {
      assert.equal((await fetch(env.url + path)).status, 404, path);
    }
  }
});

for (const code of LANGUAGES) {
  test(`${code}: the page renders the example's own notice and controller, and switches between its languages only`, async () => {
    const { page, context, watch } = await openPage(env, pathOf(SITE, code));
    await settled(page);
    assert.equal(await page.locator('html').getAttribute('lang'), code);
    await page.getByRole('heading', { level: 1, name: noticeTitle(code) }).waitFor();
    assert.match(await page.title(), new RegExp(`${C.name.full.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const body = fold(await page.locator('body').innerText());
    for (const fact of [C.name.full, C.street, C.town, C.email, C.contact_person]) {
      assert.ok(body.includes(fact), `${pathOf(SITE, code)} does not show ${fact}`);
    }
    assert.deepEqual(firstCompanyFacts(body), [], 'the first company on the page');
    // The brand: its name and its logo beside it, from the site folder, at the logo's own
    // proportions, decorative (the name says the same), loaded from the site itself.
    const header = page.getByRole('banner');
    assert.ok(fold(await header.innerText()).includes(SITE.brand.name));
    const logo = header.locator('img.site-header__logo');
    assert.equal(await logo.getAttribute('alt'), '');
    const shown = await logo.evaluate(async (img) => {
      await img.decode();
      return { natural: [img.naturalWidth, img.naturalHeight], src: img.src };
    });
    assert.ok(shown.natural[0] > 0 && shown.natural[1] > 0, 'the logo did not load');
    assert.match(shown.src, /\/brand\/logo-[0-9a-f]{16}\.svg$/);
    assert.deepEqual([await logo.getAttribute('width'), await logo.getAttribute('height')], ['48', '48']);
    // The footer's contact details are the controller's.
    const footer = fold(await page.getByRole('contentinfo').innerText());
    assert.ok(footer.includes(C.name.full) && footer.includes(C.email), footer);
    // The switch names the example's languages, each in its own name, and no other.
    const names = await page.getByRole('navigation', { name: T(code, 'page.languages') }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(names.map(fold), LANGUAGES.map((other) => T(other, 'language.name')));
    // The cookie table lists the example's cookies: GA4's session cookie with its measurement ID.
    const table = fold(await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('table').innerText());
    assert.ok(table.includes(`_ga_${ID.slice(2)}`), table);
    await assertClean(assert, env, watch);
    await context.close();
  });

  // The catalogue is the folder's: the table lists the example's cookies and no other company's,
  // and the settings ask about the purposes its services use (analytics with Google, marketing
  // with Meta's pixel, which works on its own: no "needs analytics" note).
  test(`${code}: the cookie table and the settings list only the example's cookies and purposes`, async () => {
    const { page, context, clean } = await openWithGoogleStub(pathOf(SITE, code));
    try {
      // Exactly the example's cookies (a prefix shown with *, GA4's session cookie by its full
      // name), after the portal's own record.
      const names = await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('table').locator('code').allInnerTexts();
      const shown = (service, c) => c.name ?? (service.kind === 'google-analytics-4' && c.prefix === '_ga_' ? `_ga_${ID.slice(2)}` : `${c.prefix}*`);
      assert.deepEqual(names.slice(1), SITE.services.flatMap((s) => s.cookies.map((c) => shown(s, c))), 'the table lists other cookies than the example\'s');
      const used = new Set(SITE.services.flatMap((s) => s.cookies.map((c) => c.purpose ?? s.purpose)));
      const asked = ['analytics', 'marketing'].filter((p) => used.has(p));
      assert.deepEqual(asked, ['analytics', 'marketing'], `${EXAMPLE.path} is meant to use analytics and marketing`);
      const first = banner(page, code);
      await first.getByRole('button', { name: T(code, 'banner.settings') }).click();
      const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
      await dialog.waitFor();
      // A switch per purpose, and inside a purpose with more than one service a switch per
      // service, named by the vendor's product.
      const switches = await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => i.labels[0].textContent.trim()));
      assert.deepEqual(switches, asked.flatMap((p) => [T(code, `purposes.${p}`), ...serviceSwitches(p)]));
      const rowgroups = await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('rowheader').allInnerTexts();
      assert.deepEqual(rowgroups.map(fold), ['necessary', ...asked].map((p) => T(code, `purposes.${p}`)));
      assert.equal(await page.getByText(T(code, 'settings.marketing_needs_analytics')).count(), 0, 'marketing said to need analytics, though Meta\'s pixel works on its own');
      assert.equal(await dialog.getByRole('switch', { name: T(code, 'purposes.marketing') }).isDisabled(), false);
      // "Accept all" allows what the site asks about, and both vendors load.
      await dialog.getByRole('button', { name: T(code, 'banner.accept_all') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => window.__stubTag === 1 && window.__stubPixel === 1 && window.__stubPlain === 1);
      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
      assert.deepEqual(stored.choices, { analytics: true, marketing: true, refused_services: [] });
      await clean();
    } finally {
      await context.close();
    }
  });

  // Without the app (its WebAssembly answers 404), the head script's fallback answers the
  // buttons: the example's purposes, independent of each other (marketing does not work through
  // analytics here), analytics' two services each with its switch, and the choice stored as the
  // app would store it, the refused service's cookies deleted.
  test(`${code}: without the app, the settings open and the choice is stored as the app would`, async () => {
    const { page, context, watch } = await openPage(env, null);
    try {
      await context.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: '' }));
      const gaveUp = page.waitForEvent('console', (message) => message.text().startsWith('The app did not start'));
      await page.goto(env.url + pathOf(SITE, code));
      // A key loads the app (the head script fetches it when the page needs it), which fails.
      await page.keyboard.press('Shift');
      await gaveUp;
      await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
      const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
      await dialog.waitFor();
      const switches = () => dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => [i.labels[0].textContent.trim(), i.checked, i.disabled]));
      const states = (analytics, google, matomo, marketing) => [
        [T(code, 'purposes.analytics'), analytics, false], ['Google Analytics 4', google, false], ['Matomo', matomo, false],
        [T(code, 'purposes.marketing'), marketing, false], ['Meta Pixel', marketing, false], [PLAIN.name, marketing, false],
      ];
      assert.deepEqual(await switches(), states(false, false, false, false));
      await dialog.getByRole('switch', { name: T(code, 'purposes.marketing') }).check();
      // The purpose's switch sets its services', and a service switched off stays in the record.
      await dialog.getByRole('switch', { name: T(code, 'purposes.analytics') }).check();
      assert.deepEqual(await switches(), states(true, true, true, true));
      await dialog.getByRole('switch', { name: 'Google Analytics 4' }).uncheck();
      assert.deepEqual(await switches(), states(true, false, true, true));
      // Google's and Matomo's cookies from an earlier visit: the refused service's go, the
      // allowed one's stay.
      await page.evaluate(() => {
        document.cookie = '_ga=GA1.1.1.1; Path=/; Max-Age=600';
        document.cookie = '_pk_id.1.abcd=1; Path=/; Max-Age=600';
      });
      await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
      await dialog.waitFor({ state: 'hidden' });
      const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
      const ga = SITE.services.find((s) => s.kind === 'google-analytics-4').id;
      assert.deepEqual((await stored()).choices, { analytics: true, marketing: true, refused_services: [ga] });
      assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n === '_ga' || n.startsWith('_pk_')), ['_pk_id.1.abcd']);
      await page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') }).click();
      await dialog.waitFor();
      assert.deepEqual(await switches(), states(true, false, true, true), 'shows the choice in force');
      // Both of analytics' services off: analytics is off; marketing alone (it does not work
      // through analytics here).
      await dialog.getByRole('switch', { name: 'Matomo' }).uncheck();
      assert.deepEqual(await switches(), states(false, false, false, true));
      await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.deepEqual((await stored()).choices, { analytics: false, marketing: true, refused_services: [] }, 'marketing alone, without analytics');
      await page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') }).click();
      await dialog.waitFor();
      assert.deepEqual(await switches(), states(false, false, false, true), 'shows the choice in force');
      await dialog.getByRole('button', { name: T(code, 'banner.accept_all') }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.deepEqual((await stored()).choices, { analytics: true, marketing: true, refused_services: [] });
      assert.deepEqual(watch.pageErrors, [], 'the fallback threw');
    } finally {
      await context.close();
    }
  });

  test(`${code}: first visit, the banner asks; refusing loads nothing and is remembered`, async () => {
    const { page, context, google, meta, matomo, clean } = await openWithGoogleStub(pathOf(SITE, code));
    const first = banner(page, code);
    await first.waitFor();
    const buttons = await first.getByRole('button').allInnerTexts();
    assert.deepEqual(buttons.map(fold), [T(code, 'banner.accept_all'), T(code, 'banner.reject_all'), T(code, 'banner.settings')]);
    assert.ok(fold(await first.innerText()).includes(C.name.full), 'the banner names the controller');
    await first.getByRole('button', { name: T(code, 'banner.reject_all') }).click();
    await first.waitFor({ state: 'hidden' });
    assert.equal(await page.getByRole('status').innerText(), T(code, 'messages.saved'));
    await page.reload();
    await settled(page);
    assert.equal(await banner(page, code).isVisible(), false, 'the banner asks again after a refusal');
    assert.deepEqual(google, [], 'Google asked after a refusal');
    assert.deepEqual(meta, [], 'Meta asked after a refusal');
    assert.deepEqual(matomo, [], 'Matomo asked after a refusal');
    assert.equal(await page.evaluate(() => typeof window._paq), 'undefined', '_paq defined after a refusal');
    assert.equal(await page.evaluate(() => window.__stubTag ?? 0), 0);
    assert.equal(await page.evaluate(() => typeof window.fbq), 'undefined', 'fbq defined after a refusal');
    assert.deepEqual((await context.cookies()).map((c) => c.name), []);
    await clean();
    await context.close();
  });

  test(`${code}: the vendor loads only after consent, with the example's measurement ID ${ID}`, async () => {
    const { page, context, watch, google, clean } = await openWithGoogleStub(pathOf(SITE, code));
    await banner(page, code).waitFor();
    assert.deepEqual(google, [], 'Google asked before consent');
    assert.equal(await page.locator('script[src*="googletagmanager"]').count(), 0);
    await banner(page, code).getByRole('button', { name: T(code, 'banner.accept_all') }).click();
    await page.waitForFunction(() => window.__stubTag === 1);
    assert.deepEqual(google, [`https://www.googletagmanager.com/gtag/js?id=${ID}`]);
    const layer = await page.evaluate(() => window.__dataLayerAtLoad);
    const commands = layer.map((entry) => (entry[0] === 'js' ? 'js' : `${entry[0]} ${entry[1]}`));
    assert.deepEqual(commands.filter((c) => c.startsWith('config')), [`config ${ID}`]);
    assert.ok(commands.indexOf('consent default') < commands.indexOf(`config ${ID}`), commands.join(', '));
    // The example shares Google's cookies with its parent domain (site.toml): Google's default
    // cookie domain, and the cookie table names the domain.
    const config = layer.find((entry) => entry[0] === 'config')[2];
    assert.equal(config.cookie_domain, 'auto');
    // Marketing is allowed (for Meta's pixel), but Google has no advertising cookies here: its ad
    // types stay denied and Google signals off.
    assert.equal(config.allow_google_signals, false, 'Google signals on, with marketing allowed for another vendor');
    const update = layer.find((entry) => entry[0] === 'consent' && entry[1] === 'update')[2];
    assert.deepEqual(update, { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    const parent = new URL(SITE.origin).hostname.split('.').slice(1).join('.');
    const table = fold(await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('table').innerText());
    assert.ok(table.includes(`${T(code, 'cookies.cookie')} (${parent})`), table);
    // The example keeps no consent log (its site.toml leaves it off): the page says no address
    // for one, and the choice went nowhere but the visitor's storage.
    assert.equal(SITE.consent.log ?? false, false);
    assert.equal(await page.locator('meta[name="consent-revisions"]').getAttribute('data-log'), null);
    assert.deepEqual(watch.requests.filter((url) => url.includes('/api/')), []);
    await clean();
    await context.close();
  });
}

// Meta's pixel (marketing), in the example's first language.
const code = LANGUAGES[0];
const footerSettings = (page) => page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') });
const settingsDialog = (page) => page.getByRole('dialog', { name: T(code, 'settings.title') });
const pixelCalls = (page) => page.evaluate(() => window.__pixelCalls.map((call) => call.join(' ')));
const hits = (meta) => meta.filter((url) => url.startsWith('https://www.facebook.com/tr'));

test(`${code}: Meta's pixel loads only once marketing is allowed (automatic events off, consent, init, one page view); a withdrawal revokes it and deletes _fbp`, async () => {
  const { page, context, meta, clean } = await openWithGoogleStub(pathOf(SITE, code));
  await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
  const dialog = settingsDialog(page);
  await dialog.getByRole('switch', { name: T(code, 'purposes.analytics') }).check();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual(meta, [], 'Meta asked with analytics only');
  assert.equal(await page.locator('script[src*="facebook"]').count(), 0);
  // Marketing allowed from the footer: the pixel loads, takes the queued commands in order.
  await footerSettings(page).click();
  await dialog.getByRole('switch', { name: T(code, 'purposes.marketing') }).check();
  // Meta's alone: the ad network's switch off (its script would reload the page at a withdrawal).
  await dialog.getByRole('switch', { name: PLAIN.name }).uncheck();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await page.waitForFunction(() => window.__stubPixel === 1);
  assert.deepEqual(meta[0], 'https://connect.facebook.net/en_US/fbevents.js');
  assert.deepEqual(await pixelCalls(page), [`set autoConfig false ${PIXEL.settings.pixel_id}`, 'consent grant', `init ${PIXEL.settings.pixel_id}`, 'track PageView']);
  await page.waitForFunction(() => document.cookie.includes('_fbp='));
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.startsWith('https://www.facebook.com/tr')).length === n, 1);
  assert.deepEqual(hits(meta), [`https://www.facebook.com/tr?id=${PIXEL.settings.pixel_id}&ev=PageView`]);
  // Withdrawn: consent revoked, _fbp deleted, nothing more sent; the message says what stays.
  // (Google's _ga, as its tag would set it: analytics stays allowed, so it stays.)
  await page.evaluate(() => { document.cookie = '_ga=GA1.1.1.2; path=/; max-age=600'; });
  await footerSettings(page).click();
  await dialog.getByRole('switch', { name: T(code, 'purposes.marketing') }).uncheck();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('status').innerText(), T(code, 'messages.withdrawn'));
  assert.deepEqual((await pixelCalls(page)).slice(4), ['consent revoke']);
  assert.equal(await page.evaluate(() => document.cookie.includes('_fbp=')), false, '_fbp is still there');
  assert.ok(await page.evaluate(() => document.cookie.includes('_ga=')), 'analytics, still allowed, lost its cookie');
  await page.evaluate(() => window.fbq('track', 'Lead'));
  assert.deepEqual((await pixelCalls(page)).slice(5), ['track Lead']);
  // A probe with consent granted again: once its hit is here, the one before it would be too.
  await page.evaluate(() => { window.fbq('consent', 'grant'); window.fbq('track', 'Probe'); });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('ev=Probe')));
  assert.deepEqual(hits(meta).filter((u) => u.includes('ev=Lead')), [], 'the pixel sent after the withdrawal');
  // The next page view: no pixel at all.
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.equal(await page.evaluate(() => window.__stubPixel ?? 0), 0);
  assert.equal(meta.filter((url) => url.includes('fbevents')).length, 1);
  await clean();
  await context.close();
});

test(`${code}: the café's Matomo loads only once analytics is allowed (consent required and given, then the tracker and one page view); the form pauses it; a withdrawal forgets it and its _pk_ cookies go`, async () => {
  const { page, context, matomo, clean } = await openWithGoogleStub(pathOf(SITE, code));
  const url = MATOMO.settings.url;
  await banner(page, code).waitFor();
  assert.deepEqual(matomo, [], 'Matomo asked before consent');
  assert.equal(await page.evaluate(() => typeof window._paq), 'undefined');
  // Analytics only (the ad network's script, with marketing, would reload the page at the form).
  await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
  await settingsDialog(page).getByRole('switch', { name: T(code, 'purposes.analytics') }).check();
  await settingsDialog(page).getByRole('button', { name: T(code, 'settings.save') }).click();
  await page.waitForFunction(() => window.__stubMatomo === 1);
  assert.equal(matomo[0], `${url}matomo.js`);
  const calls = () => page.evaluate(() => window.__matomoCalls);
  const queued = await page.evaluate(() => window.__matomoQueued);
  assert.deepEqual(queued, ['requireConsent', 'setConsentGiven', `setTrackerUrl ${url}matomo.php`, `setSiteId ${MATOMO.settings.site_id}`, 'trackPageView']);
  const hits = () => matomo.filter((u) => u.startsWith(`${url}matomo.php`));
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('matomo.php')).length === n, 1);
  assert.equal(hits().length, 1);
  assert.ok(await page.evaluate(() => document.cookie.includes('_pk_id.')), 'the tracker set no _pk_id');
  // The request form opens: consent is required again, and a later hit is not sent.
  await page.getByRole('banner').getByRole('link', { name: T(code, 'request.make_request') }).click();
  await page.getByRole('heading', { name: T(code, 'form.heading') }).waitFor();
  assert.deepEqual((await calls()).slice(5), ['requireConsent'], 'Matomo still measures while the form is open');
  await page.evaluate(() => window._paq.push(['trackEvent', 'form', 'typed']));
  // A probe with consent given again: once its hit is here, the one before it would be too.
  await page.evaluate(() => { window._paq.push(['setConsentGiven']); window._paq.push(['trackEvent', 'probe']); });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('e=probe')));
  assert.deepEqual(hits().filter((u) => u.includes('e=form')), [], 'Matomo sent while the form was open');
  // The next page view measures again; a withdrawal there forgets the consent.
  await page.goto('about:blank');
  await page.goto(env.url + pathOf(SITE, code));
  await appReady(page);
  await page.waitForFunction(() => window.__stubMatomo === 1 && window.__matomoCalls.length === 5);
  await page.waitForFunction(() => document.cookie.includes('_pk_id.'));
  await page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') }).click();
  const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
  await dialog.getByRole('switch', { name: T(code, 'purposes.analytics') }).uncheck();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual((await calls()).slice(5), ['requireConsent'], 'not forgetConsentGiven: it leaves a 30-year cookie');
  // Every cookie of Matomo's is gone, and no new one of its own came (mtm_consent_removed).
  assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('_pk_') || n.startsWith('mtm_')), []);
  await clean();
  await context.close();
});

test(`${code}: a switch per service: analytics with Matomo switched off loads Google's tag and not Matomo, and the record and the settings say so; switching Matomo off later withdraws it alone and deletes its cookies, not Google's`, async () => {
  const { page, context, matomo, clean } = await openWithGoogleStub(pathOf(SITE, code));
  await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
  const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
  await dialog.waitFor();
  const analytics = dialog.getByRole('switch', { name: T(code, 'purposes.analytics') });
  // Named by its purpose and its legend (every purpose's legend is the same word).
  const group = dialog.getByRole('group', { name: `${T(code, 'purposes.analytics')} ${T(code, 'settings.services')}`, exact: true });
  const google = group.getByRole('switch', { name: 'Google Analytics 4' });
  const own = group.getByRole('switch', { name: 'Matomo' });
  const states = async () => [await analytics.isChecked(), await google.isChecked(), await own.isChecked()];
  assert.equal(await group.getByRole('switch').count(), 2);
  // Each service is described by who processes its data.
  const described = await own.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')).textContent);
  assert.equal(described, MATOMO.provider);
  // By keyboard: the purpose's switch sets its services'; one service off keeps the purpose on;
  // both off turn it off; one on again turns it on.
  await analytics.focus();
  await page.keyboard.press('Space');
  assert.deepEqual(await states(), [true, true, true]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.ok(await own.evaluate((input) => input === document.activeElement), 'Tab does not reach the service switches in order');
  await page.keyboard.press('Space');
  assert.deepEqual(await states(), [true, true, false]);
  await google.uncheck();
  assert.deepEqual(await states(), [false, false, false]);
  await google.check();
  assert.deepEqual(await states(), [true, true, false]);
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await dialog.waitFor({ state: 'hidden' });
  const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
  const first = await stored();
  assert.deepEqual(first.choices, { analytics: true, marketing: false, refused_services: [MATOMO.id] });
  await page.waitForFunction(() => window.__stubTag === 1);
  assert.deepEqual(matomo, [], 'Matomo was asked though its switch was off');
  assert.equal(await page.evaluate(() => typeof window._paq), 'undefined');
  // The settings show the choice in force, the stored facts each service.
  const footer = page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') });
  await footer.click();
  await dialog.waitFor();
  assert.deepEqual(await states(), [true, true, false]);
  const facts = await dialog.locator('dl').evaluate((dl) => Array.from(dl.querySelectorAll('dt')).map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]));
  assert.deepEqual(facts.slice(3, 6), [[T(code, 'purposes.analytics'), T(code, 'record.allowed')], ['Google Analytics 4', T(code, 'record.allowed')], ['Matomo', T(code, 'record.refused')]]);
  // Matomo allowed too: it starts; then switched off alone: a withdrawal, its cookies go.
  await own.check();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__stubMatomo === 1 && document.cookie.includes('_pk_id.'));
  await page.evaluate(() => { document.cookie = '_ga=GA1.1.1.1; Path=/; Max-Age=600'; });
  await footer.click();
  await dialog.waitFor();
  await own.uncheck();
  await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The live region says "withdrawn" (its text is the page's own, data-withdrawn).
  await page.waitForFunction(() => {
    const status = document.querySelector('[role=status]');
    return status.textContent !== '' && status.textContent === status.getAttribute('data-withdrawn');
  });
  const last = await stored();
  assert.deepEqual(last.choices, { analytics: true, marketing: false, refused_services: [MATOMO.id] });
  assert.equal(last.id, first.id, 'a change of a choice in force keeps its id');
  const names = (await context.cookies()).map((c) => c.name);
  assert.deepEqual(names.filter((n) => n.startsWith('_pk_') || n.startsWith('mtm_')), [], 'Matomo\'s cookies stayed');
  assert.ok(names.includes('_ga'), 'Google\'s cookie went with Matomo\'s');
  assert.deepEqual((await page.evaluate(() => window.__matomoCalls)).slice(5), ['requireConsent']);
  assert.equal(await page.evaluate(() => window.__stubTag), 1, 'Google\'s tag was loaded again');
  await clean();
  await context.close();
});

test(`${code}: Global Privacy Control refuses Meta's pixel without asking; "accept all" allows analytics only`, async () => {
  const gpc = `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });`;
  const opened = await openPage(env, null);
  await opened.context.addInitScript({ content: gpc });
  const google = await stubGoogle(opened.context, STUB_TAG);
  const meta = await stubMeta(opened.context, STUB_PIXEL);
  await stubMatomo(opened.context, MATOMO.settings.url, STUB_MATOMO);
  const plain = await stubPlain(opened.context);
  const { page, context } = opened;
  try {
    await page.goto(env.url + pathOf(SITE, code));
    await appReady(page);
    assert.ok(await banner(page, code).getByText(T(code, 'banner.gpc')).isVisible(), 'the banner does not say why marketing is off');
    await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
    const marketing = settingsDialog(page).getByRole('switch', { name: T(code, 'purposes.marketing') });
    assert.equal(await marketing.isDisabled(), true);
    // Its services' switches too, each described by the note that says why.
    for (const name of ['Meta Pixel', PLAIN.name]) {
      const own = settingsDialog(page).getByRole('switch', { name, exact: true });
      assert.equal(await own.isDisabled(), true, name);
      assert.ok((await own.getAttribute('aria-describedby')).split(' ').includes('consent-gpc-note'), name);
    }
    await settingsDialog(page).getByRole('button', { name: T(code, 'banner.accept_all') }).click();
    await page.waitForFunction(() => window.__stubTag === 1);
    const record = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
    assert.deepEqual(record.choices, { analytics: true, marketing: false, refused_services: [] });
    assert.equal(record.gpc, true);
    assert.equal(google.length, 1);
    assert.deepEqual(meta, [], 'Meta asked under Global Privacy Control');
    assert.deepEqual(plain, [], 'the ad network asked under Global Privacy Control');
  } finally {
    await context.close();
  }
});

test(`${code}: nothing reaches Meta while a request is written: the pixel's consent is revoked when the form opens, and a page opened at the form loads no pixel`, async () => {
  const { page, context, meta, clean } = await openWithGoogleStub(pathOf(SITE, code));
  // Meta's pixel alone (with the ad network's script, the form reloads the page: the next test).
  await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
  await settingsDialog(page).getByRole('switch', { name: T(code, 'purposes.marketing') }).check();
  await settingsDialog(page).getByRole('switch', { name: PLAIN.name }).uncheck();
  await settingsDialog(page).getByRole('button', { name: T(code, 'settings.save') }).click();
  await page.waitForFunction(() => window.__stubPixel === 1 && window.__pixelCalls.length === 4);
  await page.getByRole('banner').getByRole('link', { name: T(code, 'request.make_request') }).click();
  await page.getByRole('heading', { name: T(code, 'form.heading') }).waitFor();
  assert.deepEqual((await pixelCalls(page)).slice(4), ['consent revoke'], 'the pixel still sends while the form is open');
  const anchor = await page.evaluate(() => location.hash);
  assert.ok(anchor.length > 1, 'the form has no address');
  await page.goto('about:blank');
  await page.goto(env.url + pathOf(SITE, code) + anchor);
  await appReady(page);
  await page.getByRole('heading', { name: T(code, 'form.heading') }).waitFor();
  assert.equal(meta.filter((url) => url.includes('fbevents')).length, 1, 'the pixel loaded on a page opened at the form');
  assert.equal(await page.evaluate(() => typeof window.fbq), 'undefined');
  await clean();
  await context.close();
});

test(`${code}: the ad network's plain script loads only once marketing is allowed with its switch on; it cannot be stopped, so opening the form or withdrawing it loads the page again without it, its cookie deleted, Meta's pixel kept`, async () => {
  const { page, context, plain, clean } = await openWithGoogleStub(pathOf(SITE, code));
  assert.deepEqual(plain, [], 'the ad network was asked before consent');
  await banner(page, code).getByRole('button', { name: T(code, 'banner.accept_all') }).click();
  await page.waitForFunction(() => window.__stubPlain === 1 && window.__stubPixel === 1);
  assert.deepEqual(plain, [PLAIN.settings.script_url]);
  assert.equal(await page.locator(`script[src="${PLAIN.settings.script_url}"]`).count(), 1);
  await page.waitForFunction((name) => document.cookie.includes(`${name}=`), PLAIN.cookies[0].name);
  // The request form opened from a right's own "Tee pyyntö" link (as in a notice that has them;
  // the example's has only the header's): the page is loaded again at the form, with no vendor's
  // script, and the form opens with that right ticked.
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '#pyynto', textContent: 'Tee pyyntö (rajoittaminen)' });
    link.dataset.requestRight = 'restriction';
    document.querySelector('main').prepend(link);
  });
  const reloaded = page.waitForEvent('load');
  await page.getByRole('link', { name: 'Tee pyyntö (rajoittaminen)' }).click();
  await reloaded;
  await page.getByRole('heading', { name: T(code, 'form.heading') }).waitFor();
  const restriction = page.getByRole('checkbox', { name: T(code, 'form.rights.restriction') });
  await restriction.waitFor();
  assert.equal(await restriction.isChecked(), true, 'the link\'s right was lost in the reload');
  assert.equal(await page.getByRole('checkbox', { name: T(code, 'form.rights.access') }).isChecked(), false);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the kept right or message was not forgotten');
  assert.equal(await page.evaluate(() => window.__stubPlain ?? 0), 0, 'the plain script runs while the form is open');
  assert.equal(await page.evaluate(() => typeof window.fbq), 'undefined');
  assert.deepEqual(plain, [PLAIN.settings.script_url], 'the plain script was loaded at the form');
  // The next page view loads it again; withdrawing it alone loads the page again without it and
  // deletes its cookie; Meta's pixel runs again in the new page view.
  await page.goto('about:blank');
  await page.goto(env.url + pathOf(SITE, code));
  await appReady(page);
  await page.waitForFunction(() => window.__stubPlain === 1 && window.__stubPixel === 1);
  await footerSettings(page).click();
  await settingsDialog(page).getByRole('switch', { name: PLAIN.name }).uncheck();
  const again = page.waitForEvent('load');
  await settingsDialog(page).getByRole('button', { name: T(code, 'settings.save') }).click();
  await again;
  // The new page view says what the one before it would have said.
  await page.waitForFunction(() => {
    const status = document.querySelector('[role=status]');
    return status.textContent !== '' && status.textContent === status.getAttribute('data-withdrawn');
  });
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
  assert.deepEqual(stored.choices, { analytics: true, marketing: true, refused_services: [PLAIN.id] });
  await appReady(page);
  await page.waitForFunction(() => window.__stubPixel === 1);
  assert.equal(await page.evaluate(() => window.__stubPlain ?? 0), 0);
  assert.equal(plain.length, 2, 'the plain script was loaded again after its withdrawal');
  assert.ok(!(await context.cookies()).some((c) => c.name === PLAIN.cookies[0].name), 'its cookie stayed');
  await clean();
  await context.close();
});

const run = (tool, ...args) => execFileSync(tool, args, { encoding: 'utf8' });

for (const code of LANGUAGES) {
  test(`${code}: the request form offers only the example's letter languages and writes a PDF naming ${C.name.full} with a ${SITE.reference_prefix}- reference`, async () => {
    const { page, watch } = await openPage(env, pathOf(SITE, code), { acceptDownloads: true });
    await appReady(page);
    await banner(page, code).getByRole('button', { name: T(code, 'banner.reject_all') }).click();
    await page.getByRole('banner').getByRole('link', { name: T(code, 'request.make_request') }).click();
    await page.getByRole('heading', { name: T(code, 'form.heading') }).waitFor();

    // The letter's languages: those of site.toml, none other ("englanti" is not offered).
    const letter = (lang) => page.getByRole('radio', { name: T(code, `form.letter.${lang}`), exact: true });
    for (const lang of ['fi', 'en'].filter((l) => !SITE.letter_languages.includes(l))) {
      assert.equal(await letter(lang).count(), 0, `the form offers a letter in ${lang}`);
    }
    const group = page.getByRole('group', { name: T(code, 'form.letter.legend') });
    if (SITE.letter_languages.length > 1) {
      assert.deepEqual(await group.getByRole('radio').count(), SITE.letter_languages.length);
    } else {
      // One language leaves nothing to choose: no choice is shown, or the one is chosen.
      const radios = group.getByRole('radio');
      assert.ok((await radios.count()) === 0 || ((await radios.count()) === 1 && (await radios.isChecked())), 'one letter language, chosen');
    }

    await page.getByRole('textbox', { name: T(code, 'form.fields.name'), exact: true }).fill('Testi Asiakas');
    await page.getByRole('textbox', { name: T(code, 'form.fields.email'), exact: true }).fill('testi@example.fi');
    await page.getByRole('checkbox', { name: T(code, 'form.rights.access'), exact: true }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: T(code, 'form.download') }).click(),
    ]);
    const reference = new RegExp(`${SITE.reference_prefix}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}`);
    assert.match(download.suggestedFilename(), reference);
    const path = join(work, `${code}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const pdf = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
    assert.ok(pdf.includes(C.name.full), `${C.name.full} not in the PDF`);
    assert.ok(pdf.includes(C.street), `${C.street} not in the PDF`);
    assert.ok(pdf.includes(download.suggestedFilename().match(reference)[0]), 'the reference not in the PDF');
    assert.deepEqual(firstCompanyFacts(pdf), [], 'the first company in the PDF');
    // The data attached to the PDF (request.json) names the example's controller too.
    const json = join(work, `${code}-request.json`);
    run('pdfdetach', '-save', '1', '-o', json, path);
    const data = await readFile(json, 'utf8');
    assert.match(JSON.parse(data).reference, new RegExp(`^${reference.source}$`));
    assert.ok(data.includes(C.name.full), data);
    assert.deepEqual(firstCompanyFacts(data), [], 'the first company in request.json');
    await assertClean(assert, env, watch);
  });
}

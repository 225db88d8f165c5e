// The example company (PORTAL_SITE, default examples/kahvila-kuu) in Chromium against its release
// build (PORTAL_DIST, default dist-example/), served with its deploy headers like the main site.
// Every text is the example folder's (its notices and locale files), every fact its site.toml's;
// none is Safrent's. Google is never reached: its tag is answered by a stub (as in
// tests/browser/consent.test.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, openPage, appReady, settled, assertClean, fold, GOOGLE, stubGoogle, STORAGE_KEY } from '../browser/harness.mjs';
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

/** Opens `path` with Google's hosts answered by the stub; `google` lists what was asked of them. */
async function openWithGoogleStub(path) {
  const opened = await openPage(env, null);
  const google = await stubGoogle(opened.context, STUB_TAG);
  await opened.page.goto(env.url + path);
  await appReady(opened.page);
  opened.watch.requests = opened.watch.requests.filter((url) => !GOOGLE.test(url));
  return { ...opened, google };
}

const banner = (page, code) => page.getByRole('region', { name: T(code, 'banner.title') });

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
  // and the settings ask about the purposes its services use (analytics only: no marketing switch,
  // no Global Privacy Control note, which is about marketing).
  test(`${code}: the cookie table and the settings list only the example's cookies and purposes`, async () => {
    const { page, context, watch } = await openWithGoogleStub(pathOf(SITE, code));
    try {
      const table = fold(await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('table').innerText());
      const own = SITE.services.flatMap((s) => s.cookies.map((c) => c.name ?? c.prefix));
      for (const cookie of own) {
        assert.ok(table.includes(cookie), `the cookie table lacks ${cookie}: ${table}`);
      }
      const others = FIRST.site.services.flatMap((s) => s.cookies.map((c) => c.name ?? c.prefix)).filter((n) => !own.includes(n));
      assert.ok(others.length > 0, 'the first company sets no cookie the example does not: nothing to compare');
      for (const cookie of others) {
        assert.ok(!table.includes(cookie), `the cookie table lists ${cookie}, which ${EXAMPLE.path} does not set`);
      }
      const used = new Set(SITE.services.flatMap((s) => s.cookies.map((c) => c.purpose ?? s.purpose)));
      const asked = ['analytics', 'marketing'].filter((p) => used.has(p));
      assert.deepEqual(asked, ['analytics'], `${EXAMPLE.path} is meant to use analytics only`);
      const first = banner(page, code);
      await first.getByRole('button', { name: T(code, 'banner.settings') }).click();
      const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
      await dialog.waitFor();
      const switches = await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => i.labels[0].textContent.trim()));
      assert.deepEqual(switches, asked.map((p) => T(code, `purposes.${p}`)));
      const rowgroups = await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('rowheader').allInnerTexts();
      assert.deepEqual(rowgroups.map(fold), ['necessary', ...asked].map((p) => T(code, `purposes.${p}`)));
      assert.equal(await page.getByText(T(code, 'banner.gpc')).count(), 0, 'a note about marketing on a site without it');
      // "Accept all" allows what the site asks about, and the record says no more.
      await dialog.getByRole('button', { name: T(code, 'banner.accept_all') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => window.__stubTag === 1);
      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
      assert.deepEqual(stored.choices, { analytics: true, marketing: false });
      watch.requests = watch.requests.filter((url) => !GOOGLE.test(url));
      await assertClean(assert, env, watch);
    } finally {
      await context.close();
    }
  });

  // Without the app (its WebAssembly answers 404), the head script's fallback answers the
  // buttons: with the example's one purpose, its settings open, and "accept all" stores what the
  // app would (analytics, no marketing, which the site does not ask about).
  test(`${code}: without the app, the settings open and the choice is stored as the app would`, async () => {
    const { page, context, watch } = await openPage(env, null);
    try {
      await context.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: '' }));
      const gaveUp = page.waitForEvent('console', (message) => message.text().startsWith('The app did not start'));
      await page.goto(env.url + pathOf(SITE, code));
      await gaveUp;
      await banner(page, code).getByRole('button', { name: T(code, 'banner.settings') }).click();
      const dialog = page.getByRole('dialog', { name: T(code, 'settings.title') });
      await dialog.waitFor();
      assert.deepEqual(await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => [i.labels[0].textContent.trim(), i.checked, i.disabled])), [[T(code, 'purposes.analytics'), false, false]]);
      await dialog.getByRole('switch').check();
      await dialog.getByRole('button', { name: T(code, 'settings.save') }).click();
      await dialog.waitFor({ state: 'hidden' });
      const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
      assert.deepEqual((await stored()).choices, { analytics: true, marketing: false });
      await page.getByRole('contentinfo').getByRole('button', { name: T(code, 'page.cookie_settings') }).click();
      await dialog.waitFor();
      assert.equal(await dialog.getByRole('switch').isChecked(), true, 'shows the choice in force');
      await dialog.getByRole('button', { name: T(code, 'banner.accept_all') }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.deepEqual((await stored()).choices, { analytics: true, marketing: false }, 'accept all allows only what the site asks about');
      assert.deepEqual(watch.pageErrors, [], 'the fallback threw');
    } finally {
      await context.close();
    }
  });

  test(`${code}: first visit, the banner asks; refusing loads nothing and is remembered`, async () => {
    const { page, context, watch, google } = await openWithGoogleStub(pathOf(SITE, code));
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
    assert.equal(await page.evaluate(() => window.__stubTag ?? 0), 0);
    assert.deepEqual((await context.cookies()).map((c) => c.name), []);
    await assertClean(assert, env, watch);
    await context.close();
  });

  test(`${code}: the vendor loads only after consent, with the example's measurement ID ${ID}`, async () => {
    const { page, context, watch, google } = await openWithGoogleStub(pathOf(SITE, code));
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
    assert.equal(config.allow_google_signals, false, 'Google signals on a site without marketing');
    const parent = new URL(SITE.origin).hostname.split('.').slice(1).join('.');
    const table = fold(await page.getByRole('region', { name: T(code, 'cookies.heading') }).getByRole('table').innerText());
    assert.ok(table.includes(`${T(code, 'cookies.cookie')} (${parent})`), table);
    // The example keeps no consent log (its site.toml leaves it off): the page says no address
    // for one, and the choice went nowhere but the visitor's storage.
    assert.equal(SITE.consent.log ?? false, false);
    assert.equal(await page.locator('meta[name="consent-revisions"]').getAttribute('data-log'), null);
    assert.deepEqual(watch.requests.filter((url) => url.includes('/api/')), []);
    await assertClean(assert, env, watch);
    await context.close();
  });
}

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

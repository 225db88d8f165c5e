// The request form (issues 4, 9, 10, 11), as a customer uses it in Chromium against the release
// build: open it from the notice, fill in, sign or not, download the PDF, and read the file back
// with Debian's poppler-utils (pdftotext, pdffonts, pdfdetach) and qpdf. Every page is watched: no
// request may leave 127.0.0.1, no console error, no CSP violation.
//
// The request letter's words are src/request/document.rs's (another branch rewrites them): the
// assertions on the PDF's wording are marked "letter:" and follow that file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setUp, openPage, appReady, rejectCookies, assertClean, axeViolations, fold, recordPaint, paintRecord, ROOT,
} from './harness.mjs';
import { LANGS as SITE_LANGS } from './languages.mjs';
import { CONTROLLER, REFERENCE, REFERENCE_PREFIX, escapeRegExp, literal } from './site.mjs';

/** The PDF's file names, in Finnish and in English, as regular expressions from their start. */
const FI_FILE = new RegExp(`^tietosuojapyynto-${REFERENCE_PREFIX}-`);
const EN_FILE = new RegExp(`^privacy-request-${REFERENCE_PREFIX}-`);
/** The controller's details, escaped for a regular expression. */
const C = Object.fromEntries(Object.entries(CONTROLLER).map(([k, v]) => [k, typeof v === 'string' ? escapeRegExp(v) : v]));
const contact = literal(CONTROLLER.contact), email = literal(CONTROLLER.email);

let env;
let work;
before(async () => {
  // A language's page missing from the release build is a broken build, not a reason to skip.
  for (const { code, path } of SITE_LANGS) {
    const file = join(ROOT, 'dist', path, 'index.html');
    if (!existsSync(file)) throw new Error(`${file} is missing: the ${code} page was not built (scripts/test.sh builds dist/)`);
  }
  env = await setUp();
  work = await mkdtemp(join(tmpdir(), 'request-test-'));
});
after(async () => {
  await env?.tearDown();
  await rm(work, { recursive: true, force: true });
});

const NAME = 'Åsa Łukasiewicz-Žemaitė';

/** The form's words on each language's page (locales/<lang>.toml, [form.*]). */
const FORM = {
  fi: {
    path: '/', link: 'Tee pyyntö', heading: 'Tee tietosuojapyyntö', download: 'Lataa pyyntö (PDF)',
    name: 'Nimi', email: 'Sähköpostiosoite', access: 'Tarkastusoikeus', none: 'Ei allekirjoitusta',
    summary: /Tarkista lomake/, done: 'Pyyntö on ladattu', letterFi: 'suomi', letterEn: 'englanti',
  },
  en: {
    path: '/en/', link: 'Make a request', heading: 'Make a data protection request', download: 'Download request (PDF)',
    name: 'Name', email: 'E-mail address', access: 'Right of access', none: 'No signature',
    summary: /Please check the form/, done: 'Your request has been downloaded', letterFi: 'Finnish', letterEn: 'English',
  },
  sv: {
    path: '/sv/', link: 'Gör en begäran', heading: 'Gör en begäran enligt dataskyddsförordningen',
    download: 'Ladda ned begäran (PDF)', name: 'Namn', email: 'E-postadress', access: 'Rätt till insyn',
    none: 'Utan underskrift', summary: /Kontrollera formuläret/, done: 'Begäran har laddats ned',
    letterFi: 'finska', letterEn: 'engelska',
  },
};
// Every language of the site (languages.mjs) has its form words here; a page missing from the
// build fails the run (see `before`), it is never skipped.
const LANGS = SITE_LANGS.map((l) => l.code);
for (const lang of LANGS) if (!FORM[lang]) throw new Error(`no form words for the site's language ${lang} in request.test.mjs`);

/** Opens the page (a fresh context, `options` for it), answers the banner and opens the form from the header link. */
async function openForm(lang = 'fi', options = {}) {
  const words = FORM[lang];
  const opened = await openPage(env, words.path, options);
  await appReady(opened.page);
  await rejectCookies(opened.page);
  await opened.page.getByRole('banner').getByRole('link', { name: words.link }).click();
  await opened.page.getByRole('heading', { name: words.heading }).waitFor();
  // The choice's status message ("Valintasi on tallennettu.") would cover the form: it is gone.
  assert.equal(await opened.page.locator('#consent-status').textContent(), '');
  return opened;
}

const textbox = (page, name) => page.getByRole('textbox', { name, exact: true });

/** Draws a stroke of `points` mouse moves across the signature area. */
async function drawSignature(page, points = 24) {
  const pad = page.getByRole('img', { name: /Allekirjoitusalue|Signature area|Underskriftsområde/ });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= points; i++) {
    const t = i / points;
    await page.mouse.move(box.x + box.width * (0.1 + 0.8 * t), box.y + box.height * (0.6 - 0.3 * Math.sin(t * 12)));
  }
  await page.mouse.up();
}

/** Waits for the download a click on `button` (or `press()`) starts; saves it, returns its path and name. */
async function download(page, button = FORM.fi.download, press = () => page.getByRole('button', { name: button }).click()) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), press()]);
  const path = join(work, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

/** Presses the download button and waits for the error summary; fails if a file comes instead. */
async function attemptWithErrors(page, words = FORM.fi) {
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: words.download }).click();
  const summary = page.getByRole('group', { name: words.summary });
  await summary.waitFor();
  // The summary takes the focus once it is rendered: then the attempt is over.
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-errors');
  assert.equal(downloads, 0, 'no download with errors');
  return summary;
}

/** The form module's counters: [validation runs, stroke paths rendered] (src/request/form/mod.rs, `probe`). */
async function probe(page) {
  return page.evaluate(async () => {
    const root = document.getElementById('request-root');
    const form = await import(new URL(root.dataset.formModule, document.baseURI).href);
    return Array.from(form.probe());
  });
}

const run = (tool, ...args) => execFileSync(tool, args, { encoding: 'utf8' });
const pdfText = (path) => fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
/** The PDF's text without the page furniture (letter: document.rs's footer "… · SAF-… · 1/2" and
 * the page number "2 (2)" at the top of later pages), so text that runs across pages reads on. */
const bodyText = (path) => fold(run('pdftotext', '-enc', 'UTF-8', path, '-')
  .split(/[\n\f]/)
  .filter((line) => !new RegExp(` · ${REFERENCE} · \\d+/\\d+$`).test(line) && !/^\d+ \(\d+\)$/.test(line))
  .join('\n'));

test('fill in, sign with the mouse, download: the PDF holds the request as text, font and data', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await textbox(page, 'Ajanjakso tai tietoryhmät').fill('Tilaukset vuodesta 2024');
  await page.getByRole('checkbox', { name: 'Oikeus tietojen poistamiseen' }).check();
  await page.getByRole('radio', { name: 'Piirrä allekirjoitus' }).check();
  await drawSignature(page);
  const { path, name } = await download(page);
  assert.match(name, new RegExp(`^tietosuojapyynto-${REFERENCE}\\.pdf$`));
  const reference = name.slice('tietosuojapyynto-'.length, -4);

  const text = pdfText(path);
  // letter: the words and layout are document.rs's.
  for (const expected of [
    'Tietosuojaan liittyvä pyyntö', NAME, 'asa@example.fi', CONTROLLER.name, CONTROLLER.address.split(',')[0],
    `${CONTROLLER.contact_person}, ${CONTROLLER.email}`, reference, 'Tarkastusoikeus (15 artikla)',
    'Tilaukset vuodesta 2024', 'Oikeus tietojen poistamiseen (17 artikla)', 'kuukauden kuluessa',
    'Ensimmäinen jäljennös', 'Sähköinen allekirjoitus: piirretty lomakkeella.',
  ]) {
    assert.ok(text.includes(expected), `${expected} not in the PDF text`);
  }

  const fonts = run('pdffonts', path).split('\n').slice(2).filter((line) => line.trim());
  assert.ok(fonts.length >= 1, 'fonts embedded');
  for (const line of fonts) assert.match(line, /CID TrueType\s+Identity-H\s+yes yes yes/, 'embedded, subset, with ToUnicode');

  assert.match(run('pdfdetach', '-list', path), /1 embedded files\n1: request\.json/);
  const json = join(work, `${reference}.json`);
  run('pdfdetach', '-save', '1', '-o', json, path);
  const data = await readFile(json);
  const record = JSON.parse(data.toString('utf8'));
  assert.equal(record.reference, reference);
  assert.equal(record.sender.name, NAME);
  assert.deepEqual(record.rights.map((r) => r.right), ['access', 'erasure']);
  assert.equal(record.signature.kind, 'drawn');
  assert.ok(record.signature.strokes[0].length >= 16, 'the strokes are in the data');
  const digest = createHash('sha256').update(data).digest('hex');
  assert.ok(text.includes(digest), 'the printed SHA-256 is the attachment\'s');

  assert.match(run('qpdf', '--check', path), /No syntax or stream encoding errors/);
  const info = run('pdfinfo', path);
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, /Tagged:\s+yes\n/);

  // Nothing but the page's own files was fetched: the form module, its font and stylesheet.
  await assertClean(assert, env, watch);
  const own = watch.requests.map((url) => new URL(url).pathname);
  assert.ok(own.some((p) => /^\/form\/request-form_bg-[0-9a-f]{16}\.wasm$/.test(p)), own.join('\n'));
  assert.ok(own.some((p) => /^\/form\/writer\/fonts\.[0-9a-f]{16}\.json$/.test(p)), own.join('\n'));
  assert.ok(own.some((p) => /^\/form\/writer\/dejavu-sans\.[0-9a-f]{16}\.otf$/.test(p)), own.join('\n'));
  assert.ok(own.some((p) => /^\/form\/request-[0-9a-f]{16}\.css$/.test(p)), own.join('\n'));
  assert.ok(own.every((p) => !p.includes('?')), 'no form data in any URL');
});

test('a request without any signature, the default: downloaded at once, and the PDF is unsigned', async () => {
  const { page, watch } = await openForm();
  const none = page.getByRole('radio', { name: 'Ei allekirjoitusta' });
  assert.equal(await none.isChecked(), true, 'no signature is the default');
  assert.match(fold(await page.locator('.request-form').innerText()), /Tietosuoja-asetus ei kuitenkaan edellytä allekirjoitusta/);
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Postiosoite').fill('Esimerkkitie 1, 20100 Turku');
  await page.getByRole('checkbox', { name: 'Oikeus siirtää tiedot järjestelmästä toiseen' }).check();
  const { path, name } = await download(page);
  assert.match(name, FI_FILE);
  const text = pdfText(path);
  assert.ok(text.includes('Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla)'), text);
  // letter: document.rs's words for an unsigned request.
  assert.ok(text.includes('Pyyntöä ei ole allekirjoitettu. Tietosuoja-asetus ei edellytä allekirjoitusta'), text);
  assert.ok(!text.includes('Sähköinen allekirjoitus'), 'an unsigned request claims no electronic signature');
  const json = join(work, 'unsigned.json');
  run('pdfdetach', '-save', '1', '-o', json, path);
  const record = JSON.parse(await readFile(json, 'utf8'));
  assert.deepEqual(record.signature, { kind: 'none' });
  const done = page.getByRole('region', { name: 'Pyyntö on ladattu' });
  await done.waitFor();
  assert.doesNotMatch(fold(await done.innerText()), /Allekirjoita tuloste/, 'no pen: nothing to sign');

  // Drawn with nothing drawn, and typed with nothing typed, are the only ways the signature blocks.
  await page.getByRole('radio', { name: 'Piirrä allekirjoitus' }).check();
  let summary = await attemptWithErrors(page);
  assert.match(fold(await summary.innerText()), /Tarkista lomake: 1 korjattava kohta Allekirjoitus: Piirrä allekirjoitus tai valitse toinen vaihtoehto, esimerkiksi Ei allekirjoitusta\./);
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  // The typed signature starts from the name given; emptied, it blocks.
  const typed = textbox(page, 'Nimesi allekirjoituksena');
  assert.equal(await typed.inputValue(), NAME.trim());
  await typed.fill('');
  summary = await attemptWithErrors(page);
  assert.match(fold(await summary.innerText()), /Nimesi allekirjoituksena: Täytä tämä kenttä\./);
  await none.check();
  await download(page);
  await assertClean(assert, env, watch);
});

test('the first load fetches nothing of the form; a rights section link opens it with that right', async () => {
  const { page, watch } = await openPage(env, '/');
  await appReady(page);
  await rejectCookies(page);
  assert.deepEqual(watch.requests.filter((url) => url.includes('/form/')), [], 'form files in the first load');

  const section = page.locator('[data-section="rajoittamisoikeus"]');
  await section.getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Oikeus käsittelyn rajoittamiseen' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).isChecked(), false);
  assert.equal(new URL(page.url()).hash, '#pyynto');
  // The reason is asked for, and required: one problem, in the singular.
  await textbox(page, 'Nimi').fill('Matti Meikäläinen');
  await textbox(page, 'Sähköpostiosoite').fill('matti@example.fi');
  const summary = await attemptWithErrors(page);
  assert.equal(
    fold(await summary.innerText()),
    'Tarkista lomake: 1 korjattava kohta Rajoittamisen peruste: Täytä tämä kenttä.',
  );

  // Going back (to the section the link was in) and opening the form again loses nothing.
  await page.goBack();
  assert.equal(new URL(page.url()).hash, '');
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  assert.equal(await textbox(page, 'Nimi').inputValue(), 'Matti Meikäläinen');
  assert.equal(await page.getByRole('checkbox', { name: 'Oikeus käsittelyn rajoittamiseen' }).isChecked(), true);
  await assertClean(assert, env, watch);
});

test('the seven rights are checkboxes named as rights in one style, with articles cited the Finnish way', async () => {
  const { page, watch } = await openForm();
  const rights = [
    ['Tarkastusoikeus', 'Tietosuoja-asetuksen 15 artikla'],
    ['Oikeus tietojen oikaisemiseen', 'Tietosuoja-asetuksen 16 artikla'],
    ['Oikeus tietojen poistamiseen', 'Tietosuoja-asetuksen 17 artikla'],
    ['Oikeus käsittelyn rajoittamiseen', 'Tietosuoja-asetuksen 18 artikla'],
    ['Oikeus vastustaa käsittelyä', 'Tietosuoja-asetuksen 21 artiklan 1 kohta'],
    ['Oikeus vastustaa suoramarkkinointia', 'Tietosuoja-asetuksen 21 artiklan 2 kohta'],
    ['Oikeus siirtää tiedot järjestelmästä toiseen', 'Tietosuoja-asetuksen 20 artikla'],
  ];
  for (const [name, article] of rights) {
    const box = page.getByRole('checkbox', { name, exact: true });
    await box.waitFor();
    const describedBy = await box.getAttribute('aria-describedby');
    assert.equal(fold(await page.locator(`#${describedBy}`).innerText()), article);
  }
  await page.getByRole('checkbox', { name: 'Oikeus vastustaa suoramarkkinointia' }).check();
  const note = fold(await page.locator('.rf-right', { has: page.getByRole('checkbox', { name: 'Oikeus vastustaa suoramarkkinointia' }) }).innerText());
  assert.match(note, /vastustat tietojesi käsittelyä suoramarkkinointia varten/);
  assert.match(note, /markkina- ja mielipidetutkimusta varten sekä niiden julkaisemisen postitus- ja osoiteluetteloissa/);
  assert.match(note, /profilointi silloin, kun se liittyy suoramarkkinointiin/);
  const form = fold(await page.locator('.request-form').innerText());
  assert.match(form, /Älä liitä henkilötunnusta/);
  assert.match(form, /perusteltua syytä epäillä henkilöllisyyttäsi/);
  assert.match(form, /Selosteen mukaan tarkastus- ja korjauspyyntö on tehtävä kirjallisena ja allekirjoitettava\. Tietosuoja-asetus ei kuitenkaan edellytä allekirjoitusta/);
  assert.match(form, /Selosteen mukaan pyynnön voi tehdä suomeksi tai englanniksi/);
  for (const label of ['Nimi', 'Sähköpostiosoite', 'Postiosoite', 'Puhelinnumero', 'Edustamasi yhteisö',
    'Asiakas- tai tilausnumero']) {
    await textbox(page, label).waitFor();
  }
  assert.equal(await page.getByLabel(/henkilötunnus/i).count(), 0);
  await assertClean(assert, env, watch);
});

test('an invalid e-mail blocks the download with a clear error next to the field and in the summary; nothing typed is lost', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  const email = textbox(page, 'Sähköpostiosoite');
  await email.fill('asa@example');
  await email.blur();
  // Leaving the field shows nothing yet: errors appear when the customer asks for the file.
  assert.equal(await page.locator('#req-email-error').isVisible(), false);
  assert.equal(await email.getAttribute('aria-invalid'), null);
  await page.getByRole('checkbox', { name: 'Oikeus tietojen oikaisemiseen' }).check();
  await textbox(page, 'Mitä niissä pitäisi lukea').fill('Uusikatu 2');
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  await textbox(page, 'Nimesi allekirjoituksena').fill('Åsa Ł.');

  const summary = await attemptWithErrors(page);
  assert.equal(
    fold(await summary.innerText()),
    'Tarkista lomake: 1 korjattava kohta Sähköpostiosoite: Tarkista sähköpostiosoite: muoto on nimi@esimerkki.fi.',
  );
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.deepEqual(describedBy.split(' '), ['req-email-hint', 'req-email-error']);
  assert.equal(fold(await page.locator('#req-email-error').innerText()), 'Tarkista sähköpostiosoite: muoto on nimi@esimerkki.fi.');
  // The summary's link leads to the field.
  await summary.getByRole('link', { name: /Sähköpostiosoite: Tarkista sähköpostiosoite/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'req-email');

  // Switching the signature method and back keeps the typed name.
  await page.getByRole('radio', { name: 'Allekirjoitan tulostetun pyynnön kynällä' }).check();
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  assert.equal(await textbox(page, 'Nimesi allekirjoituksena').inputValue(), 'Åsa Ł.');

  // Correcting the address clears its error as it is typed.
  await email.fill('asa@example.fi');
  assert.equal(await page.locator('#req-email-error').isVisible(), false);
  assert.equal(await email.getAttribute('aria-invalid'), null);
  const { path } = await download(page);
  const text = pdfText(path);
  assert.ok(text.includes('Oikeus tietojen oikaisemiseen (16 artikla)') && text.includes('Uusikatu 2'));
  assert.ok(text.includes('Sähköinen allekirjoitus: nimi kirjoitettu lomakkeella.'));
  await assertClean(assert, env, watch);
});

test('a 3000-character postal address left with an error: nothing moves, and the next click lands', async () => {
  const { page, context, watch } = await openPage(env, null);
  await recordPaint(context);
  // Every layout shift, also those right after input (which CLS leaves out): a shift between
  // pressing and releasing the mouse is what makes a click land elsewhere.
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push({ time: e.startTime, value: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(env.url + '/', { waitUntil: 'load' });
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  const postal = textbox(page, 'Postiosoite');
  const address = 'Esimerkkitie 1 A 2, 20100 Turku. '.repeat(100).slice(0, 3000);
  await postal.fill(address);

  /** Presses the mouse on `box`, lets two frames render, releases it: as a hand does. */
  const slowClick = async (box) => {
    await box.scrollIntoViewIfNeeded();
    const at = await box.boundingBox();
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    const pressed = await page.evaluate(() => performance.now());
    await page.mouse.down();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const released = await page.evaluate(() => performance.now());
    await page.mouse.up();
    return page.evaluate(([from, to]) => window.__shifts.filter((s) => s.time >= from && s.time <= to), [pressed, released]);
  };

  // Leaving the field by pressing on a checkbox: the box is ticked, nothing shifted meanwhile.
  const objection = page.getByRole('checkbox', { name: 'Oikeus vastustaa käsittelyä', exact: true });
  assert.deepEqual(await slowClick(objection), [], 'layout shifts while the mouse was down');
  assert.equal(await objection.isChecked(), true, 'the click landed on the checkbox');
  assert.equal(await page.locator('#req-postal-error').isVisible(), false);

  // The download shows the error (user-initiated), and keeps all 3000 characters.
  const summary = await attemptWithErrors(page);
  assert.match(fold(await summary.innerText()), /Postiosoite: Enintään 300 merkkiä \(nyt 3000\)\. Lyhennä tekstiä\./);
  assert.equal(fold(await page.locator('#req-postal-error').innerText()), 'Enintään 300 merkkiä (nyt 3000). Lyhennä tekstiä.');
  assert.equal(await postal.inputValue(), address, 'nothing typed is lost');
  // Typing on in the field updates its message in place; leaving it for another checkbox moves nothing.
  await postal.press('End');
  await postal.type('x');
  assert.match(fold(await page.locator('#req-postal-error').innerText()), /nyt 3001/);
  const erasure = page.getByRole('checkbox', { name: 'Oikeus tietojen poistamiseen' });
  assert.deepEqual(await slowClick(erasure), [], 'layout shifts while the mouse was down');
  assert.equal(await erasure.isChecked(), true);

  const { cls } = await paintRecord(page);
  assert.equal(cls, 0, `layout shifts not caused by input: ${JSON.stringify((await paintRecord(page)).shifts)}`);
  await assertClean(assert, env, watch);
});

test('hostile and any-script input: plain text, no script, no panic; what the font lacks is named', async () => {
  const { page, watch } = await openForm();
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs++; await dialog.dismiss(); });
  const markup = `<img src=x onerror="alert(1)"><script>alert('x')</script> "quoted" 'single' & <b>bold</b>`;
  const long = ('Pitkä kenttä <i>ei</i> muotoilua; '.repeat(100)).slice(0, 3000);
  await textbox(page, 'Nimi').fill(markup.slice(0, 200));
  await textbox(page, 'Postiosoite').fill('Esimerkkitie 1 "A"\n20100 Turku');
  await page.getByRole('checkbox', { name: 'Oikeus vastustaa käsittelyä', exact: true }).check();
  await textbox(page, 'Vastustamisen peruste').fill(long);
  // Arabic, Chinese, an emoji, control and bidirectional characters: reported, never a crash.
  const message = textbox(page, 'Muuta kerrottavaa');
  await message.fill('محمد العلي 李小龙 😀 \u0007\u202Etxt\u0000');
  const summary = await attemptWithErrors(page);
  // Arabic and Chinese have fonts (fetched when needed); the emoji has none. The control
  // characters were cleaned out as they came in; the override stays (the letter isolates it).
  const error = fold(await page.locator('#req-message-error').innerText());
  assert.equal(error, 'PDF:n fontissa ei ole näitä merkkejä: ”😀” (U+1F600). Korvaa tai poista ne.');
  assert.match(fold(await summary.innerText()), /Muuta kerrottavaa: PDF:n fontissa ei ole näitä merkkejä/);
  assert.equal(await message.inputValue(), 'محمد العلي 李小龙 😀 \u202Etxt', 'what was typed stays, less its control characters');

  await message.fill(long);
  await page.getByRole('radio', { name: 'Allekirjoitan tulostetun pyynnön kynällä' }).check();
  const { path } = await download(page);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('.request-form img, .request-form script, .request-form b').count(), 0);
  const text = pdfText(path);
  assert.ok(text.includes(fold(markup.slice(0, 200))), 'the name, markup and quotes as typed');
  // letter: document.rs's words for a pen signature and a postal answer.
  assert.ok(text.includes('Pyyntö allekirjoitetaan kynällä tulostettuna.'));
  assert.ok(text.includes('Pyydän vastausta postitse osoitteeseen: Esimerkkitie 1 "A", 20100 Turku.'), text);
  const pages = Number(run('pdfinfo', path).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2, `${pages} pages`);
  const phrase = 'Pitkä kenttä <i>ei</i> muotoilua;';
  const perField = long.split(phrase).length - 1;
  assert.equal(bodyText(path).split(phrase).length - 1, 2 * perField, 'both 3000-character fields complete');
  assert.match(run('qpdf', '--check', path), /No syntax or stream encoding errors/);
  await assertClean(assert, env, watch);
});

test('characters no PDF font has are reported before the download, in the page\'s language; the rest of any script prints', async () => {
  for (const lang of LANGS) {
    const words = FORM[lang];
    const { page, context, watch } = await openForm(lang, { acceptDownloads: true });
    const name = textbox(page, words.name);
    await name.fill('Li Wei 李伟 😀 \uE000');
    await textbox(page, words.email).fill('li@example.fi');
    await page.getByRole('checkbox', { name: words.access }).check();
    await attemptWithErrors(page, words);
    const expected = {
      fi: 'PDF:n fontissa ei ole näitä merkkejä: ”😀” (U+1F600), ”\uE000” (U+E000). Korvaa tai poista ne.',
      en: 'The PDF\'s font lacks these characters: “😀” (U+1F600), “\uE000” (U+E000). Please replace or remove them.',
      sv: 'PDF-filens typsnitt saknar följande tecken: ”😀” (U+1F600), ”\uE000” (U+E000). Byt ut eller ta bort dem.',
    }[lang];
    assert.equal(fold(await page.locator('#req-name-error').innerText()), expected);
    assert.equal(await name.inputValue(), 'Li Wei 李伟 😀 \uE000', 'nothing typed is lost');
    await name.fill('Li Wei 李伟');
    const { path } = await download(page, words.download);
    assert.ok(pdfText(path).includes('Li Wei 李伟'), 'the Chinese name prints');
    await assertClean(assert, env, watch);
    await context.close();
  }
});

test('a name pasted with Word\'s soft line break (U+000B) and other control characters: cleaned as it comes in, and the PDF is made', async () => {
  const { page, watch } = await openForm();
  const name = textbox(page, 'Nimi');
  // Pasted text arrives as inserted text (an input event), as a paste from Word does.
  await name.focus();
  await page.keyboard.insertText('Matti\u000BMeikäläinen\u0000');
  assert.equal(await name.inputValue(), 'Matti Meikäläinen', 'a line break is a space in a field of one line');
  // The caret stays where the paste ended, also in the middle of the text.
  await page.keyboard.press('Home');
  await page.keyboard.insertText('Dr\u001B\u000B');
  await page.keyboard.type('X');
  assert.equal(await name.inputValue(), 'Dr XMatti Meikäläinen');
  await name.fill('');
  await name.focus();
  await page.keyboard.insertText('Matti\u000BMeikäläinen');
  const message = textbox(page, 'Muuta kerrottavaa');
  await message.focus();
  await page.keyboard.insertText('Rivi yksi\u000Brivi kaksi\u000Ckolme\u0085neljä\u007F\u001B[0m');
  assert.equal(await message.inputValue(), 'Rivi yksi\nrivi kaksi\nkolme\nneljä[0m', 'line breaks are lines in a field of several');
  await textbox(page, 'Sähköpostiosoite').fill('matti@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const { path } = await download(page);
  const text = pdfText(path);
  assert.ok(text.includes('Matti Meikäläinen'), text);
  assert.ok(text.includes('rivi kaksi') && text.includes('neljä[0m'), text);
  const json = join(work, 'pasted.json');
  run('pdfdetach', '-save', '1', '-o', json, path);
  assert.equal(JSON.parse(await readFile(json, 'utf8')).sender.name, 'Matti Meikäläinen');
  await assertClean(assert, env, watch);
});

test('bidirectional overrides: refused in the e-mail address with a message in place; a place with one leaves the date in order', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  const email = textbox(page, 'Sähköpostiosoite');
  await email.fill('ab\u202Ecd@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await textbox(page, 'Paikkakunta').fill('Turku\u202E');
  await attemptWithErrors(page);
  assert.equal(
    fold(await page.locator('#req-email-error').innerText()),
    'Kentässä on näkymättömiä tekstin suuntaa muuttavia merkkejä (U+202E), jotka näyttäisivät tiedon eri järjestyksessä kuin se on kirjoitettu. Tyhjennä kenttä ja kirjoita sen sisältö uudelleen.',
  );
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await email.inputValue(), 'ab\u202Ecd@example.fi', 'nothing typed is lost');
  await email.fill('abcd@example.fi');
  const { path } = await download(page);
  const lines = run('pdftotext', '-enc', 'UTF-8', path, '-').split('\n').map((l) => l.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').trim());
  assert.ok(lines.some((l) => /^Turku \d{1,2}\.\d{1,2}\.20\d\d$/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => /\d\d02\./.test(l)), 'no date printed backwards');
  await assertClean(assert, env, watch);
});

test('a writer worker that never answers or dies is noticed in seconds, not a minute; the customer can cancel', async () => {
  const { page, context, watch } = await openPage(env, null);
  // The page's clock runs as usual, and the test can move it on instead of waiting.
  await page.clock.install();
  // The worker's script answered by a stub: silent (never answers), or closing itself at once.
  const stubs = { silent: '// answers nothing\n', dies: 'self.close();\n' };
  let stub = 'silent';
  let stubbed = 0;
  await page.route(/\/form\/writer\/pdf-writer-worker\.[0-9a-f]{16}\.js$/, (route) => {
    if (!stub) return route.continue();
    stubbed++;
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: stubs[stub] });
  });
  await page.goto(env.url + '/', { waitUntil: 'load' });
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const downloadButton = page.getByRole('button', { name: 'Lataa pyyntö (PDF)' });
  const cancel = page.getByRole('button', { name: 'Keskeytä' });
  const preparing = page.getByRole('status').filter({ hasText: 'PDF-tiedostoa valmistellaan…' });
  assert.equal(await cancel.count(), 0, 'nothing to cancel before a PDF is being made');

  // The customer cancels: told so, focus back on the download button, what was typed kept.
  await downloadButton.click();
  await preparing.waitFor();
  await cancel.click();
  await page.getByRole('status').filter({ hasText: 'PDF:n tekeminen keskeytettiin. Kirjoittamasi tiedot ovat tallessa; voit yrittää uudelleen.' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'req-download');
  assert.equal(await cancel.count(), 0, 'the cancel button goes with the work it cancels');
  assert.equal(await textbox(page, 'Nimi').inputValue(), NAME);

  // Left alone, a silent or dead worker fails the attempt after 15 s of silence (the page's clock
  // moved on 16 s), far sooner than the 60 s limit of a whole answer.
  for (const kind of ['silent', 'dies']) {
    stub = kind;
    // The press starts a new worker (the last one was ended) and asks it to get ready.
    const started = page.waitForEvent('worker');
    await downloadButton.click();
    await preparing.waitFor();
    await started;
    // The keyboard on the cancel button: when it goes with the failed work, focus goes to the
    // download button, not to the page's start.
    await cancel.focus();
    await page.clock.fastForward(16_000);
    await page.getByRole('status').filter({ hasText: 'PDF:n luominen epäonnistui. Kirjoittamasi tiedot ovat tallessa; yritä uudelleen.' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'req-download');
  }

  // Every worker so far was a stub (the one at the form's opening, and one per press after).
  assert.ok(stubbed >= 3, `${stubbed} stubbed worker scripts`);
  // The next press starts a new worker, the real one, and the PDF comes.
  stub = null;
  const { name } = await download(page);
  assert.match(name, FI_FILE);
  await assertClean(assert, env, watch);
  await context.close();
});

test('a real writer kept busy past the silence limit beats, so the page waits for it and the PDF comes', async () => {
  const { page, context, watch } = await openPage(env, null);
  // The page's clock moves only when the test moves it; the worker keeps the real clock and beats.
  await page.clock.install();
  // The page's Worker objects, so the test can wait for the next message from the writer.
  await context.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = function Worker(...args) {
      const worker = new Native(...args);
      window.__writer = worker;
      return worker;
    };
    window.Worker.prototype = Native.prototype;
  });
  // The worker waits for its font files (which it fetches itself) until the test releases them.
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  let held = 0;
  await context.route(/\/form\/writer\/[a-z0-9-]+\.[0-9a-f]{16}\.otf$/, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  await page.goto(env.url + '/', { waitUntil: 'load' });
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  await page.getByRole('status').filter({ hasText: 'PDF-tiedostoa valmistellaan…' }).waitFor();
  const failed = page.getByRole('status').filter({ hasText: 'PDF:n luominen epäonnistui' });
  await page.waitForFunction(() => window.__writer !== undefined);
  // 20 s of the page's time, 5 s at a time, each followed by the worker's next message: longer
  // than the 15 s of silence after which a worker is taken for dead, never 15 s without a beat.
  for (let step = 0; step < 4; step++) {
    const heard = page.evaluate(() => new Promise((resolve) => window.__writer.addEventListener('message', () => resolve(), { once: true })));
    await page.clock.fastForward(5_000);
    // The failure shown, or nothing heard within the locator's 10 s: either fails the test.
    const gaveUp = failed.waitFor().then(() => 'taken for dead', () => 'no message from the writer');
    const outcome = await Promise.race([heard.then(() => 'beat'), gaveUp]);
    assert.equal(outcome, 'beat', `after ${(step + 1) * 5} s of the page's time`);
  }
  assert.equal(await failed.count(), 0, 'the attempt did not fail');
  assert.ok(held > 0, 'the worker was busy: its font files were held');
  release();
  assert.match((await file).suggestedFilename(), FI_FILE);
  await assertClean(assert, env, watch);
  await context.close();
});

/**
 * The form opened and filled in (a name, an e-mail, access) while the writer's font manifest is
 * held back until the test calls `release()`.
 */
async function formWithManifestHeld() {
  const { page, context, watch } = await openPage(env, null);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(/\/form\/writer\/fonts\.[0-9a-f]{16}\.json$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(env.url + '/', { waitUntil: 'load' });
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  return { page, context, watch, release };
}

test('cancelled while the writer is still loading: the next press makes the PDF', async () => {
  // The fonts' manifest arrives only when the test lets it: the first press finds the writer loading.
  const { page, context, watch, release } = await formWithManifestHeld();
  const downloadButton = page.getByRole('button', { name: 'Lataa pyyntö (PDF)' });
  const preparing = page.getByRole('status').filter({ hasText: 'PDF-tiedostoa valmistellaan…' });
  await downloadButton.click();
  await preparing.waitFor();
  await page.getByRole('button', { name: 'Keskeytä' }).click();
  await page.getByRole('status').filter({ hasText: 'PDF:n tekeminen keskeytettiin.' }).waitFor();
  // Pressed again: the cancelled load, when its manifest comes, must not end the new one.
  const file = page.waitForEvent('download');
  await downloadButton.click();
  await preparing.waitFor();
  release();
  const failed = page.getByRole('status').filter({ hasText: /epäonnistui|fontteja ei saatu/ }).waitFor().then(() => null);
  const got = await Promise.race([file, failed]);
  assert.ok(got, 'the second press failed instead of making the PDF');
  assert.match(got.suggestedFilename(), FI_FILE);
  await page.getByRole('region', { name: 'Pyyntö on ladattu' }).waitFor();
  await assertClean(assert, env, watch);
  await context.close();
});

test('the PDF fonts late or missing: the download waits and says so; missing fonts are fetched again on the next press', async () => {
  // The fonts' manifest arrives only when the test lets it (the form is usable meanwhile) …
  const { page, context, watch, release } = await formWithManifestHeld();
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  const status = page.getByRole('status').filter({ hasText: 'PDF-tiedostoa valmistellaan…' });
  await status.waitFor();
  release();
  assert.match((await file).suggestedFilename(), FI_FILE);
  await page.getByRole('region', { name: 'Pyyntö on ladattu' }).waitFor();
  await assertClean(assert, env, watch);
  await context.close();

  // … or not at all: the customer is told, keeps what was typed, and the next press tries again.
  const second = await openPage(env, null);
  let refuse = true;
  await second.page.route(/\/form\/writer\/fonts\.[0-9a-f]{16}\.json$/, (route) => (refuse ? route.abort() : route.continue()));
  await second.page.goto(env.url + '/', { waitUntil: 'load' });
  await appReady(second.page);
  await rejectCookies(second.page);
  await second.page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await textbox(second.page, 'Nimi').fill(NAME);
  await textbox(second.page, 'Sähköpostiosoite').fill('asa@example.fi');
  await second.page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await second.page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  await second.page.getByRole('status').filter({ hasText: /PDF:n fontteja ei saatu ladattua\. Tarkista verkkoyhteys/ }).waitFor();
  assert.equal(await textbox(second.page, 'Nimi').inputValue(), NAME);
  refuse = false;
  const { name } = await download(second.page);
  assert.match(name, FI_FILE);
  // The refused fetches are the page's console errors here, and nothing else is.
  second.watch.consoleErrors = second.watch.consoleErrors.filter((e) => !/Failed to load resource|fonts\.[0-9a-f]{16}\.json/.test(e));
  await assertClean(assert, env, second.watch);
  await second.context.close();
});

test('after the download: mailto with subject and body, the postal address, an .ics reminder', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Oikeus vastustaa suoramarkkinointia' }).check();
  await page.getByRole('radio', { name: 'englanti' }).check();
  await page.getByRole('radio', { name: 'Allekirjoitan tulostetun pyynnön kynällä' }).check();
  const { path, name } = await download(page);
  assert.match(name, EN_FILE);
  const reference = name.slice('privacy-request-'.length, -4);
  const text = pdfText(path);
  assert.ok(text.includes('Data protection request') && text.includes('(Article 21(2))'));
  assert.ok(!text.includes('artikla'), 'an English request is English');

  const done = page.getByRole('region', { name: 'Pyyntö on ladattu' });
  await done.waitFor();
  const mail = await done.getByRole('link', { name: new RegExp(`rekisteriasioiden yhteyshenkilölle \\(${C.contact_person}\\) osoitteeseen ${C.email}`) }).getAttribute('href');
  assert.ok(mail.startsWith(`mailto:${CONTROLLER.email}?subject=Data%20protection%20request%20${reference}&body=`), mail);
  assert.match(decodeURIComponent(mail.split('body=')[1]), new RegExp(`Attach the downloaded file privacy-request-${REFERENCE_PREFIX}-`));
  const steps = fold(await done.innerText());
  assert.match(steps, new RegExp(`Lähetä pyyntö sähköpostilla rekisteriasioiden yhteyshenkilölle \\(${C.contact_person}\\) osoitteeseen ${C.email}`));
  assert.match(steps, new RegExp(`postitse osoitteeseen: ${C.name} ${C.contact_person} ${C.address} Allekirjoita tulostettu pyyntö kynällä ennen lähettämistä\\.`));
  assert.match(steps, new RegExp(`vastaus on annettava viimeistään \\d{1,2}\\.\\d{1,2}\\.\\d{4}\\. Määräaikaa voidaan tarvittaessa jatkaa enintään kahdella kuukaudella: silloin ${literal(CONTROLLER.fi.genitive)} on ilmoitettava jatkamisesta ja viivästymisen syistä samaan päivään mennessä, ja vastaus on annettava viimeistään \\d{1,2}\\.\\d{1,2}\\.\\d{4}\\.`));
  const ics = await download(page, 'Lataa muistutus kalenteriin (.ics)');
  const calendar = await readFile(ics.path, 'utf8');
  assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
  assert.match(calendar, /DTSTART;VALUE=DATE:\d{8}\r\n/);
  // The due date and the extended date (Art. 12(3)), each with the complaint route (Art. 77), in
  // the letter's language.
  assert.equal(calendar.match(/BEGIN:VEVENT\r\n/g)?.length, 2, calendar);
  assert.equal(calendar.replace(/\r\n /g, '').match(/GDPR Article 77/g)?.length, 2, calendar);
  assert.ok(calendar.replace(/\r\n /g, '').includes(reference));
  assert.equal(await textbox(page, 'Nimi').inputValue(), NAME, 'the form keeps its values');
  await assertClean(assert, env, watch);
});

test('items to correct: adding and removing one keeps the other rows, their text and the focus', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('checkbox', { name: 'Oikeus tietojen oikaisemiseen' }).check();
  const add = page.getByRole('button', { name: 'Lisää korjattava tieto' });
  await add.click();
  // The new row's first field takes the focus.
  await page.waitForFunction(() => document.activeElement?.id === 'req-correction-1-current');
  await add.click();
  await page.waitForFunction(() => document.activeElement?.id === 'req-correction-2-current');
  const rows = page.locator('.rf-correction');
  assert.equal(await rows.count(), 3);
  await page.locator('#req-correction-1-corrected').fill('Toinen');
  await page.locator('#req-correction-2-corrected').fill('Kolmas');
  // Mark the third row's elements, put the focus in it, and remove the first row.
  await page.evaluate(() => {
    document.getElementById('req-correction-2-corrected').__kept = true;
  });
  await page.locator('#req-correction-2-corrected').focus();
  await page.getByRole('button', { name: 'Poista korjattava tieto 1' }).evaluate((b) => b.click());
  await page.waitForFunction(() => document.querySelectorAll('.rf-correction').length === 2);
  assert.equal(await page.evaluate(() => document.activeElement?.__kept === true), true, 'the focused field was kept, and has the focus');
  // The rows are renumbered in place: the old third row is now the second.
  assert.deepEqual(await rows.locator('legend').allInnerTexts(), ['Korjattava tieto 1', 'Korjattava tieto 2']);
  assert.equal(await page.evaluate(() => document.getElementById('req-correction-1-corrected').__kept), true);
  assert.equal(await page.locator('#req-correction-0-corrected').inputValue(), 'Toinen');
  assert.equal(await page.locator('#req-correction-1-corrected').inputValue(), 'Kolmas');
  await page.getByRole('button', { name: 'Poista korjattava tieto 2' }).click();
  assert.equal(await rows.count(), 1);
  assert.equal(await page.getByRole('button', { name: /Poista korjattava tieto/ }).count(), 0, 'the last row stays');
  await assertClean(assert, env, watch);
});

test('drawing a 200-point stroke runs no validation and re-renders no field', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  await page.getByRole('radio', { name: 'Piirrä allekirjoitus' }).check();
  // Count every write to a text field's value while drawing.
  await page.evaluate(() => {
    window.__valueWrites = 0;
    for (const proto of [HTMLInputElement.prototype, HTMLTextAreaElement.prototype]) {
      const value = Object.getOwnPropertyDescriptor(proto, 'value');
      Object.defineProperty(proto, 'value', {
        get() { return value.get.call(this); },
        set(v) { window.__valueWrites++; value.set.call(this, v); },
        configurable: true,
      });
    }
    window.__moves = 0;
    document.getElementById('req-signature-pad').addEventListener('pointermove', () => window.__moves++);
  });
  const [validations] = await probe(page);
  await drawSignature(page, 200);
  const [after, paths] = await probe(page);
  assert.ok(await page.evaluate(() => window.__moves) >= 150, 'the pad saw the moves');
  assert.equal(after - validations, 0, 'validation runs while drawing');
  assert.equal(paths, 1, 'the finished stroke was rendered once');
  assert.equal(await page.evaluate(() => window.__valueWrites), 0, 'fields re-rendered while drawing');
  // The stroke counts: the download goes ahead, with the stroke in the data.
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const { path } = await download(page);
  const json = join(work, 'stroke.json');
  run('pdfdetach', '-save', '1', '-o', json, path);
  const record = JSON.parse(await readFile(json, 'utf8'));
  assert.equal(record.signature.strokes.length, 1);
  assert.ok(record.signature.strokes[0].length >= 300, 'x and y of at least 150 points');
  await assertClean(assert, env, watch);
});

test('leaving the page asks first while typed data has not been downloaded, and only then', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  // Chromium asks only after the page has had a user gesture (the fills and clicks above).
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.dismiss();
  assert.equal(page.isClosed(), false, 'staying keeps the form');
  assert.equal(await textbox(page, 'Nimi').inputValue(), NAME);

  await download(page);
  await assertClean(assert, env, watch);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.accept(); });
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  assert.equal(dialogs, 0, 'no question once the request is downloaded');
});

test('keyboard only: open the form, fill in, choose a right, sign by typing, download', async () => {
  const { page, watch } = await openPage(env, '/');
  await appReady(page);
  await rejectCookies(page);
  const { tabTo } = keyboard(page);
  // Start from the top of a fresh page view (after a choice, focus rests on the notice).
  await page.reload();
  await appReady(page);
  await tabTo(/^a#\|Tee pyyntö/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-title');
  await tabTo(/^input#req-name\|/);
  await page.keyboard.type(NAME);
  await page.keyboard.press('Tab');
  await page.keyboard.type('asa@example.fi');
  await tabTo(/^input#req-right-access\|/);
  await page.keyboard.press('Space');
  await tabTo(/^input#req-sign-none\|/);
  // The radio group: "Piirrä allekirjoitus", then "Kirjoita nimesi".
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: 'Kirjoita nimesi' }).isChecked(), true);
  await tabTo(/^input#req-signature-typed\|/);
  // Already filled in from the name.
  assert.equal(await page.locator('#req-signature-typed').inputValue(), NAME.trim());
  await tabTo(/^button#req-download\|Lataa pyyntö \(PDF\)/);
  const { path } = await download(page, null, () => page.keyboard.press('Enter'));
  const text = pdfText(path);
  assert.ok(text.includes('Tarkastusoikeus (15 artikla)') && text.includes('nimi kirjoitettu lomakkeella'));
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-done');
  await assertClean(assert, env, watch);
});

/** Tab-key helpers: `tabTo(pattern)` presses Tab until the focused element's `tag#id|text` matches. */
function keyboard(page) {
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()}#${el.id}|${el.textContent.trim().slice(0, 40)}`;
  });
  const tabTo = async (pattern, limit = 90) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (pattern.test(await active())) return;
    }
    assert.fail(`Tab never reached ${pattern}; at ${await active()}`);
  };
  return { active, tabTo };
}

test('på svenska: the form in Swedish, completed by keyboard, writes the letter in Finnish or English as chosen', async () => {
  const sv = FORM.sv;
  const { page, watch } = await openPage(env, sv.path);
  await appReady(page);
  await rejectCookies(page);
  const { tabTo } = keyboard(page);
  // Start from the top of a fresh page view (after a choice, focus rests on the notice).
  await page.reload();
  await appReady(page);
  await tabTo(new RegExp(`^a#\\|${sv.link}`));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: sv.heading }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-title');
  for (const label of ['Namn', 'E-postadress', 'Postadress', 'Telefonnummer']) await textbox(page, label).waitFor();
  const form = fold(await page.locator('.request-form').innerText());
  assert.match(form, /Enligt dataskyddsbeskrivningen kan en begäran göras på finska eller engelska/);
  assert.match(form, /Dataskyddsförordningen kräver dock ingen underskrift/);
  // The letter's language: Finnish by default on the Swedish page, English one arrow away.
  assert.equal(await page.getByRole('radio', { name: sv.letterFi }).isChecked(), true);
  await page.getByRole('radio', { name: sv.none }).waitFor();

  // First without a name: the summary, in Swedish and in the singular, takes the focus.
  await tabTo(/^input#req-name\|/);
  await page.keyboard.press('Tab');
  await page.keyboard.type('asa@example.fi');
  await tabTo(/^input#req-right-access\|/);
  await page.keyboard.press('Space');
  await tabTo(/^button#req-download\|Ladda ned begäran \(PDF\)/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-errors');
  assert.equal(fold(await page.getByRole('group', { name: sv.summary }).innerText()),
    'Kontrollera formuläret: 1 punkt att rätta Namn: Fyll i det här fältet.');
  // Its link leads to the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'req-name');
  await page.keyboard.type(NAME);

  await tabTo(/^input#req-lang-fi\|/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: sv.letterEn }).isChecked(), true);
  await tabTo(/^button#req-download\|Ladda ned begäran \(PDF\)/);
  const english = await download(page, null, () => page.keyboard.press('Enter'));
  assert.match(english.name, EN_FILE);
  const englishText = pdfText(english.path);
  assert.ok(englishText.includes('Right of access (Article 15)'));
  // The register by its name in the letter's language, not the page's.
  assert.ok(englishText.includes('Customer register') && !englishText.includes('Kundregister'), englishText);
  await page.getByRole('region', { name: sv.done }).waitFor();

  await page.getByRole('radio', { name: sv.letterEn }).focus();
  await page.keyboard.press('ArrowUp');
  await tabTo(/^button#req-download\|Ladda ned begäran \(PDF\)/);
  const finnish = await download(page, null, () => page.keyboard.press('Enter'));
  assert.match(finnish.name, FI_FILE);
  const finnishText = pdfText(finnish.path);
  assert.ok(finnishText.includes('Tarkastusoikeus (15 artikla)'));
  assert.ok(finnishText.includes('Asiakasrekisteri') && !finnishText.includes('Kundregister'), finnishText);
  await assertClean(assert, env, watch);
});

for (const lang of LANGS) {
  test(`axe-core (${lang}): the form, its errors and the next steps have no WCAG 2.2 A/AA violation, light and dark`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      const words = FORM[lang];
      const { page, context, watch } = await openForm(lang, { colorScheme, acceptDownloads: true });
      await page.locator('#req-right-rectification').check();
      await page.locator('#req-right-portability').check();
      await page.locator('#req-sign-drawn').check();
      await attemptWithErrors(page, words);
      assert.deepEqual(await axeViolations(page), [], `${lang} ${colorScheme}: with errors`);
      await textbox(page, words.name).fill(NAME);
      await textbox(page, words.email).fill('asa@example.fi');
      await page.locator('#req-correction-0-corrected').fill('Uusikatu 2');
      await drawSignature(page);
      await download(page, words.download);
      await page.getByRole('region', { name: words.done }).waitFor();
      assert.deepEqual(await axeViolations(page), [], `${lang} ${colorScheme}: after the download`);
      await assertClean(assert, env, watch);
      await context.close();
    }
  });
}

test('at 320 px the form fits: no horizontal scrolling, every label within the page', async () => {
  for (const lang of LANGS) {
    const { page, context, watch } = await openForm(lang, { viewport: { width: 320, height: 800 } });
    await page.locator('#req-right-rectification').check();
    await page.locator('#req-right-portability').check();
    await page.locator('#req-sign-drawn').check();
    await attemptWithErrors(page, FORM[lang]);
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('#request-root *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5);
      });
      return { scroll: document.documentElement.scrollWidth, wide: wide.map((el) => `${el.tagName}#${el.id}.${el.className}`) };
    });
    assert.deepEqual(overflow.wide, [], `${lang}: elements past the edge`);
    assert.ok(overflow.scroll <= 320, `${lang}: the page scrolls sideways (${overflow.scroll} px)`);
    await assertClean(assert, env, watch);
    await context.close();
  }
});

test('any name renders: seven scripts, each shaped into the PDF as typed, the fonts fetched from the site only', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Sähköpostiosoite').fill('asiakas@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const names = ['محمد العلي', 'مریم رضایی', '李小龙', '山田太郎', 'สมชาย ใจดี', 'अनीता शर्मा', 'דוד כהן'];
  for (const name of names) {
    await textbox(page, 'Nimi').fill(name);
    const before = watch.requests.length;
    const { path } = await download(page);
    // pdftotext marks right-to-left runs with directional formatting characters: not part of the text.
    const text = pdfText(path).normalize('NFC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    assert.ok(text.includes(name.normalize('NFC')), `${name} not in the PDF's text`);
    // Every font embedded (a subset) with its Unicode map: selectable, searchable text.
    const fonts = run('pdffonts', path).split('\n').slice(2).filter((line) => line.trim());
    assert.ok(fonts.length >= 2, "the base face and the script's");
    for (const line of fonts) assert.match(line, /yes\s+yes\s+yes\s+\d+\s+\d+\s*$/, `not embedded with a Unicode map: ${line}`);
    const pieces = watch.requests.slice(before).filter((url) => /\/form\/writer\/.+\.(otf|ttf)$/.test(url));
    assert.ok(pieces.every((url) => url.startsWith(env.origin + '/')), 'font pieces from the site itself');
  }
  await assertClean(assert, env, watch);
});

test('on paper: the recipient\'s address is where a C5/C65 window envelope shows it, and only it', async () => {
  const { page, watch } = await openForm();
  await textbox(page, 'Nimi').fill(NAME);
  await textbox(page, 'Sähköpostiosoite').fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  const { path } = await download(page);
  // The window (src/request/pdf/geometry.rs WINDOW_MM): 18 mm from the left, 40 mm from the top,
  // 95 × 35 mm; pdftotext -bbox gives points from the top left of the page.
  const mm = (v) => (v * 72) / 25.4;
  const window = { x0: mm(18), y0: mm(40), x1: mm(18 + 95), y1: mm(40 + 35) };
  const html = run('pdftotext', '-bbox', '-f', '1', '-l', '1', path, '-');
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    ([, x0, y0, x1, y1, word]) => ({ x0: +x0, y0: +y0, x1: +x1, y1: +y1, word }),
  );
  const inside = words.filter((w) => w.x0 >= window.x0 && w.x1 <= window.x1 && w.y0 >= window.y0 && w.y1 <= window.y1);
  const text = inside.map((w) => w.word).join(' ');
  for (const part of `${CONTROLLER.name} ${CONTROLLER.address}`.split(/[\s,]+/).filter(Boolean)) {
    assert.ok(inside.some((w) => w.word.includes(part)), `"${part}" not in the window: ${text}`);
  }
  assert.ok(!text.includes('Åsa'), 'the sender is not in the window');
  await assertClean(assert, env, watch);
});

// The request form (issue 4), as a customer uses it in Chromium against the release build: open
// it from the notice, fill in and sign, download the PDF, and read the file back with Debian's
// poppler-utils (pdftotext, pdffonts, pdfdetach) and qpdf. Every page is watched: no request may
// leave 127.0.0.1, no console error, no CSP violation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, openPage, appReady, rejectCookies, assertClean, axeViolations, fold } from './harness.mjs';

let env;
let work;
before(async () => {
  env = await setUp();
  work = await mkdtemp(join(tmpdir(), 'request-test-'));
});
after(async () => {
  await env?.tearDown();
  await rm(work, { recursive: true, force: true });
});

const NAME = 'Åsa Łukasiewicz-Žemaitė';

/** Opens the page, answers the banner and opens the form from the header link. */
async function openForm(path = '/') {
  const opened = await openPage(env, path);
  await appReady(opened.page);
  await rejectCookies(opened.page);
  await opened.page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await opened.page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  return opened;
}

/** Draws a stroke with the mouse across the signature area. */
async function drawSignature(page, label = /Allekirjoitusalue/) {
  const pad = page.getByRole('img', { name: label });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (0.6 - 0.3 * Math.sin(i)), { steps: 2 });
  }
  await page.mouse.up();
}

/** Clicks the download button and saves the file; returns its path and name. */
async function download(page, button = 'Lataa pyyntö (PDF)') {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = join(work, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

const run = (tool, ...args) => execFileSync(tool, args, { encoding: 'utf8' });

test('fill in, sign with the mouse, download: the PDF holds the request as text, font and data', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(NAME);
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await page.getByRole('textbox', { name: 'Ajanjakso tai tietoryhmät', exact: true }).fill('Tilaukset vuodesta 2024');
  await page.getByRole('checkbox', { name: 'Poistaminen tai anonymisointi' }).check();
  await drawSignature(page);
  const { path, name } = await download(page);
  assert.match(name, /^tietosuojapyynto-SAF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\.pdf$/);
  const reference = name.slice('tietosuojapyynto-'.length, -4);

  const text = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
  for (const expected of [
    'Tietosuojaan liittyvä pyyntö', NAME, 'asa@example.fi', 'Safrent Oy, Viilarinkatu 5, Turku',
    'Mirette Leppä, mirette.leppa@safrent.fi', reference, 'Tarkastusoikeus (15 artikla)',
    'Tilaukset vuodesta 2024', 'Poistaminen tai anonymisointi (17 artikla)', 'kuukauden kuluessa',
    'ensimmäinen jäljennös', 'Sähköinen allekirjoitus: piirretty lomakkeella.',
  ]) {
    assert.ok(text.includes(expected), `${expected} not in the PDF text`);
  }

  const fonts = run('pdffonts', path);
  const fontLine = fonts.split('\n').find((line) => line.includes('+DejaVuSans'));
  assert.ok(fontLine, fonts);
  assert.match(fontLine, /CID TrueType\s+Identity-H\s+yes yes yes/, 'embedded, subset, with ToUnicode');

  assert.match(run('pdfdetach', '-list', path), /1 embedded files\n1: request\.json/);
  const json = join(work, `${reference}.json`);
  run('pdfdetach', '-save', '1', '-o', json, path);
  const data = await readFile(json);
  const record = JSON.parse(data.toString('utf8'));
  assert.equal(record.reference, reference);
  assert.equal(record.sender.name, NAME);
  assert.deepEqual(record.rights.map((r) => r.right), ['access', 'erasure']);
  assert.equal(record.signature.kind, 'drawn');
  assert.ok(record.signature.strokes[0].length >= 8, 'the strokes are in the data');
  const digest = createHash('sha256').update(data).digest('hex');
  assert.ok(text.includes(digest), 'the printed SHA-256 is the attachment\'s');

  assert.match(run('qpdf', '--check', path), /No syntax or stream encoding errors/);
  const info = run('pdfinfo', path);
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, /Pages:\s+1\n/);

  // Nothing but the page's own files was fetched: the form module, its font and stylesheet.
  await assertClean(assert, env, watch);
  const own = watch.requests.map((url) => new URL(url).pathname);
  assert.ok(own.includes('/form/request-form_bg.wasm') && own.includes('/form/dejavu-sans.font'));
  assert.ok(own.every((p) => !p.includes('?')), 'no form data in any URL');
});

test('the first load fetches nothing of the form; a rights section link opens it with that right', async () => {
  const { page, watch } = await openPage(env, '/');
  await appReady(page);
  await rejectCookies(page);
  await page.waitForTimeout(300);
  assert.deepEqual(watch.requests.filter((url) => url.includes('/form/')), [], 'form files in the first load');

  const section = page.locator('[data-section="rajoittamisoikeus"]');
  await section.getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Käsittelyn rajoittaminen' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).isChecked(), false);
  assert.equal(new URL(page.url()).hash, '#pyynto');
  // The reason is asked for, and required.
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Matti Meikäläinen');
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('matti@example.fi');
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  const summary = page.getByRole('group', { name: /Tarkista lomake: 2 korjattavaa kohtaa/ });
  await summary.waitFor();
  assert.match(fold(await summary.innerText()), /Peruste rajoittamiselle: Täytä tämä kenttä\./);
  assert.match(fold(await summary.innerText()), /Allekirjoitus: Piirrä allekirjoitus/);

  // Going back (to the section the link was in) and opening the form again loses nothing.
  await page.goBack();
  assert.equal(new URL(page.url()).hash, '');
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Nimi', exact: true }).inputValue(), 'Matti Meikäläinen');
  assert.equal(await page.getByRole('checkbox', { name: 'Käsittelyn rajoittaminen' }).isChecked(), true);
  await assertClean(assert, env, watch);
});

test('the seven rights are checkboxes named as in the notice, and no identity code is asked', async () => {
  const { page, watch } = await openForm();
  const names = ['Tarkastusoikeus', 'Oikaisu', 'Poistaminen tai anonymisointi', 'Käsittelyn rajoittaminen',
    'Vastustaminen', 'Suoramarkkinoinnin ja luovutuksen kielto', 'Tietojen siirto'];
  for (const name of names) await page.getByRole('checkbox', { name, exact: true }).waitFor();
  const form = fold(await page.locator('.request-form').innerText());
  assert.match(form, /Älä liitä henkilötunnusta/);
  assert.match(form, /perusteltua syytä epäillä henkilöllisyyttäsi/);
  assert.match(form, /Pyyntö on pätevä ilman allekirjoitustakin/);
  for (const label of ['Nimi', 'Sähköpostiosoite', 'Postiosoite', 'Puhelinnumero', 'Edustamasi yhteisö',
    'Asiakas- tai tilausnumero']) {
    await page.getByRole('textbox', { name: label, exact: true }).waitFor();
  }
  assert.equal(await page.getByLabel(/henkilötunnus/i).count(), 0);
  await assertClean(assert, env, watch);
});

test('an invalid e-mail blocks the download with a clear error; nothing typed is lost', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(NAME);
  const email = page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true });
  await email.fill('asa@example');
  await email.blur();
  await page.getByRole('checkbox', { name: 'Oikaisu' }).check();
  await page.getByRole('textbox', { name: 'Mitä niissä pitäisi lukea', exact: true }).fill('Uusikatu 2');
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  await page.getByRole('textbox', { name: 'Nimesi allekirjoituksena', exact: true }).fill('Åsa Ł.');

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  const summary = page.getByRole('group', { name: /Tarkista lomake: 1 korjattavaa kohtaa/ });
  await summary.waitFor();
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, 'no download with an invalid address');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.ok(describedBy.split(' ').includes('req-email-error'), describedBy);
  assert.equal(fold(await page.locator('#req-email-error').innerText()), '⚠ Tarkista sähköpostiosoite: muoto on nimi@esimerkki.fi.'.replace('⚠ ', ''));
  // Focus goes to the summary; its link leads to the field.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'request-form-errors');
  await summary.getByRole('link', { name: /Sähköpostiosoite: Tarkista sähköpostiosoite/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'req-email');

  // The language switch translates the form and keeps every value.
  await page.getByRole('button', { name: 'In English' }).click();
  await page.getByRole('heading', { name: 'Make a data protection request' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), NAME);
  assert.equal(await page.getByRole('textbox', { name: 'Email address', exact: true }).inputValue(), 'asa@example');
  assert.equal(await page.getByRole('textbox', { name: 'What they should say', exact: true }).inputValue(), 'Uusikatu 2');
  assert.equal(await page.getByRole('textbox', { name: 'Your name as your signature', exact: true }).inputValue(), 'Åsa Ł.');
  assert.match(fold(await page.locator('#req-email-error').innerText()), /Check the email address/);
  await page.getByRole('button', { name: 'Suomeksi' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();

  // Switching the signature method and back keeps the typed name.
  await page.getByRole('radio', { name: 'Tulostan ja allekirjoitan kynällä' }).check();
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  assert.equal(await page.getByRole('textbox', { name: 'Nimesi allekirjoituksena', exact: true }).inputValue(), 'Åsa Ł.');

  await email.fill('asa@example.fi');
  const { path } = await download(page);
  const text = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
  assert.ok(text.includes('Oikaisu (16 artikla)') && text.includes('Uusikatu 2'));
  assert.ok(text.includes('Sähköinen allekirjoitus: nimi kirjoitettu lomakkeella.'));
  await assertClean(assert, env, watch);
});

test('hostile input comes out as plain text, runs no script, and long fields flow onto more pages', async () => {
  const { page, watch } = await openForm();
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs++; await dialog.dismiss(); });
  const markup = `<img src=x onerror="alert(1)"><script>alert('x')</script> "quoted" 'single' & <b>bold</b>`;
  const long = ('Pitkä kenttä <i>ei</i> muotoilua; ' .repeat(100)).slice(0, 3000);
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(markup.slice(0, 200));
  await page.getByRole('textbox', { name: 'Postiosoite', exact: true }).fill('Esimerkkitie 1 "A"\n20100 Turku');
  await page.getByRole('checkbox', { name: 'Vastustaminen', exact: true }).check();
  await page.getByRole('textbox', { name: 'Peruste vastustamiselle', exact: true }).fill(long);
  await page.getByRole('textbox', { name: 'Muuta kerrottavaa', exact: true }).fill(long);
  await page.getByRole('radio', { name: 'Tulostan ja allekirjoitan kynällä' }).check();
  const { path } = await download(page);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('.request-form img, .request-form script, .request-form b').count(), 0);
  const text = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
  assert.ok(text.includes(fold(markup.slice(0, 200))), 'the name, markup and quotes as typed');
  assert.ok(text.includes('Allekirjoita tulostettuna kynällä.'));
  assert.ok(text.includes('Pyydän vastausta postitse osoitteeseen: Esimerkkitie 1 "A" 20100 Turku.'));
  const pages = Number(run('pdfinfo', path).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2, `${pages} pages`);
  const phrase = 'Pitkä kenttä <i>ei</i> muotoilua;';
  const perField = long.split(phrase).length - 1;
  assert.equal(text.split(phrase).length - 1, 2 * perField, 'both 3000-character fields complete');
  assert.match(run('qpdf', '--check', path), /No syntax or stream encoding errors/);
  await assertClean(assert, env, watch);
});

test('characters the PDF font lacks are reported before the download', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Li Wei 李伟 😀');
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('li@example.fi');
  await page.getByRole('checkbox', { name: 'Tietojen siirto' }).check();
  await page.getByRole('radio', { name: 'Tulostan ja allekirjoitan kynällä' }).check();
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  await page.locator('#req-name-error').waitFor();
  assert.match(fold(await page.locator('#req-name-error').innerText()), /PDF:n fontissa ei ole näitä merkkejä: “李” \(U\+674E\), “伟” \(U\+4F1F\), “😀” \(U\+1F600\)/);
  await page.waitForTimeout(300);
  assert.equal(downloads, 0);
  await assertClean(assert, env, watch);
});

test('after the download: mailto with subject and body, the postal address, an .ics reminder', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(NAME);
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('asa@example.fi');
  await page.getByRole('checkbox', { name: 'Suoramarkkinoinnin ja luovutuksen kielto' }).check();
  await page.getByRole('radio', { name: 'englanti' }).check();
  await page.getByRole('radio', { name: 'Kirjoita nimesi' }).check();
  await page.getByRole('textbox', { name: 'Nimesi allekirjoituksena', exact: true }).fill(NAME);
  const { path, name } = await download(page);
  assert.match(name, /^privacy-request-SAF-/);
  const reference = name.slice('privacy-request-'.length, -4);
  const text = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
  assert.ok(text.includes('Data protection request') && text.includes('(Article 21(2))'));
  assert.ok(!text.includes('artikla'), 'an English request is English');

  const done = page.getByRole('region', { name: 'Pyyntö on ladattu' });
  await done.waitFor();
  const mail = await done.getByRole('link', { name: /mirette\.leppa@safrent\.fi/ }).getAttribute('href');
  assert.ok(mail.startsWith(`mailto:mirette.leppa@safrent.fi?subject=Data%20protection%20request%20${reference}&body=`), mail);
  assert.match(decodeURIComponent(mail.split('body=')[1]), /Attach the downloaded file privacy-request-SAF-/);
  assert.match(fold(await done.innerText()), /Safrent Oy, Mirette Leppä \/ Viilarinkatu 5, Turku/);
  const ics = await download(page, 'Lataa muistutus kalenteriin (.ics)');
  const calendar = await readFile(ics.path, 'utf8');
  assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
  assert.match(calendar, /DTSTART;VALUE=DATE:\d{8}\r\n/);
  assert.ok(calendar.replace(/\r\n /g, '').includes(reference));
  assert.equal(await page.getByRole('textbox', { name: 'Nimi', exact: true }).inputValue(), NAME, 'the form keeps its values');
  await assertClean(assert, env, watch);
});

test('keyboard only: open the form, fill in, choose a right, sign by typing, download', async () => {
  const { page, watch } = await openPage(env, '/');
  await appReady(page);
  await rejectCookies(page);
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()}#${el.id}|${el.textContent.trim().slice(0, 40)}`;
  });
  const tabTo = async (pattern, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (pattern.test(await active())) return;
    }
    assert.fail(`Tab never reached ${pattern}; at ${await active()}`);
  };
  await page.keyboard.press('Home');
  await page.evaluate(() => document.activeElement?.blur());
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
  await tabTo(/^input#req-sign-drawn\|/);
  await page.keyboard.press('ArrowDown'); // the radio group: "Kirjoita nimesi"
  assert.equal(await page.getByRole('radio', { name: 'Kirjoita nimesi' }).isChecked(), true);
  await tabTo(/^input#req-signature-typed\|/);
  await page.keyboard.type(NAME);
  await tabTo(/^button#\|Lataa pyyntö \(PDF\)/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = join(work, file.suggestedFilename());
  await file.saveAs(path);
  const text = fold(run('pdftotext', '-enc', 'UTF-8', path, '-'));
  assert.ok(text.includes('Tarkastusoikeus (15 artikla)') && text.includes('nimi kirjoitettu lomakkeella'));
  await page.waitForFunction(() => document.activeElement?.id === 'request-form-done');
  await assertClean(assert, env, watch);
});

test('axe-core: the form, its errors and the next steps have no WCAG 2.2 A/AA violation', async () => {
  const { page, watch } = await openForm();
  await page.getByRole('checkbox', { name: 'Oikaisu' }).check();
  await page.getByRole('checkbox', { name: 'Tietojen siirto' }).check();
  await page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click();
  await page.getByRole('group', { name: /Tarkista lomake/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(NAME);
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('asa@example.fi');
  await page.getByRole('textbox', { name: 'Mitä niissä pitäisi lukea', exact: true }).fill('Uusikatu 2');
  await drawSignature(page);
  await download(page);
  await page.getByRole('region', { name: 'Pyyntö on ladattu' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await assertClean(assert, env, watch);
});

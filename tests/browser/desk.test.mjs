// The request desk (issue 18) as a company's staff member uses it, in Chromium against the release
// build: requests made with the form (Finnish and English letters, Chinese and Arabic names) opened
// at /desk/, checked, their deadlines equal to the form's, put in the register, which stays across
// a reload, changes status, and goes out and back in as CSV. Files that are no request, a cut
// PDF, a PDF from elsewhere and one too large get a clear message. Every desk page is watched: it
// fetches nothing but the desk's own files, logs no error and breaks no CSP rule.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, openPage, appReady, rejectCookies, assertClean, axeViolations, fold } from './harness.mjs';
import { LANGS as SITE_LANGS } from './languages.mjs';
import { REFERENCE } from './site.mjs';

let env;
let work;
before(async () => {
  env = await setUp();
  work = await mkdtemp(join(tmpdir(), 'desk-test-'));
});
after(async () => {
  await env?.tearDown();
  await rm(work, { recursive: true, force: true });
});



/** The form's words (locales/<lang>.toml) and the desk's (crates/desk/src/texts.rs). */
const WORDS = {
  fi: {
    page: '/', link: 'Tee pyyntö', heading: 'Tee tietosuojapyyntö', download: 'Lataa pyyntö (PDF)',
    name: 'Nimi', email: 'Sähköpostiosoite', access: 'Tarkastusoikeus', erasure: 'Oikeus tietojen poistamiseen',
    desk: '/desk/', title: 'Tietosuojapyyntöjen käsittely', choose: 'Valitse PDF-tiedosto',
    verified: /liitetiedosto ja kirjeen teksti vastaavat toisiaan/, add: 'Lisää rekisteriin',
    register: 'Pyynnöt määräajan mukaan', status: 'Tila', answered: 'Vastattu', export: 'Vie CSV-tiedostoksi',
    import: 'Tuo CSV-tiedostosta', remove: 'Poista', notPdf: /Tiedosto ei ole PDF/, noAttachment: /ei ole liitettä request.json/,
    tooLarge: /Tiedosto on liian suuri \(2\d\.\d Mt\)/, unreadable: /PDF-tiedostoa ei voitu lukea|ei ole liitettä/,
    manual: 'Kirjaa pyyntö käsin', reference: 'Viite', noRights: 'Valitse vähintään yksi oikeus, jota pyyntö koskee.',
    badReference: /Viite on muotoa/, due: 'Vastaus ilman aiheetonta viivytystä, viimeistään', closed: 'Käsitelty',
  },
  en: {
    page: '/en/', link: 'Make a request', heading: 'Make a data protection request', download: 'Download request (PDF)',
    name: 'Name', email: 'E-mail address', access: 'Right of access', erasure: 'Right to erasure',
    desk: '/desk/en/', title: 'Data protection request desk', choose: 'Choose a PDF file',
    verified: /the attached file and the letter's text say the same/, add: 'Add to the register',
    register: 'Requests by due date', status: 'Status', answered: 'Answered', export: 'Export as CSV',
    import: 'Import from CSV', remove: 'Remove', due: 'Answer without undue delay, at the latest by', closed: 'Closed',
  },
};

/** Makes a request with the form on `lang`'s page, with `name`; returns the PDF's path and the
 * request.json inside it (poppler's pdfdetach). */
async function makeRequest(lang, name, { erasure = false } = {}) {
  const w = WORDS[lang];
  const { page, context } = await openPage(env, w.page);
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: w.link }).click();
  await page.getByRole('heading', { name: w.heading }).waitFor();
  await page.getByRole('textbox', { name: w.name, exact: true }).fill(name);
  await page.getByRole('textbox', { name: w.email, exact: true }).fill('asiakas@example.com');
  await page.getByRole('checkbox', { name: new RegExp(`^${w.access}`) }).check();
  if (erasure) await page.getByRole('checkbox', { name: new RegExp(`^${w.erasure}`) }).check();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    page.getByRole('button', { name: w.download }).click(),
  ]);
  const path = join(work, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await context.close();
  const json = join(work, `${Date.now()}-request.json`);
  execFileSync('pdfdetach', ['-savefile', 'request.json', '-o', json, path]);
  return { path, record: JSON.parse(await readFile(json, 'utf8')) };
}

/** Opens the desk in `lang`, watched; no request may go anywhere but the desk's own files. */
async function openDesk(lang = 'fi') {
  const opened = await openPage(env, WORDS[lang].desk);
  await opened.page.getByRole('heading', { level: 1, name: WORDS[lang].title }).waitFor();
  // The desk has mounted when its file picker is there.
  await opened.page.getByLabel(WORDS[lang].choose).waitFor();
  return opened;
}

/** Every request the desk made was a GET of its own files or the form's PDF writer (its worker
 * and fonts, which the replies use). */
function onlyOwnFiles(watch) {
  const others = watch.requests.filter((url) => {
    const path = new URL(url).pathname;
    return !(url.startsWith(env.origin + '/') && (path.startsWith('/desk/') || path.startsWith('/form/writer/')));
  });
  assert.deepEqual(others, [], 'requests beyond the desk\'s own files and the writer\'s');
}

const isoToFi = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${d}.${m}.${y}`; };

test('a Finnish request with a Chinese name: checked, shown, its deadlines the form\'s, into the register and out as CSV', async () => {
  const { path, record } = await makeRequest('fi', '王秀英', { erasure: true });
  const { page, watch } = await openDesk('fi');
  const w = WORDS.fi;
  await page.getByLabel(w.choose).setInputFiles(path);
  await page.getByRole('heading', { name: w.verified }).waitFor();
  const shown = fold(await page.locator('.desk-result').innerText());
  assert.match(shown, /王秀英/);
  assert.match(shown, new RegExp(record.reference));
  assert.match(shown, /Tarkastusoikeus/);
  assert.match(shown, /Oikeus tietojen poistamiseen/);
  assert.match(shown, /Kirjeen kieli \(vastausten kieli\) suomi/);
  // Received today, the day the form made it: the desk's due date is the letter's.
  const dates = fold(await page.locator('.desk-dates').innerText());
  assert.match(dates, new RegExp(`${w.due} ${isoToFi(record.deadline.due)}`), dates);
  assert.match(dates, new RegExp(isoToFi(record.deadline.extended)), dates);
  assert.match(dates, /12 artiklan 3 kohta/);
  // The dates as a calendar file.
  const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /\.ics/ }).first().click()]);
  assert.equal(ics.suggestedFilename(), `${record.reference}-deadlines.ics`);
  const calendar = await readFile(await ics.path(), 'utf8');
  assert.match(calendar, new RegExp(`DTSTART;VALUE=DATE:${record.deadline.due.replaceAll('-', '')}`));
  assert.doesNotMatch(calendar, /王秀英|asiakas@example/);

  const result = page.locator('.desk-result');
  await result.getByRole('button', { name: w.add }).click();
  const table = page.getByRole('region', { name: w.register });
  const row = table.getByRole('row', { name: new RegExp(record.reference) });
  await row.waitFor();
  assert.match(fold(await row.innerText()), new RegExp(isoToFi(record.deadline.due)));
  // Added twice: refused, with the reference named.
  await result.getByRole('button', { name: w.add }).click();
  await page.getByText(`Viite ${record.reference} on jo rekisterissä.`).waitFor();

  assert.deepEqual(await axeViolations(page), []);

  // The register stays across a reload, and holds no name or contact detail.
  await page.reload();
  await row.waitFor();
  const stored = await page.evaluate(() => localStorage.getItem('privacy-portal.desk.register'));
  assert.match(stored, new RegExp(record.reference));
  assert.doesNotMatch(stored, /王秀英|asiakas@example/);

  // By keyboard: the status select keeps the focus while its value changes (the row is not
  // rebuilt), then Answered: closed, no days left.
  const select = row.getByRole('combobox', { name: new RegExp(`${w.status} ${record.reference}`) });
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT');
  assert.equal(await select.evaluate((s) => s === document.activeElement), true, 'focus stays on the select');
  await select.selectOption({ label: w.answered });
  await row.getByText(w.closed).waitFor();
  assert.equal(await select.evaluate((s) => s === document.activeElement), true, 'focus stays on the select');

  // Out as CSV, removed, back in from the file.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.export }).click()]);
  const csvPath = join(work, csv.suggestedFilename());
  await csv.saveAs(csvPath);
  const csvText = await readFile(csvPath, 'utf8');
  assert.match(csvText, /^reference,received,due,extended_due,extension_notified,rights,status\r\n/);
  assert.match(csvText, new RegExp(`${record.reference},.*,access erasure,answered`));
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: `${w.remove} ${record.reference}` }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByLabel(w.import).setInputFiles(csvPath);
  await page.getByText('Tuotiin 1 pyyntöä.').waitFor();
  await row.waitFor();
  assert.match(fold(await row.innerText()), new RegExp(w.closed));

  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('an English request with an Arabic name, opened on the English desk by dropping it', async () => {
  const { path, record } = await makeRequest('en', 'فاطمة الزهراء');
  const { page, watch } = await openDesk('en');
  // Dropped on the drop zone, as a file dragged from the downloads.
  const bytes = (await readFile(path)).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], 'request.pdf', { type: 'application/pdf' }));
    return dt;
  }, bytes);
  await page.locator('.desk-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await page.getByRole('heading', { name: WORDS.en.verified }).waitFor();
  const shown = fold(await page.locator('.desk-result').innerText());
  assert.match(shown, /فاطمة الزهراء/);
  assert.match(shown, /Letter's language \(the replies' language\) English/);
  assert.match(fold(await page.locator('.desk-dates').innerText()), /GDPR Article 12\(3\)/);
  assert.equal(record.lang, 'en');
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('replies: an acknowledgement with the dates, an extension refused without its reasons, a refusal naming the complaint route; each a tagged PDF/A in the letter\'s language', async () => {
  const { path, record } = await makeRequest('fi', 'محمد العلي');
  const { page, watch } = await openDesk('fi');
  await page.getByLabel(WORDS.fi.choose).setInputFiles(path);
  await page.getByRole('heading', { name: WORDS.fi.verified }).waitFor();
  const replies = page.locator('.desk-result');
  const write = replies.getByRole('button', { name: 'Luo vastaus-PDF' });

  /** Presses the button and returns the downloaded PDF's name, text and attached reply.json. */
  async function written() {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), write.click()]);
    const pdf = join(work, `${Date.now()}-${file.suggestedFilename()}`);
    await file.saveAs(pdf);
    const json = join(work, `${Date.now()}-reply.json`);
    execFileSync('pdfdetach', ['-savefile', 'reply.json', '-o', json, pdf]);
    return {
      name: file.suggestedFilename(),
      text: fold(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/[\u202A-\u202E\u2066-\u2069]/g, '')),
      info: execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }),
      reply: JSON.parse(await readFile(json, 'utf8')),
    };
  }

  // Acknowledgement, the default: the due dates of the letter, the requester's name as typed.
  const ack = await written();
  assert.equal(ack.name, `${record.reference}-acknowledgement.pdf`);
  assert.match(ack.text, /Vastaanottoilmoitus/);
  assert.match(ack.text, /محمد العلي/);
  assert.match(ack.text, new RegExp(isoToFi(record.deadline.due)));
  assert.match(ack.text, new RegExp(isoToFi(record.deadline.extended)));
  assert.match(ack.info, /Tagged:\s+yes/);
  assert.equal(ack.reply.format, 'privacy-portal-reply/1');
  assert.equal(ack.reply.kind, 'acknowledgement');
  await replies.getByText(`Vastaus on ladattu: ${ack.name}.`).waitFor();

  // An extension without its reasons: nothing written, the error at the text box, which keeps focus-able text.
  await replies.getByRole('radio', { name: 'Ilmoitus määräajan jatkamisesta' }).check();
  let downloads = 0;
  page.on('download', () => downloads++);
  await write.click();
  const note = replies.getByRole('textbox', { name: 'Viivästymisen syyt (pakollinen)' });
  await replies.getByText('Tämä vastaus tarvitsee tekstin: kirjoita se tähän.').waitFor();
  assert.equal(await note.getAttribute('aria-invalid'), 'true');
  assert.equal(downloads, 0);
  await note.fill('Pyyntöjä on saapunut poikkeuksellisen paljon.');
  const extension = await written();
  assert.match(extension.text, /Pyyntöjä on saapunut poikkeuksellisen paljon\./);
  assert.match(extension.text, new RegExp(`viimeistään ${isoToFi(record.deadline.extended)}`));

  // A refusal: the reasons and the complaint route.
  await replies.getByRole('radio', { name: 'Epäämisilmoitus' }).check();
  await replies.getByRole('textbox', { name: 'Syyt (pakollinen)' }).fill('Pyyntö on ilmeisen perusteeton.');
  const refusal = await written();
  assert.match(refusal.text, /Pyyntö on ilmeisen perusteeton\./);
  assert.match(refusal.text, /77 artikla/);
  assert.match(refusal.text, /tietosuoja@om\.fi/);
  assert.deepEqual(await axeViolations(page), []);

  // The writer is the form's: its worker and fonts, from the site itself.
  assert.ok(watch.requests.some((url) => new URL(url).pathname.startsWith('/form/writer/')), 'the form\'s writer was used');
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('what is no request says so: not a PDF, a cut PDF, a PDF from elsewhere, a file over 20 MB (refused unread)', async () => {
  const { path } = await makeRequest('fi', 'Matti Meikäläinen');
  const { page, context, watch } = await openDesk('fi');
  const w = WORDS.fi;
  const picker = page.getByLabel(w.choose);
  const result = page.locator('.desk-result');

  const text = join(work, 'notes.pdf');
  await writeFile(text, 'not a pdf at all');
  await picker.setInputFiles(text);
  await result.getByText(w.notPdf).waitFor();

  const cut = join(work, 'cut.pdf');
  await writeFile(cut, (await readFile(path)).subarray(0, 2000));
  await picker.setInputFiles(cut);
  await result.getByText(w.unreadable).waitFor();

  // A PDF Chromium prints: a real PDF, without the portal's attachment.
  const other = await context.newPage();
  await other.setContent('<p>Hei, haluan tietoni.</p>');
  const printed = join(work, 'printed.pdf');
  await writeFile(printed, await other.pdf());
  await other.close();
  await picker.setInputFiles(printed);
  await result.getByText(w.noAttachment).waitFor();
  await result.getByRole('link', { name: w.manual }).waitFor();

  // 100 MB: refused by its size, before a byte of it is read.
  const big = join(work, 'big.pdf');
  await writeFile(big, '%PDF-1.7\n');
  await truncate(big, 100 * 1024 * 1024);
  await page.evaluate(() => {
    window.__read = 0;
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (...args) { window.__read++; return read.apply(this, args); };
  });
  await picker.setInputFiles(big);
  await result.getByText(/Tiedosto on liian suuri \(100\.0 Mt\)/).waitFor();
  assert.equal(await page.evaluate(() => window.__read), 0, 'the file was not read');

  // The form's PDF with one byte of its request.json changed (uncompressed by qpdf, the e-mail
  // address edited, the file put back together): the digest no longer matches.
  const qdf = join(work, 'open.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, qdf]);
  const opened = await readFile(qdf, 'latin1');
  assert.ok(opened.includes('"asiakas@example.com"'), 'the attachment is readable in the QDF file');
  const tampered = join(work, 'tampered.pdf');
  await writeFile(join(work, 'edited.pdf'), opened.replace('"asiakas@example.com"', '"asiakas@example.org"'), 'latin1');
  execFileSync('sh', ['-c', `fix-qdf < '${join(work, 'edited.pdf')}' > '${tampered}'`]);
  await picker.setInputFiles(tampered);
  await result.getByRole('heading', { name: 'Liite ja kirje eivät täsmää' }).waitFor();
  assert.match(fold(await result.innerText()), /Kirjeeseen painettu tiiviste \([0-9a-f]{64}\) ei ole liitteen tiiviste/);

  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('a request that came by e-mail, entered by hand: errors in place, nothing typed lost, a reference made when none is given', async () => {
  const { page, watch } = await openDesk('fi');
  const w = WORDS.fi;
  const form = page.getByRole('region', { name: w.manual });
  const reference = form.getByRole('textbox', { name: w.reference });
  await reference.fill('not a reference');
  await form.getByRole('button', { name: w.add }).click();
  await form.getByText(w.badReference).waitFor();
  await form.getByText(w.noRights).waitFor();
  assert.equal(await reference.inputValue(), 'not a reference');
  assert.equal(await reference.getAttribute('aria-invalid'), 'true');

  await reference.fill('');
  await form.getByRole('checkbox', { name: 'Oikeus tietojen oikaisemiseen' }).check();
  await form.getByRole('textbox', { name: w.reference }).press('Enter');
  const rows = page.getByRole('region', { name: w.register }).getByRole('row', { name: new RegExp(REFERENCE) });
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(fold(await rows.first().innerText()), /Oikeus tietojen oikaisemiseen/);
  // The reference made is shown, to be told to the requester.
  const made = fold(await rows.first().getByRole('rowheader').innerText());
  await form.getByText(`Pyyntö lisättiin rekisteriin viitteellä ${made}.`).waitFor();

  // Its letters: without a name, the desk asks for one; with it, an acknowledgement in English.
  const replies = page.getByRole('button', { name: 'Luo vastaus-PDF' });
  await replies.click();
  await form.getByText('Kirjoita pyynnön tekijän nimi.').waitFor();
  await form.getByRole('textbox', { name: 'Nimi', exact: true }).fill('李小龙');
  await form.getByRole('textbox', { name: 'Postiosoite' }).fill('Hämeenkatu 1 A 2\n33100 Tampere');
  await form.getByRole('radio', { name: 'englanti' }).check();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), replies.click()]);
  assert.equal(file.suggestedFilename(), `${made}-acknowledgement.pdf`);
  const text = fold(execFileSync('pdftotext', ['-enc', 'UTF-8', await file.path(), '-'], { encoding: 'utf8' }));
  assert.match(text, /李小龙/);
  assert.match(text, /Hämeenkatu 1 A 2 33100 Tampere/);
  // The register holds none of it.
  const stored = await page.evaluate(() => localStorage.getItem('privacy-portal.desk.register'));
  assert.doesNotMatch(stored, /李小龙|Hämeenkatu/);
  assert.deepEqual(await axeViolations(page), []);
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('storage blocked outright (its getter throws): the desk works, says so, and keeps what it shows', async () => {
  const { page, context, watch } = await openPage(env, null);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await page.goto(env.url + WORDS.fi.desk);
  await page.getByRole('alert').filter({ hasText: 'Selain ei salli tallentamista' }).waitFor();
  const form = page.getByRole('region', { name: WORDS.fi.manual });
  await form.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await form.getByRole('button', { name: WORDS.fi.add }).click();
  await page.getByRole('region', { name: WORDS.fi.register }).getByRole('row', { name: new RegExp(REFERENCE) }).waitFor();
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('a stored register that cannot be read in full: what can be is shown, the rest kept aside and offered for download', async () => {
  const { page, context, watch } = await openPage(env, null);
  const good = 'SAF-AAAA-BBBB';
  await context.addInitScript((good) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const csv = `reference,received,due,extended_due,extension_notified,rights,status\r\n${good},2026-12-07,2027-01-07,,,access,open\r\nnot a row\r\n`;
    localStorage.setItem('privacy-portal.desk.register', JSON.stringify(csv));
  }, good);
  await page.goto(env.url + WORDS.fi.desk);
  const alert = page.getByRole('alert').filter({ hasText: 'ei voitu lukea kokonaan' });
  await alert.waitFor();
  await page.getByRole('region', { name: WORDS.fi.register }).getByRole('row', { name: new RegExp(good) }).waitFor();
  const backup = await page.evaluate(() => localStorage.getItem('privacy-portal.desk.register.unread'));
  assert.match(backup, /not a row/);
  // A change is saved; the unread rows stay in the backup, and the warning stays.
  const form = page.getByRole('region', { name: WORDS.fi.manual });
  await form.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await form.getByRole('button', { name: WORDS.fi.add }).click();
  await page.getByRole('region', { name: WORDS.fi.register }).getByRole('row', { name: new RegExp(REFERENCE) }).nth(1).waitFor();
  assert.match(await page.evaluate(() => localStorage.getItem('privacy-portal.desk.register.unread')), /not a row/);
  await alert.waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Lataa tallennettu rekisteri sellaisenaan (CSV)' }).click()]);
  assert.match(await readFile(await file.path(), 'utf8'), /not a row/);
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('storage that throws: the desk says so, and the register shown is kept', async () => {
  const { page, context, watch } = await openPage(env, null);
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.goto(env.url + WORDS.fi.desk);
  const w = WORDS.fi;
  const form = page.getByRole('region', { name: w.manual });
  await form.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await form.getByRole('button', { name: w.add }).click();
  await page.getByRole('alert').filter({ hasText: 'Selain ei salli tallentamista' }).waitFor();
  await page.getByRole('region', { name: w.register }).getByRole('row', { name: new RegExp(REFERENCE) }).waitFor();
  onlyOwnFiles(watch);
  await assertClean(assert, env, watch);
});

test('no public page links the desk, and the desk asks search engines to stay away', async () => {
  for (const { path } of SITE_LANGS) {
    const html = await (await fetch(env.url + path)).text();
    assert.doesNotMatch(html, /(href|src)="[^"]*desk\//, `${path} links the desk`);
  }
  const desk = await (await fetch(env.url + '/desk/')).text();
  assert.match(desk, /<meta name="robots" content="noindex, nofollow">/);
  assert.match(desk, /script-src 'self' 'wasm-unsafe-eval';/);
});

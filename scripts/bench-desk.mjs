// The request desk's part of the benchmark (scripts/bench.mjs), issue 18:
//   - the bytes of the desk's module (its start script, wasm-bindgen's JavaScript and the
//     WebAssembly, the snippet) and of its PDF reader (lopdf), which the desk fetches after it
//     has started;
//   - a one-page request (made with the form) verified and shown: from the file input's change
//     event to the "checked" heading in the page (the reader loaded), taken in the page;
//   - a reply PDF (an acknowledgement, Latin name): from the click on "Luo vastaus-PDF"
//     to the download (the writer loaded, its base fonts cached).
// All under the benchmark's CPU throttling.

import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The brotli bytes of the desk's files whose names start with one of `prefixes`. */
async function brotliOfAssets(dist, prefixes) {
  const dir = join(dist, 'desk', 'assets');
  let total = 0;
  const names = [];
  for (const name of await readdir(dir)) {
    if (name === 'snippets' || /\.(br|gz)$/.test(name) || !prefixes.some((p) => name.startsWith(p))) continue;
    total += brotli(await readFile(join(dir, name)));
    names.push(name);
  }
  for (const snippets of prefixes.includes('snippets') ? await readdir(join(dir, 'snippets')) : []) {
    for (const file of await readdir(join(dir, 'snippets', snippets))) {
      if (/\.(br|gz)$/.test(file)) continue;
      total += brotli(await readFile(join(dir, 'snippets', snippets, file)));
    }
  }
  return { total, names };
}

/** A one-page request made with the form, with a Latin name. */
async function makeRequest(browser, url, stored, dir) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript((entries) => {
    for (const [key, value] of entries) localStorage.setItem(key, value);
  }, stored);
  await page.goto(url + '/', { waitUntil: 'load' });
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.locator('#req-name').fill('Åsa Łukasiewicz-Žemaitė');
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('asa@example.fi');
  await page.getByRole('checkbox', { name: /^Tarkastusoikeus/ }).check();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click(),
  ]);
  const path = join(dir, 'request.pdf');
  await file.saveAs(path);
  await context.close();
  return path;
}

/** One desk visit: open the request, time its check, then write an acknowledgement. */
async function visit(browser, url, pdf, cpuThrottling) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__desk = {};
    document.addEventListener('change', (e) => {
      if (e.target?.id === 'desk-file') window.__desk.changed = performance.now();
    }, true);
    new MutationObserver(() => {
      if (window.__desk.changed && !window.__desk.shown && document.querySelector('.desk-alert--good h3')) {
        window.__desk.shown = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  const readerLoaded = page.waitForResponse((r) => /reader_bg-[0-9a-f]+\.wasm$/.test(r.url()), { timeout: 60_000 });
  await page.goto(url + '/desk/', { waitUntil: 'load' });
  await readerLoaded;
  // The reader's module compiled and started (the desk's own promise settles with it).
  await page.waitForTimeout(0);
  await page.locator('#desk-file').setInputFiles(pdf);
  await page.waitForFunction(() => window.__desk.shown, null, { timeout: 60_000 });
  const verified = await page.evaluate(() => window.__desk.shown - window.__desk.changed);
  // The writer loaded (its base faces fetched) before the reply is timed.
  await page.waitForResponse((r) => /dejavu-sans-bold\.[0-9a-f]+\.otf$/.test(r.url()), { timeout: 60_000 }).catch(() => {});
  const button = page.getByRole('button', { name: 'Luo vastaus-PDF' });
  await button.scrollIntoViewIfNeeded();
  const clicked = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const reply = performance.now() - clicked;
  const bytes = (await readFile(await download.path())).length;
  await context.close();
  return { verified, reply, bytes };
}

export async function measureDesk(browser, url, stored, { runs, cpuThrottling, dist }) {
  const module = await brotliOfAssets(dist, ['desk-start-', 'desk-', 'desk_bg-', 'snippets']);
  const reader = await brotliOfAssets(dist, ['reader-', 'reader_bg-']);
  const dir = await mkdtemp(join(tmpdir(), 'bench-desk-'));
  let visits;
  try {
    const pdf = await makeRequest(browser, url, stored, dir);
    // A warm-up visit, not counted.
    await visit(browser, url, pdf, cpuThrottling);
    visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visit(browser, url, pdf, cpuThrottling));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const data = {
    moduleBrotli: module.total,
    // The desk's stylesheet is not part of the module (it is the site's and the desk's rules).
    moduleFiles: module.names.filter((n) => !n.endsWith('.css')),
    readerBrotli: reader.total,
    verified: visits.map((v) => v.verified),
    reply: visits.map((v) => v.reply),
    replyBytes: visits[0].bytes,
  };
  return {
    data,
    print({ kb, ms }) {
      console.log('\nThe request desk (/desk/)');
      console.log(`the desk's module: ${kb(data.moduleBrotli)} KB brotli (${data.moduleFiles.join(', ')})`);
      console.log(`its PDF reader (lopdf), fetched after the desk starts: ${kb(data.readerBrotli)} KB brotli`);
      console.log(`a one-page request verified and shown after the file is chosen: ${data.verified.map(ms).join(', ')} (median ${ms(median(data.verified))})`);
      console.log(`an acknowledgement PDF (Latin name), click to file: ${data.reply.map(ms).join(', ')} (median ${ms(median(data.reply))}), ${kb(data.replyBytes)} KB`);
    },
    checks(budget, { kb, ms }) {
      return [
        [`the desk's module ${kb(data.moduleBrotli)} KB brotli <= ${kb(budget.deskModuleBrotli)} KB`, data.moduleBrotli <= budget.deskModuleBrotli],
        [`a one-page request verified and shown in ${ms(median(data.verified))} <= ${budget.deskVerified} ms`, median(data.verified) <= budget.deskVerified],
        [`a reply PDF (Latin) in ${ms(median(data.reply))} <= ${budget.replyLatin} ms`, median(data.reply) <= budget.replyLatin],
      ];
    },
  };
}

// The request form's part of the benchmark (scripts/bench.mjs), issues 10 and 12:
//   - the time from the "Tee pyyntö" click until the form takes typing, and what the form's views
//     cost in bytes; when the PDF writer (worker, WebAssembly, base fonts) starts to arrive, and
//     its bytes;
//   - for a Latin, a Chinese and an Arabic name: the time from the download click to the file,
//     each in a fresh page (the writer loaded, no font piece cached yet), the bytes the name's
//     font pieces add, and the PDF's size.
// All under the same CPU throttling as the rest of the benchmark (Chromium applies it to the
// page's renderer; the worker runs in that renderer).

import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';

const NAMES = [
  ['Latin', 'Åsa Łukasiewicz-Žemaitė'],
  ['Chinese', '李小龙'],
  ['Arabic', 'محمد العلي'],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The brotli bytes of files fetched from `origin`, read from `dist`. */
async function brotliOf(dist, origin, urls) {
  let total = 0;
  for (const url of new Set(urls)) {
    total += brotli(await readFile(join(dist, new URL(url).pathname)));
  }
  return total;
}

/** One visit: a returning visitor opens the form, fills it in with `name` and downloads. */
async function visit(browser, url, stored, name, cpuThrottling) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript((entries) => {
    for (const [key, value] of entries) localStorage.setItem(key, value);
  }, stored);
  const origin = new URL(url).origin;
  const fetched = [];
  page.on('request', (request) => fetched.push({ url: request.url(), at: performance.now() }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  // A stored refusal: the app is not loaded until the click below, which loads it and the form.
  await page.goto(url + '/', { waitUntil: 'load' });
  const before = fetched.length;
  const field = page.locator('#req-name');
  // The writer loaded: the worker has fetched its base faces (watched from the click on).
  const writerLoaded = page.waitForResponse((r) => /dejavu-sans-bold\.[0-9a-f]+\.otf$/.test(r.url()), { timeout: 60_000 });
  const clicked = performance.now();
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  // Usable: the name field is on screen and editable (checked in the page, each frame); then it
  // must take what is typed (not timed: that is the test harness's own round trip).
  const usableAt = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const check = () => {
          const input = document.getElementById('req-name');
          if (input && input.checkVisibility() && !input.disabled) resolve(performance.timeOrigin + performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  const usable = usableAt - (performance.timeOrigin + clicked);
  await field.pressSequentially('Å');
  await page.waitForFunction(() => document.getElementById('req-name')?.value === 'Å', null, { timeout: 30_000 });
  await writerLoaded;
  await page.waitForFunction(() => !document.querySelector('.rf-status')?.textContent?.trim(), null, { timeout: 30_000 }).catch(() => {});
  const formFiles = fetched.slice(before).filter((f) => f.url.startsWith(origin));
  const workerAt = formFiles.find((f) => /pdf-writer-worker\./.test(f.url))?.at ?? null;
  const usableLocal = usableAt - performance.timeOrigin;
  await field.fill(name);
  await page.locator('#req-email').fill('asa@example.fi');
  await page.locator('#req-right-access').check();
  const beforeDownload = fetched.length;
  const start = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click(),
  ]);
  const clickToFile = performance.now() - start;
  const pdfBytes = (await readFile(await download.path())).length;
  const pieces = fetched.slice(beforeDownload).filter((f) => f.url.startsWith(origin)).map((f) => f.url);
  await context.close();
  return {
    usable,
    workerAfterUsable: workerAt === null ? null : workerAt - usableLocal,
    formFiles: formFiles.map((f) => f.url),
    clickToFile,
    pdfBytes,
    pieces,
  };
}

/**
 * Measures the form; returns its data, a printer and the budget checks for bench.mjs (or null if
 * the form could not be measured).
 */
export async function measureForm(browser, url, stored, { runs, cpuThrottling, dist }) {
  const byName = {};
  for (const [label, name] of NAMES) {
    byName[label] = [];
    for (let run = 0; run < runs; run++) byName[label].push(await visit(browser, url, stored, name, cpuThrottling));
  }
  const first = byName.Latin[0];
  const isWriter = (u) => /\/form\/writer\//.test(u);
  const views = await brotliOf(dist, url, first.formFiles.filter((u) => /\/form\//.test(u) && !isWriter(u)));
  const writer = await brotliOf(dist, url, first.formFiles.filter(isWriter));
  const data = {
    usable: median(Object.values(byName).flat().map((v) => v.usable)),
    workerAfterUsable: median(Object.values(byName).flat().map((v) => v.workerAfterUsable ?? -Infinity)),
    viewsBrotli: views,
    writerBrotli: writer,
    names: {},
  };
  for (const [label] of NAMES) {
    const visits = byName[label];
    data.names[label] = {
      clickToFile: median(visits.map((v) => v.clickToFile)),
      times: visits.map((v) => Math.round(v.clickToFile)),
      piecesBrotli: await brotliOf(dist, url, visits[0].pieces),
      pieces: visits[0].pieces.length,
      pdfBytes: visits[0].pdfBytes,
    };
  }
  return {
    data,
    print({ kb, ms, pad }) {
      console.log(`\nRequest form (${cpuThrottling}x CPU throttling, median of ${runs} fresh visits per name)`);
      console.log(`${'"Tee pyyntö" click until the form takes typing'.padEnd(52)} ${pad(ms(data.usable), 10)}`);
      console.log(`${'the form\'s views (module, WebAssembly, stylesheet)'.padEnd(52)} ${pad(kb(data.viewsBrotli) + ' KB', 10)} brotli`);
      console.log(`${'the writer (worker, WebAssembly, base fonts, manifest)'.padEnd(52)} ${pad(kb(data.writerBrotli) + ' KB', 10)} brotli, asked for ${ms(data.workerAfterUsable)} after the form was usable`);
      console.log(`${'name'.padEnd(10)} ${pad('click to file', 14)} ${pad('pieces', 7)} ${pad('their bytes', 12)} ${pad('PDF', 9)}   runs`);
      for (const [label, r] of Object.entries(data.names)) {
        console.log(`${label.padEnd(10)} ${pad(ms(r.clickToFile), 14)} ${pad(r.pieces, 7)} ${pad(kb(r.piecesBrotli) + ' KB', 12)} ${pad(kb(r.pdfBytes) + ' KB', 9)}   ${r.times.join(', ')}`);
      }
    },
    checks(budget, { kb, ms }) {
      const checks = [
        [`form's views ${kb(data.viewsBrotli)} KB brotli <= ${kb(budget.formViewsBrotli)} KB`, data.viewsBrotli <= budget.formViewsBrotli],
        [`form usable ${ms(data.usable)} after the click <= ${budget.formUsable} ms`, data.usable <= budget.formUsable],
        [`writer ${kb(data.writerBrotli)} KB brotli <= ${kb(budget.writerBrotli)} KB`, data.writerBrotli <= budget.writerBrotli],
        [`writer asked for after the form was usable (${ms(data.workerAfterUsable)})`, data.workerAfterUsable >= 0],
      ];
      for (const [label, r] of Object.entries(data.names)) {
        const limit = label === 'Latin' ? budget.pdfLatin : budget.pdfOther;
        checks.push([`${label} name: PDF ${ms(r.clickToFile)} after the click <= ${limit} ms`, r.clickToFile <= limit]);
        if (label === 'Latin') {
          checks.push([`Latin name: one-page PDF ${kb(r.pdfBytes)} KB < ${kb(budget.pdfBytes)} KB`, r.pdfBytes < budget.pdfBytes]);
        } else {
          checks.push([`${label} name: ${kb(r.piecesBrotli)} KB brotli of font pieces <= ${kb(budget.otherScriptBrotli)} KB`, r.piecesBrotli <= budget.otherScriptBrotli]);
        }
      }
      return checks;
    },
  };
}

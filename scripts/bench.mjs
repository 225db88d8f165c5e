// Benchmark of the release build (dist/), in one run, side by side with its peers:
//
//   - first load: every file the page loads, raw / gzip -9 / brotli -11 bytes;
//   - first contentful paint and largest contentful paint of the notice, and when the app is
//     ready (language switch mounted), in headless Chromium under 4x CPU throttling, median of 5;
//   - peer "static": a plain static HTML page holding the same notice and styles, no app.
//
// Budgets (issue 2) are checked at the end; the exit code is 1 if one is missed.
//
//   node scripts/bench.mjs [--runs 5] [--json bench-results/bench.json]

import { mkdir, readFile, writeFile, cp, rm } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { startServer } from './serve.mjs';
import { launchBrowser, ROOT } from '../tests/browser/harness.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(option('runs', 5));
const CPU_THROTTLING = 4;
const BUDGET = {
  firstLoadBrotli: 60 * 1000, // bytes, HTML + CSS + JS + WebAssembly
  lcpVersusStatic: 1.1, // our LCP at most 10% later than the static page's, same run
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => (bytes / 1000).toFixed(1);
const pad = (value, width) => String(value).padStart(width);

/** The peer: dist/ with the app removed from index.html, so the same notice and styles, no JS. */
async function makeStaticPeer(dist, dir) {
  await rm(dir, { recursive: true, force: true });
  await cp(dist, dir, { recursive: true });
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const plain = html
    .replace(/<script\b[^>]*><\/script>/g, '')
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  if (plain.includes('<script') || plain.includes('.wasm')) throw new Error('static peer still loads the app');
  await writeFile(join(dir, 'index.html'), plain);
}

/** One cold load (new context, empty cache) under CPU throttling; returns timings and files. */
async function measure(browser, url, { waitForApp }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const files = [];
  page.on('response', (response) => {
    if (response.url().startsWith(url)) files.push(new URL(response.url()).pathname);
  });
  await context.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  await page.addInitScript(() => {
    // When the app's first widget appears (the language switch), in ms since navigation start.
    new MutationObserver((_, observer) => {
      if (document.querySelector('#language-switch button')) {
        window.__appReady = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  await page.goto(url + '/', { waitUntil: 'load' });
  if (waitForApp) await page.waitForFunction(() => window.__appReady !== undefined, null, { timeout: 30_000 });
  // Same procedure for both pages: wait for the first contentful paint, let the page settle for
  // 500 ms (LCP can still change), then read the last LCP candidate.
  const timings = await page.evaluate(async () => {
    const entry = (type) =>
      new Promise((resolve) =>
        new PerformanceObserver((list) => resolve(list.getEntries())).observe({ type, buffered: true }),
      );
    const paints = await entry('paint');
    const fcp = paints.find((p) => p.name === 'first-contentful-paint')?.startTime ?? null;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lcp = (await entry('largest-contentful-paint')).at(-1).startTime;
    return { fcp, lcp, app: window.__appReady ?? null };
  });
  await context.close();
  return { ...timings, files };
}

async function sizes(dir, paths) {
  const rows = [];
  for (const path of [...new Set(paths)]) {
    const bytes = await readFile(join(dir, path === '/' ? 'index.html' : path.slice(1)));
    rows.push({
      file: path === '/' ? 'index.html' : path.slice(1),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

function printSizes(title, rows) {
  console.log(`\n${title}`);
  console.log(`${'file'.padEnd(44)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
  for (const row of rows) {
    console.log(`${row.file.padEnd(44)} ${pad(row.raw, 9)} ${pad(row.gzip, 9)} ${pad(row.brotli, 9)}`);
  }
  const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
  console.log(`${'total'.padEnd(44)} ${pad(total('raw'), 9)} ${pad(total('gzip'), 9)} ${pad(total('brotli'), 9)}`);
  return { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
}

const dist = join(ROOT, 'dist');
const peerDir = join(ROOT, 'bench-results', 'static-peer');
await makeStaticPeer(dist, peerDir);
const ours = await startServer({ root: dist, port: 0 });
const peer = await startServer({ root: peerDir, port: 0, headersFile: join(dist, '_headers') });
const browser = await launchBrowser();

const results = { portal: [], static: [] };
try {
  // Warm-up (not counted), then alternate the two pages so that drift hits both alike.
  await measure(browser, ours.url, { waitForApp: true });
  await measure(browser, peer.url, { waitForApp: false });
  for (let run = 0; run < RUNS; run++) {
    results.portal.push(await measure(browser, ours.url, { waitForApp: true }));
    results.static.push(await measure(browser, peer.url, { waitForApp: false }));
  }
} finally {
  await browser.close();
  await ours.close();
  await peer.close();
}

console.log(`Benchmark: release build, headless Chromium, ${CPU_THROTTLING}x CPU throttling, 127.0.0.1, median of ${RUNS}`);
const portalSizes = printSizes('First load of the portal (bytes)', await sizes(dist, results.portal[0].files));
const staticSizes = printSizes('First load of the static peer (bytes)', await sizes(peerDir, results.static[0].files));

const summary = {};
for (const [name, runs] of Object.entries(results)) {
  summary[name] = {
    fcp: median(runs.map((r) => r.fcp)),
    lcp: median(runs.map((r) => r.lcp)),
    app: runs[0].app === null ? null : median(runs.map((r) => r.app)),
  };
}
const ms = (v) => (v === null ? '—' : `${v.toFixed(0)} ms`);
console.log('\nTimings (median)');
console.log(`${'page'.padEnd(32)} ${pad('FCP', 9)} ${pad('LCP', 9)} ${pad('app ready', 10)} ${pad('brotli', 9)}`);
console.log(
  `${'portal (notice + app)'.padEnd(32)} ${pad(ms(summary.portal.fcp), 9)} ${pad(ms(summary.portal.lcp), 9)} ${pad(ms(summary.portal.app), 10)} ${pad(kb(portalSizes.brotli) + ' KB', 9)}`,
);
console.log(
  `${'static HTML, same notice'.padEnd(32)} ${pad(ms(summary.static.fcp), 9)} ${pad(ms(summary.static.lcp), 9)} ${pad('—', 10)} ${pad(kb(staticSizes.brotli) + ' KB', 9)}`,
);

const checks = [
  [
    `first load ${kb(portalSizes.brotli)} KB brotli <= ${kb(BUDGET.firstLoadBrotli)} KB`,
    portalSizes.brotli <= BUDGET.firstLoadBrotli,
  ],
  [
    `LCP ${ms(summary.portal.lcp)} <= ${BUDGET.lcpVersusStatic} x static ${ms(summary.static.lcp)} = ${ms(summary.static.lcp * BUDGET.lcpVersusStatic)}`,
    summary.portal.lcp <= summary.static.lcp * BUDGET.lcpVersusStatic,
  ],
];
console.log('\nBudgets');
for (const [text, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);

const json = option('json', join(ROOT, 'bench-results', 'bench.json'));
await mkdir(join(json, '..'), { recursive: true });
await writeFile(json, JSON.stringify({ runs: RUNS, cpuThrottling: CPU_THROTTLING, summary, portalSizes, staticSizes, results }, null, 2));
console.log(`\nRaw results: ${json}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

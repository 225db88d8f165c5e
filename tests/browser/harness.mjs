// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, against the
// release build in dist/ served on 127.0.0.1 by the portal's own server (crates/server, through
// ./server.mjs) with the site's headers.
//
// Every page a test opens is watched: each request (anything not to our server is blocked and
// recorded), console errors, uncaught exceptions and `securitypolicyviolation` events.

import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './server.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the portal keeps the visitor's consent record in `localStorage` (the product's own name,
 * `STORAGE_KEY` in src/consent/record.rs; a test that reads it fails if the two differ). */
export const STORAGE_KEY = 'privacy-portal.consent';

// The rules of the project's own axe-core (package.json), not the older copy that
// @axe-core/playwright 4.13 (the last to run on Node 20 by its `engines`) brings.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The flags Chromium needs as root in a sandbox without network (see README, "Toolchain"). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Starts the browser and the server once for a test file. `dist` is the build to serve (default
 * `PORTAL_DIST`, else dist/; relative to the repository) and `prefix` the path it is served under
 * (a build made with `--public-url <prefix>/`); `serverEnv` adds to the server's environment
 * (the consent log's DATABASE_URL, PORTAL_ADMIN_TOKEN).
 */
export async function setUp({ dist = process.env.PORTAL_DIST ?? 'dist', prefix = '', serverEnv = {} } = {}) {
  const server = await startServer({ root: resolve(ROOT, dist), port: 0, prefix, env: serverEnv });
  // A browser that cannot start must not leave the server running.
  const browser = await launchBrowser().catch(async (error) => {
    await server.close();
    throw error;
  });
  return {
    server,
    browser,
    url: server.url,
    origin: new URL(server.url).origin,
    /** Closes the browser and stops the server, which must end cleanly (SIGTERM: it answers
     * what is under way and exits 0). */
    async tearDown() {
      await browser.close();
      const exit = await server.close();
      if (exit.code !== 0) throw new Error(`portal-server did not stop cleanly: ${JSON.stringify(exit)} ${server.stderr()}`);
    },
  };
}

/**
 * Opens a watched page in a fresh context (fresh storage and cookies).
 * Returns { page, context, watch } where `watch` collects what the page did.
 */
export async function openPage(env, path = '/', contextOptions = {}) {
  const context = await env.browser.newContext({ locale: 'fi-FI', ...contextOptions });
  const watch = { requests: [], blocked: [], consoleErrors: [], pageErrors: [], cspViolations: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    watch.requests.push(url);
    if (url.startsWith(env.origin + '/')) return route.continue();
    watch.blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  watch.collectCsp = async () => {
    if (contextOptions.javaScriptEnabled === false) return [];
    return page.evaluate(() => window.__cspViolations ?? []);
  };
  if (path !== null) await page.goto(env.url + path, { waitUntil: 'load' });
  return { page, context, watch };
}

/** Google's hosts (the tag, its hits, ads): a test never reaches them. */
export const GOOGLE = /^https:\/\/([a-z0-9-]+\.)*(googletagmanager|google-analytics|doubleclick|google)\.(com|net|fi)\//;

/**
 * Answers every request of `context` to a vendor's hosts (`hosts`, what `context.route` takes):
 * its script (the address `isScript` picks) with `script` (a stub's source), anything else (its
 * hits) with 204. Returns the list the requests' addresses are pushed to.
 */
async function stubVendor(context, hosts, isScript, script) {
  const asked = [];
  await context.route(hosts, (route) => {
    const url = route.request().url();
    asked.push(url);
    if (isScript(url)) return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    return route.fulfill({ status: 204, body: '' });
  });
  return asked;
}

/** Google's hosts answered by a stub: the tag's script with `tag`. */
export const stubGoogle = (context, tag) =>
  stubVendor(context, GOOGLE, (url) => url.startsWith('https://www.googletagmanager.com/gtag/js'), tag);

/** Meta's hosts (the pixel's script, its hits): a test never reaches them. */
export const META = /^https:\/\/([a-z0-9-]+\.)*(facebook\.net|facebook\.com)\//;

/** Meta's hosts answered by a stub: the pixel's script (fbevents.js) with `pixel`. */
export const stubMeta = (context, pixel) =>
  stubVendor(context, META, (url) => url.startsWith('https://connect.facebook.net/'), pixel);

/**
 * A stand-in for Meta's fbevents.js that behaves as its documented API does: it takes the calls
 * queued in `fbq.queue` and every later one through `fbq.callMethod` (recorded in
 * `window.__pixelCalls`), sets `_fbp` at `init`, and sends a hit for `track` only while consent is
 * granted (`fbq('consent', 'revoke')` stops it).
 */
export const STUB_PIXEL = `(function () {
  var fbq = window.fbq;
  window.__stubPixel = (window.__stubPixel || 0) + 1;
  window.__pixelCalls = [];
  var granted = true;
  var id = null;
  fbq.callMethod = function () {
    var args = Array.prototype.slice.call(arguments);
    window.__pixelCalls.push(args);
    if (args[0] === 'consent') granted = args[1] === 'grant';
    if (args[0] === 'init') {
      id = args[1];
      document.cookie = '_fbp=fb.1.' + Date.now() + '.42; path=/; max-age=7776000';
    }
    if (args[0] === 'track' && granted) new Image().src = 'https://www.facebook.com/tr?id=' + id + '&ev=' + args[1];
  };
  fbq.queue.forEach(function (args) { fbq.callMethod.apply(fbq, args); });
  fbq.queue.length = 0;
})();`;

/** The Matomo at `url` (its address, ending in /) answered by a stub: matomo.js with `tracker`. */
export const stubMatomo = (context, url, tracker) =>
  stubVendor(context, (address) => address.href.startsWith(url), (address) => address === `${url}matomo.js`, tracker);

/**
 * A stand-in for matomo.js that behaves as its documented consent API does: it runs the commands
 * queued in `_paq` (recorded as found in `window.__matomoQueued`) and every later `_paq.push` (all
 * recorded as run in `window.__matomoCalls`); with consent
 * required, a `track…` command sends a hit (and sets `_pk_id.…`) only after `setConsentGiven`;
 * `requireConsent` takes a consent of this page view back; `forgetConsentGiven` also deletes the
 * `_pk_` cookies and sets `mtm_consent_removed`. The queue's set-up and consent commands run
 * before its others, as matomo.js runs them.
 */
export const STUB_MATOMO = `(function () {
  var queued = Array.isArray(window._paq) ? window._paq : [];
  window.__stubMatomo = (window.__stubMatomo || 0) + 1;
  window.__matomoCalls = [];
  window.__matomoQueued = queued.map(function (args) { return args.join(' '); });
  var required = false, given = false, tracker = null, site = null;
  function run(args) {
    window.__matomoCalls.push(args.join(' '));
    var name = args[0];
    if (name === 'requireConsent') { required = true; given = false; }
    else if (name === 'setConsentGiven') given = true;
    else if (name === 'forgetConsentGiven') {
      // As Matomo's own: stops, deletes its cookies, and remembers the removal for 30 years.
      given = false;
      document.cookie.split(';').map(function (c) { return c.split('=')[0].trim(); })
        .filter(function (n) { return n.indexOf('_pk_') === 0; })
        .forEach(function (n) { document.cookie = n + '=; path=/; max-age=0'; });
      document.cookie = 'mtm_consent_removed=' + Date.now() + '; path=/; max-age=946080000';
    }
    else if (name === 'setTrackerUrl') tracker = args[1];
    else if (name === 'setSiteId') site = args[1];
    else if (name.indexOf('track') === 0 && (!required || given)) {
      document.cookie = '_pk_id.' + site + '.1a2b=0123456789abcdef.1; path=/; max-age=34190000';
      new Image().src = tracker + '?idsite=' + site + '&rec=1&action=' + name + (args[1] ? '&e=' + encodeURIComponent(args[1]) : '');
    }
  }
  // Like matomo.js, the queue's set-up and consent commands run first, in this order, then the
  // others in the queue's order.
  var first = ['setTrackerUrl', 'setSiteId', 'requireConsent', 'setConsentGiven'];
  first.forEach(function (name) {
    queued.filter(function (args) { return args[0] === name; }).forEach(run);
  });
  queued.filter(function (args) { return first.indexOf(args[0]) < 0; }).forEach(run);
  window._paq = { push: function (args) { run(args); } };
})();`;

/**
 * Has the app loaded as a keyboard user's first key loads it (the head script fetches it only when
 * the page needs it: a stored choice that starts a service, a press, a key, a jump to a section,
 * the contents in use), then waits until it has started (it sets `window.__portalReady`,
 * crate::vocabulary::APP_READY). The tests of what loads it when, without a key, are in
 * consent.test.mjs ("the app only when it is needed").
 */
export async function appReady(page) {
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => window.__portalReady === true, null, { timeout: 10_000 });
}

/** Waits until the app has started and two more frames have been rendered. */
export async function settled(page) {
  await appReady(page);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Records, from before the first paint of every page the context opens: each frame's time and
 * whether the banner's reject button was visible in it (`requestAnimationFrame` runs just before
 * the frame paints), the first contentful paint, and the cumulative layout shift (shifts right
 * after input excluded, as CLS does). Read it with `paintRecord(page)`.
 */
export async function recordPaint(context) {
  await context.addInitScript(() => {
    const record = (window.__paint = { frames: [], fcp: null, cls: 0, shifts: [] });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        record.cls += entry.value;
        // What moved, for the failure message: the element (tag#id.class), where it was and went.
        const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
        const name = (n) => !n ? '(removed node)' : n.nodeType !== 1 ? `${n.nodeName} in ${name(n.parentElement)}`
          : n.tagName.toLowerCase() + (n.id ? `#${n.id}` : '') + (n.classList.length ? `.${[...n.classList].join('.')}` : '');
        record.shifts.push({
          value: entry.value,
          time: Math.round(entry.startTime),
          sources: (entry.sources ?? []).map((s) => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntriesByName('first-contentful-paint')) record.fcp = entry.startTime;
    }).observe({ type: 'paint', buffered: true });
    const frame = (time) => {
      const reject = document.querySelector('#consent-banner [data-action="reject-all"]');
      record.frames.push({ time, banner: Boolean(reject && reject.checkVisibility()) });
      if (record.frames.length < 1200) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * Slows the page's CPU `rate` times (Chromium's throttling), as a loaded machine or a cheap phone
 * would: the parser then yields more often, so a first paint of a half-parsed page (and the layout
 * shift when the rest arrives) shows in every run instead of now and then.
 */
export async function slowCpu(page, rate = 8) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** What `recordPaint` saw so far, with the frame that made the first contentful paint. */
export async function paintRecord(page) {
  const record = await page.evaluate(() => window.__paint);
  const painted = record.frames.filter((f) => record.fcp !== null && f.time <= record.fcp).at(-1) ?? null;
  return { ...record, fcpFrame: painted };
}

/** Answers the cookie banner with its reject button (in the page's language) and waits until it is gone. */
export async function rejectCookies(page) {
  const banner = page.locator('#consent-banner');
  await banner.locator('[data-action="reject-all"]').click();
  await banner.waitFor({ state: 'hidden' });
}

/** Asserts the page stayed on 127.0.0.1, logged no error and broke no CSP rule. */
export async function assertClean(assert, env, watch) {
  const foreign = watch.requests.filter((url) => !url.startsWith(env.origin + '/'));
  assert.deepEqual(foreign, [], 'requests that left 127.0.0.1');
  assert.deepEqual(watch.consoleErrors, [], 'console errors');
  assert.deepEqual(watch.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(await watch.collectCsp(), [], 'securitypolicyviolation events');
}

/** axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules; returns violations as readable lines. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Whitespace folded to single spaces, trimmed: how the tests compare visible text. */
export function fold(text) {
  return text.replace(/\s+/g, ' ').trim();
}

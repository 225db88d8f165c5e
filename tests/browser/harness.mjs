// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, against the
// release build in dist/ served on 127.0.0.1 with the deploy headers (scripts/serve.mjs).
//
// Every page a test opens is watched: each request (anything not to our server is blocked and
// recorded), console errors, uncaught exceptions and `securitypolicyviolation` events.

import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

/** Starts the browser and the server once for a test file. */
export async function setUp() {
  const server = await startServer({ root: join(ROOT, 'dist'), port: 0 });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    url: server.url,
    async tearDown() {
      await browser.close();
      await server.close();
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
    if (url.startsWith(env.url + '/')) return route.continue();
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

/** Waits until the app has started (it shows its buttons, the language switch first). */
export async function appReady(page) {
  await page.locator('[data-app-action="switch-language"]').waitFor({ state: 'visible' });
}

/** Answers the cookie banner with "Hylkää kaikki" and waits until it is gone. */
export async function rejectCookies(page) {
  await page.getByRole('region', { name: 'Evästeet ja yksityisyys' }).getByRole('button', { name: 'Hylkää kaikki' }).click();
  await page.getByRole('region', { name: 'Evästeet ja yksityisyys' }).waitFor({ state: 'hidden' });
}

/** Asserts the page stayed on 127.0.0.1, logged no error and broke no CSP rule. */
export async function assertClean(assert, env, watch) {
  const foreign = watch.requests.filter((url) => !url.startsWith(env.url + '/'));
  assert.deepEqual(foreign, [], 'requests that left 127.0.0.1');
  assert.deepEqual(watch.consoleErrors, [], 'console errors');
  assert.deepEqual(watch.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(await watch.collectCsp(), [], 'securitypolicyviolation events');
}

/** axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules; returns violations as readable lines. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
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

// The site built under a sub-path (`trunk build --public-url /tietosuoja/`, by scripts/test.sh into
// dist-subpath/) and served there, as a host that publishes it next to the shop would: every page,
// the banner and the whole request flow work, and nothing is fetched from outside /tietosuoja/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setUp, openPage, appReady, rejectCookies, assertClean, ROOT } from './harness.mjs';
import { LANGS } from './languages.mjs';
import { REFERENCE } from './site.mjs';

const PREFIX = '/tietosuoja';
const DIST = 'dist-subpath';

let env;
before(async () => {
  if (!existsSync(join(ROOT, DIST, 'index.html'))) {
    throw new Error(`${DIST}/ is missing: scripts/test.sh builds it with --public-url ${PREFIX}/`);
  }
  env = await setUp({ dist: DIST, prefix: PREFIX });
});
after(async () => {
  await env?.tearDown();
});

/** Every request stayed below the prefix. */
function belowPrefix(watch) {
  return watch.requests.filter((url) => !url.startsWith(`${env.origin}${PREFIX}/`));
}

test('every page, its hreflang links and its files are below the sub-path', async () => {
  for (const lang of LANGS) {
    const { page, context, watch } = await openPage(env, lang.path);
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: lang.title }).waitFor();
    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
    assert.deepEqual(alternates, [...LANGS.map((l) => PREFIX + l.path), `${PREFIX}/`]);
    const switchLinks = await page.locator('[data-lang-link]').evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    assert.deepEqual(switchLinks, LANGS.filter((l) => l !== lang).map((l) => PREFIX + l.path));
    assert.deepEqual(belowPrefix(watch), [], 'requests outside the sub-path');
    await assertClean(assert, env, watch);
    await context.close();
  }
});

test('under the sub-path: reject, then the whole request flow to a PDF', async () => {
  const { page, context, watch } = await openPage(env, '/');
  await appReady(page);
  await rejectCookies(page);
  await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Matti Meikäläinen');
  await page.getByRole('textbox', { name: 'Sähköpostiosoite', exact: true }).fill('matti@example.fi');
  await page.getByRole('checkbox', { name: 'Tarkastusoikeus' }).check();
  await page.getByRole('radio', { name: 'Ei allekirjoitusta' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Lataa pyyntö (PDF)' }).click(),
  ]);
  // Read back by an independent reader: the request, with the name typed and its reference.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const reference = download.suggestedFilename().replace(/^[a-z-]+-(?=[A-Z])/, '').replace(/\.pdf$/, '');
  for (const expected of ['Matti Meikäläinen', 'matti@example.fi', reference]) {
    assert.ok(text.includes(expected), `${expected} not in the PDF's text: ${text}`);
  }
  assert.match(download.suggestedFilename(), new RegExp(`^tietosuojapyynto-${REFERENCE}\\.pdf$`));
  assert.deepEqual(belowPrefix(watch), [], 'requests outside the sub-path');
  const form = watch.requests.filter((url) => url.includes(`${PREFIX}/form/`));
  assert.ok(form.some((url) => /request-form-[0-9a-f]{16}\.js$/.test(url)), 'the form module, content-hashed');
  await assertClean(assert, env, watch);
  await context.close();
});

// The release build on Debian's own nginx, Apache and Caddy, each started on 127.0.0.1 with the
// generated configuration from deploy/ (tests/servers/servers.mjs), as a system administrator
// following the README would run them. Per server: the security headers on a page, a hashed file,
// a 404 and a consent revision; brotli and gzip answers with the right Content-Encoding, type and
// Vary, byte for byte the build's files; the cache of every file of the build; the configuration
// files not served; the first load on the wire equal to brotli -11 (the README's figure, within
// 2%); a returning visit that fetches no hashed file again; and one browser run (banner, form,
// PDF). nginx also serves the sub-path build, Apache without mod_headers refuses to serve, Caddy
// listens on loopback only.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, constants } from 'node:zlib';
import { parseHeadersFile } from '../browser/server.mjs';
import { launchBrowser, openPage, appReady, rejectCookies, assertClean } from '../browser/harness.mjs';
import { ROOT, SERVERS, startNginx, startApache, get, filesOf, underPrefix } from './servers.mjs';

const DIST = join(ROOT, 'dist');
const SUBPATH = join(ROOT, 'dist-subpath');
const BR_GZIP = { 'Accept-Encoding': 'br, gzip' };

/** The headers every answer carries: the `/*` rule of deploy/_headers (equal to src/site/security.rs). */
const SECURITY = Object.fromEntries(
  Object.entries(parseHeadersFile(readFileSync(join(ROOT, 'deploy/_headers'), 'utf8')).find((r) => r.pattern === '/*').headers)
    .map(([name, value]) => [name.toLowerCase(), value]),
);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What the build names by content (cached a year) and what it does not (revalidated): pages,
 * consent revisions and the form's build manifest. The hosts' files are not served at all. */
const CONFIGURATION = new Set(['_headers', '.htaccess']);
const revalidated = (rel) => rel.endsWith('.html') || rel.startsWith('consent/') || rel === 'form/manifest.json' || rel === 'desk/manifest.json';

const TYPES = { html: 'text/html', js: 'text/javascript', css: 'text/css', wasm: 'application/wasm', json: 'application/json', otf: 'font/otf', svg: 'image/svg+xml' };
const typeOf = (rel) => TYPES[rel.split('.').pop()];

/** The type without parameters; JavaScript's old name counts (nginx's mime.types still uses it). */
const bareType = (value) => (value ?? '').split(';')[0].trim().replace('application/javascript', 'text/javascript');

function assertSecurity(answer, what) {
  for (const [name, value] of Object.entries(SECURITY)) assert.equal(answer.headers[name], value, `${what}: ${name}`);
}

const varies = (answer) => (answer.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).includes('accept-encoding');
const brotli11 = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** A release build with its .br files, as scripts/test.sh makes it. */
function built(dir) {
  if (!existsSync(join(dir, 'index.html.br'))) throw new Error(`${dir} is missing or has no .br files: scripts/test.sh builds it`);
}

let browser;
const figures = {};

before(async () => {
  built(DIST);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  const rows = Object.entries(figures);
  if (rows.length) {
    console.log('\nFinnish page with its app loaded, on the wire (Accept-Encoding: br, gzip) | brotli -11 of the files');
    for (const [name, f] of rows) console.log(`${name.padEnd(7)} ${f.wire} bytes | ${f.brotli} bytes (${f.files} files; returning visit: ${f.refetched} hashed files fetched again)`);
  }
});

/** The browser run: banner, form, PDF; returns the paths the first visit asked for, the app's included (a key loads it). */
async function flow(server) {
  const env = { browser, url: server.url, origin: server.url };
  const { page, context, watch } = await openPage(env, '/');
  await page.locator('#consent-banner').waitFor({ state: 'visible' });
  await appReady(page);
  const paths = watch.requests.map((u) => new URL(u).pathname);
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
  // These hosts serve files only, and site/ keeps a consent log (site.toml, [consent] log): the
  // refusal's beacon to /api/consent is answered 404 (README, "The consent log": such a host
  // needs portal-server behind /api/consent, or `log = false`). The visitor notices nothing: the
  // form and its PDF above worked; only the browser's console names the 404.
  const beacons = watch.requests.filter((url) => url === `${server.url}/api/consent`);
  assert.equal(beacons.length, 1, 'one beacon for the refusal');
  assert.deepEqual(watch.consoleErrors, ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
  watch.consoleErrors = [];
  await assertClean(assert, env, watch);
  await context.close();
  return paths;
}

/** Two visits in one context without request interception (it would turn the cache off): the
 * paths the second one took from the network rather than the browser's cache. */
async function returningVisit(server) {
  const context = await browser.newContext({ locale: 'fi-FI' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let second = false;
  const network = [];
  const fromMemory = new Set();
  cdp.on('Network.requestServedFromCache', ({ requestId }) => fromMemory.add(requestId));
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const cached = fromMemory.has(requestId) || response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker;
    if (second && !cached) network.push(new URL(response.url).pathname);
  });
  await page.goto(server.url + '/');
  await appReady(page);
  second = true;
  await page.goto(server.url + '/');
  await appReady(page);
  await context.close();
  return network;
}

for (const [name, start] of Object.entries(SERVERS)) {
  describe(name, () => {
    let server;
    before(async () => {
      server = await start(DIST);
    });
    after(async () => {
      await server?.stop();
    });

    test('the security headers on a page, a hashed file, a 404 and a consent revision', async () => {
      const wasm = readFileSync(join(DIST, 'index.html'), 'utf8').match(/data-wasm="\/([^"]+)"/)[1];
      const revision = filesOf(DIST).find((f) => f.startsWith('consent/'));
      for (const [path, status, cache] of [
        ['/', 200, 'no-cache'],
        ['/en/', 200, 'no-cache'],
        [`/${wasm}`, 200, IMMUTABLE],
        [`/${revision}`, 200, 'no-cache'],
        ['/ei-ole/', 404, null],
        ['/form/ei-ole-0123456789abcdef.js', 404, null],
      ]) {
        const answer = await get(server.url + path, BR_GZIP);
        assert.equal(answer.status, status, path);
        assertSecurity(answer, `${name} ${path}`);
        if (cache) assert.equal(answer.headers['cache-control'], cache, path);
        else assert.notEqual(answer.headers['cache-control'], IMMUTABLE, `${path}: an error cached for a year`);
      }
    });

    test('brotli, gzip and none: Content-Encoding, type and Vary, the build\'s bytes', async () => {
      const wasm = readFileSync(join(DIST, 'index.html'), 'utf8').match(/data-wasm="\/([^"]+)"/)[1];
      const font = filesOf(DIST).find((f) => f.endsWith('.otf'));
      for (const rel of ['index.html', wasm, font, filesOf(DIST).find((f) => f.startsWith('consent/'))]) {
        const path = '/' + rel.replace(/index\.html$/, '');
        const raw = readFileSync(join(DIST, rel));
        for (const [accept, encoding, decode] of [
          ['gzip, deflate, br', 'br', brotliDecompressSync],
          ['gzip', 'gzip', gunzipSync],
          ['identity', undefined, (b) => b],
        ]) {
          const answer = await get(server.url + path, { 'Accept-Encoding': accept });
          assert.equal(answer.status, 200, `${path} ${accept}`);
          assert.equal(answer.headers['content-encoding'], encoding, `${path} ${accept}`);
          assert.ok(varies(answer), `${name} ${path} ${accept}: Vary ${answer.headers.vary}`);
          assert.equal(bareType(answer.headers['content-type']), typeOf(rel), `${path} ${accept}`);
          assert.equal(answer.headers['content-language'], undefined, `${path} ${accept}`);
          assert.ok(decode(answer.body).equals(raw), `${path} ${accept}: not the build's bytes`);
        }
      }
    });

    test('every file of the build: its type, and a year\'s cache exactly for the hashed ones', async () => {
      const wrong = [];
      for (const rel of filesOf(DIST).filter((f) => !CONFIGURATION.has(f))) {
        const answer = await get(`${server.url}/${rel}`, BR_GZIP, 'HEAD');
        const cache = revalidated(rel) ? 'no-cache' : IMMUTABLE;
        if (answer.status !== 200 || answer.headers['cache-control'] !== cache) wrong.push(`${rel}: ${answer.status} ${answer.headers['cache-control']}`);
        if (typeOf(rel) && bareType(answer.headers['content-type']) !== typeOf(rel)) wrong.push(`${rel}: ${answer.headers['content-type']}`);
        if (answer.headers['content-security-policy'] !== SECURITY['content-security-policy']) wrong.push(`${rel}: no CSP`);
      }
      assert.deepEqual(wrong, []);
    });

    test('the hosts\' configuration files are not served', async () => {
      for (const path of ['/_headers', '/.htaccess', '/%2ehtaccess', '/form/.htaccess']) {
        const answer = await get(server.url + path);
        assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status}`);
        assert.ok(!answer.body.toString().includes('Content-Security-Policy'), `${path} sent the configuration`);
        assertSecurity(answer, `${name} ${path}`);
      }
    });

    test('banner, form and PDF in the browser; the first load on the wire; a returning visit', async () => {
      const paths = await flow(server);
      let wire = 0;
      let brotli = 0;
      for (const path of [...new Set(paths)]) {
        const answer = await get(server.url + path, BR_GZIP);
        assert.equal(answer.status, 200, path);
        wire += answer.body.length;
        brotli += brotli11(readFileSync(join(DIST, path.endsWith('/') ? path.slice(1) + 'index.html' : path.slice(1))));
      }
      const again = await returningVisit(server);
      const refetched = again.filter((p) => p !== '/' && !revalidated(p.slice(1)));
      figures[name] = { wire, brotli, files: new Set(paths).size, refetched: refetched.length };
      assert.ok(Math.abs(wire - brotli) <= 0.02 * brotli, `${name}: ${wire} bytes on the wire, brotli -11 makes ${brotli}`);
      assert.deepEqual(refetched, [], 'hashed files fetched again on a returning visit');
    });
  });
}

describe('nginx, sub-path build', () => {
  let server;
  let folder;
  before(async () => {
    built(SUBPATH);
    folder = underPrefix(SUBPATH, '/tietosuoja');
    server = await startNginx(folder.root);
  });
  after(async () => {
    await server?.stop();
    folder?.remove();
  });

  test('the pages and the app under /tietosuoja/, with the headers and the cache', async () => {
    const env = { browser, url: server.url + '/tietosuoja', origin: server.url };
    const { page, context, watch } = await openPage(env, '/');
    await page.locator('#consent-banner').waitFor({ state: 'visible' });
    await appReady(page);
    await assertClean(assert, env, watch);
    await context.close();
    const wasm = readFileSync(join(SUBPATH, 'index.html'), 'utf8').match(/data-wasm="\/tietosuoja\/([^"]+)"/)[1];
    const answer = await get(`${server.url}/tietosuoja/${wasm}`, BR_GZIP);
    assert.equal(answer.headers['content-encoding'], 'br');
    assert.equal(answer.headers['cache-control'], IMMUTABLE);
    assertSecurity(answer, 'sub-path wasm');
    assert.equal((await get(`${server.url}/tietosuoja/_headers`)).status, 404);
  });
});

test('Apache without mod_headers answers 500 rather than serve the site without its headers', async () => {
  const server = await startApache(DIST, { withoutHeaders: true });
  try {
    const answer = await get(server.url + '/');
    assert.equal(answer.status, 500);
    assert.match(server.log(), /Invalid command 'Header'/);
  } finally {
    await server.stop();
  }
});

test('Caddy listens on 127.0.0.1 only, as the README says', async () => {
  const server = await SERVERS.caddy(DIST);
  try {
    const hex = server.port.toString(16).toUpperCase().padStart(4, '0');
    const listeners = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A')
      .map((cols) => cols[1]);
    assert.deepEqual(listeners, [`0100007F:${hex}`]);
  } finally {
    await server.stop();
  }
});

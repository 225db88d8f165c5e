// What one drawn signature stroke costs the form: a 200-point stroke with the mouse on the
// signature pad, in headless Chromium against a built site. Prints the median of --runs fresh
// pages of: pointermove events the pad received, validation runs and stroke-path renders (the
// form module's `probe()` export), writes to text fields' values (fields re-rendered), DOM
// mutations outside the pad, and the main thread's script,
// style and layout time (CDP Performance.getMetrics) during the stroke.
//
//   node scripts/measure-stroke.mjs [--dist dist] [--runs 5] [--throttle 4]
import { setUp, openPage, appReady, rejectCookies } from '../tests/browser/harness.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const dist = arg('dist', 'dist');
const runs = Number(arg('runs', 5));
const throttle = Number(arg('throttle', 4));
const POINTS = 200;

const env = await setUp({ dist });
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const { page, context } = await openPage(env, '/');
    // Counts every write to a text field's value: a field the form re-renders.
    await page.evaluate(() => {
      window.__valueSets = 0;
      for (const proto of [HTMLInputElement.prototype, HTMLTextAreaElement.prototype]) {
        const value = Object.getOwnPropertyDescriptor(proto, 'value');
        Object.defineProperty(proto, 'value', {
          get() { return value.get.call(this); },
          set(v) { window.__valueSets++; value.set.call(this, v); },
          configurable: true,
        });
      }
    });
    await appReady(page);
    await rejectCookies(page);
    await page.getByRole('banner').getByRole('link', { name: 'Tee pyyntö' }).click();
    await page.getByRole('heading', { name: 'Tee tietosuojapyyntö' }).waitFor();
    // Something in every field validation looks at, so that a validation run costs what it does.
    await page.locator('#req-name').fill('Åsa Łukasiewicz-Žemaitė');
    await page.locator('#req-email').fill('asa@example.fi');
    await page.locator('#req-postal').fill('Esimerkkitie 1, 20100 Turku '.repeat(10));
    const draw = page.getByRole('radio', { name: /Piirrä allekirjoitus|Draw your signature/ });
    if (!(await draw.isChecked())) await draw.check();
    const pad = page.getByRole('img', { name: /Allekirjoitusalue/ });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.evaluate(() => {
      const pad = document.getElementById('req-signature-pad');
      window.__stroke = { moves: 0, outside: 0, inside: 0 };
      pad.addEventListener('pointermove', () => window.__stroke.moves++);
      new MutationObserver((list) => {
        for (const m of list) {
          if (pad.contains(m.target)) window.__stroke.inside++;
          else window.__stroke.outside++;
        }
      }).observe(document.querySelector('.request-form'), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const probe = () => page.evaluate(async () => {
      const root = document.getElementById('request-root');
      const form = await import(new URL(root.dataset.formModule, document.baseURI).href);
      return Array.from(form.probe());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const [before, m0, sets0] = [await probe(), await metrics(), await page.evaluate(() => window.__valueSets)];
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= POINTS; i++) {
      const t = i / POINTS;
      await page.mouse.move(box.x + box.width * (0.05 + 0.9 * t), box.y + box.height * (0.5 - 0.3 * Math.sin(t * 12)));
    }
    await page.mouse.up();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const [after, m1] = [await probe(), await metrics()];
    const seen = await page.evaluate(() => window.__stroke);
    const sets = (await page.evaluate(() => window.__valueSets)) - sets0;
    const ms = (name) => (m1[name] - m0[name]) * 1000;
    results.push({
      moves: seen.moves,
      validations: after[0] - before[0],
      pathRenders: after[1] - before[1],
      fieldValueWrites: sets,
      mutationsOutsidePad: seen.outside,
      mutationsInPad: seen.inside,
      scriptMs: ms('ScriptDuration'),
      styleMs: ms('RecalcStyleDuration'),
      layoutMs: ms('LayoutDuration'),
    });
    await context.close();
  }
} finally {
  await env.tearDown();
}
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const keys = Object.keys(results[0]);
console.log(`${dist}: ${POINTS}-point stroke, CPU throttling ${throttle}x, median of ${runs} pages`);
for (const key of keys) {
  const values = results.map((r) => r[key]);
  console.log(`  ${key.padEnd(20)} ${median(values).toFixed(key.endsWith('Ms') ? 1 : 0).padStart(9)}   (${values.map((v) => Math.round(v)).join(' ')})`);
}

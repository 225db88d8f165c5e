import { setUp } from './harness.mjs';
const env = await setUp();
for (let i = 0; i < 4; i++) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__m = {};
    document.addEventListener('DOMContentLoaded', () => (__m.dcl = performance.now()));
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (__m[e.name] = e.startTime))).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (__m.longtasks = (__m.longtasks || []).concat([[Math.round(e.startTime), Math.round(e.duration)]])))).observe({ type: 'longtask', buffered: true });
    const poll = () => { const b = document.getElementById('consent-banner'); if (b && !b.hidden) __m.banner = performance.now(); else requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(env.url + '/');
  await page.waitForTimeout(1500);
  const r = await page.evaluate(() => ({ ...__m, ...window.__t }));
  for (const k in r) if (typeof r[k] === 'number') r[k] = Math.round(r[k]);
  console.log(JSON.stringify(r));
  await context.close();
}
await env.tearDown();

import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ acceptDownloads: true, viewport: {width:1280,height:900} });
const p = await ctx.newPage();
p.on('console', m => { if(!m.text().includes('Permissions')) console.log('CONSOLE', m.type(), m.text())});
p.on('requestfailed', r=>console.log('FAIL', r.url())); p.on('requestfinished', async r => { const s=(await r.response())?.status(); if(s>=400) console.log('HTTP', s, r.url()); });
p.on('response', r => { if (r.status()>=400) console.log('HTTP', r.status(), r.url()); });
p.on('pageerror', e => console.log('PAGEERR', e.message));
await p.goto('http://127.0.0.1:8097/desk/');
await p.waitForTimeout(2000);
await p.screenshot({ path: '/tmp/ftu/u-desk-01.png', fullPage: true });

await b.close();

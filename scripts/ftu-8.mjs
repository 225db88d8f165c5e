import { chromium } from 'playwright-core';
import fs from 'fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ acceptDownloads: true, viewport: {width:1280,height:900}, locale:'fi-FI', timezoneId:'Europe/Helsinki' });
const p = await ctx.newPage();
p.on('pageerror', e => console.log('PAGEERR', e.message));
p.on('dialog', d => { console.log('DIALOG', d.type(), d.message()); d.accept(); });
await p.goto('http://127.0.0.1:8097/desk/');
await p.waitForTimeout(1500);
await p.setInputFiles('#desk-file', '/tmp/ftu/tietosuojapyynto-SAF-2NDW-E5RZ.pdf');
await p.waitForTimeout(2000);
let [d] = await Promise.all([p.waitForEvent('download'), p.click('text=Lataa määräajat kalenteriin (.ics)')]);
console.log('ics', d.suggestedFilename()); await d.saveAs('/tmp/ftu/u-desk-'+d.suggestedFilename());
await p.click('.desk-result >> button:has-text("Lisää rekisteriin")');
await p.waitForTimeout(800);
console.log('done msg:', await p.locator('.desk-result .desk-done').first().innerText(), '| err:', await p.locator('.desk-result .desk-error[role=alert]').first().innerText());
// add again (duplicate)
await p.click('.desk-result >> button:has-text("Lisää rekisteriin")');
await p.waitForTimeout(800);
console.log('dup msg:', await p.locator('.desk-result .desk-done').first().innerText(), '| err:', await p.locator('.desk-result .desk-error[role=alert]').first().innerText());
// open English PDFs and add
for (const f of ['privacy-request-SAF-3HH8-RP96.pdf','privacy-request-SAF-E2VR-VGZK.pdf']) {
  await p.setInputFiles('#desk-file', '/tmp/ftu/'+f);
  await p.waitForTimeout(2000);
  if (f.includes('3HH8')) { await p.locator('section[aria-labelledby=desk-open]').screenshot({path:'/tmp/ftu/u-desk-03-open-cjk.png'}); console.log(await p.locator('.desk-result dl.desk-facts').first().innerText()); console.log(await p.locator('.desk-result .desk-alert').innerText()); }
  // set received to earlier date for the cyr
  if (f.includes('E2VR')) { await p.fill('#desk-received', '2026-11-02'); await p.waitForTimeout(300); }
  await p.click('.desk-result >> button:has-text("Lisää rekisteriin")');
  await p.waitForTimeout(800);
  console.log(f, 'msg:', await p.locator('.desk-result .desk-done').first().innerText());
}
const reg = p.locator('section[aria-labelledby=desk-register]');
await reg.scrollIntoViewIfNeeded();
await reg.screenshot({ path: '/tmp/ftu/u-desk-04-register.png' });
console.log('REGISTER TEXT:\n', await reg.innerText());
console.log((await reg.evaluate(e=>e.outerHTML)).slice(0,7000));
await ctx.storageState({ path: '/tmp/ftu/u-state.json' });
await b.close();

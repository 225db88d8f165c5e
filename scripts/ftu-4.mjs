import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ acceptDownloads: true, viewport: {width:1280,height:900} });
const p = await ctx.newPage();
p.on('pageerror', e => console.log('PAGEERR', e.message));
const run = async (name, postal, email, tag, extra) => {
await p.goto('http://127.0.0.1:8097/en/');
const banner = p.locator('#consent-banner button[data-action=reject-all]');
if (await banner.isVisible()) await banner.click();
await p.click('header a[data-request-right]');
await p.waitForTimeout(1000);
await p.fill('#req-name', name);
if (email) await p.fill('#req-email', email);
await p.fill('#req-postal', postal);
await p.fill('#req-phone', '+358 40 123 4567');
await p.fill('#req-customer-number', 'ASIAKAS-0000012345-ABCDEFGHIJKLMNOPQRSTUVWXYZ');
await p.check('#req-right-portability');
await p.check('#req-right-rectification'); await p.waitForTimeout(300); await p.getByLabel('What the data say now').first().fill('Wang X.'); await p.getByLabel('What they should say').first().fill('王小明 / Дмитрий — full legal name with diacritics Xiǎomíng'); await p.getByLabel('Why').first().fill('Name misspelt in your customer register since 2019.');
if (extra) await extra();
await p.waitForTimeout(300);
await p.locator('#request-form-title').locator('xpath=..').screenshot({ path: `/tmp/ftu/u-en-${tag}-filled.png` });
const dlp = p.waitForEvent('download', {timeout: 20000}).catch(e=>null); await p.click('#req-download'); await p.waitForTimeout(1500); const errs = await p.evaluate(()=>{const e=document.querySelector('#request-form-errors'); return e? e.closest('div,section').innerText:'';}); console.log('ERRS', errs); await p.screenshot({path:`/tmp/ftu/u-en-${tag}-afterclick.png`}); const dl = await dlp; if(!dl){console.log('NO DOWNLOAD'); return;}
console.log('file:', dl.suggestedFilename());
await dl.saveAs('/tmp/ftu/' + dl.suggestedFilename());
await p.waitForTimeout(800);
// ics
const ics = p.locator('text=.ics').first();
if (await ics.count()) {
  const [d2] = await Promise.all([p.waitForEvent('download', {timeout: 10000}), ics.click()]);
  console.log('ics:', d2.suggestedFilename()); await d2.saveAs('/tmp/ftu/u-' + d2.suggestedFilename());
}
await p.screenshot({ path: `/tmp/ftu/u-en-${tag}-done.png` });
console.log(await p.evaluate(()=>document.querySelector('#req-download').parentElement.innerText.slice(-1200)));
};
const longAddr = 'Asunto Oy Pitkänimisen Taloyhtiön Rantakallion Kerrostalo B, rappu C, asunto 123\nHyvin Pitkä Katuosoitteen Nimi Joka Ei Mahdu Riville -katu 1234 A 56\nPL 99999 c/o Kolmas Osapuoli Oy Limited, Kansainvälinen Toimitusosasto\n00100 HELSINKI\nFINLAND / SUOMI / FINLAND / ФИНЛЯНДИЯ';
//await run('王小明 Wáng Xiǎomíng', longAddr, 'wang.xiaoming.very.long.address.for.testing.purposes@subdomain.example-company-with-a-long-name.co.uk', 'cjk', async ()=>{ await p.check('#req-lang-en'); await p.fill('#req-message','Please correct my name: it should be 王小明, not Wang. Also Дмитрий and محمد appear in records.'); await p.check('#req-sign-typed'); });
await run('Дмитрий Иванов-Петров', 'ул. Ленина 1\n00100 Helsinki', '', 'cyr', async ()=>{ await p.check('#req-sign-drawn'); await p.waitForTimeout(300); const c = p.locator('#req-signature-pad'); const bb = await c.boundingBox(); if (bb){ await p.mouse.move(bb.x+20,bb.y+bb.height/2); await p.mouse.down(); for(let i=0;i<20;i++) await p.mouse.move(bb.x+20+i*10, bb.y+bb.height/2 + (i%2?15:-15)); await p.mouse.up(); } else console.log('no canvas'); });
await b.close();

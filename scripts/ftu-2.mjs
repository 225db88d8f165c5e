import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ acceptDownloads: true, viewport: {width:1280,height:900} });
const p = await ctx.newPage();
p.on('pageerror', e => console.log('PAGEERR', e.message));
await p.goto('http://127.0.0.1:8097/');
await p.click('#consent-banner button:has-text("Hylkää kaikki")');
await p.click('header >> text=Tee pyyntö');
await p.waitForTimeout(1500);
const d = await p.evaluate(() => {
  const out = [];
  const root = document.querySelector('#pyynto').parentElement;
  for (const el of root.querySelectorAll('input,textarea,select,button,legend,label,h2,h3')) {
    if (el.closest('#consent-root')) continue;
    out.push(`${el.tagName} id=${el.id} name=${el.name||''} type=${el.type||''} text=${(el.innerText||el.value||'').slice(0,100).replace(/\n/g,' ')}`);
  }
  return out.join('\n');
});
console.log(d);
await b.close();

import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
p.on('request', (r) => { if (/wasm|worker/.test(r.url())) console.log('req', r.url()); });
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
await p.goto('http://127.0.0.1:4307/');
await p.waitForFunction(() => document.querySelector('[data-testid=backend-badge]')?.getAttribute('data-backend'), null, { timeout: 60000 });
console.log(await p.evaluate(() => [crossOriginIsolated, navigator.hardwareConcurrency]), await p.getByTestId('backend-badge').textContent());
await b.close();

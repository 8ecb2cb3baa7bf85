import { chromium } from '@playwright/test';
const [url, out, w = '1280', h = '800', scheme = 'light'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const p = await b.newPage({ viewport: { width: +w, height: +h }, colorScheme: scheme });
for (const u of url.split(',')) { await p.goto(u); await p.waitForTimeout(1500); }
await p.screenshot({ path: out, fullPage: false });
await b.close();

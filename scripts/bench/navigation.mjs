// Time from navigation start to the first incident list shown, with N incidents in the
// desk. The app marks `incident-list-shown` (performance.mark) once rows are painted.
// Usage: node scripts/bench/navigation.mjs <baseURL> <incidents> <runs>  → prints JSON
import { chromium } from '@playwright/test';

const [base, incidents = '10000', runs = '7'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage();
await page.goto(`${base}/?demo=1&incidents=${incidents}`);
await page.getByRole('heading', { name: 'Service desk', exact: true }).waitFor({ timeout: 300_000 });
const times = [];
for (let i = 0; i < Number(runs); i++) {
  await page.goto(`${base}/desk/incidents`);
  await page.waitForFunction(() => performance.getEntriesByName('incident-list-shown').length > 0,
    null, { timeout: 60_000 });
  times.push(await page.evaluate(() => performance.getEntriesByName('incident-list-shown')[0].startTime));
}
const total = await page.evaluate(() => document.querySelector('.count')?.textContent ?? '');
await browser.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ incidents: Number(incidents), runs: times.length,
  median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], max_ms: times.at(-1), shown: total }));

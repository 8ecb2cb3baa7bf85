// The manager dashboard with N incidents: the time the page reports for computing the
// incident figures from the queue's in-memory facts (budget 200 ms at 100k), per range,
// and the longest main-thread task while switching ranges (the page must not freeze).
// Usage: node scripts/bench/dashboard.mjs <baseURL> <incidents> <runs>  → prints JSON
import { chromium } from '@playwright/test';

const [base, incidents = '100000', runs = '5'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage();
await page.goto(`${base}/?demo=1&incidents=${incidents}`);
await page.getByRole('heading', { name: 'Service desk', exact: true }).waitFor({ timeout: 600_000 });
// The first visit builds the queue's rows in chunks; its time is the queue's figure.
await page.goto(`${base}/desk/dashboard?days=90`);
await page.locator('[data-compute-ms]').waitFor({ timeout: 600_000 });
const held = await page.locator('.compute-note').textContent();
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
});
const times = {};
for (const days of [7, 30, 90]) {
  times[days] = [];
  for (let i = 0; i < Number(runs); i++) {
    // Switch away and back so each run recomputes (the figures follow the URL).
    const other = days === 7 ? 30 : 7;
    await page.getByRole('link', { name: `Last ${other} days` }).click();
    await page.waitForURL(new RegExp(`days=${other}$`));
    await page.locator('[data-compute-ms]').waitFor();
    await page.getByRole('link', { name: `Last ${days} days` }).click();
    await page.waitForURL(new RegExp(`days=${days}$`));
    await page.waitForFunction((d) => document.querySelector('.range-note')?.textContent.includes(`${d} days`), days);
    times[days].push(Number(await page.locator('[data-compute-ms]').getAttribute('data-compute-ms')));
  }
}
const longest = await page.evaluate(() => window.__longest);
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ incidents: Number(incidents), held,
  compute_median_ms: { 7: median(times[7]), 30: median(times[30]), 90: median(times[90]) },
  compute_max_ms: Math.max(...Object.values(times).flat()),
  longest_task_ms: Math.round(longest) }));

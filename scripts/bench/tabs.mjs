// Time for a write in one tab to show in another: tab B creates an incident through the
// form while tab A shows the incident queue; measured from the moment B's write is
// announced to the other tabs (a listener on the app's channel in B) to the new row in
// A's DOM. Both times come from the same clock (Date.now() in one browser).
// Usage: node scripts/bench/tabs.mjs <baseURL> <runs>  → prints JSON
import { chromium } from '@playwright/test';

const [base, runs = '9'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext();
const a = await context.newPage();
await a.goto(`${base}/desk/incidents?demo`);
await a.locator('html[data-db="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
await a.locator('table.queue tbody tr').first().waitFor({ timeout: 60_000 });
const b = await context.newPage();
const latencies = [];
for (let i = 0; i < Number(runs); i++) {
  const title = `Cross-tab latency probe ${i} ${Date.now()}`;
  await b.goto(`${base}/desk/incidents/new`);
  await b.locator('html[data-db="ready"]').waitFor({ state: 'attached' });
  await b.getByLabel('Title').fill(title);
  await b.getByLabel('Reported by').fill('Bench');
  await b.evaluate(() => {
    window.announced = new Promise((resolve) => {
      const bus = new BroadcastChannel('service-desk-changes');
      bus.onmessage = () => resolve(Date.now());
    });
  });
  const shown = a.evaluate((t) => new Promise((resolve) => {
    const seen = () => [...document.querySelectorAll('table.queue tbody tr')].some((r) => r.textContent.includes(t));
    const watch = new MutationObserver(() => {
      if (seen()) { watch.disconnect(); resolve(Date.now()); }
    });
    watch.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
  }), title);
  await b.getByRole('button', { name: 'Create incident' }).click();
  const [t0, t1] = [await b.evaluate(() => window.announced), await shown];
  latencies.push(t1 - t0);
}
await browser.close();
latencies.sort((x, y) => x - y);
console.log(JSON.stringify({ runs: latencies.length, median_ms: latencies[Math.floor(latencies.length / 2)],
  min_ms: latencies[0], max_ms: latencies.at(-1) }));

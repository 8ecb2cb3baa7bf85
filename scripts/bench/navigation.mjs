// Time from navigation start to the first incident list shown, with N incidents in the
// desk (the app marks `incident-list-shown` once rows are painted), then the time to
// turn to the next page of the queue and paint it.
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
// Turning pages: from the click on "Next page" to the new rows in the DOM (the app's
// work) and to the next frame painted after that (which adds the wait for a frame).
const turns = [];
for (let i = 0; i < 10; i++) {
  turns.push(await page.evaluate(() => new Promise((resolve) => {
    const body = document.querySelector('table.queue tbody');
    const first = body?.querySelector('td.ref')?.textContent;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Next page');
    const t0 = performance.now();
    const done = (dom) => requestAnimationFrame(() => resolve({ dom, paint: performance.now() - t0 }));
    const watch = new MutationObserver(() => {
      const now = document.querySelector('table.queue tbody td.ref')?.textContent;
      if (now && now !== first) { watch.disconnect(); done(performance.now() - t0); }
    });
    watch.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
    button.click();
  })));
}
const paints = turns.map((t) => t.paint).sort((a, b) => a - b);
const doms = turns.map((t) => t.dom).sort((a, b) => a - b);
await browser.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ incidents: Number(incidents), runs: times.length,
  median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], max_ms: times.at(-1), shown: total,
  page_turn_median_ms: paints[Math.floor(paints.length / 2)], page_turn_max_ms: paints.at(-1),
  page_turn_dom_median_ms: doms[Math.floor(doms.length / 2)] }));

// JSON backup and restore at scale: a backup of the demo desk grown to N incidents is
// restored into an empty desk through the data page, then the whole desk is backed up
// again. Reports the time of each, the file sizes and how long the page stopped
// painting (longest gap between animation frames, longest main-thread task).
// Usage: node scripts/bench/backup.mjs <baseURL> <incidents>  → prints JSON
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const [base, incidents = '100000'] = process.argv.slice(2);
const N = Number(incidents);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-backup-'));

/** A backup of the demo desk plus N copies of one of its incidents (new ids). */
function scaled(text) {
  const l = text.trimEnd().split('\n');
  const header = JSON.parse(l[0].replace(/,$/, '}'));
  const docs = l.slice(2, -1).map((x) => x.replace(/,$/, ''));
  const sample = JSON.parse(docs.find((d) => d.startsWith('{"id":"incident:')));
  const out = [...docs];
  for (let i = 0; i < N; i++) {
    const id = `incident:${crypto.randomUUID()}`;
    const body = { ...sample.leaves[0].body, _id: id, reference: `INC-SCALE-${i}`, title: `Scaled incident ${i}` };
    const hash = crypto.createHash('md5').update(id).digest('hex');
    out.push(JSON.stringify({ id, leaves: [{ start: 1, ids: [hash], deleted: false, body }] }));
  }
  header.document_count = out.length;
  return { count: out.length, text: `${JSON.stringify(header).replace(/}$/, ',')}\n"documents":[\n${out.join(',\n')}\n]}\n` };
}

async function ready(page) {
  await page.locator('html[data-db="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
  await page.getByText('Loading demo data…').waitFor({ state: 'detached', timeout: 120_000 });
}

/** Starts recording frame gaps and long tasks in `page`. */
async function watch(page) {
  await page.evaluate(() => {
    const w = { last: performance.now(), gap: 0, task: 0 };
    const tick = (t) => {
      w.gap = Math.max(w.gap, t - w.last);
      w.last = t;
      w.raf = requestAnimationFrame(tick);
    };
    w.raf = requestAnimationFrame(tick);
    w.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.task = Math.max(w.task, e.duration);
    });
    w.observer.observe({ type: 'longtask' });
    window.__watch = w;
  });
}

/** Stops recording; returns { gap_ms, task_ms }. */
async function stop(page) {
  return page.evaluate(() => {
    const w = window.__watch;
    cancelAnimationFrame(w.raf);
    w.observer.disconnect();
    return { gap_ms: Math.round(w.gap), task_ms: Math.round(w.task) };
  });
}

/** Clicks "Download backup" on the data page; returns the saved file and the time. */
async function backup(page, name) {
  await page.goto(`${base}/desk/data`);
  await ready(page);
  await watch(page);
  const t0 = Date.now();
  const downloading = page.waitForEvent('download', { timeout: 900_000 });
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  await page.getByRole('status').filter({ hasText: 'documents saved' }).waitFor({ timeout: 900_000 });
  const ms = Date.now() - t0;
  const frames = await stop(page);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { file, ms, ...frames };
}

try {
  const demo = await browser.newPage();
  await demo.goto(`${base}/desk/incidents?demo`);
  await ready(demo);
  const small = await backup(demo, 'demo.json');
  const big = scaled(fs.readFileSync(small.file, 'utf8'));
  const file = path.join(dir, 'scaled.json');
  fs.writeFileSync(file, big.text);
  const restoreBytes = fs.statSync(file).size;
  big.text = null;

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/desk/data`);
  await ready(page);
  await page.getByLabel('Backup file').setInputFiles(file);
  await page.getByRole('radio', { name: 'Restore into an empty desk' }).check();
  await watch(page);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Restore' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Restore finished' })
    .or(page.getByRole('alert'));
  await done.waitFor({ timeout: 1_800_000 });
  const restoreMs = Date.now() - t0;
  const restored = await stop(page);
  const said = await done.textContent();
  if (!said.includes(`${big.count} added`)) throw new Error(`restore did not add every document: ${said}`);

  const again = await backup(page, 'again.json');
  const backupBytes = fs.statSync(again.file).size;
  console.log(JSON.stringify({
    incidents: N, documents: big.count,
    restore_ms: restoreMs, restore_file_mb: +(restoreBytes / 1048576).toFixed(1),
    restore_frame_gap_ms: restored.gap_ms, restore_longest_task_ms: restored.task_ms,
    backup_ms: again.ms, backup_file_mb: +(backupBytes / 1048576).toFixed(1),
    backup_frame_gap_ms: again.gap_ms, backup_longest_task_ms: again.task_ms,
  }));
} finally {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

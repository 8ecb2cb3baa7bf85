// The sync benchmark's yardstick: PouchDB in the same browser against the same server.
// Times `PouchDB.replicate(remote, local)` of the database the sync benchmark seeded
// (tests/bench_sync.rs leaves its 10k incidents on the server) into a fresh IndexedDB
// database, in Debian's Chromium, with PouchDB's browser edition (`pouchdb-browser`,
// its default IndexedDB adapter) loaded from node_modules by a small local server.
// Runs with PouchDB's default batch size, then with the app's batch size (500).
// Usage: node scripts/bench/pouchdb-sync.mjs <remote database URL> [runs]  → prints JSON
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { chromium } from '@playwright/test';

const [dbUrl, runsArg = '3'] = process.argv.slice(2);
if (!dbUrl) {
  console.error('usage: node scripts/bench/pouchdb-sync.mjs <remote database URL> [runs]');
  process.exit(2);
}
const runs = Number(runsArg);
const modules = resolve('node_modules');
const version = JSON.parse(await readFile(`${modules}/pouchdb-browser/package.json`, 'utf8')).version;

// The benchmark compares the same documents: refuse to time an empty or missing database.
const info = await fetch(dbUrl).then((r) => r.json()).catch((e) => ({ error: String(e) }));
if (typeof info.doc_count !== 'number' || info.doc_count === 0) {
  console.error(`no seeded database at ${dbUrl} (${JSON.stringify(info)}); run the sync benchmark first`);
  process.exit(1);
}
const expected = info.doc_count;

// pouchdb-browser ships ES modules that import four packages by name: an import map
// resolves them; the three CommonJS ones are wrapped as ES modules on the way out
// (`events` stands in for Node's built-in, as in PouchDB's own browser bundle).
const cjs = { 'spark-md5': 'spark-md5/spark-md5.js', vuvuzela: 'vuvuzela/index.js', events: 'events/events.js' };
const imports = Object.fromEntries(Object.entries(cjs).map(([name, file]) => [name, `/cjs/${file}`]));
imports.uuid = '/m/pouchdb-browser/node_modules/uuid/dist/esm-browser/index.js';
const html = `<!doctype html><meta charset="utf-8"><title>PouchDB sync benchmark</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
import PouchDB from '/m/pouchdb-browser/lib/index.es.js';
window.PouchDB = PouchDB;
</script>`;

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const wrap = path.startsWith('/cjs/');
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    return;
  }
  const file = resolve(modules, path.replace(/^\/(m|cjs)\//, ''));
  if (!(path.startsWith('/m/') || wrap) || !file.startsWith(modules + sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    let text = await readFile(file, 'utf8');
    if (wrap) {
      text = `const module = { exports: {} };\n(function (module, exports) {\n${text}\n})(module, module.exports);\nexport default module.exports;\n`;
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(text);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const tab = await browser.newPage();
await tab.goto(base);
await tab.waitForFunction(() => typeof window.PouchDB === 'function', null, { timeout: 30_000 });

/** One pull into a fresh local database (opened before the clock starts). */
const pull = (batchSize) => tab.evaluate(async ({ url, batchSize }) => {
  const local = new window.PouchDB(`bench-${crypto.randomUUID()}`);
  await local.info();
  const t0 = performance.now();
  const result = await window.PouchDB.replicate(url, local, batchSize ? { batch_size: batchSize } : {});
  const ms = performance.now() - t0;
  const { doc_count: docCount } = await local.info();
  await local.destroy();
  return { ms, written: result.docs_written, docCount };
}, { url: dbUrl, batchSize });

/** PouchDB's own IndexedDB writes alone: the same documents (read from the server
 * first, outside the clock) stored with `new_edits: false` in batches of 500. */
const storeOnly = () => tab.evaluate(async (url) => {
  const remote = new window.PouchDB(url);
  const { rows } = await remote.allDocs({ include_docs: true });
  const docs = rows.map((r) => r.doc);
  const local = new window.PouchDB(`bench-${crypto.randomUUID()}`);
  await local.info();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 500) {
    await local.bulkDocs(docs.slice(i, i + 500), { new_edits: false });
  }
  const ms = performance.now() - t0;
  const { doc_count: docCount } = await local.info();
  await local.destroy();
  return { ms, docCount };
}, dbUrl);

const summary = async (batchSize) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await pull(batchSize);
    if (r.docCount !== expected || r.written !== expected) {
      throw new Error(`PouchDB stored ${r.docCount} documents (wrote ${r.written}), expected ${expected}`);
    }
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { median_ms: median, runs_ms: times.map(Math.round), docs_per_s: Math.round(expected / (median / 1000)) };
};

try {
  const defaults = await summary(undefined);
  const batch500 = await summary(500);
  const store = await storeOnly();
  if (store.docCount !== expected) throw new Error(`PouchDB stored ${store.docCount} documents, expected ${expected}`);
  console.log(JSON.stringify({ pouchdb: version, docs: expected, runs, ...defaults, batch_500: batch500,
    store_only_batch_500_ms: store.ms }));
} finally {
  await browser.close();
  server.close();
}

// Hostile backup files: each is uploaded through the data page and merged into the
// demo desk; each must be refused with a message saying why, and the whole IndexedDB
// database must be unchanged. The nesting limit at its boundary: a record body 64 levels
// deep is restored, 65 is refused and changes nothing. Also a full quota (in a fresh
// context, watched like every other): refused up front when the file clearly
// does not fit; a batch the browser refuses writes nothing of itself, the message says
// which batches were written, and merging the same file again completes the restore.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, appReady } from './support/fixtures.mjs';
import { dumpDb, expectDbUnchanged } from './support/idb-dump.mjs';
import { downloadBackup, removeScratchDirs, restoreFile, scratchDir } from './support/backup-helpers.mjs';

test.afterAll(removeScratchDirs);

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'hostile', 'backup');

// Committed files: [file, what the message must say].
const fixed = [
  ['malformed.json', 'not valid JSON'],
  ['empty.json', 'The file is empty'],
  ['binary-junk.bin', 'not UTF-8 text'],
  ['wrong-format.json', 'its format is "other-app-export"'],
  ['future-version.json', 'format version 99, and this app reads versions up to 1'],
  ['future-schema.json', 'database schema 99; this app has schema 4'],
  ['json-array.json', 'holds a JSON array'],
  ['incidents.csv', 'The file is not JSON'],
  ['sync-settings-in-meta.json', '"sync-settings" is not something a backup may restore'],
];

/** Lines of a real backup: [header, '"documents":[', doc…, ']}']. */
function lines(text) {
  return text.trimEnd().split('\n');
}

// Files made at test time from a real backup of the demo desk: [name, make(text), why].
const derived = [
  ['truncated.json', (t) => t.slice(0, Math.floor(t.length * 0.6)), 'ends early'],
  ['id-is-a-number.json', (t) => t.replace(/"id":"incident:[^"]*"/, '"id":5'), 'expected a string'],
  ['revisions-are-a-string.json', (t) => t.replace(/"ids":\[[^\]]*\]/, '"ids":"1-abc"'), 'invalid type: string'],
  ['title-is-a-number.json', (t) => t.replace(/"title":"[^"]*"/, '"title":42'), 'the record does not read'],
  ['bad-revision-path.json', (t) => t.replace(/"start":\d+/, '"start":0'), 'cannot start at revision 0'],
  ['unknown-kind.json', (t) => t.replace(/\{"id":"incident:/, '{"id":"payload:'), 'unknown kind of record "payload"'],
  ['duplicate-id.json', (t) => {
    const l = lines(t);
    l[3] = l[2];
    return l.join('\n') + '\n';
  }, 'appears twice (first as document 1)'],
  ['broken-last-document.json', (t) => {
    const l = lines(t);
    l[l.length - 2] = l[l.length - 2].replace('"leaves":[', '"leaves":[{"start":"x"},');
    return l.join('\n') + '\n';
  }, 'invalid type'],
  ['count-mismatch.json', (t) => {
    const l = lines(t);
    l.splice(3, 1);
    return l.join('\n') + '\n';
  }, 'documents but has'],
  ['huge-title.json', (t) => t.replace(/"title":"/, `"title":"${'x'.repeat(60 * 1024 * 1024)}`), 'a document may be at most 1.0 MB'],
  ['deep-nesting.json', (t) => t.replace(/"title":"[^"]*"/, `"title":${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'nested deeper than 64 levels'],
  ['millions-of-lines.json', (t) => {
    const l = lines(t);
    return [l[0], l[1], '{},\n'.repeat(1_100_000) + '{}', ']}'].join('\n');
  }, 'lines; a backup holds at most 1000000 documents'],
  ['utf16-with-bom.json', null, 'UTF-16'],
  ['pretty-printed-broken.json', (t) => {
    const b = JSON.parse(t);
    return JSON.stringify({ ...b, document_count: b.document_count + 1, documents: [...b.documents, { id: 'incident:x' }] }, null, 2);
  }, 'missing field `leaves`'],
];

test('hostile backup files are refused with the reason and change nothing', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const dir = scratchDir();
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const { text } = await downloadBackup(page, dir);
  expect(fixed.length + derived.length).toBeGreaterThanOrEqual(18);
  const before = await dumpDb(page);
  const cases = [
    ...fixed.map(([name, why]) => [name, path.join(fixturesDir, name), why]),
    ...derived.map(([name, make, why]) => {
      const file = path.join(dir, name);
      if (make) {
        const made = make(text);
        expect(made, `${name} differs from the backup`).not.toBe(text);
        fs.writeFileSync(file, made);
      } else {
        fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      }
      return [name, file, why];
    }),
  ];
  for (const [name, file, why] of cases) {
    await restoreFile(page, file, 'Merge into this desk');
    const alert = page.getByRole('alert');
    await expect(alert, name).toContainText('Nothing was restored', { timeout: 60_000 });
    await expect(alert, name).toContainText(why);
    await expectDbUnchanged(page, before);
  }
});

/** Deepest nesting of JSON `text`, counted as the app counts it (strings skipped). */
function jsonDepth(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  let escaped = false;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      max = Math.max(max, ++depth);
    } else if (c === ']' || c === '}') {
      depth -= 1;
    }
  }
  return max;
}

const NESTED_REFERENCE = 'INC-DEPTH-0001';
const NESTED_TITLE = 'Incident with a deeply nested extra field';

/** The backup plus one new incident whose body is `depth` levels deep (the body object
 * itself is level 1), through an extra field the app ignores. Apart from that depth the
 * files made for different depths are the same. Returns the file's text, the new
 * document's number and the line it is on. */
function withNestedIncident(text, depth) {
  const l = lines(text);
  const header = JSON.parse(l[0].replace(/,$/, '}'));
  const docs = l.slice(2, -1).map((x) => x.replace(/,$/, ''));
  const sample = JSON.parse(docs.find((d) => d.startsWith('{"id":"incident:')));
  const id = 'incident:0f0e0d0c-0b0a-4908-8706-050403020100';
  const body = JSON.stringify({ ...sample.leaves[0].body, _id: id, reference: NESTED_REFERENCE, title: NESTED_TITLE })
    .replace(/^\{/, `{"nesting":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},`);
  expect(jsonDepth(body), 'the made body is nested as deep as asked').toBe(depth);
  const hash = crypto.createHash('md5').update(id).digest('hex');
  docs.push(JSON.stringify({ id, leaves: [{ start: 1, ids: [hash], deleted: false, body: 0 }] })
    .replace('"body":0', `"body":${body}`));
  header.document_count = docs.length;
  return {
    document: docs.length,
    line: docs.length + 2,
    text: `${JSON.stringify(header).replace(/}$/, ',')}\n"documents":[\n${docs.join(',\n')}\n]}\n`,
  };
}

// The nesting limit (a record body at most 64 levels deep) at its boundary; the file
// nested 100 000 levels deep above shows the same refusal for a hostile file.
test('a body nested 64 levels deep is restored; 65 levels is refused and changes nothing', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = scratchDir();
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const { text } = await downloadBackup(page, dir);
  const existing = JSON.parse(text).document_count;
  const atLimit = withNestedIncident(text, 64);
  const overLimit = withNestedIncident(text, 65);
  expect(overLimit.text.length - atLimit.text.length, 'the files differ by one level only').toBe(2);
  const atLimitFile = path.join(dir, 'nested-64.json');
  const overLimitFile = path.join(dir, 'nested-65.json');
  fs.writeFileSync(atLimitFile, atLimit.text);
  fs.writeFileSync(overLimitFile, overLimit.text);
  const before = await dumpDb(page);

  await restoreFile(page, overLimitFile, 'Merge into this desk');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was restored', { timeout: 60_000 });
  await expect(alert).toContainText(
    `Document ${overLimit.document} (line ${overLimit.line}): the document is nested deeper than 64 levels`,
  );
  await expectDbUnchanged(page, before, 'after a body nested 65 levels deep');

  await restoreFile(page, atLimitFile, 'Merge into this desk');
  await expect(page.getByRole('status').filter({ hasText: 'Restore finished' }))
    .toContainText(`1 added, 0 updated, ${existing} unchanged`, { timeout: 60_000 });
  await page.goto(`/desk/incidents/${NESTED_REFERENCE}`);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NESTED_TITLE);
});

/** The ids in the app's document store. */
async function storedIds(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('service-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const req = db.transaction('docs', 'readonly').objectStore('docs').getAllKeys();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  });
}

// Documents a restore writes per transaction (state::backup::WRITE_BATCH).
const BATCH = 250;
// Padding per generated incident (random, so the browser cannot compress it away): a
// batch then weighs ~10 MB, far more than what IndexedDB's own bookkeeping varies by,
// so a quota of one and a half batches lets exactly the first batch in.
const PAD = 40 * 1024;

/** Three batches of documents: the backup's own, then incidents with long descriptions
 * (new ids) up to 3 × BATCH. Returns the file's text and every id in it. */
function threeBatches(text) {
  const l = lines(text);
  const header = JSON.parse(l[0].replace(/,$/, '}'));
  const docs = l.slice(2, -1).map((x) => x.replace(/,$/, ''));
  const sample = JSON.parse(docs.find((d) => d.startsWith('{"id":"incident:')));
  const ids = docs.map((d) => JSON.parse(d).id);
  for (let i = docs.length; i < 3 * BATCH; i++) {
    const id = `incident:${crypto.randomUUID()}`;
    const body = { ...sample.leaves[0].body, _id: id, reference: `INC-QUOTA-${i}`,
      title: `Quota incident ${i}`, description: crypto.randomBytes(PAD / 2).toString('hex') };
    docs.push(JSON.stringify({ id, leaves: [{ start: 1, ids: [crypto.createHash('md5').update(id).digest('hex')], deleted: false, body }] }));
    ids.push(id);
  }
  header.document_count = docs.length;
  return { ids, text: `${JSON.stringify(header).replace(/}$/, ',')}\n"documents":[\n${docs.join(',\n')}\n]}\n` };
}

test('a restore that does not fit the storage quota stops cleanly and completes later', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const dir = scratchDir();
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const { path: small, text } = await downloadBackup(page, dir);
  const big = threeBatches(text);
  const file = path.join(dir, 'three-batches.json');
  fs.writeFileSync(file, big.text);
  const batchBytes = Math.floor(big.text.length / 3);

  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto('/desk/data');
  await appReady(fresh);
  const cdp = await ctx.newCDPSession(fresh);
  const origin = new URL(baseURL).origin;
  const usage = await fresh.evaluate(async () => (await navigator.storage.estimate()).usage);
  const before = await dumpDb(fresh);

  // Clearly too small for an empty desk: refused before anything is written.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + Math.floor(text.length / 4) });
  await restoreFile(fresh, small, 'Restore into an empty desk');
  await expect(fresh.getByRole('alert')).toContainText('no storage space left', { timeout: 30_000 });
  await expectDbUnchanged(fresh, before);

  // Room for one batch and a half: the first batch is written, the second is refused
  // by the browser and leaves nothing behind, the third is not tried.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + Math.floor(batchBytes * 1.5) });
  await restoreFile(fresh, file, 'Merge into this desk');
  const stopped = fresh.getByRole('alert');
  await expect(stopped).toContainText('The restore stopped: there is no storage space left for this site', { timeout: 60_000 });
  await expect(stopped).toContainText(`Batch 1 of 3 was written (${BATCH} added`);
  await expect(stopped).toContainText('batch 2 and later were not');
  const written = await storedIds(fresh);
  expect(written.length).toBe(BATCH);
  expect(new Set(written)).toEqual(new Set(big.ids.slice(0, BATCH)));

  // With the quota lifted, merging the same file again completes it: nothing lost.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await restoreFile(fresh, file, 'Merge into this desk');
  await expect(fresh.getByRole('status').filter({ hasText: 'Restore finished' }))
    .toContainText(`${2 * BATCH} added, 0 updated, ${BATCH} unchanged`, { timeout: 60_000 });
  const all = await storedIds(fresh);
  expect(all.length).toBe(3 * BATCH);
  expect(new Set(all)).toEqual(new Set(big.ids));
  await ctx.close();
});

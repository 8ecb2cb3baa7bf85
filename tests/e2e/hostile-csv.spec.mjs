// Hostile CSV files through the import page: each one gets a clear message naming the
// reason, and the whole IndexedDB database is the same before and after. Files live in
// tests/e2e/support/hostile/csv/; the very large ones are generated here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, appReady } from './support/fixtures.mjs';
import { dumpDb, expectDbUnchanged } from './support/idb-dump.mjs';
import { chooseCsv } from './support/csv-helpers.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'hostile', 'csv');
const file = (name) => fs.readFileSync(path.join(dir, name));
const NONE = 'No row can be imported: every row has an error (listed below). Nothing was written.';

/** Each case: the file's bytes, and the texts the page must show. */
const cases = [
  ['binary junk', () => file('binary-junk.csv'), ['it is a binary file, not CSV text']],
  ['an empty file', () => file('empty.csv'), ['“empty.csv” cannot be imported. The file is empty.']],
  ['blank lines only', () => file('whitespace-only.csv'), ['The file is empty.']],
  ['a header row only', () => file('header-only.csv'), ['The file has only a header row: there are no incidents under it.']],
  ['mismatched column counts on every row', () => file('mismatched-columns.csv'),
    [NONE, 'Row 2: has 2 columns, the header has 3', 'Row 3: has 4 columns, the header has 3',
      'Row 4: has 1 column, the header has 3', 'Row 5: has 5 columns, the header has 3']],
  ['an unterminated quote', () => file('unterminated-quote.csv'),
    ['A quoted cell opened on line 2 is never closed']],
  ['a huge cell', () => Buffer.from(`Title,Impact\r\n"${'A'.repeat(3_000_000)}",High\r\n`),
    [NONE, 'Row 2: Title is 3000000 characters long; at most 20000']],
  ['millions of rows', () => Buffer.from('Title\n' + 'abc\n'.repeat(2_500_000)),
    ['The file has more than 100000 rows; the limit is 100000.']],
  ['a file over the size limit', () => Buffer.alloc(21 * 1024 * 1024, 'a,b\n'),
    ['The file is 21.0 MB; the limit is 20.0 MB.']],
  ['no title column', () => file('no-title-column.csv'), ['No column is mapped to Title.']],
  ['UTF-16 with a byte-order mark', () => file('utf16.csv'), ['The file is UTF-16 text. Save it as “CSV UTF-8”']],
  ['UTF-16 without a byte-order mark', () => file('utf16-no-bom.csv'), ['The file is UTF-16 text.']],
  ['Latin-1 text', () => file('latin1.csv'), ['The file is not UTF-8 text (line 2 has bytes that are not UTF-8)']],
  ['a JSON file given as CSV', () => file('json-as-csv.csv'), ['This is a JSON file, not CSV.']],
  ['NUL bytes', () => file('nul-bytes.csv'), ['The file contains NUL bytes']],
  ['too many columns', () => file('too-many-columns.csv'), ['The file has 600 columns; at most 500 are read.']],
  ['a first row that is data', () => file('header-is-data.csv'),
    ['The first row must name the columns, but its column 1 is 300 characters long.']],
  ['every row with a bad value', () => file('all-values-invalid.csv'),
    [NONE, 'Row 2: unknown Priority value “P9”', 'Row 3: unknown Status value “Sleeping”',
      'Row 4: bad date “12/01/2026”', 'Row 5: unknown Assignee value “Nobody Known”',
      'Row 6: title too short (1 character; at least 3)', 'Row 7: missing title']],
  ['injection payloads only', () => file('injection-only.csv'),
    [NONE, 'Row 2: unknown Impact value “=1+1”', 'Row 3: unknown Impact value “+cmd”',
      'Row 4: unknown Impact value “-cmd”', 'Row 5: unknown Impact value “=HYPERLINK("http://x")”']],
];

for (const [what, bytes, messages] of cases) {
  test(`hostile CSV: ${what}`, async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await page.goto('/desk/incidents/import?demo');
    await appReady(page);
    const before = await dumpDb(page);
    const name = what === 'an empty file' ? 'empty.csv' : 'hostile.csv';
    const started = Date.now();
    await chooseCsv(page, bytes(), name);
    for (const m of messages) await expect(page.getByText(m, { exact: false }).first()).toBeVisible({ timeout: 20_000 });
    const took = Date.now() - started;
    if (what === 'millions of rows') console.log(`millions of rows refused in ${took} ms`);
    const problem = page.getByRole('alert').filter({ hasText: /cannot be imported|No row can be imported|No column is mapped/ });
    await expect(problem.first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Import \d+ valid rows$/ })).toHaveCount(0);
    await expectDbUnchanged(page, before, what);
    expect(dialogs, 'no payload ran').toBe(0);
  });
}

test('hostile CSV: a partly valid file writes nothing until confirmed, and cancelling keeps it so', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await page.goto('/desk/incidents/import?demo');
  await appReady(page);
  const before = await dumpDb(page);
  await chooseCsv(page, file('partly-valid-injection.csv'), 'partly.csv');
  await expect(page.getByText('1 row can be imported; 2 rows have errors and will be skipped.')).toBeVisible();
  await expect(page.getByText('Row 3: unknown Impact value “bogus”')).toBeVisible();
  await expect(page.getByText('Row 4: missing title')).toBeVisible();
  await expectDbUnchanged(page, before, 'after the preview');
  await page.getByRole('button', { name: 'Import 1 valid row' }).click();
  await expectDbUnchanged(page, before, 'while asking for confirmation');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expectDbUnchanged(page, before, 'after cancelling');
  // Choosing another file also starts over without writing.
  await chooseCsv(page, file('header-only.csv'), 'header.csv');
  await expect(page.getByText('The file has only a header row')).toBeVisible();
  await expectDbUnchanged(page, before, 'after another file');
  // Confirmed, the payload is stored and shown as plain text, never run.
  await chooseCsv(page, file('partly-valid-injection.csv'), 'partly.csv');
  await page.getByRole('button', { name: 'Import 1 valid row' }).click();
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page.getByText('Imported 1 incident; 2 rows with errors were skipped.')).toBeVisible();
  await page.goto('/desk/incidents?q=printer');
  await expect(page.getByRole('cell', { name: "=cmd|' /C calc'!A0 printer", exact: true })).toBeVisible();
  expect(dialogs).toBe(0);
});

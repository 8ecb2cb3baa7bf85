// CSV export of filtered lists and CSV import of incidents, walked the way an agent does
// it: export the filtered queue (every page) and another list, import a file with bad
// rows through mapping, preview and confirmation, and close the page mid-import.
import fs from 'node:fs';
import { test, expect, appReady } from './support/fixtures.mjs';
import { dumpDb, expectDbUnchanged } from './support/idb-dump.mjs';
import { parseCsv, chooseCsv, incidentsOf } from './support/csv-helpers.mjs';

const PAYLOAD = "=cmd|' /C calc'!A0";

/** Clicks "Export CSV" and returns the downloaded file's name and rows. */
async function exportCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text, rows: parseCsv(text) };
}

/** Imports `text` from the import page, confirming, and waits for the end. */
async function importAll(page, text, valid) {
  await page.goto('/desk/incidents/import');
  await appReady(page);
  await chooseCsv(page, text);
  await page.getByRole('button', { name: `Import ${valid} valid rows` }).click();
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page.getByText(`Imported ${valid} incidents;`)).toBeVisible({ timeout: 30_000 });
}

test('the filtered incident queue exports every matching row, formulas neutralised', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await expect(page.locator('table.queue tbody tr').first()).toBeVisible();
  // 60 more open incidents, so the filtered queue spans two pages; one title is a formula.
  const lines = ['Title,Impact,Urgency'];
  for (let k = 1; k <= 60; k++) lines.push(`"${k === 7 ? PAYLOAD : `Bulk imported row ${k}`}",Low,Low`);
  await importAll(page, lines.join('\n') + '\n', 60);

  await page.goto('/desk/incidents?open=true');
  const count = page.getByRole('status').filter({ hasText: 'Showing' });
  await expect(count).toHaveText(/^Showing 1–50 of \d+ incidents$/);
  const total = Number((await count.textContent()).match(/of (\d+) incidents/)[1]);
  expect(total).toBe(16 + 60);
  const file = await exportCsv(page);
  expect(file.name).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(file.text.endsWith('\r\n')).toBe(true);
  const [header, ...body] = file.rows;
  expect(header.slice(0, 4)).toEqual(['Reference', 'Title', 'Priority', 'Status']);
  expect(body).toHaveLength(total);
  const title = header.indexOf('Title');
  const statuses = new Set(body.map((r) => r[header.indexOf('Status')]));
  for (const s of statuses) expect(['New', 'In progress', 'On hold']).toContain(s);
  expect(body.map((r) => r[title])).toContain(`'${PAYLOAD}`);
  expect(body.map((r) => r[title])).not.toContain(PAYLOAD);
  for (const r of body) expect(r[header.indexOf('Created')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  // The visible first page is in the file in the same order.
  const shown = await page.locator('table.queue tbody tr td.ref').allTextContents();
  expect(body.slice(0, shown.length).map((r) => r[0])).toEqual(shown.map((s) => s.trim()));

  // A narrower filter exports fewer rows.
  await page.goto('/desk/incidents?q=bulk%20imported');
  await expect(count).toHaveText('Showing 1–50 of 59 incidents');
  expect((await exportCsv(page)).rows.length - 1).toBe(59);
});

test('the problem list exports the problems its filter shows', async ({ page }) => {
  await page.goto('/desk/problems?demo');
  await appReady(page);
  // The list's count line (the export's toast is a status too, naming the file).
  const count = page.getByRole('status').filter({ hasText: /^\d+ of \d+ problems$/ });
  await expect(count).toHaveText(/^\d+ of \d+ problems$/);
  const [shown, all] = (await count.textContent()).match(/\d+/g).map(Number);
  expect(shown).toBeGreaterThan(0);
  const file = await exportCsv(page);
  expect(file.name).toMatch(/^problems-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(file.rows[0]).toContain('Found in release');
  expect(file.rows).toHaveLength(shown + 1);
  await page.getByLabel('Status').selectOption('all');
  await expect(count).toHaveText(`${all} of ${all} problems`);
  expect((await exportCsv(page)).rows).toHaveLength(all + 1);
});

test('importing a CSV: mapping guessed, errors by row, nothing written before confirming', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await page.getByRole('link', { name: 'Import from CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Import incidents' })).toBeVisible();
  const before = await dumpDb(page);
  const csv = [
    'Number,Short description,Caller,Opened,Priority,State,Assignment group,Assigned to,Service',
    'X1,Scanner on floor 3 jams,Ana Lima,2026-01-12T08:15:00Z,P2,In progress,Network team,Arjun Mehta,Printing',
    'X2,,Bo Berg,2026-01-12,P3,New,,,',
    'X3,"Payroll export, second run fails",Cy Dahl,2026-01-13,P9,New,,,Payroll',
    'X4,Mail rules vanish,Di Eng,13/01/2026,P4,New,,,Email',
    'X5,"Badge reader says ""denied"""',
    'X6,Wi-Fi slow in the canteen,Ed Falk,2026-01-14 10:30,1 - Critical,Resolved,,,VPN',
    'X7,"Portal login loops,',
    'on two lines",Fi Gray,2026-01-15,P3,New,Service desk,,Customer portal',
  ].join('\r\n') + '\r\n';
  await chooseCsv(page, csv, 'legacy-export.csv');

  // Mapping guessed from the header names.
  const column = (name) => page.getByLabel(name, { exact: true });
  await expect(column('Title (required)')).toHaveValue('1');
  await expect(column('Reported by')).toHaveValue('2');
  await expect(column('Created')).toHaveValue('3');
  await expect(column('Priority')).toHaveValue('4');
  await expect(column('Status')).toHaveValue('5');
  await expect(column('Assignment group')).toHaveValue('6');
  await expect(column('Assignee')).toHaveValue('7');
  await expect(column('Service')).toHaveValue('8');
  await expect(column('Description')).toHaveValue('');

  // Per-row errors with file row numbers; the resolved row lacks resolution notes.
  const errors = page.getByRole('region', { name: /Rows with errors/ });
  await expect(errors.getByRole('listitem')).toHaveText([
    'Row 3: missing title',
    /^Row 4: unknown Priority value “P9”/,
    /^Row 5: bad date “13\/01\/2026”/,
    'Row 6: has 2 columns, the header has 9',
    /^Row 7: status “Resolved” needs resolution notes/,
  ]);
  await expect(page.getByText('2 rows can be imported; 5 rows have errors and will be skipped.')).toBeVisible();
  const preview = page.getByRole('table', { name: /Preview/ });
  await expect(preview.locator('tbody tr')).toHaveCount(2);
  await expect(preview.locator('tbody tr').first()).toContainText('Scanner on floor 3 jams');
  await expect(preview.locator('tbody tr').first()).toContainText('Arjun Mehta');
  await expect(preview.locator('tbody tr').nth(1)).toContainText('Portal login loops,\non two lines');
  await expect(preview.locator('tbody tr').nth(1).locator('td').first()).toHaveText('8');
  await expectDbUnchanged(page, before, 'after the preview');

  // Mapping the description to the service column changes the outcome live.
  await column('Status').selectOption('');
  await expect(errors.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByText('3 rows can be imported; 4 rows have errors')).toBeVisible();
  await column('Status').selectOption('5');

  await page.getByRole('button', { name: 'Import 2 valid rows' }).click();
  await expect(page.getByText('Import 2 incidents from “legacy-export.csv”? The 5 rows with errors are skipped.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expectDbUnchanged(page, before, 'after cancelling');
  await page.getByRole('button', { name: 'Import 2 valid rows' }).click();
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page.getByText('Imported 2 incidents; 5 rows with errors were skipped.')).toBeVisible();

  await page.getByRole('link', { name: 'Open the incident queue' }).click();
  await page.getByLabel('Search').fill('scanner on floor');
  const row = page.locator('table.queue tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('P2 High');
  await expect(row).toContainText('In progress');
  await expect(row).toContainText('Network team');
  await expect(row).toContainText('Arjun Mehta');
  await row.getByRole('link').first().click();
  await expect(page.getByText('Imported from the CSV file “legacy-export.csv”, row 2.')).toBeVisible();
  for (const absent of ['Payroll export, second run', 'Mail rules vanish', 'Badge reader says', 'Wi-Fi slow in the canteen']) {
    await page.goto(`/desk/incidents?q=${encodeURIComponent(absent)}`);
    await expect(page.getByText('No incident matches these filters.')).toBeVisible();
  }
  await page.goto(`/desk/incidents?q=${encodeURIComponent('portal login loops')}`);
  await expect(page.locator('table.queue tbody tr')).toHaveCount(1);
  await expect(page.locator('table.queue tbody tr')).toContainText('Service desk');
});

test('a page closed in the middle of an import leaves whole batches only', async ({ page, context }) => {
  await page.goto('/desk/incidents/import');
  await appReady(page);
  const lines = ['Title,Description,Impact,Urgency'];
  for (let k = 1; k <= 5000; k++) lines.push(`Mass import ${k},Row ${k} of the big file,Medium,Low`);
  await chooseCsv(page, lines.join('\n') + '\n', 'big.csv');
  await page.getByRole('button', { name: 'Import 5000 valid rows' }).click();
  await page.getByRole('button', { name: 'Confirm import' }).click();
  const progress = page.locator('.import-progress');
  await expect(progress).toBeVisible();
  const batch = Number(await progress.getAttribute('data-batch-size'));
  expect(batch).toBeGreaterThan(0);
  expect(5000 / batch).toBeGreaterThan(2);
  await expect.poll(async () => Number(await progress.getAttribute('data-done')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(batch);
  await page.close();

  const again = await context.newPage();
  const problems = [];
  again.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await again.goto('/desk/incidents');
  await appReady(again);
  await expect(again.locator('html')).toHaveAttribute('data-db', 'ready');
  const incidents = incidentsOf(await dumpDb(again));
  expect(incidents.length).toBeGreaterThanOrEqual(batch);
  expect(incidents.length).toBeLessThan(5000);
  expect(incidents.length % batch, `${incidents.length} incidents: whole batches only`).toBe(0);
  const numbers = new Set();
  for (const inc of incidents) {
    const n = Number(inc.title.replace('Mass import ', ''));
    expect(inc.description).toBe(`Row ${n} of the big file`);
    expect(inc.reference).toMatch(/^INC-[0-9A-Z]{5}-\d{4,}$/);
    expect(inc.history.some((e) => e.change.kind === 'work_note' && e.change.text.includes('“big.csv”'))).toBe(true);
    numbers.add(n);
  }
  // Batches are written in file order: the rows present are exactly the first ones.
  expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: incidents.length }, (_, i) => i + 1));
  await expect(again.getByRole('status').filter({ hasText: 'Showing' }))
    .toHaveText(`Showing 1–50 of ${incidents.length} incidents`);
  expect(problems).toEqual([]);
});

// JSON backup and restore through the data page: download a backup of the demo desk,
// restore it into an empty desk in a fresh browser context, and merge an older backup
// into a desk with a newer edit (the newer edit stays).
import { test, expect, appReady } from './support/fixtures.mjs';
import { downloadBackup, removeScratchDirs, restoreFile, scratchDir } from './support/backup-helpers.mjs';

test.afterAll(removeScratchDirs);

/** Live incidents of a backup file: [reference, title]. */
function incidentsOf(text) {
  const backup = JSON.parse(text);
  return backup.documents
    .filter((d) => d.id.startsWith('incident:') && !d.leaves[0].deleted)
    .map((d) => [d.leaves[0].body.reference, d.leaves[0].body.title]);
}

test('a backup restores into an empty desk with the same incidents', async ({ page, browser }, testInfo) => {
  const dir = scratchDir();
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const { path, text } = await downloadBackup(page, dir);
  const backup = JSON.parse(text);
  expect(backup.format).toBe('service-desk-backup');
  expect(backup.documents.length).toBe(backup.document_count);
  const incidents = incidentsOf(text);
  expect(incidents.length).toBeGreaterThan(20);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await restoreFile(other, path, 'Restore into an empty desk');
  await expect(other.getByRole('status').filter({ hasText: 'Restore finished' }))
    .toContainText(`${backup.document_count} added`, { timeout: 30_000 });
  await other.goto('/desk/incidents?status=all');
  await appReady(other);
  await other.getByRole('navigation', { name: 'Incidents by status' }).getByRole('link', { name: /^All/ }).click();
  for (const [reference, title] of incidents) {
    const row = other.getByRole('row').filter({ has: other.getByRole('link', { name: reference, exact: true }) });
    await expect(row).toContainText(title);
  }
  // Restoring into the now non-empty desk is refused.
  await restoreFile(other, path, 'Restore into an empty desk');
  await expect(other.getByRole('alert')).toContainText('this desk is not empty');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('merging an older backup keeps a newer edit', async ({ page }, testInfo) => {
  const dir = scratchDir();
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const { path, text } = await downloadBackup(page, dir, 'older.json');
  const [reference, title] = incidentsOf(text)[0];
  await page.goto(`/desk/incidents/${reference}`);
  await appReady(page);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill(`${title} (edited after the backup)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: `${title} (edited after the backup)` })).toBeVisible();

  await restoreFile(page, path, 'Merge into this desk');
  const result = page.getByRole('status').filter({ hasText: 'Restore finished' });
  await expect(result).toContainText('0 added, 0 updated', { timeout: 30_000 });
  await page.goto(`/desk/incidents/${reference}`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: `${title} (edited after the backup)` })).toBeVisible();
});

// Shared steps of the backup specs: downloading a backup and restoring a file through
// the data page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = [];

/** A private folder for files a test makes (Playwright's output folder is shared by
 * every run in this checkout and emptied when one starts); removed by
 * [`removeScratchDirs`], which each spec calls in `afterAll`. */
export function scratchDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-backup-'));
  made.push(dir);
  return dir;
}

/** Removes every folder [`scratchDir`] made in this worker. */
export function removeScratchDirs() {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
import { expect, appReady } from './fixtures.mjs';

/** Clicks "Download backup" and returns the downloaded file's path and text. */
export async function downloadBackup(page, dir, name = 'backup.json') {
  await page.goto('/desk/data');
  await appReady(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^service-desk-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(dir, name);
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: 'Backup of' })).toContainText('documents saved');
  return { path: file, text: fs.readFileSync(file, 'utf8') };
}

/** Chooses `file` (a path or {name, mimeType, buffer}) and the mode, then restores. */
export async function restoreFile(page, file, mode = 'Merge into this desk') {
  await page.goto('/desk/data');
  await appReady(page);
  await page.getByLabel('Backup file').setInputFiles(file);
  await page.getByRole('radio', { name: mode }).check();
  await page.getByRole('button', { name: 'Restore' }).click();
  // Restoring writes records that are not taken back in one step: the page asks first.
  await page.getByRole('button', { name: /^Yes, (merge|restore) the backup$/ }).click();
}


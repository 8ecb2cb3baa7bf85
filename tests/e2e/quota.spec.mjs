// A full disk: with the browser's storage quota for the site lowered below what it
// already uses (Chromium's DevTools protocol), saving an incident is refused with a
// clear message, nothing is half-written, and the same save works once space is back.
// In this Chromium the override was seen to stop IndexedDB writes reliably in a profile
// on disk with a desk that has not just taken a large write; in an ordinary (in-memory)
// test context, or right after loading the demo data, small writes still went through.
// So this test keeps to a persistent context and an empty desk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, appReady } from './support/fixtures.mjs';
import { dumpDb, expectDbUnchanged } from './support/idb-dump.mjs';

// The persistent context is launched through the `playwright` fixture, so the shared
// watch covers it: a console error, uncaught exception or CSP violation in any of its
// tabs fails the test.
test('saving with no storage space left says so and writes nothing', async ({ baseURL, launchOptions, playwright }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-quota-'));
  const context = await playwright.chromium.launchPersistentContext(dir, { ...launchOptions, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/desk/incidents/new');
    await appReady(page);
    const origin = new URL(baseURL).origin;
    const cdp = await context.newCDPSession(page);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    const before = await dumpDb(page);

    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.floor(usage / 2) });
    await page.getByLabel('Title').fill('Badge printer out of ribbons');
    await page.getByLabel('Description').fill('The ribbon ran out. '.repeat(500));
    await page.getByLabel('Reported by').fill('Dana Scully');
    await page.getByRole('button', { name: 'Create incident' }).click();
    await expect(page.getByText(/no storage space left/i).first()).toBeVisible();
    await expect(page).toHaveURL(/\/desk\/incidents\/new/);
    // The form keeps what was typed, and the database is exactly as before.
    await expect(page.getByLabel('Title')).toHaveValue('Badge printer out of ribbons');
    await expectDbUnchanged(page, before, 'after a save refused for quota');

    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByRole('button', { name: 'Create incident' }).click();
    await expect(page).toHaveURL(/\/desk\/incidents\/INC-/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Badge printer out of ribbons');
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

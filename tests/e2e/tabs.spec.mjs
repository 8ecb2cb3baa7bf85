// Several tabs of one browser: a write in one tab shows in the others without a reload,
// and a schema upgrade made by another tab (a newer version of the app) is not blocked
// by an open tab, which closes its connection and asks to reload.
import { test, expect, appReady } from './support/fixtures.mjs';

test('an incident created in one tab appears in the queue of another at once', async ({ page, context }) => {
  await page.goto('/desk/incidents');
  await appReady(page);
  await expect(page.getByText('Printer in room 12 prints blank pages')).toHaveCount(0);

  const other = await context.newPage();
  await other.goto('/desk/incidents/new');
  await appReady(other);
  await other.getByLabel('Title').fill('Printer in room 12 prints blank pages');
  await other.getByLabel('Reported by').fill('Dana Scully');
  await other.getByRole('button', { name: 'Create incident' }).click();
  await expect(other).toHaveURL(/\/desk\/incidents\/INC-/);
  const reference = other.url().split('/').pop();

  // The first tab was not reloaded or clicked: its queue re-read on the other's message.
  const row = page.getByRole('row').filter({ hasText: 'Printer in room 12 prints blank pages' });
  await expect(row).toBeVisible({ timeout: 2_000 });
  await expect(row).toContainText(reference);

  // And an edit made in the first tab shows on the incident page open in the second.
  await page.goto(`/desk/incidents/${reference}/edit`);
  await page.getByLabel('Title').fill('Printer in room 12 prints blank pages on tray 2');
  await page.getByLabel('Work note').fill('Tray 2 only, confirmed by the caller.');
  await page.getByRole('button', { name: /save/i }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(
    'Printer in room 12 prints blank pages on tray 2', { timeout: 2_000 });
  await other.close();
});

test('a note being typed survives a write made in another tab to some other record', async ({ page, context }) => {
  const create = async (p, title) => {
    await p.goto('/desk/incidents/new');
    await appReady(p);
    await p.getByLabel('Title').fill(title);
    await p.getByLabel('Reported by').fill('Dana Scully');
    await p.getByRole('button', { name: 'Create incident' }).click();
    await expect(p).toHaveURL(/\/desk\/incidents\/INC-/);
    return p.url().split('/').pop();
  };
  const reference = await create(page, 'Scanner on floor 2 rejects badges');
  await page.getByLabel('Note', { exact: true }).fill('Half-typed note: badge reader firmware');
  // Resolves when this tab hears of another tab's write (the channel the app listens on).
  await page.evaluate(() => {
    window.heardWrite = new Promise((resolve) => {
      const bus = new BroadcastChannel('service-desk-changes');
      bus.onmessage = () => resolve(true);
    });
  });

  const other = await context.newPage();
  await create(other, 'Coffee machine shows error 42');
  // The write reached this tab, which re-read its page; the incident shown here did not
  // change, so the page was not drawn anew and the draft is still there.
  expect(await page.evaluate(() => window.heardWrite)).toBe(true);
  await page.waitForTimeout(300);
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Half-typed note: badge reader firmware');

  // A change to this very incident does show.
  await other.goto(`/desk/incidents/${reference}/edit`);
  await other.getByLabel('Title').fill('Scanner on floor 2 rejects all badges');
  await other.getByRole('button', { name: /save/i }).click();
  await expect(other).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scanner on floor 2 rejects all badges');
  await other.close();
});

test('a newer version upgrading the database in another tab is not blocked, and this tab asks to reload', async ({ page, context }) => {
  await page.goto('/desk/incidents/new');
  await appReady(page);
  await page.getByLabel('Title').fill('Draft typed before the upgrade');
  await expect(page.getByText('Reload to update')).toHaveCount(0);

  // A second tab opens the database at a higher version, as a newer deployment would.
  const other = await context.newPage();
  await other.goto('/desk/incidents');
  await appReady(other);
  const upgraded = await other.evaluate(() => new Promise((resolve) => {
    const open = () => new Promise((res) => {
      const probe = indexedDB.open('service-desk');
      probe.onsuccess = () => { const v = probe.result.version; probe.result.close(); res(v); };
    });
    open().then((current) => {
      const req = indexedDB.open('service-desk', current + 1);
      let blocked = false;
      req.onblocked = () => { blocked = true; };
      req.onupgradeneeded = () => { req.result.createObjectStore('added-by-newer-version'); };
      req.onsuccess = () => { const v = req.result.version; req.result.close(); resolve({ ok: true, from: current, to: v, blocked }); };
      req.onerror = () => resolve({ ok: false, error: String(req.error) });
      setTimeout(() => resolve({ ok: false, error: 'still waiting after 10 s', blocked }), 10_000);
    });
  }));
  expect(upgraded.ok, JSON.stringify(upgraded)).toBe(true);
  expect(upgraded.to).toBe(upgraded.from + 1);

  // Both app tabs had closed their connections: each now says to reload, and what was
  // typed is still on the page to copy.
  for (const p of [page, other]) {
    const banner = p.getByRole('alert').filter({ hasText: 'Reload to update' });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  }
  await expect(page.getByLabel('Title')).toHaveValue('Draft typed before the upgrade');

  // Reloading this (older) app against the newer database says so instead of breaking.
  await page.getByRole('alert').filter({ hasText: 'Reload to update' })
    .getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('alert')).toContainText('created by a newer version of the app');
  await other.close();
});

test('settings show the storage used and available, and whether it is persistent', async ({ page }) => {
  await page.goto('/desk/settings?demo');
  await appReady(page);
  const section = page.getByRole('region', { name: 'Storage on this device' });
  await expect(section).toBeVisible();
  const usage = section.locator('.storage-usage');
  await expect(usage).toContainText(/used of .* available to this site/);
  const [used, quota] = await Promise.all([usage.getAttribute('data-usage'), usage.getAttribute('data-quota')]);
  const estimate = await page.evaluate(() => navigator.storage.estimate());
  // The browser's quota moves a little with the disk's free space between two reads.
  expect(Math.abs(Number(quota) - estimate.quota) / estimate.quota).toBeLessThan(0.01);
  // Demo data is stored, so usage is not zero.
  expect(Number(used)).toBeGreaterThan(0);
  await expect(section).toContainText(/Persistent: (yes|no)/);
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(section).toContainText(persisted ? 'Persistent: yes' : 'Persistent: no');
});

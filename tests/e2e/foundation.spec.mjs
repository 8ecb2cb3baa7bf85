// The thin path through the stack: create, list, open, edit an incident and find it
// again after a reload; demo data (button and URL); deep links; the not-found page.
import { test, expect, appReady, appFailedToOpen } from './support/fixtures.mjs';

test('an agent creates an incident, edits it, and it survives reloads', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk' }).click();
  // The desk opens on the agent's home, which says what to do on an empty desk.
  await expect(page.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  await expect(page.getByText(/No incidents yet\. Log the first one/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await expect(page.getByText('No incidents yet.')).toBeVisible();

  await page.getByRole('link', { name: 'New incident' }).first().click();
  await expect(page.getByRole('heading', { name: 'New incident' })).toBeVisible();

  // Invalid input: nothing is saved and the message sits next to the field.
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#inc-title-error')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/desk\/incidents\/new$/);

  await page.getByLabel('Title').fill('Printer on floor 3 jams on every job');
  await page.getByLabel('Description').fill('Since this morning every print job jams the tray.');
  await page.getByLabel('Impact').selectOption({ label: 'High' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await expect(page.locator('output.priority-preview')).toHaveText('P2 High: impact High, urgency Medium');
  await page.getByLabel('Reported by').fill('Dana Scully');
  await page.getByRole('button', { name: 'Create incident' }).click();

  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  const reference = page.url().split('/').pop();
  await expect(page.getByRole('heading', { name: 'Printer on floor 3 jams on every job' })).toBeVisible();
  await expect(page.getByText('P2 High: impact High, urgency Medium')).toBeVisible();

  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Printer on floor 3 jams on every job' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
  const row = page.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('P2 High');
  await expect(row).toContainText('New');
  await row.getByRole('link', { name: reference }).click();

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${reference}` })).toBeVisible();
  await page.getByLabel('Title').fill('Printer on floor 3 jams on duplex jobs');
  await page.getByLabel('Urgency').selectOption({ label: 'High' });
  await expect(page.locator('output.priority-preview')).toHaveText('P1 Critical: impact High, urgency High');
  // Changing urgency after creation needs a work note saying why.
  await page.getByLabel('Work note').fill('Duplex printing is needed for the board pack today.');
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  await expect(page.getByRole('heading', { name: 'Printer on floor 3 jams on duplex jobs' })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Printer on floor 3 jams on duplex jobs' })).toBeVisible();
  await expect(page.getByText('P1 Critical', { exact: true }).first()).toBeVisible();
  const timeline = page.getByRole('list').filter({ hasText: 'Desk agent' });
  await expect(timeline).toContainText(/Title/);
  await expect(timeline).toContainText(/Created/i);
});

test('an empty desk offers demo data, and loading it fills desk and portal', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Demo data loaded: \d+ records/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load demo data' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk' }).click();
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByText(/Showing \d+–\d+ of \d+ incidents/)).toBeVisible();
  const rows = page.locator('table tbody tr');
  expect(await rows.count()).toBeGreaterThan(20);
  await expect(page.locator('td .badge.pre-production').first()).toBeVisible();

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
  await expect(page).toHaveURL(/status=resolved/);
  await expect(page.locator('table tbody tr').first()).toContainText('Resolved');
  for (const text of await page.locator('table tbody tr td:nth-child(5)').allTextContents()) {
    expect(text).toBe('Resolved');
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portal' }).click();
  await expect(page.getByRole('heading', { name: 'How can we help?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Help articles' })).toBeVisible();
  expect(await page.locator('.article-list li').count()).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: 'Connect to the VPN from home or a hotel' })).toBeVisible();
  // Internal articles (even published ones) and unpublished ones never reach the portal.
  await expect(page.getByText('Payslip PDF is blank: download as HTML')).toHaveCount(0);
  await expect(page.getByText('Unlock a Windows account')).toHaveCount(0);
});

test('?demo loads the demo data automatically, once', async ({ page }) => {
  await page.goto('/desk/incidents?demo=1');
  await appReady(page);
  const count = page.getByText(/Showing \d+–\d+ of \d+ incidents/);
  await expect(count).toBeVisible();
  const first = await count.textContent();
  expect(Number(first.match(/of (\d+)/)[1])).toBeGreaterThan(20);
  // Reloading with ?demo on a desk that has data loads nothing more.
  await page.reload();
  await appReady(page);
  await expect(count).toHaveText(first);
});

test('deep links survive a reload; unknown places say so', async ({ page }) => {
  await page.goto('/?demo=1');
  await appReady(page);
  await page.goto('/desk/incidents');
  await appReady(page);
  const link = page.locator('table tbody tr').first().getByRole('link');
  const reference = (await link.textContent()).trim();
  await page.goto(`/desk/incidents/${reference}`);
  await appReady(page);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();

  await page.goto('/desk/incidents/INC-ZZZZZ-9999');
  await appReady(page);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Not available' })).toBeVisible();
  await expect(alert).toContainText('Incident INC-ZZZZZ-9999 was not found.');
  await page.goto('/desk/incidents/INC-ZZZZZ-9999/edit');
  await appReady(page);
  await expect(page.getByRole('alert')).toContainText('Incident INC-ZZZZZ-9999 was not found.');

  await page.goto('/no/such/page');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the incident queue' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
});

test('a database that cannot open shows a clear banner, not a blank page', async ({ browser }) => {
  const context = await browser.newContext();
  // As in some private modes: the page has no usable IndexedDB.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const page = await context.newPage();
  await page.goto('/desk/incidents');
  const banner = await appFailedToOpen(page);
  await expect(banner.getByRole('heading', { name: 'This app cannot open its local database' })).toBeVisible();
  await expect(banner).toContainText('allow site data');
  await expect(banner.getByRole('button', { name: 'Try again' })).toBeVisible();
  await context.close();
});

test('an edit made on a stale copy is refused, not written over the newer one', async ({ page, context }) => {
  await page.goto('/?demo=1');
  await appReady(page);
  await page.goto('/desk/incidents/INC-DEM00-0003/edit');
  await appReady(page);
  const other = await context.newPage();
  await other.goto('/desk/incidents/INC-DEM00-0003/edit');
  await appReady(other);

  await page.getByLabel('Title').fill('Bank export times out (edited in tab one)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: 'Bank export times out (edited in tab one)' })).toBeVisible();

  await other.getByLabel('Title').fill('Bank export times out (edited in tab two)');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toBeVisible();
  await expect(other).toHaveURL(/\/edit$/);

  await other.goto('/desk/incidents/INC-DEM00-0003');
  await appReady(other);
  await expect(other.getByRole('heading', { name: 'Bank export times out (edited in tab one)' })).toBeVisible();
  await other.close();
});

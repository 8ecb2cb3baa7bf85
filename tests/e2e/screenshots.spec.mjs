// The README's screenshots, taken from the running app with demo data: the agent's home,
// the dashboard (light and dark), the queue, an incident, a release's feedback report
// and the portal on a phone. Each is checked to be a real picture of the page.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, appReady } from './support/fixtures.mjs';

const DIR = path.resolve('docs/screenshots');

async function shoot(page, name) {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}.png`);
  await page.screenshot({ path: file });
  const png = fs.readFileSync(file);
  // A PNG of the viewport's size, not an empty file.
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const size = page.viewportSize();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size.width, size.height]);
}

test('screenshots of the main pages for the README', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/desk/incidents?demo&incidents=400');
  await appReady(page);
  await expect(page.getByText(/Showing 1–\d+ of \d+ incidents/)).toBeVisible();
  await shoot(page, 'queue');

  await page.getByLabel('You are').selectOption({ index: 1 });
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: /^My open incidents/ })).toBeVisible();
  await shoot(page, 'home');

  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await expect(page.locator('.range-note')).toContainText('90 days');
  await expect(page.locator('figure.chart svg').first()).toBeVisible();
  await shoot(page, 'dashboard');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('#dash-incidents').evaluate((e) => e.scrollIntoView());
  await shoot(page, 'dashboard-dark');
  await page.getByLabel('Theme').selectOption('system');

  await page.goto('/desk/incidents?major=true');
  await page.locator('table tbody tr a').first().click();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-/);
  await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
  await shoot(page, 'incident');

  await page.goto('/desk/releases');
  await page.locator('main a[href^="/desk/releases/REL-"]').first().click();
  await page.getByRole('link', { name: /feedback report/i }).first().click();
  await expect(page).toHaveURL(/\/report$/);
  await shoot(page, 'release-report');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/portal');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shoot(page, 'portal-phone');
});

// The portal-only build (`scripts/build.sh --portal`), as a public static site hosts it:
// the portal opens at `/`, and there is no way into the desk. scripts/test.sh builds it
// and serves it at E2E_PORTAL_URL.
import { test, expect, appReady } from './support/fixtures.mjs';

const base = process.env.E2E_PORTAL_URL;

test.skip(!base, 'needs the portal-only build served at E2E_PORTAL_URL (scripts/test.sh starts it)');

test('the portal alone opens at / and the desk is not there', async ({ page }) => {
  await page.goto(`${base}/?demo`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'How can we help?', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Desk' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Report a problem' }).first()).toBeVisible();
  // Public articles are there; the internal demo article is not.
  await expect(page.getByText('Connect to the VPN from home or a hotel').first()).toBeVisible();
  await expect(page.getByText('Payslip PDF is blank: download as HTML')).toHaveCount(0);

  for (const path of ['/desk/incidents', '/desk/articles', '/desk/settings', '/desk/practices', '/desk/releases', '/desk/problems', '/desk/known-errors']) {
    await page.goto(`${base}${path}`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the incident queue' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Desk' })).toHaveCount(0);
  }
  await page.goto(`${base}/portal/report`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Report a problem', level: 1 })).toBeVisible();
});

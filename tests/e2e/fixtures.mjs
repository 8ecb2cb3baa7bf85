// Shared end-to-end fixture: every page is watched for console errors and uncaught
// exceptions, and a test fails if any appeared on any page it visited.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, 'no console errors or uncaught exceptions').toEqual([]);
  },
});

export { expect };

/** Waits until the app has opened its database (and loaded demo data, when asked). */
export async function appReady(page) {
  await expect(page.locator('html')).toHaveAttribute('data-db', /ready|failed/, { timeout: 30_000 });
  await expect(page.getByText('Loading demo data…')).toHaveCount(0, { timeout: 30_000 });
}

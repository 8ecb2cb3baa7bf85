// Shared end-to-end fixture: every page is watched for console errors, uncaught
// exceptions and Content-Security-Policy violations, and a test fails if any appeared
// on any page it visited.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    const watch = (p) => {
      p.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
      });
      p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    };
    // Any Content-Security-Policy violation fails the test, whether or not the browser
    // also logs it: every page reports each one as a console error.
    await page.context().addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
      });
    });
    // The test's page and every other page (tab) it opens in the same context.
    watch(page);
    page.context().on('page', watch);
    await use(page);
    expect(problems, 'no console errors, uncaught exceptions or CSP violations').toEqual([]);
  },
});

export { expect };

/** Waits until the app has opened its database (and loaded demo data, when asked). */
export async function appReady(page) {
  await expect(page.locator('html')).toHaveAttribute('data-db', /ready|failed/, { timeout: 30_000 });
  await expect(page.getByText('Loading demo data…')).toHaveCount(0, { timeout: 30_000 });
}

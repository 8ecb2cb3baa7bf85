// Accessibility audit: axe-core on every page of the desk and the portal, with the demo
// data loaded, in the light and the dark theme (chosen with the app's own theme toggle,
// against the opposite system preference): no serious or critical violation anywhere.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, appReady } from './support/fixtures.mjs';
import { PAGES, discoverReferences, PORTAL_ME } from './support/a11y-pages.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Moves the app to `path` without reloading it, the way its own links do. */
async function go(page, path) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  await expect.poll(() => page.evaluate(() => location.pathname + location.search)).toBe(path);
}

/** Waits until the page has drawn its heading and finished loading what it shows. */
async function settle(page, entry) {
  await expect(page.locator(entry.ready ?? 'h1').first(), `${entry.name}: heading`).toBeVisible();
  await expect(page.locator('[role="status"]').filter({ hasText: /^(Loading|Building|Searching)[^]*…$/ }))
    .toHaveCount(0);
}

/** One line per blocking violation: rule, impact, summary and where. */
function describe(name, violations) {
  return violations
    .filter((v) => BLOCKING.has(v.impact))
    .map((v) => {
      const where = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`);
      return `  [${name}] ${v.id} (${v.impact}): ${v.help}\n${where.join('\n')}`;
    });
}

for (const theme of ['light', 'dark']) {
  test(`every page passes axe-core in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(240_000);
    // The system says the opposite: the toggle, not the system, must decide.
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await page.addInitScript((me) => localStorage.setItem('service-desk.portal-me', JSON.stringify(me)), PORTAL_ME);
    await page.goto('/desk/incidents?demo');
    await appReady(page);
    await expect(page.locator('table tbody tr').first()).toBeVisible({ timeout: 30_000 });

    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    const refs = await discoverReferences(page, go);
    const found = [];
    for (const entry of PAGES) {
      const path = typeof entry.path === 'function' ? entry.path(refs) : entry.path;
      await go(page, path);
      await settle(page, entry);
      if (entry.then) await entry.then(page);
      await expect(page.locator('html'), `${entry.name} keeps the theme`).toHaveAttribute('data-theme', theme);
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      found.push(...describe(entry.name, result.violations));
      if (entry.after) await entry.after(page);
    }
    expect(found, `serious or critical axe-core violations (${theme}):\n${found.join('\n')}`).toEqual([]);
  });
}

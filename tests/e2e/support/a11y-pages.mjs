// The pages the accessibility audit visits: every route of the desk and the portal.
// To add a page, add an entry: { name, path } where path is a string or a function of
// the demo references found by discoverReferences(); optional `ready` (a selector to
// wait for instead of the first h1), `then(page)` (bring the page into the state to
// check, e.g. open a dialog) and `after(page)` (undo it before the next page).
import { expect } from '@playwright/test';

/** Who the portal's end user says they are: a reporter of demo incidents. */
export const PORTAL_ME = { name: 'Alex Morgan', email: 'alex.morgan@example.com' };

/** The first link on the current page whose path matches `pattern`, without query. */
async function firstHref(page, pattern, what) {
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link to ${what}`).toBeTruthy();
  return href;
}

/** References of one demo record of each kind, read from the list pages. */
export async function discoverReferences(page, go) {
  const refs = {};
  const lists = [
    ['incident', '/desk/incidents', /^\/desk\/incidents\/INC-[^/?]+$/, 'table tbody tr'],
    ['problem', '/desk/problems?status=all', /^\/desk\/problems\/PRB-[^/?]+$/, 'main a[href^="/desk/problems/PRB-"]'],
    ['knownError', '/desk/known-errors', /^\/desk\/known-errors\/KE-[^/?]+$/, 'main a[href^="/desk/known-errors/KE-"]'],
    ['release', '/desk/releases', /^\/desk\/releases\/REL-[^/?]+$/, 'main a[href^="/desk/releases/REL-"]'],
    ['article', '/desk/articles', /^\/desk\/articles\/KB-[^/?]+$/, 'main a[href^="/desk/articles/KB-"]'],
    ['portalArticle', '/portal', /^\/portal\/articles\/KB-[^/?]+$/, 'main a[href^="/portal/articles/"]'],
    ['portalRequest', '/portal/requests', /^\/portal\/requests\/INC-[^/?]+$/, 'main a[href^="/portal/requests/INC-"]'],
  ];
  for (const [kind, list, pattern, rows] of lists) {
    await go(page, list);
    await expect(page.locator(rows).first(), `${list} shows records`).toBeVisible({ timeout: 20_000 });
    refs[kind] = await firstHref(page, pattern, kind);
  }
  return refs;
}

const palette = (page) => page.getByRole('dialog', { name: 'Search the desk' });

/** Every page to audit. */
export const PAGES = [
  { name: 'landing', path: '/' },
  { name: 'not found', path: '/no-such-page' },
  // The desk.
  { name: 'agent home', path: '/desk' },
  { name: 'dashboard', path: '/desk/dashboard?days=90' },
  {
    name: 'dashboard with a data table open and a tooltip shown',
    path: '/desk/dashboard?days=7',
    then: async (page) => {
      const fig = page.locator('figure.chart').first();
      await fig.getByRole('button', { name: /data table/i }).click();
      await expect(fig.getByRole('table')).toBeVisible();
      await fig.getByRole('link').first().focus();
      await expect(fig.locator('.chart-tip')).toBeVisible();
    },
  },
  { name: 'incident queue', path: '/desk/incidents' },
  {
    name: 'command palette',
    path: '/desk/incidents',
    then: async (page) => {
      await page.keyboard.press('Control+K');
      await expect(palette(page)).toBeVisible();
      await page.keyboard.type('printer');
      await expect(palette(page).getByRole('option').first()).toBeVisible();
    },
    after: async (page) => {
      await page.keyboard.press('Escape');
      await expect(palette(page)).toBeHidden();
    },
  },
  { name: 'queue with a filter', path: '/desk/incidents?status=all&q=printer' },
  { name: 'new incident', path: '/desk/incidents/new' },
  { name: 'import incidents', path: '/desk/incidents/import' },
  { name: 'incident', path: (r) => r.incident },
  { name: 'edit incident', path: (r) => `${r.incident}/edit` },
  { name: 'problems', path: '/desk/problems?status=all' },
  { name: 'new problem', path: '/desk/problems/new' },
  { name: 'problem', path: (r) => r.problem },
  { name: 'edit problem', path: (r) => `${r.problem}/edit` },
  { name: 'known errors', path: '/desk/known-errors' },
  { name: 'new known error', path: '/desk/known-errors/new' },
  { name: 'known error', path: (r) => r.knownError },
  { name: 'edit known error', path: (r) => `${r.knownError}/edit` },
  { name: 'releases', path: '/desk/releases' },
  { name: 'new release', path: '/desk/releases/new' },
  { name: 'release', path: (r) => r.release },
  { name: 'edit release', path: (r) => `${r.release}/edit` },
  { name: 'release report', path: (r) => `${r.release}/report`, ready: 'article.report h1, article.report h2' },
  { name: 'knowledge', path: '/desk/articles' },
  { name: 'new article', path: '/desk/articles/new' },
  { name: 'article', path: (r) => r.article },
  { name: 'edit article', path: (r) => `${r.article}/edit` },
  { name: 'article versions', path: (r) => `${r.article}/versions` },
  { name: 'practices', path: '/desk/practices' },
  { name: 'search', path: '/desk/search?q=payslip' },
  { name: 'settings', path: '/desk/settings' },
  { name: 'sync', path: '/desk/sync' },
  { name: 'data', path: '/desk/data' },
  { name: 'conflicts', path: '/desk/conflicts' },
  { name: 'conflict not found', path: '/desk/conflicts/no-such-record' },
  // The portal.
  { name: 'portal home', path: '/portal' },
  {
    name: 'portal search',
    path: '/portal',
    then: async (page) => {
      await page.getByLabel('Search for help').fill('vpn');
      await page.getByLabel('Search for help').press('Enter');
      await expect(page.locator('.search-results a').first()).toBeVisible();
    },
  },
  { name: 'portal article', path: (r) => r.portalArticle },
  { name: 'portal report', path: '/portal/report' },
  { name: 'portal requests', path: '/portal/requests' },
  { name: 'portal request', path: (r) => r.portalRequest },
  { name: 'portal feedback', path: '/portal/feedback' },
];

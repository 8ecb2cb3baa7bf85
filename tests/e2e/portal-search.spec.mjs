// The portal's search can only ever show public answers: an internal article written
// with the very same words as a public one, and a known error that is not active, never
// appear in the portal's search or in its suggestions, while the public article is
// found even with a typo in the query.
import { test, expect, appReady } from './support/fixtures.mjs';

const PUBLIC = 'Calibrate the zebra label printer';
const INTERNAL = 'Calibrate the zebra label printer: engineer runbook';

/** Writes an article at the desk and publishes it. */
async function publish(page, title, audience, body) {
  await page.goto('/desk/articles/new');
  await appReady(page);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill('Zebra label printer prints labels offset or blank.');
  await page.getByLabel('Body (Markdown)').fill(body);
  await page.getByLabel(audience).check();
  await page.getByLabel('Tags (comma-separated)').fill('zebra, labels, calibration');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const actions = page.getByRole('group', { name: 'Article actions' });
  await actions.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted for review.').last()).toBeVisible();
  await actions.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published.').last()).toBeVisible();
}

test('portal search shows the public article, never the internal one with the same words', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/desk/articles?demo');
  await appReady(page);
  await publish(page, PUBLIC, 'Public (shown in the portal)', 'Hold the feed button until the printer measures a label, then release.');
  await publish(page, INTERNAL, 'Internal (agents only)', 'Open the service menu with code 4711 and reset the label sensor.');

  // The desk finds both.
  await page.goto('/desk/search?q=zebra%20calibrate');
  await appReady(page);
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: new RegExp(INTERNAL) })).toBeVisible();
  await expect(main.getByRole('link', { name: new RegExp(`^(KB-\\S+ )?${PUBLIC}$`) })).toBeVisible();

  // The portal finds the public one, even misspelt, and never the internal one.
  await page.goto('/portal');
  await appReady(page);
  const results = page.getByRole('region', { name: 'Search results' });
  for (const query of ['zebra label calibrate', 'zebra calibrat', 'zebar label', 'engineer runbook service menu', 'calibration']) {
    const search = page.getByLabel('Search for help');
    await search.fill(query);
    await expect(results.getByRole('status')).toContainText(`“${query}”`);
    await expect(results.getByRole('link', { name: INTERNAL })).toHaveCount(0);
    // The status line repeats the query; the answers themselves never hold the internal text.
    await expect(results.getByRole('listitem').filter({ hasText: /runbook|4711|service menu/i })).toHaveCount(0);
  }
  await page.getByLabel('Search for help').fill('zebar label calibraton');
  await expect(results.getByRole('link', { name: PUBLIC, exact: true })).toBeVisible();

  // Suggestions while reporting a problem follow the same rule.
  await page.goto('/portal/report');
  await appReady(page);
  await page.getByLabel('What is wrong?').fill('zebra label printer needs calibration');
  const suggested = page.getByRole('region', { name: 'Suggested answers' });
  await expect(suggested.getByRole('button', { name: new RegExp(`${PUBLIC}$`) })).toBeVisible();
  await expect(suggested.getByRole('button', { name: INTERNAL })).toHaveCount(0);
});

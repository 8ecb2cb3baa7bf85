// Printable views: the release feedback report and knowledge articles (desk and
// portal) have a Print button that opens the print dialog, and on paper they show the
// document alone: no navigation, no buttons, black on white.
import { test, expect, appReady } from './support/fixtures.mjs';

/** Counts calls to window.print() instead of opening the dialog. */
async function stubPrint(page) {
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
}

async function printsTheDocumentAlone(page, documentLocator) {
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(() => page.evaluate(() => window.__printed)).toBe(1);

  const navs = page.getByRole('navigation');
  expect(await navs.count(), 'the page has navigation on screen').toBeGreaterThan(0);
  await expect(navs.first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const nav of await page.getByRole('navigation').all()) await expect(nav).toBeHidden();
  for (const button of await page.getByRole('button').all()) await expect(button).toBeHidden();
  await expect(page.getByLabel('Theme')).toBeHidden();
  await expect(documentLocator).toBeVisible();
  const colours = await documentLocator.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.color, getComputedStyle(document.body).backgroundColor];
  });
  expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);

  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
}

test('the release feedback report prints without the desk around it', async ({ page }) => {
  await stubPrint(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/desk/releases?demo');
  await appReady(page);
  const first = page.locator('main a[href^="/desk/releases/REL-"]').first();
  await expect(first).toBeVisible();
  await page.goto(`${await first.getAttribute('href')}/report`);
  await appReady(page);
  const report = page.getByRole('article', { name: 'Feedback report' });
  await expect(report.getByRole('heading').first()).toBeVisible();
  await printsTheDocumentAlone(page, report);
  // On paper the report's headings are still there.
  await page.emulateMedia({ media: 'print' });
  await expect(report.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(report.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download CSV' })).toBeHidden();
});

test('a knowledge article prints alone, from the desk and from the portal', async ({ page }) => {
  await stubPrint(page);
  await page.goto('/portal?demo');
  await appReady(page);
  const link = page.locator('main a[href^="/portal/articles/"]').first();
  await expect(link).toBeVisible();
  const portalHref = await link.getAttribute('href');
  await page.goto(portalHref);
  await appReady(page);
  const article = page.locator('article.portal-article');
  await expect(article.getByRole('heading', { level: 1 })).toBeVisible();
  await printsTheDocumentAlone(page, article);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('link', { name: 'Report a problem' })).toBeHidden();
  await expect(page.getByText('Was this helpful?')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await page.goto(portalHref.replace('/portal/', '/desk/'));
  await appReady(page);
  const kb = page.locator('article.kb-article');
  await expect(kb.getByRole('heading', { level: 1 })).toBeVisible();
  await printsTheDocumentAlone(page, kb.locator('.kb-body'));
  await page.emulateMedia({ media: 'print' });
  await expect(kb.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeHidden();
});

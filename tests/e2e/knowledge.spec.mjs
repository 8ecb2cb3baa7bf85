// Knowledge articles as agents write them: draft → review → publish, a second version,
// comparing and restoring versions, the review-due list, articles started from a known
// error and from a resolved incident, and Markdown that can never run script.
import { test, expect, appReady } from './support/fixtures.mjs';

const status = (page) => page.locator('.record-head .badges');

async function openKnowledge(page) {
  await page.goto('/desk/articles?demo');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
}

async function act(page, name, toast) {
  await page.getByRole('group', { name: 'Article actions' }).getByRole('button', { name }).click();
  await expect(page.getByText(toast).last()).toBeVisible();
}

test('write, review and publish; edit into version 2; compare; restore version 1', async ({ page }) => {
  await openKnowledge(page);
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title').fill('Reset a forgotten VPN token');
  await page.getByLabel('Summary').fill('When the token app shows the wrong code.');
  await page.getByLabel('Body (Markdown)').fill('## Steps\nStep one\nStep two\nStep three');
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Steps' })).toBeVisible();
  await page.getByLabel('Public (shown in the portal)').check();
  await page.getByLabel('Tags (comma-separated)').fill('vpn, token');
  await page.getByRole('button', { name: 'Create draft' }).click();

  await expect(page.getByRole('heading', { name: 'Reset a forgotten VPN token', level: 1 })).toBeVisible();
  const reference = (await page.locator('.record-head .reference').textContent()).trim();
  expect(reference).toMatch(/^KB-/);
  await expect(status(page)).toContainText('Draft');
  await act(page, 'Submit for review', 'Submitted for review.');
  await expect(status(page)).toContainText('In review');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await act(page, 'Publish', 'Published.');
  await expect(status(page)).toContainText('Published');
  await expect(status(page)).toContainText('Version 1');
  await expect(page.getByRole('definition').filter({ hasText: /Desk agent, / }).first()).toBeVisible();

  // The portal suggests the new article while an end user describes the problem.
  await page.goto('/portal/report');
  await appReady(page);
  await page.getByLabel('What is wrong?').fill('I forgot my VPN token code');
  const suggested = page.getByRole('region', { name: 'Suggested answers' });
  await expect(suggested.getByRole('button', { name: 'Reset a forgotten VPN token' })).toBeVisible();
  await page.goto(`/desk/articles/${reference}`);
  await appReady(page);

  await act(page, 'Start a new version', 'New version started.');
  await expect(status(page)).toContainText('Version 2');
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Body (Markdown)').fill('## Steps\nStep one\nStep 2, changed\nStep three');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText(`Article ${reference} saved.`)).toBeVisible();
  // Readers keep version 1 while version 2 is a draft.
  await page.goto(`/portal/articles/${reference}`);
  await appReady(page);
  await expect(page.getByRole('main')).toContainText('Step two');
  await expect(page.getByRole('main')).not.toContainText('Step 2, changed');
  await page.goto(`/desk/articles/${reference}`);
  await appReady(page);
  await act(page, 'Submit for review', 'Submitted for review.');
  await expect(status(page)).toContainText('In review');
  await act(page, 'Publish', 'Published.');
  await expect(status(page)).toContainText('Published');
  await expect(page.locator('#kb-rendered')).toContainText('Step 2, changed');

  await page.getByRole('link', { name: 'Published versions (2)' }).click();
  await expect(page.getByRole('heading', { name: 'Published versions' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Version 1/ })).toContainText('Desk agent');
  await expect(page.getByLabel('Compare', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('with', { exact: true })).toHaveValue('2');
  await page.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByRole('table', { name: 'Changed lines' });
  await expect(page.getByText('1 line added, 1 line removed')).toBeVisible();
  await expect(diff.locator('tr.diff-removed')).toHaveText(/Step two/);
  await expect(diff.locator('tr.diff-added')).toHaveText(/Step 2, changed/);
  // Title, blank, summary, blank, heading, step one and step three are unchanged.
  await expect(diff.locator('tr.diff-same')).toHaveCount(7);

  await page.getByRole('link', { name: 'View version 1' }).click();
  await expect(page.getByRole('region', { name: 'Version 1' })).toContainText('Step two');

  await page.getByRole('button', { name: 'Restore version 1 as draft' }).click();
  await expect(page.getByText('Version 1 restored as draft version 3.')).toBeVisible();
  await expect(status(page)).toContainText('Draft');
  await expect(status(page)).toContainText('Draft');
  await expect(status(page)).toContainText('Version 3');
  await expect(page.locator('#kb-rendered')).toContainText('Step two');
  await page.reload();
  await appReady(page);
  await expect(page.locator('#kb-rendered')).toContainText('Step two');
  await expect(page.getByRole('link', { name: 'Published versions (2)' })).toBeVisible();
  await expect(page.getByText('Restored version 1 as the draft')).toBeVisible();

  // Restoring over a draft with unpublished text asks first; keeping it changes nothing.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Body (Markdown)').fill('## Steps\nUnpublished work');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('link', { name: 'Published versions (2)' }).click();
  await page.getByRole('button', { name: 'Restore version 2 as draft' }).click();
  await expect(page.getByRole('alert')).toContainText('never published');
  await page.getByRole('button', { name: 'Keep the draft' }).click();
  await page.getByRole('link', { name: `${reference} Reset a forgotten VPN token` }).click();
  await expect(page.locator('#kb-rendered')).toContainText('Unpublished work');
  await page.getByRole('link', { name: 'Published versions (2)' }).click();
  await page.getByRole('button', { name: 'Restore version 2 as draft' }).click();
  await page.getByRole('button', { name: 'Replace the draft with version 2' }).click();
  await expect(page.getByText('Version 2 restored as draft version 3.')).toBeVisible();
  await expect(page.locator('#kb-rendered')).toContainText('Step 2, changed');
});

test('review-due list, and articles started from a known error and a resolved incident', async ({ page }) => {
  await openKnowledge(page);
  await page.getByRole('link', { name: '1 article is due for review' }).click();
  await expect(page).toHaveURL(/due=1/);
  await expect(page.getByLabel('Due for review only')).toBeChecked();
  const rows = page.locator('.kb-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Clear a paper jam on the floor 3 printer');
  await expect(rows.first()).toContainText('Due');

  // From a known error: the draft is prefilled and the known error points at it.
  await page.getByRole('link', { name: 'New article' }).click();
  const start = page.getByLabel('Start from a known error');
  const ke = (await start.locator('option').nth(1).textContent()).trim();
  await start.selectOption({ label: ke });
  await page.getByRole('button', { name: 'Prefill' }).click();
  const keRef = ke.split(' ')[0];
  await expect(page.getByText(`Started from ${keRef}.`)).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(ke.slice(keRef.length + 1));
  await expect(page.getByLabel('Body (Markdown)')).toHaveValue(/## Workaround/);
  await expect(page.getByLabel(ke)).toBeChecked();
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ke.slice(keRef.length + 1));
  await expect(page.getByRole('definition').filter({ hasText: keRef })).toBeVisible();

  // From a resolved incident.
  await page.goto('/desk/incidents?status=resolved');
  await appReady(page);
  const first = page.locator('table.queue tbody tr').first().getByRole('link').first();
  const incRef = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('link', { name: 'Write a knowledge article from this incident' }).click();
  await expect(page.getByText(`Started from ${incRef}.`)).toBeVisible();
  await expect(page.getByLabel('Body (Markdown)')).toHaveValue(/## Symptoms/);
  await expect(page.getByLabel('Internal (agents only)')).toBeChecked();
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByText(/Article KB-.* created\./)).toBeVisible();
  const kbRef = (await page.locator('.record-head .reference').textContent()).trim();
  await page.goto(`/desk/incidents/${incRef}`);
  await appReady(page);
  await expect(page.getByRole('link', { name: kbRef })).toBeVisible();
});

// OWASP-style vectors: none may run, in the editor's preview, the desk or the portal.
// Markdown vectors come first: an unclosed raw <script> block swallows the rest of the
// document as (escaped) text, which is safe but would keep later links from being parsed.
const VECTORS = [
  '[title](https://example.com "\\" onmouseover=alert(1) x=\\"")',
  '[md link](javascript:alert(2))',
  '[cased](JaVaScRiPt:alert(3))',
  '[encoded](java&#x09;script:alert(4))',
  '[entity](&#106;avascript:alert(5))',
  '![img](javascript:alert(6))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)',
  '[ref][1]\n\n[1]: javascript:alert(7)',
  '<javascript:alert(8)>',
  '<img src=x onerror=alert(9)>',
  '<svg onload=alert(10)>',
  '<iframe src="javascript:alert(11)"></iframe>',
  '<body onload=alert(12)>',
  '<a href="javascript:alert(13)">raw link</a>',
  '<details open ontoggle=alert(14)>',
  '<object data="javascript:alert(15)"></object>',
  '<embed src="javascript:alert(16)">',
  '<input autofocus onfocus=alert(17)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>',
  '<script>alert(19)</script>',
  '<ScRiPt>alert(20)</ScRiPt>',
];

test('Markdown never runs script: preview, desk page and portal page', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await openKnowledge(page);
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title').fill('Hostile markup');
  await page.getByLabel('Body (Markdown)').fill(VECTORS.join('\n\n'));
  await page.getByLabel('Public (shown in the portal)').check();
  const unsafe = 'script, iframe, object, embed, svg, math, style, [onerror], [onload], [onfocus], [ontoggle], [onmouseover], a[href^="javascript" i], a[href^="data" i], img[src^="javascript" i], input:not([type="checkbox"])';
  await expect(page.locator('#kb-preview')).toContainText('<script>alert(19)</script>');
  await expect(page.locator('#kb-preview').locator(unsafe)).toHaveCount(0);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await act(page, 'Submit for review', 'Submitted for review.');
  await act(page, 'Publish', 'Published.');
  const reference = (await page.locator('.record-head .reference').textContent()).trim();
  await expect(page.locator('#kb-rendered')).toContainText('<img src=x onerror=alert(9)>');
  await expect(page.locator('#kb-rendered')).toContainText('md link');
  await expect(page.locator('#kb-rendered').locator(unsafe)).toHaveCount(0);
  await expect(page.locator('#kb-rendered a[href^="https://example.com"]')).toHaveAttribute('rel', /noopener/);

  await page.goto(`/portal/articles/${reference}`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Hostile markup' })).toBeVisible();
  await expect(page.locator('main').locator(unsafe)).toHaveCount(0);
  // Hover and focus everything that could carry a handler, then give timers a moment.
  for (const link of await page.locator('main a').all()) await link.hover();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

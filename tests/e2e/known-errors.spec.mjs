// The known error database and workarounds: searching by error code and symptoms,
// a known error created from a problem and activated (refused without a workaround
// first), its workaround applied on an incident and communicated to every open linked
// incident, never twice.
import { test, expect, appReady } from './support/fixtures.mjs';

const KE_REF = /^KE-[0-9A-Z]{5}-\d{4,}$/;
const INC_REF = /^INC-DEM00-\d{4}$/;

async function search(page, text) {
  await page.getByLabel('Error code or symptoms').fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
}

/** Opens the one incident the queue finds for `words`; returns its reference. */
async function openIncident(page, words) {
  await page.goto(`/desk/incidents?q=${encodeURIComponent(words)}`);
  await appReady(page);
  const link = page.getByRole('link', { name: INC_REF });
  await expect(link).toHaveCount(1);
  const ref = (await link.textContent()).trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${ref}$`));
  return ref;
}

test('search the known error database by error code and by symptoms', async ({ page }) => {
  await page.goto('/desk/known-errors?demo');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Known errors', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Known errors' });
  await expect(table.getByRole('row')).toHaveCount(3);

  // By error code: exact in another case, and partial.
  for (const code of ['session_expired', 'EXPIRED']) {
    await search(page, code);
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Customers logged out when switching language');
  }
  await expect(page).toHaveURL(/[?&]q=EXPIRED/);
  const row = table.getByRole('row', { name: /Customers logged out/ });
  await expect(row).toContainText('SESSION_EXPIRED');
  await expect(row).toContainText('Yes, with Customer portal 5.1');
  await expect(row).toContainText('published');

  // By symptom words, any case and accents; every word must match.
  await search(page, 'signed out BASKET');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Customers logged out when switching language');
  await search(page, 'payslip accénts');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Payslip PDF blank for names with accents');
  await search(page, 'basket printer');
  await expect(page.getByText('No known error matches these filters.')).toBeVisible();

  // The status filter lives in the URL too.
  await search(page, '');
  await page.getByLabel('Status').selectOption('retired');
  await expect(page).toHaveURL(/status=retired/);
  await expect(page.getByText('No known error matches these filters.')).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Status')).toHaveValue('retired');
  await page.getByLabel('Status').selectOption('all');
  await expect(table.getByRole('row')).toHaveCount(3);
});

test('create from a problem, activate, apply on an incident, communicate to all', async ({ page }) => {
  // The demo payslip problem, reached from its known error.
  await page.goto('/desk/known-errors?demo&q=payslip');
  await appReady(page);
  await page.getByRole('link', { name: KE_REF }).click();
  const problemLink = page.getByRole('link', { name: /^PRB-DEM00-\d{4}$/ });
  const problem = (await problemLink.textContent()).trim();
  await problemLink.click();
  await expect(page).toHaveURL(new RegExp(`/desk/problems/${problem}$`));
  await appReady(page);
  // The problem page's own link starts the known error: it must be there.
  const fromProblem = page.getByRole('link', { name: 'Create a known error from this problem', exact: true });
  await expect(fromProblem, 'the problem page links to a new known error').toBeVisible();
  await fromProblem.click();
  await expect(page).toHaveURL(new RegExp(`/desk/known-errors/new\\?from=${problem}$`));
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'New known error', level: 1 })).toBeVisible();
  await expect(page.getByText(`Started from problem ${problem}`)).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Payslip PDF renderer drops non-ASCII names');
  await expect(page.getByLabel('Workaround')).toHaveValue(/Download as HTML/);
  await expect(page.getByLabel('Release introduced')).not.toHaveValue('');

  // A title too short is refused at the field; nothing is saved.
  await page.getByLabel('Title').fill('x');
  await page.getByRole('button', { name: 'Create known error' }).click();
  await expect(page.getByText('Use at least 3 characters.')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Title').fill('Payslip export stops for accented names');
  await page.getByLabel('Symptoms').fill('The payslip export stops with ERR-4012 when a name has accents.');
  await page.getByLabel('Error code').fill('ERR-4012');
  await page.getByLabel('Workaround').fill('');
  await page.getByRole('button', { name: 'Create known error' }).click();
  const heading = page.getByRole('heading', { name: 'Payslip export stops for accented names', level: 1 });
  await expect(heading).toBeVisible();
  const ke = (await page.locator('.record-head .reference').textContent()).trim();
  expect(ke).toMatch(KE_REF);
  const badges = page.locator('.record-head .badges');
  await expect(badges).toContainText('Draft');
  await expect(page.getByRole('link', { name: 'Write an article' })).toBeVisible();

  // Refused without a workaround: activating, and communicating a draft.
  const actions = page.getByRole('group', { name: 'Known error actions' });
  await actions.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot go from Draft to Active' }))
    .toContainText(/workaround/);
  await expect(badges).toContainText('Draft');
  await page.getByRole('button', { name: 'Communicate workaround' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was changed' }))
    .toContainText('only an active known error');

  await actions.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Workaround').fill('Export the payslips in two batches, accented names last.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(`Known error ${ke} saved.`)).toBeVisible();
  await actions.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Known error activated.')).toBeVisible();
  await expect(badges).toContainText('Active');

  // Apply on an open incident, picked by error code.
  const first = await openIncident(page, 'overtime hours');
  await page.getByLabel('Known error', { exact: true }).fill('err-4012');
  await expect(page.getByLabel('Workaround to be posted')).toContainText('two batches');
  await page.getByRole('button', { name: 'Apply workaround' }).click();
  await expect(page.getByText(`Workaround from ${ke} added as a public comment.`)).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  const comment = `Workaround (${ke}): Export the payslips in two batches, accented names last.`;
  await expect(timeline.getByText(comment)).toBeVisible();
  await expect(timeline).toContainText(`Workaround from ${ke}`);
  await expect(timeline).toContainText(`Linked known error ${ke}`);
  // The same workaround is never posted twice.
  await page.getByLabel('Known error', { exact: true }).fill(ke);
  await page.getByRole('button', { name: 'Apply workaround' }).click();
  await expect(page.getByText(/already got this workaround \(already communicated\)/)).toBeVisible();
  await expect(timeline.getByText(comment)).toHaveCount(1);

  // A second open incident only linked to it.
  const second = await openIncident(page, 'bank export');
  await page.getByLabel('Link type').selectOption({ label: 'Known error' });
  await page.getByLabel('Record to link').fill(ke);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByText(`Linked ${ke}.`)).toBeVisible();

  // Communicate from the known error page: one updated, one already had it.
  await page.goto(`/desk/known-errors/${ke}`);
  await appReady(page);
  const linked = page.getByRole('region', { name: 'Linked incidents' });
  await expect(linked.getByRole('link', { name: first })).toBeVisible();
  await expect(linked.getByRole('link', { name: second })).toBeVisible();
  await linked.getByRole('button', { name: 'Communicate workaround' }).click();
  await expect(linked.getByRole('status')).toHaveText(
    `Workaround sent to 1 open incident; ${first} already communicated.`,
  );
  await linked.getByRole('button', { name: 'Communicate workaround' }).click();
  await expect(linked.getByRole('status')).toHaveText(
    'No incident was updated; 2 incidents already communicated.',
  );
  await linked.getByRole('link', { name: second }).click();
  await expect(page.getByRole('list', { name: 'Timeline' }).getByText(comment)).toHaveCount(1);
});

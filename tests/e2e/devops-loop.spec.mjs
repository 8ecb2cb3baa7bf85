// The DevOps loop of the desk, walked as a release manager and agents would: a release
// in testing gets two pre-production incidents → a problem → a known error carried
// forward → the deploy is refused naming the missing article → the article is written
// and published → the deploy goes through → production incidents arrive during early
// life support and one gets the workaround → the exit criteria are unmet, then met →
// accepted into operation → the feedback report is downloaded and read.
import { readFile } from 'node:fs/promises';
import { test, expect, appReady } from './support/fixtures.mjs';

const toast = (page, text) => expect(page.getByRole('status').filter({ hasText: text }).last()).toBeVisible();

async function newIncident(page, { title, environment, release, impact = 'Medium', urgency = 'Medium' }) {
  await page.goto('/desk/incidents/new');
  await appReady(page);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Service').selectOption({ label: 'Payroll' });
  await page.getByLabel('Impact').selectOption({ label: impact });
  await page.getByLabel('Urgency').selectOption({ label: urgency });
  await page.getByLabel('Found in').selectOption({ label: environment });
  if (release) await page.getByLabel('Release').selectOption({ label: release });
  await page.getByLabel('Category').fill('Payslips');
  await page.getByLabel('Reported by').fill('Quality team');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().split('/').pop();
}

async function openRelease(page, ref) {
  await page.goto(`/desk/releases/${ref}`);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll 3.0' })).toBeVisible();
}

test('a release from testing through early life support to acceptance and its feedback report', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/desk/releases?demo');
  await appReady(page);

  // A new release, into testing.
  await page.getByRole('link', { name: 'New release' }).click();
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Name').fill('Payroll');
  await page.getByLabel('Version').fill('3.0');
  await page.getByRole('group', { name: 'Services it changes' }).getByLabel('Payroll').check();
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll 3.0' })).toBeVisible();
  const rel = (await page.locator('.page-head .reference').textContent()).trim();
  expect(rel).toMatch(/^REL-/);
  await page.getByRole('button', { name: 'Start testing' }).click();
  await toast(page, 'Release moved to In testing.');
  // The release practice's policies are at hand where the work happens.
  await page.getByText('Release management policies').click();
  const policies = page.locator('.policy-notes');
  await expect(policies).toContainText('A known error carried forward has a published knowledge article before deployment');
  await expect(policies).toContainText('Guidance');

  // Two incidents found in pre-production against it.
  const pre1 = await newIncident(page, { title: 'Payslip totals off by one cent', environment: 'Test', release: 'Payroll 3.0' });
  const pre2 = await newIncident(page, { title: 'Payslip totals off after the tax update', environment: 'User acceptance testing', release: 'Payroll 3.0' });
  await openRelease(page, rel);
  const preprod = page.getByRole('table', { name: '2 incident(s) found in pre-production' });
  await expect(preprod.getByRole('link', { name: pre1 })).toBeVisible();
  await expect(preprod.getByRole('link', { name: pre2 })).toBeVisible();

  // → a problem made from both.
  await page.goto('/desk/incidents?q=payslip%20totals%20off&sort=reference&dir=asc');
  await appReady(page);
  const rows = page.locator('table.queue tbody tr');
  for (const ref of [pre1, pre2]) await rows.filter({ hasText: ref }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Create problem from selected' }).click();
  await expect(page).toHaveURL(/\/desk\/problems\/PRB-[0-9A-Z]{5}-\d{4,}$/);
  const problem = page.url().split('/').pop();

  // → a known error from the problem, activated.
  await page.getByRole('link', { name: 'Create a known error from this problem' }).click();
  await expect(page.getByLabel('Title')).not.toHaveValue('');
  await page.getByLabel('Symptoms').fill('Payslip totals differ from the ledger by one cent.');
  await page.getByLabel('Workaround').fill('Use the corrected payslip PDF from the Documents tab.');
  await page.getByLabel('Error code').fill('PAY-3017');
  await page.getByRole('button', { name: 'Create known error' }).click();
  await expect(page).toHaveURL(/\/desk\/known-errors\/KE-[0-9A-Z]{5}-\d{4,}$/);
  const ke = page.url().split('/').pop();
  await page.getByRole('group', { name: 'Known error actions' }).getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('.badges').first()).toContainText('Active');

  // → carried forward into production with the release.
  await openRelease(page, rel);
  await expect(page.getByRole('link', { name: problem })).toBeVisible();
  const carry = page.getByLabel('Known error going into production unfixed');
  const option = (await carry.locator('option', { hasText: ke }).textContent()).trim();
  await carry.selectOption({ label: option });
  await page.getByRole('button', { name: 'Carry forward' }).click();
  await toast(page, 'Known error carried forward.');
  // A known error carried by mistake is taken off again.
  await carry.selectOption({ label: (await carry.locator('option', { hasText: 'KE-DEM00-0001' }).textContent()).trim() });
  await page.getByRole('button', { name: 'Carry forward' }).click();
  await expect(page.getByText('1 of 2 carried known error(s) lack a published article: deployment is blocked.')).toBeVisible();
  await page.getByRole('button', { name: 'Stop carrying KE-DEM00-0001 forward' }).click();
  await toast(page, 'No longer carried forward.');
  await expect(page.getByText('1 of 1 carried known error(s) lack a published article: deployment is blocked.')).toBeVisible();

  // The deploy is refused, naming the policy and the known error without an article.
  await page.getByRole('button', { name: 'Mark deployed', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'policy' });
  await expect(refusal).toContainText('policy “A known error carried forward has a published knowledge article before deployment”');
  await expect(refusal).toContainText(`${ke} “`);
  await expect(page.getByRole('region', { name: 'Not ready to deploy' })).toContainText('has no knowledge article');
  await expect(page.locator('.badges').first()).toContainText('In testing');

  // The article is written from the known error, reviewed and published.
  await page.getByRole('link', { name: `Write the article for ${ke}` }).click();
  await expect(page.getByText(`Started from ${ke}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Create draft' }).click();
  const actions = page.getByRole('group', { name: 'Article actions' });
  await actions.getByRole('button', { name: 'Submit for review' }).click();
  await toast(page, 'Submitted for review.');
  await actions.getByRole('button', { name: 'Publish' }).click();
  await toast(page, 'Published.');

  // Now the deploy goes through, and early life support starts.
  await openRelease(page, rel);
  await expect(page.getByText('All 1 carried known error(s) have a published article: ready to deploy.')).toBeVisible();
  await page.getByRole('button', { name: 'Mark deployed', exact: true }).click();
  await toast(page, 'Release moved to Deployed.');
  await page.getByRole('button', { name: 'Start early life support' }).click();
  await toast(page, 'Release moved to Early life support.');
  const els = page.getByRole('region', { name: 'Early life support' });
  await expect(els.locator('.kpi').filter({ hasText: 'Incidents since deployment' })).toContainText('0');

  // Production incidents arrive; one gets the known error's workaround.
  const prodP2 = await newIncident(page, { title: 'Payroll run stuck at 90%', environment: 'Production', impact: 'High', urgency: 'Medium' });
  const prodLow = await newIncident(page, { title: 'My payslip total is one cent off', environment: 'Production', impact: 'Low', urgency: 'Low' });
  await page.getByLabel('Known error', { exact: true }).fill(ke);
  await page.getByRole('button', { name: 'Apply workaround' }).click();
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Use the corrected payslip PDF from the Documents tab.');

  // The exit criteria are not met: an open P2, and too few days in production.
  await openRelease(page, rel);
  await expect(els.locator('.kpi').filter({ hasText: 'Incidents since deployment' })).toContainText('2');
  await expect(els.locator('.kpi').filter({ hasText: 'Open P1/P2' })).toContainText('1');
  await expect(els.getByRole('link', { name: prodP2 })).toBeVisible();
  await expect(els.getByRole('link', { name: ke })).toBeVisible();
  const verdicts = page.getByRole('list', { name: 'Exit criteria' });
  await expect(verdicts.locator('li.unmet').filter({ hasText: 'No open P1 or P2 incident' })).toContainText(prodP2);
  await expect(verdicts.locator('li.unmet').filter({ hasText: 'for the last 3 days' })).toContainText('Only 0 of 3 full days');
  await page.getByRole('button', { name: 'Accept into operation', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'policy' })).toContainText('policy “A release is accepted into operation only when its exit criteria hold”');
  await expect(page.locator('.badges').first()).toContainText('Early life support');

  // The P2 is resolved, and the release manager drops the quiet period, saying why.
  await page.goto(`/desk/incidents/${prodP2}`);
  await appReady(page);
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByLabel('Resolution notes').fill('Restarted the payroll batch worker.');
  await page.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(page.locator('.badges').first()).toContainText('Resolved');
  await openRelease(page, rel);
  await page.getByLabel('Quiet days needed (0 = not checked)').fill('0');
  await page.getByRole('button', { name: 'Save exit criteria' }).click();
  await expect(page.getByText('Say why the exit criteria change during early life support.')).toBeVisible();
  await page.getByLabel('Reason for the change (kept in the history)').fill('Payroll runs monthly: a quiet week says nothing.');
  await page.getByRole('button', { name: 'Save exit criteria' }).click();
  await toast(page, 'Exit criteria saved.');
  await expect(page.getByText('All exit criteria are met: the release can be accepted into operation.')).toBeVisible();
  await expect(verdicts.locator('li.unmet')).toHaveCount(0);

  // Accepted into operation, after saying yes.
  await page.getByRole('button', { name: 'Accept into operation', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, accept into operation' }).click();
  await toast(page, 'Release moved to Accepted.');
  await expect(page.locator('.badges').first()).toContainText('Accepted');

  // The feedback report, read and downloaded.
  await page.getByRole('link', { name: 'Feedback report' }).click();
  const report = page.getByRole('article', { name: 'Feedback report' });
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Feedback report: Payroll 3.0');
  await expect(report).toContainText('Pre-production: 2');
  await expect(report).toContainText('Production: 2');
  await expect(report).toContainText(problem);
  const [mdDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download Markdown' }).click(),
  ]);
  expect(mdDownload.suggestedFilename()).toBe('feedback-payroll-3.0.md');
  const md = await readFile(await mdDownload.path(), 'utf8');
  expect(md).toContain('# Feedback report: Payroll 3.0');
  expect(md).toContain('| Pre-production | Payslips | Payroll | 2 |');
  expect(md).toMatch(new RegExp(`\\*\\*${ke}\\*\\* .*carried forward into production`));
  expect(md).toContain('Workaround: Use the corrected payslip PDF from the Documents tab.');
  expect(md).toContain('## Top symptoms');
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe('feedback-payroll-3.0.csv');
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('Section,Stage,Category,Service,Reference,Title,Status,Root cause,Fix or workaround,Carried forward,Incidents');
  expect(lines).toContain('Incidents,Pre-production,Payslips,Payroll,,,,,,,2');
  expect(lines.some((l) => l.startsWith(`Known error,,,,${ke},`) && l.endsWith(',yes,'))).toBe(true);
  expect(lines.some((l) => l.startsWith(`Problem,,,,${problem},`))).toBe(true);
  expect(prodLow).toMatch(/^INC-/);
});

// Practice roles and policies as a process owner sets them up: the demo roles are
// shown; the owner, a practitioner and the guidance of problem management are changed
// (bad input refused at the field), saved and kept after a reload; enforced policies
// are marked "Enforced"; a refusal on an incident names the policy it enforces; the
// portal never shows the practices.
import { test, expect, appReady } from './support/fixtures.mjs';

const practice = (page, name) => page.getByRole('region', { name, exact: true });
const owner = (section) => section.getByLabel('Process owner (accountable)');

test('practices: roles and guidance are kept, enforced policies are shown and cited', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Practices' }).click();
  await expect(page).toHaveURL(/\/desk\/practices$/);
  await expect(page.getByRole('heading', { name: 'Practices', level: 1 })).toBeVisible();

  // The demo roles of incident management, and its enforced policy.
  const incident = practice(page, 'Incident management');
  await expect(incident.getByRole('heading', { name: 'Incident management', level: 2 })).toBeVisible();
  await expect(owner(incident).locator('option:checked')).toHaveText('Maya Okafor');
  await expect(incident.getByRole('group', { name: 'Managers' }).getByLabel('Tom Becker')).toBeChecked();
  await expect(incident.getByRole('group', { name: 'Managers' }).getByLabel('Lena Fischer')).not.toBeChecked();
  await expect(incident.getByRole('group', { name: 'Practitioners' }).getByLabel('Lena Fischer')).toBeChecked();
  const enforced = incident.getByRole('list', { name: 'Enforced policies' });
  await expect(enforced.getByRole('listitem')).toHaveCount(1);
  await expect(enforced.getByRole('listitem')).toContainText('Enforced');
  await expect(enforced.getByRole('listitem')).toContainText('A resolved incident has a resolution note');
  await expect(incident.getByLabel('Guidance policy 3', { exact: true }))
    .toHaveValue('Major incidents are reviewed within five working days');

  const problem = practice(page, 'Problem management');
  const problemRules = problem.getByRole('list', { name: 'Enforced policies' }).getByRole('listitem');
  await expect(problemRules).toHaveCount(3);
  await expect(problemRules.filter({ hasText: 'Enforced' })).toHaveCount(3);
  await expect(problemRules.filter({ hasText: 'A resolved problem has fix notes' })).toContainText('Checked when a problem is resolved.');
  await expect(practice(page, 'Knowledge management')).toContainText('The desk enforces no policy of this practice yet');
  await expect(practice(page, 'Release management').getByRole('list', { name: 'Enforced policies' }).getByRole('listitem')).toHaveCount(2);

  // Change the owner of problem management, add a practitioner and a guidance policy.
  await expect(owner(problem).locator('option:checked')).toHaveText('Daniel Kim');
  await owner(problem).selectOption({ label: 'Marco Rossi' });
  await problem.getByRole('group', { name: 'Practitioners' }).getByLabel('Sofia Lindqvist').check();
  const guidance = problem.getByRole('list', { name: 'Guidance policies' }).getByRole('listitem');
  const before = await guidance.count();
  expect(before).toBeGreaterThan(1);
  await expect(guidance.first()).toContainText('Guidance');
  await problem.getByRole('button', { name: 'Add guidance policy' }).click();
  const added = problem.getByLabel(`Guidance policy ${before + 1}`, { exact: true });
  await expect(added).toBeFocused();

  // Too short: refused at the field, nothing saved.
  await added.fill('ok');
  await problem.getByRole('button', { name: 'Save' }).click();
  await expect(added).toHaveAttribute('aria-invalid', 'true');
  await expect(added).toHaveAccessibleDescription('Use at least 3 characters.');
  await expect(problem.getByRole('alert')).toContainText('nothing was saved');

  await added.fill('Problem reviews include the service owner');
  const removed = await problem.getByLabel('Guidance policy 1', { exact: true }).inputValue();
  await problem.getByRole('button', { name: 'Remove guidance policy 1' }).click();
  await expect(guidance).toHaveCount(before);
  await problem.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Problem management saved.')).toBeVisible();
  // The new policy moved up one place when the first was removed; its message is gone.
  await expect(problem.getByLabel(`Guidance policy ${before}`, { exact: true })).toHaveAttribute('aria-invalid', 'false');
  await expect(problem.getByRole('alert')).toHaveText('');

  // Kept after a reload.
  await page.reload();
  await appReady(page);
  const again = practice(page, 'Problem management');
  await expect(owner(again).locator('option:checked')).toHaveText('Marco Rossi');
  await expect(again.getByRole('group', { name: 'Practitioners' }).getByLabel('Sofia Lindqvist')).toBeChecked();
  await expect(again.getByRole('list', { name: 'Guidance policies' }).getByRole('listitem')).toHaveCount(before);
  await expect(again.getByLabel(`Guidance policy ${before}`, { exact: true }))
    .toHaveValue('Problem reviews include the service owner');
  await expect(again.getByLabel('Guidance policy 1', { exact: true })).not.toHaveValue(removed);
  await expect(again).toContainText(/Last changed \d{4}-\d\d-\d\d \d\d:\d\d by Desk agent\./);
  // The other practices were not touched.
  await expect(owner(practice(page, 'Incident management')).locator('option:checked')).toHaveText('Maya Okafor');

  // A refusal where the work happens names the policy.
  await page.goto('/desk/incidents/INC-DEM00-0001');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Payslip PDF blank for names with accents' })).toBeVisible();
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = page.getByRole('form', { name: 'Resolve incident' });
  await resolve.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(resolve.getByLabel('Resolution notes')).toHaveAccessibleDescription(
    'An incident cannot go from In progress to Resolved: policy “A resolved incident has a resolution note”');

  // The portal never shows the practices.
  await page.goto('/portal');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'Practices' })).toHaveCount(0);
  await expect(page.getByText('Process owner')).toHaveCount(0);
});

// Desk configuration and problems as an agent uses them: SLA targets with messages at
// the fields (nothing saved on bad input), restoring defaults after a confirmation, the
// priority matrix feeding the new-incident form, escalation procedures per demo service
// (edit, reorder, add a level by keyboard), and the problem page with its incidents.
import { test, expect, appReady } from './support/fixtures.mjs';

async function openSettings(page) {
  await page.goto('/desk/settings?demo');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

const sla = (page) => page.getByRole('region', { name: 'SLA targets' });
const service = (page, name) => page.getByRole('region', { name, exact: true });

test('SLA targets: bad input is explained at the field and not saved; good input is kept', async ({ page }) => {
  await openSettings(page);
  const section = sla(page);
  const response = section.getByLabel('P2 response target', { exact: true });
  const responseUnit = section.getByLabel('P2 response unit');
  const resolution = section.getByLabel('P2 resolution target', { exact: true });
  await expect(response).toHaveValue('30');
  await expect(responseUnit).toHaveValue('minutes');
  await expect(resolution).toHaveValue('8');
  await expect(section.getByLabel('P5: No resolution target (planned)')).toBeChecked();
  await expect(section.getByLabel('P5 resolution target', { exact: true })).toBeDisabled();

  // Response 10 hours but resolution 8 hours: the message sits at the resolution field.
  await response.fill('10');
  await responseUnit.selectOption({ label: 'hours' });
  await section.getByRole('button', { name: 'Save SLA targets' }).click();
  await expect(resolution).toHaveAttribute('aria-invalid', 'true');
  await expect(resolution).toHaveAccessibleDescription(
    'The resolution target cannot be shorter than the response target (10 h).',
  );
  await expect(section.getByRole('alert')).toContainText('nothing was saved');

  // Zero is not a target either.
  await response.fill('0');
  await section.getByRole('button', { name: 'Save SLA targets' }).click();
  await expect(response).toHaveAccessibleDescription('Enter more than 0.');

  await page.reload();
  await appReady(page);
  await expect(response).toHaveValue('30');
  await expect(responseUnit).toHaveValue('minutes');

  await response.fill('45');
  await section.getByRole('button', { name: 'Save SLA targets' }).click();
  await expect(page.getByText('SLA targets saved.')).toBeVisible();
  await expect(response).toHaveAttribute('aria-invalid', 'false');
  await page.reload();
  await appReady(page);
  await expect(response).toHaveValue('45');
  await expect(responseUnit).toHaveValue('minutes');

  // Restoring the defaults asks first; cancelling changes nothing.
  await section.getByRole('button', { name: 'Restore defaults' }).click();
  const confirm = section.getByRole('group', { name: /Restore the default SLA targets/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Yes, restore defaults' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Restore defaults' })).toBeFocused();
  await expect(response).toHaveValue('45');
  await section.getByRole('button', { name: 'Restore defaults' }).click();
  await section.getByRole('button', { name: 'Yes, restore defaults' }).click();
  await expect(page.getByText('Default SLA targets restored.')).toBeVisible();
  await expect(response).toHaveValue('30');
  await page.reload();
  await appReady(page);
  await expect(response).toHaveValue('30');
});

test('a priority matrix change is used by the new-incident form at once', async ({ page }) => {
  await openSettings(page);
  const cell = page.getByLabel('Priority for impact High, urgency Medium');
  await expect(cell).toHaveValue('2');
  await cell.selectOption({ label: 'P1 Critical' });
  await page.getByRole('button', { name: 'Save priority matrix' }).click();
  await expect(page.getByText('Priority matrix saved.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'New incident' }).click();
  await expect(page.getByRole('heading', { name: 'New incident' })).toBeVisible();
  await page.getByLabel('Impact').selectOption({ label: 'High' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await expect(page.locator('output.priority-preview')).toHaveText('P1 Critical: impact High, urgency Medium');
  await page.getByLabel('Impact').selectOption({ label: 'Medium' });
  await expect(page.locator('output.priority-preview')).toHaveText('P3 Moderate: impact Medium, urgency Medium');

  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Priority for impact High, urgency Medium')).toHaveValue('1');
});

test('escalation procedures: every demo service has one; levels are edited, checked, reordered and added', async ({ page }) => {
  await openSettings(page);
  const names = ['Email', 'VPN', 'Payroll', 'Customer portal', 'Printing', 'Laptop & desktop'];
  for (const name of names) {
    const region = service(page, name);
    await expect(region.getByLabel('Level 1 name')).toHaveValue(/^Level 1: /);
    await expect(region.getByLabel('Level 3 contact')).toHaveValue(/Duty manager/);
  }

  const vpn = service(page, 'VPN');
  await expect(vpn.getByLabel('Level 2 group')).toHaveValue(/^group:/);
  await expect(vpn.getByLabel('Level 2 group').locator('option:checked')).toHaveText('Network team');
  const level2 = vpn.getByLabel('Level 2 due after', { exact: true });
  await expect(level2).toHaveValue('30');
  await level2.fill('45');
  await vpn.getByRole('button', { name: 'Save escalation procedure' }).click();
  await expect(page.getByText('Escalation procedure for VPN saved.')).toBeVisible();

  // A level due before the one above it is refused with the procedure's own message.
  await vpn.getByLabel('Level 3 due after', { exact: true }).fill('20');
  await vpn.getByLabel('Unit for level 3').selectOption({ label: 'minutes' });
  await vpn.getByRole('button', { name: 'Save escalation procedure' }).click();
  await expect(vpn.getByRole('listitem')).toHaveText(['Level 3 must be due later than level 2.']);

  await page.reload();
  await appReady(page);
  await expect(level2).toHaveValue('45');
  await expect(vpn.getByLabel('Level 3 due after', { exact: true })).toHaveValue('2');
  await expect(vpn.getByLabel('Unit for level 3')).toHaveValue('hours');

  // Moving level 1 down keeps focus on it; the thresholds no longer increase.
  await vpn.getByRole('button', { name: 'Move down level 1' }).click();
  await expect(vpn.getByLabel('Level 1 name')).toHaveValue(/^Level 2: Network team/);
  await expect(vpn.getByLabel('Level 2 name')).toHaveValue(/^Level 1: /);
  await expect(vpn.getByRole('button', { name: 'Move down level 2' })).toBeFocused();
  await vpn.getByRole('button', { name: 'Save escalation procedure' }).click();
  await expect(vpn.getByRole('listitem')).toHaveText(['Level 2 must be due later than level 1.']);
  await vpn.getByRole('button', { name: 'Move up level 2' }).focus();
  await page.keyboard.press('Enter'); // the keyboard moves it back
  await expect(vpn.getByLabel('Level 1 name')).toHaveValue(/^Level 1: /);

  // Add a level with the keyboard only: focus lands in its name.
  await vpn.getByRole('button', { name: 'Add level' }).focus();
  await page.keyboard.press('Enter');
  const name4 = vpn.getByLabel('Level 4 name');
  await expect(name4).toBeFocused();
  await page.keyboard.type(': IT director');
  await expect(vpn.getByLabel('Level 4 due after', { exact: true })).toHaveValue('3');
  await expect(vpn.getByLabel('Unit for level 4')).toHaveValue('hours');
  await vpn.getByLabel('Level 4 contact').fill('IT director, +44 20 7946 0001');
  await vpn.getByRole('button', { name: 'Save escalation procedure' }).click();
  await expect(page.getByText('Escalation procedure for VPN saved.').first()).toBeVisible();
  await expect(vpn.getByRole('listitem')).toHaveCount(0);

  await page.reload();
  await appReady(page);
  await expect(vpn.getByLabel('Level 4 name')).toHaveValue('Level 4: IT director');
  await expect(vpn.getByLabel('Level 4 contact')).toHaveValue('IT director, +44 20 7946 0001');
  await vpn.getByRole('button', { name: 'Remove level 4' }).click();
  await expect(vpn.getByLabel('Level 4 name')).toHaveCount(0);
});

test('settings saved in another tab meanwhile are not overwritten: the older save is refused', async ({ page, context }) => {
  await openSettings(page);
  const other = await context.newPage();
  await openSettings(other);

  const response = (p) => sla(p).getByLabel('P2 response target', { exact: true });
  await response(page).fill('40');
  await sla(page).getByRole('button', { name: 'Save SLA targets' }).click();
  await expect(page.getByText('SLA targets saved.')).toBeVisible();
  // The same page saves again (its matrix, on the revision its SLA save wrote).
  await page.getByLabel('Priority for impact Low, urgency Low').selectOption({ label: 'P4 Low' });
  await page.getByRole('button', { name: 'Save priority matrix' }).click();
  await expect(page.getByText('Priority matrix saved.')).toBeVisible();

  // The other tab still shows what it opened; its saves are refused, nothing written.
  await response(other).fill('50');
  await sla(other).getByRole('button', { name: 'Save SLA targets' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toBeVisible();
  await other.getByRole('button', { name: 'Save priority matrix' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'changed elsewhere' }).first()).toBeVisible();

  await other.reload();
  await appReady(other);
  await expect(response(other)).toHaveValue('40');
  await expect(other.getByLabel('Priority for impact Low, urgency Low')).toHaveValue('4');
  await other.close();
});

test('a demo problem lists its linked incidents, which link to the incidents', async ({ page }) => {
  await page.goto('/desk/problems/PRB-DEM00-0002?demo');
  await appReady(page);
  await expect(page.getByText('PRB-DEM00-0002')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Session cookie lost when the language changes');
  await expect(page.getByRole('heading', { name: 'Root cause' })).toBeVisible();
  const table = page.getByRole('table', { name: /linked incidents/ });
  const links = table.getByRole('link', { name: /^INC-DEM00-\d{4}$/ });
  await expect(links).toHaveCount(3);
  const first = await links.first().textContent();
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${first}$`));

  await page.goto('/desk/problems/PRB-NOPE0-0001');
  await appReady(page);
  await expect(page.getByRole('alert')).toContainText('Problem PRB-NOPE0-0001 was not found.');
});

test('a problem created from incidents shows them and its suggested fields', async ({ page }) => {
  await page.goto('/desk/incidents?demo&q=printer&sort=reference&dir=asc');
  await appReady(page);
  const rows = page.locator('table.queue tbody tr');
  await expect(rows.first()).toBeVisible();
  const ref = (await rows.nth(0).locator('td.ref').textContent()).trim();
  await rows.nth(0).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Create problem from selected' }).click();
  await expect(page).toHaveURL(/\/desk\/problems\/PRB-[0-9A-Z]{5}-\d{4,}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Investigate: /);
  await expect(page.getByRole('definition').filter({ hasText: /by Desk agent$/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: ref })).toBeVisible();
  const problemRef = page.url().split('/').pop();
  await page.reload();
  await appReady(page);
  await page.getByRole('link', { name: ref }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${ref}$`));
  await expect(page.getByText(`Linked problem ${problemRef}`)).toBeVisible();
});

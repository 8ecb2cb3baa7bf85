// Problem management as a problem manager uses it: create a problem (a too-short title
// is refused at the field), edit it, link an incident from the problem page (one
// linked to another problem is refused), move it through the lifecycle (Resolved
// refused without fix notes), resolve it with its open incident in one step, see the
// incident resolved with its problem link, and find the problem with the list filters.
// An edit saved over a newer revision is refused and keeps what was typed.
import { test, expect, appReady } from './support/fixtures.mjs';

const badges = (page) => page.locator('p.badges');
const actions = (page) => page.getByRole('group', { name: 'Problem actions' });

async function newIncident(page, title) {
  await page.goto('/desk/incidents/new');
  await appReady(page);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  return page.url().split('/').pop();
}

async function newProblem(page, title) {
  await page.goto('/desk/problems');
  await appReady(page);
  await page.getByRole('link', { name: 'New problem' }).click();
  await expect(page.getByRole('heading', { name: 'New problem', level: 1 })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create problem' }).click();
  await expect(page).toHaveURL(/\/desk\/problems\/PRB-[0-9A-Z]{5}-\d{4,}$/);
  return page.url().split('/').pop();
}

test('create, edit, link, investigate, resolve with the linked incident, filter the list', async ({ page }) => {
  await page.goto('/desk/problems?demo');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Problems', level: 1 })).toBeVisible();
  const incident = await newIncident(page, 'Payslip PDF shows boxes instead of accents');

  // A too-short title is refused at the field; nothing is saved.
  await page.goto('/desk/problems');
  await appReady(page);
  await page.getByRole('link', { name: 'New problem' }).click();
  await page.getByLabel('Title').fill('ab');
  await page.getByRole('button', { name: 'Create problem' }).click();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#pf-title-error')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/desk\/problems\/new$/);

  await page.getByLabel('Title').fill('Payslip fonts lose accented characters');
  await page.getByLabel('Description').fill('Several payslips render accented names as boxes.');
  await page.getByLabel('Priority').selectOption({ label: 'P2 High' });
  await page.getByLabel('Service').selectOption({ label: 'Payroll' });
  await page.getByLabel('Found in release').selectOption({ label: 'Payroll 2.4' });
  await page.getByRole('button', { name: 'Create problem' }).click();
  await expect(page).toHaveURL(/\/desk\/problems\/PRB-[0-9A-Z]{5}-\d{4,}$/);
  const reference = page.url().split('/').pop();
  await expect(page.getByText(`Problem ${reference} created.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Payslip fonts lose accented characters', level: 1 })).toBeVisible();
  await expect(badges(page)).toContainText('P2 High');
  await expect(badges(page)).toContainText('New');
  await expect(page.getByRole('link', { name: 'Payroll 2.4' })).toHaveAttribute('href', /\/desk\/releases\/REL-/);

  // Edit: the form starts from the saved values.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit ${reference}` })).toBeVisible();
  await expect(page.getByLabel('Priority')).toHaveValue('P2');
  await expect(page.getByLabel('Service')).toHaveValue(/service:/);
  await page.getByLabel('Root cause').fill('The PDF library falls back to a font without accents.');
  await page.getByRole('button', { name: 'Save problem' }).click();
  await expect(page.getByText(`Problem ${reference} saved.`).last()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Root cause' })).toContainText('falls back to a font');

  // Link the incident from the problem page.
  await page.getByLabel('Incident reference').fill(incident.toLowerCase());
  await page.getByRole('button', { name: 'Link incident' }).click();
  await expect(page.getByText(`Linked ${incident}.`)).toBeVisible();
  const linked = page.getByRole('table', { name: /linked incidents/ });
  await expect(linked.getByRole('link', { name: incident })).toBeVisible();
  // Linking it again is refused at the field.
  await page.getByLabel('Incident reference').fill(incident);
  await page.getByRole('button', { name: 'Link incident' }).click();
  await expect(page.locator('#prb-link-error')).toContainText('already linked');
  await expect(page.getByLabel('Incident reference')).toHaveAttribute('aria-invalid', 'true');

  await actions(page).getByRole('button', { name: 'Start investigation' }).click();
  await expect(page.getByText('Investigation started.')).toBeVisible();
  await expect(badges(page)).toContainText('Under investigation');

  // Resolved without fix notes is refused, and nothing changes.
  await actions(page).getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('form', { name: 'Resolve problem' });
  await expect(resolve.getByLabel(`Resolve ${incident} too`)).toBeChecked();
  await resolve.getByRole('button', { name: 'Resolve problem and 1 incident' }).click();
  await expect(resolve.getByRole('alert')).toContainText('fix notes');
  await expect(badges(page)).toContainText('Under investigation');

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Fix notes').fill('Embedded the full font in the payslip template.');
  await page.getByRole('button', { name: 'Save problem' }).click();
  await expect(page.getByText(`Problem ${reference} saved.`).last()).toBeVisible();

  await actions(page).getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve.getByLabel(`Resolution note for ${incident}`)).toHaveValue(
    `Fixed by problem ${reference}: Embedded the full font in the payslip template.`,
  );
  await page.getByLabel('Reason (optional)').fill('Template fixed in 2.4');
  await resolve.getByRole('button', { name: 'Resolve problem and 1 incident' }).click();
  await expect(page.getByText('Problem resolved with 1 incident.')).toBeVisible();
  await expect(badges(page)).toContainText('Resolved');
  await expect(linked.getByRole('row', { name: new RegExp(incident) })).toContainText('Resolved');
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Template fixed in 2.4');

  // The incident is resolved as fixed, with the note, and links back to the problem.
  await linked.getByRole('link', { name: incident }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${incident}$`));
  await expect(page.locator('p.badges')).toContainText('Resolved');
  await expect(page.getByText('Embedded the full font in the payslip template.').first()).toBeVisible();
  await expect(page.getByRole('link', { name: reference }).first()).toBeVisible();

  // The list: open problems by default (this one is resolved), then by status and text.
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Problems' }).click();
  await expect(page.getByLabel('Status')).toHaveValue('');
  await expect(page.getByRole('link', { name: 'PRB-DEM00-0001' })).toBeVisible();
  await expect(page.getByRole('link', { name: reference })).toHaveCount(0);
  await page.getByLabel('Status').selectOption({ label: 'Resolved' });
  await expect(page).toHaveURL(/status=resolved/);
  const row = page.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('Payslip fonts lose accented characters');
  await expect(row).toContainText('Payroll 2.4');
  await expect(row).toContainText('P2 High');
  await expect(row.getByRole('cell', { name: '1', exact: true })).toBeVisible();
  await page.getByLabel('Search problems').fill('accented');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=accented/);
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Status')).toHaveValue('resolved');
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.getByLabel('Search problems').fill('no such words');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No problem matches these filters.')).toBeVisible();
});

test('an incident of another problem is refused; a stale edit keeps what was typed', async ({ page }) => {
  await page.goto('/desk/problems/PRB-DEM00-0002?demo');
  await appReady(page);
  const taken = await page
    .getByRole('table', { name: /linked incidents/ })
    .getByRole('link', { name: /^INC-/ })
    .first()
    .textContent();
  const reference = await newProblem(page, 'Language switch logs customers out');
  await page.getByLabel('Incident reference').fill(taken);
  await page.getByRole('button', { name: 'Link incident' }).click();
  await expect(page.locator('#prb-link-error')).toContainText('already linked to problem PRB-DEM00-0002');
  await expect(page.getByRole('table', { name: /linked incidents/ })).toHaveCount(0);

  // The edit form is opened here; another tab moves the problem meanwhile.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit ${reference}` })).toBeVisible();
  const other = await page.context().newPage();
  await other.goto(`/desk/problems/${reference}`);
  await appReady(other);
  await other.getByRole('group', { name: 'Problem actions' }).getByRole('button', { name: 'Start investigation' }).click();
  await expect(other.locator('p.badges')).toContainText('Under investigation');
  await other.close();

  await page.getByLabel('Workaround').fill('Stay on one language until the fix ships.');
  await page.getByRole('button', { name: 'Save problem' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toBeVisible();
  await expect(page.getByLabel('Workaround')).toHaveValue('Stay on one language until the fix ships.');
  await expect(page).toHaveURL(new RegExp(`/desk/problems/${reference}/edit$`));
});

test('the problem list says what to do when there are no problems', async ({ page }) => {
  await page.goto('/desk/problems');
  await appReady(page);
  await expect(page.getByText('No problems are recorded yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'incident queue' })).toBeVisible();
});

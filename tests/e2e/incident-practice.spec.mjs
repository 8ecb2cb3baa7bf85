// The incident page as an agent's workbench, walked the way an agent works: triage a
// new incident (assign, work note, public comment), re-rate it on edit (a work note is
// required), hold and resume, escalate both ways, declare a major incident, link a
// problem and a known error, try to resolve without notes (refused), resolve, close;
// the SLA and escalation-procedure panels say where the incident stands.
import { test, expect, appReady } from './support/fixtures.mjs';

/** The timeline list of the incident page. */
const timeline = (page) => page.getByRole('list', { name: 'Timeline' });
/** The status badge line under the title. */
const statusBadge = (page, label) => page.locator('.badges').getByText(label, { exact: true });

test('an agent works an incident from triage to closure', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'INC-DEM00-0001' })).toBeVisible();
  await page.getByLabel('You are').selectOption({ label: 'Maya Okafor' });

  // Log a new incident from the desk.
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'New incident' }).click();
  await page.getByLabel('Title').fill('Wi-Fi drops in the east wing');
  await page.getByLabel('Service').selectOption({ label: 'VPN' });
  await page.getByLabel('Impact').selectOption({ label: 'Medium' });
  await page.getByLabel('Urgency').selectOption({ label: 'Medium' });
  await page.getByLabel('Reported by').fill('Alex Morgan');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  const reference = page.url().split('/').pop();
  await expect(page.getByRole('heading', { level: 1, name: 'Wi-Fi drops in the east wing' })).toBeVisible();
  await expect(statusBadge(page, 'New')).toBeVisible();

  // The SLA panel shows both clocks running; the VPN procedure starts at level 1.
  const sla = page.getByRole('region', { name: 'Service level' });
  await expect(sla.getByRole('definition').filter({ hasText: 'On track' })).toHaveCount(2);
  await expect(sla).toContainText(/due \d\d:\d\d|due \d{4}-/);
  await expect(sla).toContainText(/left/);
  const procedure = page.getByRole('region', { name: 'Escalation procedure' });
  const current = procedure.locator('[aria-current="step"]');
  await expect(current).toContainText('Level 1: Service desk');
  await expect(procedure).toContainText(/Next: Level 2: Network team, due (\d{4}-\d\d-\d\d )?\d\d:\d\d \(in \d+ min\)/);

  // Triage: assign a group, then one of its members.
  const assignee = page.getByLabel('Assignee', { exact: true });
  await page.getByLabel('Assignment group').selectOption({ label: 'Service desk' });
  await expect(assignee.locator('option')).toHaveText(['— unassigned —', 'Lena Fischer', 'Maya Okafor', 'Tom Becker']);
  await assignee.selectOption({ label: 'Tom Becker' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assignment saved.' })).toBeVisible();
  const assigned = timeline(page).getByRole('listitem').filter({ hasText: 'Assigned to Tom Becker (Service desk)' });
  await expect(assigned).toContainText('Maya Okafor');
  await expect(page.getByRole('definition').filter({ hasText: 'Tom Becker · Service desk' })).toBeVisible();
  // Assignment is the first response: the response clock is met.
  await expect(sla.getByRole('definition').first()).toContainText('Met');

  // A work note and a public comment, clearly marked apart.
  await page.getByLabel('Note', { exact: true }).fill('Asked the caller for the access point name.');
  await page.getByLabel('Work note (internal)').check();
  await page.getByRole('button', { name: 'Add work note' }).click();
  const note = timeline(page).getByRole('listitem').filter({ hasText: 'Asked the caller for the access point name.' });
  await expect(note).toContainText('Work note (internal)');
  await expect(note).toContainText('Maya Okafor');
  await page.getByLabel('Note', { exact: true }).fill('We are looking into it and will call you back.');
  await page.getByLabel('Public comment (visible to the reporter)').check();
  await page.getByRole('button', { name: 'Add public comment' }).click();
  const comment = timeline(page).getByRole('listitem').filter({ hasText: 'We are looking into it' });
  await expect(comment).toContainText('Public comment');
  await expect(comment).not.toContainText('internal');
  // After a note the choice goes back to internal (nothing goes public by accident),
  // and an empty note is refused at the field.
  await expect(page.getByLabel('Work note (internal)')).toBeChecked();
  await page.getByRole('button', { name: 'Add work note' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#note-text-error')).toHaveText('This field is required.');

  // Re-rating on edit needs a work note: refused at the field first, then saved.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${reference}` })).toBeVisible();
  await page.getByLabel('Impact').selectOption({ label: 'High' });
  await expect(page.getByText('Required: impact or urgency changed.')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('Work note')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#inc-work-note-error')).toHaveText('Impact or urgency changed: add a work note saying why.');
  await expect(page).toHaveURL(/\/edit$/);
  await page.getByLabel('Work note').fill('The whole east wing is affected, not one desk.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  await expect(timeline(page)).toContainText('Impact: Medium → High');
  await expect(timeline(page)).toContainText('Priority: P3 Moderate → P2 High');
  await expect(timeline(page).getByRole('listitem').filter({ hasText: 'The whole east wing is affected' })).toContainText('Work note (internal)');

  // Start work, put on hold with a reason, and resume.
  await page.getByRole('button', { name: 'Start work' }).click();
  await expect(statusBadge(page, 'In progress')).toBeVisible();
  await page.getByRole('button', { name: 'Put on hold' }).click();
  const hold = page.getByRole('form', { name: 'Put on hold' });
  await hold.getByRole('button', { name: 'Hold incident' }).click();
  await expect(hold.getByLabel('Hold reason')).toHaveAttribute('aria-invalid', 'true');
  await hold.getByLabel('Hold reason').selectOption({ label: 'Awaiting vendor' });
  await hold.getByRole('button', { name: 'Hold incident' }).click();
  await expect(statusBadge(page, 'On hold')).toBeVisible();
  await expect(statusBadge(page, 'Awaiting vendor')).toBeVisible();
  await expect(timeline(page)).toContainText('Status In progress → On hold (Awaiting vendor)');
  await expect(sla.getByRole('definition').nth(1)).toContainText('Paused');
  await expect(page.getByRole('button', { name: 'Start work' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume work' }).click();
  await expect(statusBadge(page, 'In progress')).toBeVisible();
  await expect(sla.getByRole('definition').nth(1)).toContainText('On track');

  // Functional escalation: the group changes, the procedure moves to level 2, and the
  // timeline says why.
  await page.getByRole('button', { name: 'Functional escalation' }).click();
  const functional = page.getByRole('form', { name: 'Functional escalation' });
  await functional.getByRole('button', { name: 'Escalate to group' }).click();
  await expect(functional.getByLabel('Reason for escalation')).toHaveAttribute('aria-invalid', 'true');
  await functional.getByLabel('Escalate to group').selectOption({ label: 'Network team' });
  await functional.getByLabel('Reason for escalation').fill('Access points are managed by the network team.');
  await functional.getByRole('button', { name: 'Escalate to group' }).click();
  const escalated = timeline(page).getByRole('listitem').filter({ hasText: 'Functional escalation to Network team' });
  await expect(escalated).toContainText('Access points are managed by the network team.');
  await expect(escalated).toContainText('Maya Okafor');
  await expect(page.getByRole('definition').filter({ hasText: 'Network team (no assignee)' })).toBeVisible();
  await expect(current).toContainText('Level 2: Network team');
  await expect(procedure).toContainText(/Next: Level 3: VPN duty manager/);

  // Hierarchical escalation: a manager, named in the timeline; the group stays.
  await page.getByRole('button', { name: 'Hierarchical escalation' }).click();
  const hierarchical = page.getByRole('form', { name: 'Hierarchical escalation' });
  await hierarchical.getByRole('button', { name: 'Escalate to manager' }).click();
  await expect(hierarchical.getByLabel('Manager')).toHaveAttribute('aria-invalid', 'true');
  await hierarchical.getByLabel('Manager').selectOption({ label: 'Grace Adeyemi' });
  await hierarchical.getByLabel('Reason for escalation').fill('Customer-facing offices affected for two hours.');
  await hierarchical.getByRole('button', { name: 'Escalate to manager' }).click();
  await expect(timeline(page).getByRole('listitem').filter({ hasText: 'Hierarchical escalation to Grace Adeyemi' }))
    .toContainText('Customer-facing offices affected for two hours.');
  await expect(page.getByRole('definition').filter({ hasText: 'Network team (no assignee)' })).toBeVisible();

  // Declare a major incident: a banner says who declared it.
  await page.getByRole('button', { name: 'Declare major incident' }).click();
  const banner = page.getByRole('region', { name: 'Major incident' });
  await expect(banner).toContainText('Declared by Maya Okafor');
  await expect(page.getByRole('button', { name: 'Declare major incident' })).toHaveCount(0);
  await expect(timeline(page)).toContainText('Declared a major incident');

  // Link a problem and a known error from the demo data with the picker.
  const links = page.getByRole('region', { name: 'Linked records' });
  await links.getByLabel('Link type').selectOption({ label: 'Problem' });
  await links.getByLabel('Record to link').fill('Session cookie');
  await links.getByRole('button', { name: 'Link', exact: true }).click();
  const problemLink = links.getByRole('link', { name: /^PRB-DEM00-\d{4}$/ });
  await expect(problemLink).toBeVisible();
  await expect(links.getByRole('listitem').filter({ hasText: 'Session cookie lost when the language changes' })).toBeVisible();
  const problemRef = (await problemLink.textContent()).trim();
  await expect(problemLink).toHaveAttribute('href', `/desk/problems/${problemRef}`);
  await expect(timeline(page)).toContainText(`Linked problem ${problemRef} · Session cookie lost when the language changes`);
  await links.getByLabel('Link type').selectOption({ label: 'Known error' });
  await links.getByLabel('Record to link').fill('nothing like this');
  await links.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.locator('#link-target-error')).toContainText('Nothing matches');
  await links.getByLabel('Record to link').fill('logged out when switching');
  await links.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(links.getByRole('listitem').filter({ hasText: 'Customers logged out when switching language' })).toContainText(/KE-DEM00-\d{4}/);
  await expect(timeline(page)).toContainText(/Linked known error KE-DEM00-\d{4} · Customers logged out when switching language/);

  // Resolving without notes is refused at the field, and nothing is saved.
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = page.getByRole('form', { name: 'Resolve incident' });
  await resolve.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(resolve.getByLabel('Resolution notes')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#resolution-notes-error')).toHaveText(
    'An incident cannot go from In progress to Resolved: policy “A resolved incident has a resolution note”');
  await page.reload();
  await appReady(page);
  await expect(statusBadge(page, 'In progress')).toBeVisible();

  // Resolve with a code and notes; then close.
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await resolve.getByLabel('Resolution code').selectOption({ label: 'Workaround applied' });
  await resolve.getByLabel('Resolution notes').fill('Moved the east wing to the backup access points.');
  await resolve.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(statusBadge(page, 'Resolved')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Moved the east wing to the backup access points.' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Workaround applied' })).toBeVisible();
  await expect(sla.getByRole('definition').nth(1)).toContainText('Met');
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await page.getByRole('button', { name: 'Close incident' }).click();
  await page.getByRole('button', { name: 'Yes, close the incident' }).click();
  await expect(statusBadge(page, 'Closed')).toBeVisible();
  await expect(page.getByText('This incident is closed: no further status changes.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Status actions' }).getByRole('button')).toHaveCount(0);

  // Everything survives a reload, with names in the timeline.
  await page.reload();
  await appReady(page);
  await expect(statusBadge(page, 'Closed')).toBeVisible();
  await expect(timeline(page)).toContainText('Status Resolved → Closed');
  await expect(timeline(page)).toContainText('Assigned to Tom Becker (Service desk)');
  await expect(page.getByRole('region', { name: 'Major incident' })).toBeVisible();
});

test('a resolved incident is reopened with a reason and a cancelled one says why', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'INC-DEM00-0010' })).toBeVisible();
  // INC-DEM00-0010 is a resolved demo incident ("Session expired message …").
  await page.goto('/desk/incidents/INC-DEM00-0010');
  await appReady(page);
  await expect(statusBadge(page, 'Resolved')).toBeVisible();
  await page.getByRole('button', { name: 'Reopen' }).click();
  const reopen = page.getByRole('form', { name: 'Reopen incident' });
  await reopen.getByRole('button', { name: 'Reopen incident' }).click();
  await expect(page.locator('#status-reason-error')).toContainText('say why it is reopened');
  await reopen.getByLabel('Reason for reopening').fill('The caller says it happened again.');
  await reopen.getByRole('button', { name: 'Reopen incident' }).click();
  await expect(statusBadge(page, 'In progress')).toBeVisible();
  await expect(timeline(page)).toContainText('Status Resolved → In progress (The caller says it happened again.)');

  await page.getByRole('button', { name: 'Cancel incident' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel incident' });
  await cancel.getByLabel('Cancellation reason').fill('Duplicate of an earlier report.');
  await cancel.getByRole('button', { name: 'Confirm cancellation' }).click();
  await expect(statusBadge(page, 'Cancelled')).toBeVisible();
  await expect(timeline(page)).toContainText('Status In progress → Cancelled (Duplicate of an earlier report.)');
});

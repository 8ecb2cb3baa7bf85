// Never lose work to a slip, never face a blank page, always know whether it worked:
// destructive actions ask first (Cancel and Escape change nothing, "Yes" does it and a
// toast says so), a form with unsaved changes asks before it is left, and an empty desk
// and portal say what to do next with links that lead there.
import { test, expect, appReady } from './support/fixtures.mjs';
import { dumpDb, expectDbUnchanged } from './support/idb-dump.mjs';

/** The status badge line under a record's title. */
const statusBadge = (page, label) => page.locator('.badges').getByText(label, { exact: true });
/** The confirmation step on the page. */
const confirmStep = (page) => page.locator('.confirm');

/** Loads the demo scenario and opens the first incident with `status` in the queue. */
async function openFirstWithStatus(page, status) {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'INC-DEM00-0001' })).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: status });
  await expect(page).toHaveURL(new RegExp(`status=${status.toLowerCase()}`));
  const first = page.locator('table tbody tr').first();
  await expect(first).toContainText(status);
  const link = first.getByRole('link', { name: /^INC-/ });
  const reference = (await link.textContent()).trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  return reference;
}

test('closing an incident asks first: Cancel and Escape change nothing, Yes closes it', async ({ page }) => {
  test.setTimeout(90_000);
  const reference = await openFirstWithStatus(page, 'Resolved');
  const close = page.getByRole('button', { name: 'Close incident' });
  await expect(statusBadge(page, 'Resolved')).toBeVisible();
  const before = await dumpDb(page);

  // Cancel: the question goes away, focus returns to the button, nothing is written.
  await close.click();
  const question = page.getByText('Close this incident? A closed incident cannot be reopened or changed again.');
  await expect(question).toBeVisible();
  const yes = page.getByRole('button', { name: 'Yes, close the incident' });
  await expect(yes).toBeFocused();
  await confirmStep(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await expect(close).toBeFocused();
  await expect(statusBadge(page, 'Resolved')).toBeVisible();
  await expectDbUnchanged(page, before, 'after Cancel');

  // Escape does the same from the keyboard.
  await close.click();
  await expect(yes).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expectDbUnchanged(page, before, 'after Escape');

  // Yes closes it, and a toast says so; it survives a reload.
  await close.click();
  await yes.click();
  await expect(page.getByRole('status').filter({ hasText: 'Incident closed.' })).toBeVisible();
  await expect(statusBadge(page, 'Closed')).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(statusBadge(page, 'Closed')).toBeVisible();
  expect(page.url()).toContain(reference);
});

test('a bulk status change says how many incidents it moves and waits for a yes', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'INC-DEM00-0001' })).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'New' });
  await expect(page).toHaveURL(/status=new/);
  const rows = page.locator('table tbody tr');
  await expect(rows.first()).toContainText('New');
  const refs = [];
  for (const k of [0, 1]) {
    const row = rows.nth(k);
    refs.push((await row.getByRole('link', { name: /^INC-/ }).textContent()).trim());
    await row.getByRole('checkbox').check();
  }
  await page.getByLabel('Change status to').selectOption({ label: 'In progress' });
  const before = await dumpDb(page);

  await page.getByRole('button', { name: 'Apply status' }).click();
  const question = page.getByText('Move 2 selected incidents to in progress?');
  await expect(question).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, change the status' })).toBeFocused();
  await confirmStep(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await expectDbUnchanged(page, before, 'after Cancel');

  await page.getByRole('button', { name: 'Apply status' }).click();
  await page.getByRole('button', { name: 'Yes, change the status' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 incidents updated.' })).toBeVisible();
  for (const ref of refs) {
    await page.goto(`/desk/incidents/${ref}`);
    await appReady(page);
    await expect(statusBadge(page, 'In progress')).toBeVisible();
  }
});

test('leaving a form with unsaved changes asks first; an untouched form just leaves', async ({ page }) => {
  await page.goto('/desk/problems/new');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'New problem' })).toBeVisible();

  // Nothing typed: Cancel leaves at once.
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/desk\/problems$/);

  await page.goto('/desk/problems/new');
  await appReady(page);
  const before = await dumpDb(page);
  await page.getByLabel('Title').fill('Badge readers reject valid cards after midnight');
  await page.getByRole('link', { name: 'Cancel' }).click();
  const question = page.getByText('Discard your unsaved changes?');
  await expect(question).toBeVisible();
  await expect(page).toHaveURL(/\/desk\/problems\/new$/);

  // Cancel keeps the form and what was typed.
  await confirmStep(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByLabel('Title')).toHaveValue('Badge readers reject valid cards after midnight');
  await expect(page.getByRole('link', { name: 'Cancel' })).toBeFocused();

  // Yes discards: back on the list, and nothing was written.
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Yes, discard my changes' }).click();
  await expect(page).toHaveURL(/\/desk\/problems$/);
  await expect(page.getByText('No problems are recorded yet.')).toBeVisible();
  await expectDbUnchanged(page, before, 'after discarding the form');
});

test('an empty desk and portal say what to do next, and their links lead there', async ({ page }) => {
  test.setTimeout(90_000);
  const main = (p) => p.getByRole('main');
  const steps = [
    ['/desk/incidents', 'No incidents yet.', 'Log an incident', 'New incident'],
    ['/desk/known-errors', 'No known errors are recorded yet.', 'Record a known error', 'New known error'],
    ['/desk/articles', 'No knowledge articles yet.', 'Write the first article', 'New knowledge article'],
    ['/desk/releases', 'No releases yet.', 'Create a release', 'New release'],
  ];
  for (const [url, text, link, heading] of steps) {
    await page.goto(url);
    await appReady(page);
    await expect(main(page).getByText(text)).toBeVisible();
    await main(page).locator('.empty-state').getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }

  await page.goto('/desk/problems');
  await appReady(page);
  await expect(page.getByText('No problems are recorded yet.')).toBeVisible();
  await main(page).locator('.empty-state').getByRole('link', { name: 'incident queue' }).click();
  await expect(page).toHaveURL(/\/desk\/incidents$/);

  await page.goto('/desk/conflicts');
  await appReady(page);
  await expect(page.getByText('No conflicts: every record has one version.')).toBeVisible();

  // The portal: no articles yet, and nothing reported by this person.
  await page.goto('/portal');
  await appReady(page);
  await expect(page.getByText('No help articles have been published yet.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My requests' }).click();
  await page.getByLabel('Your name').fill('Robin Park');
  await page.getByLabel('Your email').fill('robin.park@example.com');
  await page.getByRole('button', { name: 'Show my requests' }).click();
  await expect(page.getByText('You have not reported anything yet.')).toBeVisible();
  await main(page).getByRole('link', { name: 'Report a problem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();

  // The empty queue's demo offer fills the desk, and a toast says how much.
  await page.goto('/desk/incidents');
  await appReady(page);
  await main(page).getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Demo data loaded: \d+ records/ })).toBeVisible();
  await expect(page.getByText('No incidents yet.')).toHaveCount(0);
  await expect(page.getByText(/Showing \d+–\d+ of \d+ incidents/)).toBeVisible();
});

test('retiring a published article asks first; the portal keeps it until the yes', async ({ page }) => {
  test.setTimeout(90_000);
  const title = 'Connect to the VPN from home or a hotel';
  await page.goto('/desk/articles?demo');
  await appReady(page);
  await page.getByRole('row', { name: title }).getByRole('link', { name: /^KB-/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const retire = page.getByRole('group', { name: 'Article actions' }).getByRole('button', { name: 'Retire' });
  const before = await dumpDb(page);

  await retire.click();
  const question = page.getByText(/^Retire KB-[0-9A-Z]{5}-\d+\? It leaves the portal/);
  await expect(question).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, retire the article' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(retire).toBeFocused();
  await expectDbUnchanged(page, before, 'after Escape');
  await page.goto('/portal');
  await appReady(page);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  await page.goBack();
  await appReady(page);
  await retire.click();
  await page.getByRole('button', { name: 'Yes, retire the article' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Retired.' })).toBeVisible();
  await page.goto('/portal');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Help articles' })).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
});

// The incident queue as agents use it: filters and sort in the URL (bookmarkable,
// survive a reload), saved views, counts per status, keyboard-only triage with a bulk
// assignment, and bulk status changes that only offer legal moves.
import { test, expect, appReady } from './support/fixtures.mjs';

const rows = (page) => page.locator('table.queue tbody tr');

async function openDemoQueue(page, query = '') {
  await page.goto(`/desk/incidents?demo${query ? '&' + query : ''}`);
  await appReady(page);
  await expect(rows(page).first()).toBeVisible();
}

test('filters and sort live in the URL and survive a reload', async ({ page }) => {
  await openDemoQueue(page);
  const tabs = page.getByRole('navigation', { name: 'Incidents by status' });
  await expect(tabs.getByRole('link', { name: /^All/ })).toContainText('32');
  await expect(tabs.getByRole('link', { name: /^Open/ })).toContainText('16');

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Open (new, in progress, on hold)' });
  await expect(page).toHaveURL(/open=true/);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 1–16 of 16 incidents');
  await page.getByLabel('Found in').selectOption({ label: 'Any pre-production stage' });
  await expect(page).toHaveURL(/preprod=true/);
  await expect(rows(page)).toHaveCount(3);
  for (const row of await rows(page).all()) {
    await expect(row.locator('.badge.pre-production')).toBeVisible();
  }

  // Sort by priority: P1 first, and the header says so.
  await page.getByRole('button', { name: 'Priority', exact: true }).click();
  await expect(page).toHaveURL(/sort=priority&dir=asc/);
  const header = page.getByRole('columnheader', { name: 'Priority' });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).first()).toContainText('P2 High');
  const order = await rows(page).locator('td.ref').allTextContents();
  expect(order).toEqual(['INC-DEM00-0002', 'INC-DEM00-0003', 'INC-DEM00-0001']);

  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('open');
  await expect(page.getByLabel('Found in')).toHaveValue('preprod');
  await expect(rows(page)).toHaveCount(3);
  await expect.poll(() => rows(page).locator('td.ref').allTextContents()).toEqual(order);
  await page.getByRole('button', { name: 'Priority', exact: true }).click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  // Equal priorities keep reference order in both directions.
  const priorities = () => rows(page).locator('td .badge[class*="badge-p"]').allTextContents();
  await expect.poll(priorities).toEqual(['P3 Moderate', 'P2 High', 'P2 High']);

  // Free text narrows further; a shared link with the text opens the same view.
  await page.getByLabel('Search').fill('bank export');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Bank export times out above 500 employees');
  const shared = page.url();
  expect(shared).toContain('q=bank');
  await page.goto('/desk/incidents');
  await expect(rows(page)).toHaveCount(32);
  await page.goto(shared);
  await expect(rows(page)).toHaveCount(1);

  // Saved views are one click; the active one is marked.
  await page.getByRole('link', { name: 'Pre-production incidents' }).click();
  await expect(page.getByRole('link', { name: 'Pre-production incidents' })).toHaveAttribute('aria-current', 'page');
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('link', { name: 'Breaching soon' }).click();
  await expect(page).toHaveURL(/sla=at_risk,breached/);
  await expect(rows(page).first()).toBeVisible();
  const badges = await rows(page).locator('.badge.sla').allTextContents();
  expect(badges.length).toBeGreaterThan(0);
  for (const badge of badges) expect(['At risk', 'Breached']).toContain(badge);
  // A filter matching nothing says so and offers the way back.
  await page.goto('/desk/incidents?q=no-such-incident-anywhere');
  await expect(page.getByText('No incident matches these filters.')).toBeVisible();
});

async function tabTo(page, id) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`#${id} never received focus`);
}

async function chooseByKeyboard(page, id, label) {
  await tabTo(page, id);
  for (let i = 0; i < 20; i++) {
    const text = await page.evaluate((sel) => {
      const el = document.getElementById(sel);
      return el.options[el.selectedIndex]?.text;
    }, id);
    if (text === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option ${label} not reached in #${id}`);
}

test('keyboard-only triage of three new incidents with a bulk assignment', async ({ page }) => {
  await openDemoQueue(page, 'status=new&sort=reference&dir=asc');
  await expect(rows(page)).toHaveCount(5);
  const refs = await rows(page).locator('td.ref').allTextContents();

  // j moves and focuses, x selects.
  await page.locator('body').press('j');
  await expect(page.getByRole('link', { name: refs[0] })).toBeFocused();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('k');
  await expect(page.getByRole('link', { name: refs[1] })).toBeFocused();
  await expect(page.getByRole('heading', { name: '3 selected' })).toBeVisible();

  await chooseByKeyboard(page, 'bulk-group', 'Network team');
  await chooseByKeyboard(page, 'bulk-assignee', 'Arjun Mehta');
  await tabTo(page, 'bulk-assign');
  await page.keyboard.press('Enter');
  await expect(page.getByText('3 incidents assigned.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /selected$/ })).toHaveCount(0);
  for (const ref of refs.slice(0, 3)) {
    const row = rows(page).filter({ hasText: ref });
    await expect(row).toContainText('Network team');
    await expect(row).toContainText('Arjun Mehta');
  }
  await expect(rows(page).filter({ hasText: refs[3] })).not.toContainText('Arjun Mehta');

  // The cursor kept its place through the redraw; k twice goes back to the top, and
  // Enter opens the incident under the cursor. Its timeline has the assignment.
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(page.getByRole('link', { name: refs[0] })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${refs[0]}$`));
  await expect(page.locator('.timeline')).toContainText('Arjun Mehta');
  await page.goBack();
  await expect(rows(page)).toHaveCount(5);

  // The other shortcuts: ? explains, Esc closes, / searches, c creates.
  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.locator('body').press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.locator('body').press('c');
  await expect(page).toHaveURL(/\/desk\/incidents\/new$/);
});

test('bulk status changes offer only legal moves and change all or nothing', async ({ page }) => {
  await openDemoQueue(page, 'sort=reference&dir=asc');
  const pick = async (status, n) => {
    const refs = [];
    const matching = rows(page).filter({ has: page.locator(`.badge.status`, { hasText: new RegExp(`^${status}$`) }) });
    for (let i = 0; i < n; i++) {
      const row = matching.nth(i);
      refs.push(await row.locator('td.ref').textContent());
      await row.getByRole('checkbox').check();
    }
    return refs;
  };
  // A closed incident cannot move anywhere, so nothing is offered for all.
  await pick('Closed', 1);
  await pick('New', 1);
  await expect(page.getByLabel('Change status to').locator('option').first()).toHaveText('No move is allowed for all');
  await expect(page.getByLabel('Change status to').locator('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear selection' }).click();

  const chosen = await pick('In progress', 2);
  const status = page.getByLabel('Change status to');
  await expect(status.locator('option', { hasText: 'Closed' })).toHaveCount(0);
  await status.selectOption({ label: 'Resolved' });
  await expect(page.getByLabel('Resolution notes')).toBeVisible();
  await page.getByRole('button', { name: 'Apply status' }).click();
  await expect(page.getByText('Move 2 selected incidents to resolved?')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, change the status' }).click();
  await expect(page.getByText(/Nothing was changed: .*resolution note/)).toBeVisible();
  for (const ref of chosen) {
    await expect(rows(page).filter({ hasText: ref })).toContainText('In progress');
  }
  await page.getByLabel('Resolution notes').fill('Restarted the print spooler on both queues.');
  await page.getByRole('button', { name: 'Apply status' }).click();
  await page.getByRole('button', { name: 'Yes, change the status' }).click();
  await expect(page.getByText('2 incidents updated.')).toBeVisible();
  for (const ref of chosen) {
    await expect(rows(page).filter({ hasText: ref })).toContainText('Resolved');
  }
  await page.reload();
  await appReady(page);
  for (const ref of chosen) {
    await expect(rows(page).filter({ hasText: ref })).toContainText('Resolved');
  }
});

test('a problem is created from selected incidents', async ({ page }) => {
  await openDemoQueue(page, 'q=vpn&sort=reference&dir=asc');
  const two = rows(page);
  const refs = [await two.nth(0).locator('td.ref').textContent(), await two.nth(1).locator('td.ref').textContent()];
  await two.nth(0).getByRole('checkbox').check();
  await two.nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Create problem from selected' }).click();
  await expect(page).toHaveURL(/\/desk\/problems\/PRB-[0-9A-Z]{5}-\d{4,}$/);
  for (const ref of refs) {
    await expect(page.getByRole('link', { name: ref })).toBeVisible();
  }
});

test('"assigned to me" follows who you say you are, on this device', async ({ page }) => {
  await openDemoQueue(page);
  const mine = page.getByLabel('Assignee').locator('option', { hasText: 'Assigned to me' });
  await expect(mine).toBeDisabled();
  await page.getByLabel('You are').selectOption({ label: 'Arjun Mehta' });
  await expect(mine).toBeEnabled();
  await page.getByRole('link', { name: 'My open incidents' }).click();
  await expect(page).toHaveURL(/assignee=me/);
  await expect(rows(page).first()).toBeVisible();
  const assignees = await rows(page).locator('td:nth-child(7)').allTextContents();
  expect(assignees.length).toBeGreaterThan(0);
  expect(new Set(assignees)).toEqual(new Set(['Arjun Mehta']));
  const statuses = await rows(page).locator('.badge.status').allTextContents();
  for (const s of statuses) expect(['New', 'In progress', 'On hold']).toContain(s);

  // Remembered on this device: after a reload the same link still means Arjun.
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('You are')).toHaveValue(/person:/);
  await expect.poll(() => rows(page).locator('td:nth-child(7)').allTextContents()).toEqual(assignees);
  await page.getByLabel('You are').selectOption({ label: 'Maya Okafor' });
  await expect.poll(async () => new Set(await rows(page).locator('td:nth-child(7)').allTextContents()))
    .not.toEqual(new Set(['Arjun Mehta']));
});

test('pages of the queue: next, previous, and the page in the URL', async ({ page }) => {
  await page.goto('/desk/incidents?demo&incidents=120');
  await appReady(page);
  const count = page.getByRole('status').filter({ hasText: 'Showing' });
  await expect(count).toHaveText('Showing 1–50 of 152 incidents');
  await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  const first = await rows(page).first().locator('td.ref').textContent();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(count).toHaveText('Showing 51–100 of 152 incidents');
  await expect(page.getByText('Page 2 of 4')).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first().locator('td.ref')).not.toHaveText(first);
  await page.reload();
  await appReady(page);
  await expect(count).toHaveText('Showing 51–100 of 152 incidents');
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(count).toHaveText('Showing 151–152 of 152 incidents');
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText('Page 3 of 4')).toBeVisible();
  // A filter change starts again at page 1.
  await page.getByLabel('Priority').selectOption({ label: 'P1–P2' });
  await expect(page).not.toHaveURL(/page=/);
  // A link to a page past the end shows the last page.
  await page.goto('/desk/incidents?page=99');
  await expect(count).toHaveText('Showing 151–152 of 152 incidents');
  await expect(page.getByText('Page 4 of 4')).toBeVisible();
});

test('an incident whose stored data is damaged leaves the list and is reported by id', async ({ page }) => {
  await openDemoQueue(page);
  const ref = (await rows(page).first().locator('td.ref').textContent()).trim();
  // Damage the newest incident in the database itself: its title becomes a number.
  const id = await page.evaluate(async (reference) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('service-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite');
        let damaged = null;
        const req = tx.objectStore('docs').openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return;
          const v = c.value;
          if (!damaged && typeof v.body === 'string' && v.body.includes(`"${reference}"`)) {
            const body = JSON.parse(v.body);
            body.title = 7;
            v.body = JSON.stringify(body);
            c.update(v);
            damaged = v._id;
          }
          c.continue();
        };
        tx.oncomplete = () => resolve(damaged);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, ref);
  expect(id).toMatch(/^incident:/);

  await page.reload();
  await appReady(page);
  const notice = page.getByRole('note').filter({ hasText: 'could not be read' });
  await expect(notice).toContainText('1 incident could not be read');
  await expect(notice.getByRole('listitem')).toHaveText([id]);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 1–31 of 31 incidents');
  await expect(rows(page).filter({ hasText: ref })).toHaveCount(0);
});

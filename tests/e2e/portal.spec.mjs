// The self-service portal, walked the way an end user (and, where it takes two, an
// agent at the desk) works: a suggested answer solves a problem without a request and
// counts as a deflection; a real problem becomes a request the end user follows while
// the desk comments, resolves, gets it reopened and resolves again until the end user
// confirms; the portal works on a phone, shows no desk navigation and never shows an
// internal article; feedback on a release in early life support is stored with it.
import { test, expect, appReady } from './support/fixtures.mjs';

const ARTICLE = 'Logged out after changing the language on the customer portal';
const INTERNAL = 'Payslip PDF is blank: download as HTML';

/** The portal's own navigation. */
const portalNav = (page) => page.getByRole('navigation', { name: 'Portal' });
/** The number of incidents the desk queue reports. */
async function deskIncidentCount(page) {
  await page.goto('/desk/incidents');
  await appReady(page);
  const line = page.getByText(/Showing \d+–\d+ of \d+ incidents/);
  await expect(line).toBeVisible();
  return Number((await line.textContent()).match(/of (\d+)/)[1]);
}
/** The figure next to a term in a definition list. */
const figure = (page, term) =>
  page.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
/** Documents of the given kinds, read straight from the app's IndexedDB. */
async function storedDocs(page, kinds) {
  return page.evaluate((kinds) => new Promise((resolve, reject) => {
    const open = indexedDB.open('service-desk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction('docs').objectStore('docs').getAll();
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        db.close();
        resolve(req.result
          .filter((d) => !d.deleted && kinds.includes(d._id.split(':')[0]))
          .map((d) => JSON.parse(d.body)));
      };
    };
  }), kinds);
}
/** Says who the end user is on My requests. */
async function introduce(page, name, email) {
  await portalNav(page).getByRole('link', { name: 'My requests' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email').fill(email);
  await page.getByRole('button', { name: 'Show my requests' }).click();
  await expect(page.getByText(`Showing the requests of ${name} (${email}).`)).toBeVisible();
}

test('a suggested answer solves the problem: no request, and the deflection is counted', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/portal?demo');
  await appReady(page);
  const href = await page.getByRole('link', { name: ARTICLE }).first().getAttribute('href');
  const kb = href.split('/').pop();
  expect(kb).toMatch(/^KB-[0-9A-Z]{5}-\d{4,}$/);
  await page.goto(`/desk/articles/${kb}`);
  await appReady(page);
  await expect(figure(page, 'Solved a problem (portal)')).toHaveText('0');
  const before = await deskIncidentCount(page);

  await page.goto('/portal');
  await appReady(page);
  await introduce(page, 'Robin Park', 'robin.park@example.com');
  await expect(page.getByText('You have not reported anything yet.')).toBeVisible();

  // Typing the problem brings up the article and the known issue, with its release.
  await portalNav(page).getByRole('link', { name: 'Report a problem' }).click();
  await expect(page.getByLabel('Your email')).toHaveValue('robin.park@example.com');
  await page.getByLabel('What is wrong?').fill('I get logged out when I change the language');
  const suggestions = page.getByRole('region', { name: 'Suggested answers' });
  const disclosure = suggestions.getByRole('button', { name: ARTICLE });
  await expect(disclosure).toBeVisible();
  await expect(suggestions).toContainText(/Known issue since release Customer portal 5\.1 — workaround: /);
  await expect(suggestions).not.toContainText(INTERNAL);
  await expect(page.getByRole('status').filter({ hasText: /answers? may help/ })).toBeVisible();

  // Opened from the keyboard, the article shows in place (rendered Markdown).
  await disclosure.focus();
  await page.keyboard.press('Enter');
  await expect(disclosure).toHaveAttribute('aria-expanded', 'true');
  await expect(suggestions.getByRole('heading', { name: 'Workaround' })).toBeVisible();
  await expect(suggestions.getByRole('listitem').filter({ hasText: 'Choose your language on the sign-in page.' }).first()).toBeVisible();
  await suggestions.getByRole('button', { name: 'This solved my problem' }).click();
  await expect(page.getByRole('heading', { name: 'Glad that helped!' })).toBeVisible();
  await expect(page.getByText(`“${ARTICLE}” solved your problem, so we did not create a request.`)).toBeVisible();

  // Nothing was reported: My requests stays empty and the desk has no new incident.
  await portalNav(page).getByRole('link', { name: 'My requests' }).click();
  await expect(page.getByText('You have not reported anything yet.')).toBeVisible();
  // "Not you?" lets someone else on this device say who they are instead.
  await page.getByRole('button', { name: 'Not you?' }).click();
  await expect(page.getByLabel('Your email')).toHaveValue('robin.park@example.com');
  await page.getByLabel('Your email').fill('robin@elsewhere.example');
  await page.getByRole('button', { name: 'Show my requests' }).click();
  await expect(page.getByText('Showing the requests of Robin Park (robin@elsewhere.example).')).toBeVisible();
  expect(await deskIncidentCount(page)).toBe(before);
  // The deflection is stored on the article, as the desk sees it after a reload.
  await page.goto(`/desk/articles/${kb}`);
  await appReady(page);
  await expect(figure(page, 'Solved a problem (portal)')).toHaveText('1');
});

test('a reported problem is followed, commented, reopened and confirmed', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/portal?demo');
  await appReady(page);
  await portalNav(page).getByRole('link', { name: 'Report a problem' }).click();

  // Sending with nothing filled in is refused next to the fields.
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByLabel('What is wrong?')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#rp-title-error')).toHaveText('This field is required.');
  await expect(page.locator('#rp-email-error')).toHaveText('This field is required.');

  await page.getByLabel('What is wrong?').fill('Invoice page is blank');
  await page.getByLabel('Tell us more').fill('Since this morning the invoices page of my account shows nothing.');
  await page.getByLabel('Which service is it about?').selectOption({ label: 'Customer portal' });
  await expect(page.getByText('This service changed recently (Customer portal 5.1).')).toBeVisible();
  await page.getByLabel('Many people or everyone').check();
  await page.getByLabel('I cannot work at all').check();
  await page.getByLabel('Your name').fill('Kim Lee');
  await page.getByLabel('Your email').fill('kim.lee@example.com');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/INC-[0-9A-Z]{5}-\d{4,}$/);
  const reference = page.url().split('/').pop();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice page is blank' })).toBeVisible();
  await expect(page.getByText('Received', { exact: true })).toBeVisible();

  // It is in My requests (the identity was remembered from the form).
  await portalNav(page).getByRole('link', { name: 'My requests' }).click();
  await expect(page.getByRole('list', { name: 'Your requests' }).getByRole('link')).toHaveCount(1);
  await expect(page.getByRole('link', { name: new RegExp(`${reference}.*Invoice page is blank`) })).toBeVisible();

  // The desk sees a portal incident linked to the release in early life support.
  const desk = `/desk/incidents/${reference}`;
  await page.goto(desk);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice page is blank' })).toBeVisible();
  await expect(figure(page, 'Release')).toHaveText('Customer portal 5.1');
  await expect(figure(page, 'Channel')).toHaveText('Portal');
  await expect(figure(page, 'Priority')).toContainText('P1');
  await expect(figure(page, 'Reported by')).toContainText('kim.lee@example.com');

  // An agent adds a public comment and a work note.
  await page.getByLabel('Note', { exact: true }).fill('We are looking at the invoices page now.');
  await page.getByLabel('Public comment (visible to the reporter)').check();
  await page.getByRole('button', { name: 'Add public comment' }).click();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'We are looking at the invoices page now.' })).toBeVisible();
  await page.getByLabel('Note', { exact: true }).fill('Internal: the invoice service pod is crash-looping.');
  await page.getByLabel('Work note (internal)').check();
  await page.getByRole('button', { name: 'Add work note' }).click();
  await expect(timeline.getByRole('listitem').filter({ hasText: 'crash-looping' })).toContainText('Work note (internal)');

  // The portal shows the public comment only, and the end user answers.
  await page.goto(`/portal/requests/${reference}`);
  await appReady(page);
  const conversation = page.getByRole('list', { name: 'Conversation' });
  await expect(conversation).toContainText('We are looking at the invoices page now.');
  await expect(conversation).toContainText('(service desk)');
  await expect(page.getByText('crash-looping')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Work note');
  await page.getByLabel('Your comment').fill('It also happens on my phone.');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(conversation).toContainText('It also happens on my phone.');

  // Someone else on this device cannot open it: it reads like a missing request.
  await page.evaluate(() => localStorage.setItem('service-desk.portal-me',
    JSON.stringify({ name: 'Eve', email: 'eve@example.com' })));
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'We could not find that request' })).toBeVisible();
  await expect(page.getByText('Invoice page is blank')).toHaveCount(0);
  await page.goto('/portal/requests/INC-NOPE0-0001');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'We could not find that request' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('service-desk.portal-me',
    JSON.stringify({ name: 'Kim Lee', email: 'KIM.LEE@example.com ' })));

  // The agent sees the end user's comment and resolves.
  await page.goto(desk);
  await appReady(page);
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')
    .filter({ hasText: 'It also happens on my phone.' })).toContainText('Kim Lee (portal)');
  await resolve(page, 'Restarted the invoice service.');

  // The end user says it is still broken, with a reason: reopened.
  await page.goto(`/portal/requests/${reference}`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Is it fixed?' })).toBeVisible();
  await expect(page.getByText('Restarted the invoice service.')).toBeVisible();
  await expect(page.getByLabel('What is still wrong?')).toBeHidden();
  await page.getByRole('button', { name: "No, it's still broken" }).click();
  await page.getByRole('button', { name: 'Reopen my request' }).click();
  await expect(page.getByLabel('What is still wrong?')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('What is still wrong?').fill('The page is still blank after a reload.');
  await page.getByRole('button', { name: 'Reopen my request' }).click();
  await expect(page.getByText('Being worked on', { exact: true })).toBeVisible();
  await expect(conversation).toContainText('Status: Being worked on (reopened: The page is still blank after a reload.)');

  // The desk resolves again; the end user confirms and the request closes.
  await page.goto(desk);
  await appReady(page);
  await expect(page.getByRole('list', { name: 'Timeline' }))
    .toContainText('Status Resolved → In progress (The page is still blank after a reload.)');
  await resolve(page, 'Cleared the invoice cache.');
  await page.goto(`/portal/requests/${reference}`);
  await appReady(page);
  await expect(page.getByText('Cleared the invoice cache.')).toBeVisible();
  await page.getByRole('button', { name: "Yes, it's fixed" }).click();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How it was fixed' })).toBeVisible();
  await expect(page.getByRole('button', { name: "Yes, it's fixed" })).toHaveCount(0);
  await expect(page.getByLabel('Your comment')).toHaveCount(0);
  await page.goto(desk);
  await appReady(page);
  await expect(page.locator('.badges').getByText('Closed', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')
    .filter({ hasText: 'Status Resolved → Closed' })).toContainText('Kim Lee (portal)');
});

/** Resolves the open desk incident page's incident with `notes`. */
async function resolve(page, notes) {
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const form = page.getByRole('form', { name: 'Resolve incident' });
  await form.getByLabel('Resolution notes').fill(notes);
  await form.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(page.locator('.badges').getByText('Resolved', { exact: true })).toBeVisible();
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the portal fits the screen, has no desk navigation, and hides internal articles', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/desk/articles?demo');
    await appReady(page);
    const internal = (await page.getByRole('row').filter({ hasText: INTERNAL }).getByRole('link').first().textContent()).trim();
    expect(internal).toMatch(/^KB-/);

    for (const path of ['/portal', '/portal/report', '/portal/requests', '/portal/feedback', `/portal/articles/${internal}`]) {
      await page.goto(path);
      await appReady(page);
      await expect(portalNav(page).getByRole('link', { name: 'Help', exact: true })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Desk' })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Desk' })).toHaveCount(0);
      await expect(page.locator('a[href^="/desk"]')).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }

    // The internal article's address reads "not found" and none of its content shows.
    await expect(page.getByRole('heading', { name: 'We could not find that article' })).toBeVisible();
    await expect(page.getByText('Download as HTML')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Payslip');

    // The search box is big, labelled and works by keyboard; a public article opens.
    await page.goto('/portal');
    await appReady(page);
    const search = page.getByLabel('Search for help');
    const box = await search.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
    await search.focus();
    await page.keyboard.type('vpn drops');
    await expect(page.getByRole('status').filter({ hasText: /answers? for “vpn drops”/ })).toBeVisible();
    const results = page.getByRole('region', { name: 'Search results' });
    await expect(results.getByRole('link', { name: INTERNAL })).toHaveCount(0);
    await results.getByRole('link', { name: 'Connect to the VPN from home or a hotel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connect to the VPN from home or a hotel' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'It keeps dropping' })).toBeVisible();
    await page.getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByText('Thank you for your answer.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Yes' })).toHaveCount(0);
  });
});

test('feedback during early life support is saved and linked to the release', async ({ page }) => {
  await page.goto('/portal?demo');
  await appReady(page);
  await portalNav(page).getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback on recent changes' })).toBeVisible();
  const recent = page.getByRole('region', { name: 'Recently changed' });
  await expect(recent).toContainText('Customer portal 5.1');
  await expect(recent).not.toContainText('Payroll 2.4');

  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByLabel('Your feedback')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#fb-text-error')).toHaveText('This field is required.');
  expect(await storedDocs(page, ['feedback'])).toEqual([]);

  await page.getByLabel('Which change?').selectOption({ label: 'Customer portal 5.1' });
  await page.getByLabel('Compliment').check();
  await page.getByLabel('Your feedback').fill('Checkout is much faster since the update.');
  await page.getByLabel('Your email (optional)').fill('sam@example.com');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you! Your feedback about Customer portal 5.1 was sent to the team.' })).toBeVisible();
  await expect(page.getByLabel('Your feedback')).toHaveValue('');

  const docs = await storedDocs(page, ['feedback', 'release', 'service']);
  const release = docs.find((d) => d.type === 'release' && d.name === 'Customer portal');
  const service = docs.find((d) => d.type === 'service' && d.name === 'Customer portal');
  const feedback = docs.filter((d) => d.type === 'feedback');
  expect(feedback).toHaveLength(1);
  expect(feedback[0]).toMatchObject({
    release: release._id,
    service: service._id,
    kind: 'compliment',
    text: 'Checkout is much faster since the update.',
    contact: 'sam@example.com',
  });
  expect(feedback[0]._id).toMatch(/^feedback:[0-9a-f-]{36}$/);
});

// Instant search as a service-desk agent uses it: the command palette by keyboard only
// (a typo still finds the incident, the arrows move, Enter opens, Escape gives focus
// back, actions run), an exact reference jumps straight to its record, and the search
// page keeps its words and filters in the URL (counts per kind, survives a reload)
// and finds a record created a moment ago.
import { test, expect, appReady } from './support/fixtures.mjs';

const palette = (page) => page.getByRole('dialog', { name: 'Search the desk' });
const combobox = (page) => palette(page).getByRole('combobox');

async function openPalette(page) {
  await page.keyboard.press('Control+K');
  await expect(palette(page)).toBeVisible();
  await expect(combobox(page)).toBeFocused();
}

/** The option the combobox says is active. */
async function activeOption(page) {
  const id = await combobox(page).getAttribute('aria-activedescendant');
  expect(id, 'an option is active').toBeTruthy();
  const option = page.locator(`[id="${id}"]`);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  return option;
}

test('palette by keyboard: a typo finds the incident, Escape gives focus back, an action runs', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  const problems = page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Problems' });
  await problems.focus();

  // Escape closes and focus goes back where it was; Cmd+K opens it too.
  await page.keyboard.press('Meta+K');
  await expect(palette(page)).toBeVisible();
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  await expect(problems).toBeFocused();

  await openPalette(page);
  await page.keyboard.type('printr jam');
  await expect(palette(page).getByRole('status')).toHaveText(/^\d+ results?$/);
  const incidents = palette(page).getByRole('group', { name: 'Incidents' });
  const printer = incidents.getByRole('option', { name: /Printer on floor 3 jams/ });
  await expect(printer).toBeVisible();
  await expect(printer.locator('mark').first()).toHaveText('Printer');
  // Tab stays inside the dialog: the combobox and the link to the search page.
  await page.keyboard.press('Tab');
  await expect(palette(page).getByRole('link', { name: /^Show all \d+ results$/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(combobox(page)).toBeFocused();
  // The arrows move the active option and come back; Enter opens it.
  await expect(await activeOption(page)).toHaveText(/Printer on floor 3 jams/);
  await page.keyboard.press('ArrowDown');
  await expect(await activeOption(page)).not.toHaveText(/Printer on floor 3 jams/);
  await page.keyboard.press('ArrowUp');
  await expect(await activeOption(page)).toHaveText(/Printer on floor 3 jams/);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  await expect(page.getByRole('heading', { name: 'Printer on floor 3 jams', level: 1 })).toBeVisible();

  // An action runs from the keyboard.
  await openPalette(page);
  await page.keyboard.type('go to releases');
  await expect(await activeOption(page)).toHaveAccessibleName('Go to releases');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/desk\/releases$/);
  await expect(page.getByRole('heading', { name: 'Releases', level: 1 })).toBeVisible();
});

test('an exact reference comes first and Enter opens it', async ({ page }) => {
  await page.goto('/desk/problems?status=all&demo');
  await appReady(page);
  const first = page.getByRole('table').getByRole('link').first();
  const reference = (await first.textContent()).trim();
  expect(reference).toMatch(/^PRB-/);

  await page.getByRole('button', { name: 'Find anything' }).click();
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.type(reference.toLowerCase());
  const top = palette(page).getByRole('option').first();
  await expect(top).toContainText(reference);
  await expect(palette(page).getByRole('group', { name: 'Exact match' })).toContainText(reference);
  await expect(await activeOption(page)).toContainText(reference);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/desk/problems/${reference}$`));
});

test('an empty desk offers demo data in the palette; once loaded it is findable and no longer offered', async ({ page }) => {
  await page.goto('/desk/incidents');
  await appReady(page);
  await openPalette(page);
  await page.keyboard.type('demo');
  await expect(await activeOption(page)).toHaveAccessibleName('Load demo data');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page.getByText(/^Demo data loaded: \d+ records\.$/)).toBeVisible();

  await openPalette(page);
  await page.keyboard.type('demo');
  await expect(palette(page).getByRole('option', { name: 'Load demo data' })).toHaveCount(0);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('vpn drops');
  await expect(palette(page).getByRole('option', { name: /VPN drops every 10 minutes/ })).toBeVisible();
});

test('search page: filters in the URL with counts, a reload keeps them, typos and new records are found', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  // Build the index here, so the new incident below must reach it as a change.
  await openPalette(page);
  await page.keyboard.type('zorblaxian');
  await expect(palette(page).getByRole('status')).toHaveText('No records match “zorblaxian”.');
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'New incident' }).click();
  await page.getByLabel('Title').fill('Zorblaxian badge reader rejects every card');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  await openPalette(page);
  await page.keyboard.type('zorblaxian');
  await expect(palette(page).getByRole('option', { name: /Zorblaxian badge reader/ })).toBeVisible();
  await palette(page).getByRole('link', { name: 'Show 1 result on the search page' }).click();
  await expect(page).toHaveURL(/\/desk\/search\?q=zorblaxian$/);
  const results = page.getByRole('list', { name: 'Results' });
  await expect(results.getByRole('link', { name: /Zorblaxian badge reader/ })).toBeVisible();

  // Words and filters, each in the URL.
  const words = page.getByLabel('Words, reference or error code');
  await words.fill('vpn');
  await expect(page).toHaveURL(/[?&]q=vpn(&|$)/);
  const kinds = page.getByRole('navigation', { name: 'Kind' });
  await kinds.getByRole('link', { name: /^Incidents/ }).click();
  await expect(page).toHaveURL(/[?&]kind=incident(&|$)/);
  await expect(kinds.getByRole('link', { name: /^Incidents/ })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Status').selectOption({ label: 'In progress' });
  await expect(page).toHaveURL(/[?&]status=in_progress(&|$)/);

  const check = async () => {
    await expect(words).toHaveValue('vpn');
    await expect(page.getByLabel('Status')).toHaveValue('in_progress');
    const items = results.getByRole('listitem');
    await expect(items.first()).toBeVisible();
    const n = await items.count();
    await expect(page.getByRole('main').getByRole('status')).toHaveText(n === 1 ? '1 result.' : `${n} results.`);
    // The tab of the chosen kind counts exactly what is listed.
    await expect(kinds.getByRole('link', { name: /^Incidents/ })).toHaveText(`Incidents ${n}`);
    for (const item of await items.all()) {
      await expect(item).toContainText('Incident');
      await expect(item).toContainText('In progress');
    }
    await expect(results.getByRole('link', { name: /VPN drops every 10 minutes/ })).toBeVisible();
  };
  await check();
  await page.reload();
  await appReady(page);
  await check();

  // A typo still finds the record: "dorps" matches "drops" (marked), so every word matched.
  await words.fill('vpn dorps');
  await expect(page).toHaveURL(/[?&]q=vpn%20dorps(&|$)/);
  const drops = results.getByRole('link', { name: /VPN drops every 10 minutes/ });
  await expect(drops.locator('mark', { hasText: /^drops$/ })).toBeVisible();
  await expect(page.getByText('No record has all the words')).toHaveCount(0);
});

test('the incident list hands a misspelt search over to the search page', async ({ page }) => {
  await page.goto('/desk/incidents?demo');
  await appReady(page);
  await page.getByLabel('Search', { exact: true }).fill('keybord');
  // The list's own filter matches references and titles letter for letter.
  await expect(page.getByText("No matching incidents")).toBeVisible();
  await page.getByRole('link', { name: /Search descriptions too, typos forgiven: “keybord”/ }).click();
  await expect(page).toHaveURL(/\/desk\/search\?q=keybord&kind=incident/);
  await expect(page.getByRole('main').getByRole('link', { name: /Keyboard missing keys/ })).toBeVisible();
});

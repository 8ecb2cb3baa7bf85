// The agent's home and the manager dashboard with demo data: the home's sections agree
// with the queue, the dashboard's figures follow the time range, a chart bar opens the
// queue filtered to exactly the incidents it counts, the data tables and tooltips,
// the custom range's checks, and the CSV export of the figures.
import fs from 'node:fs';
import { test, expect, appReady } from './support/fixtures.mjs';
import { parseCsv } from './support/csv-helpers.mjs';

/** The figure (chart) titled `title`. */
const chart = (page, title) =>
  page.locator('figure.chart').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** The chart's data table, opened through its toggle, as [category, ...values] rows. */
async function tableOf(page, title) {
  const fig = chart(page, title);
  const toggle = fig.getByRole('button', { name: /data table/i });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const table = fig.getByRole('table');
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

/** The number of a figure tile ("Created", …). */
async function tile(page, label) {
  const t = page.locator('.kpi').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  return Number((await t.locator('.kpi-value').textContent()).replace(/[^\d.]/g, ''));
}

/** "Showing 1–25 of N incidents" → N (0 when nothing matches). */
async function queueTotal(page) {
  const count = page.locator('p.count');
  await expect(count).toHaveText(/Showing \d+–\d+ of \d+ incidents|No matching incidents/);
  const m = (await count.textContent()).match(/of (\d+) incidents/);
  return m ? Number(m[1]) : 0;
}

test('the agent home shows my work, my groups and what is about to breach', async ({ page }) => {
  await page.goto('/desk?demo&incidents=300');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  await expect(page.getByText(/Choose who you are/)).toBeVisible();
  for (const name of ['Breaching soon', 'Major incidents', 'Recent activity']) {
    await expect(page.getByRole('heading', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(page.locator('.home-recent li')).toHaveCount(8);

  // Choose an agent: their open incidents and their groups' unassigned work appear, and
  // each count is the queue's count behind "View all".
  const who = page.getByLabel('You are');
  const options = await who.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await who.selectOption(options[0]);
  const mine = page.getByRole('region', { name: /^My open incidents/ });
  await expect(mine).toBeVisible();
  const sections = page.getByRole('region', { name: /^(My open incidents|Unassigned in|Breaching soon)/ });
  const n = await sections.count();
  expect(n).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < n; i++) {
    const section = sections.nth(i);
    const shown = Number(await section.locator('h2 .count-pill').textContent());
    if (shown === 0) {
      await expect(section.locator('.empty')).toBeVisible();
      continue;
    }
    await section.getByRole('link', { name: /^View all \d+ in the queue$/ }).click();
    await expect(page).toHaveURL(/\/desk\/incidents\?/);
    expect(await queueTotal(page)).toBe(shown);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  }
});

test('the dashboard follows its range, and a bar opens the incidents it counts', async ({ page }) => {
  await page.goto('/desk/incidents?demo&incidents=400');
  await appReady(page);
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Last 30 days' })).toHaveAttribute('aria-current', 'page');
  for (const title of ['Open backlog by priority', 'Created and resolved per day', 'Mean time to resolve by priority',
    'Response SLA', 'Resolution SLA', 'Incidents by service', 'Incidents by category',
    'Pre-production and production incidents per release', 'Open problems by age']) {
    await expect(chart(page, title)).toBeVisible();
  }

  // The range changes the figures: the demo spreads incidents over 90 days.
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await expect(page).toHaveURL(/days=90$/);
  await expect(page.locator('.range-note')).toContainText('90 days');
  const created90 = await tile(page, 'Created');
  const days90 = await tableOf(page, 'Created and resolved per day');
  expect(days90).toHaveLength(90);
  expect(days90.reduce((s, r) => s + Number(r[1]), 0)).toBe(created90);
  await page.getByRole('link', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/days=7$/);
  await expect(page.locator('.range-note')).toContainText('7 days');
  const created7 = await tile(page, 'Created');
  expect(created7).toBeLessThan(created90);
  expect(await tableOf(page, 'Created and resolved per day')).toHaveLength(7);

  // Hover and keyboard focus show the mark's tooltip.
  const backlog = chart(page, 'Open backlog by priority');
  const p1 = backlog.locator('svg').getByRole('link', { name: /^P1 · / });
  await p1.hover();
  await expect(backlog.locator('.chart-tip')).toBeVisible();
  await expect(backlog.locator('.chart-tip')).toContainText('P1');
  await p1.focus();
  await expect(backlog.locator('.chart-tip')).toContainText('P1');

  // A backlog bar opens the open incidents of that priority: as many as the bar says.
  const backlogRows = await tableOf(page, 'Open backlog by priority');
  const p2count = Number(backlogRows.find((r) => r[0] === 'P2')[1]);
  expect(p2count).toBeGreaterThan(0);
  await backlog.locator('svg').getByRole('link', { name: /^P2 · / }).click();
  await expect(page).toHaveURL(/\/desk\/incidents\?open=true&priority=2$/);
  expect(await queueTotal(page)).toBe(p2count);
  await page.goBack();

  // A service bar opens that service's incidents created in the range.
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await expect(page.locator('.range-note')).toContainText('90 days');
  const services = await tableOf(page, 'Incidents by service');
  const [serviceName, serviceCount] = services.find((r) => r[0] !== 'No service' && r[0] !== 'Other');
  await chart(page, 'Incidents by service').locator('svg').getByRole('link', { name: `${serviceName} · Incidents: ${serviceCount}` }).click();
  await expect(page).toHaveURL(/service=.*created_from=\d{4}-\d\d-\d\d&created_to=\d{4}-\d\d-\d\d/);
  expect(await queueTotal(page)).toBe(Number(serviceCount));
  await expect(page.getByLabel('Created from')).not.toHaveValue('');
  await page.goBack();

  // A release bar: pre-production and production together.
  const releases = await tableOf(page, 'Pre-production and production incidents per release');
  expect(releases.length).toBeGreaterThan(0);
  const [releaseName, pre, prod] = releases[0];
  await chart(page, 'Pre-production and production incidents per release')
    .locator('svg').getByRole('link', { name: new RegExp(`^${releaseName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `) }).first().click();
  await expect(page).toHaveURL(/release=/);
  expect(await queueTotal(page)).toBe(Number(pre) + Number(prod));
});

test('a custom range is checked, and the figures export as CSV', async ({ page }) => {
  await page.goto('/desk/dashboard?demo&incidents=200');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
  const before = page.url();
  await page.getByLabel('From', { exact: true }).fill('2026-11-20');
  await page.getByLabel('To', { exact: true }).fill('2026-11-01');
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page.getByRole('alert')).toContainText(/before/i);
  expect(page.url()).toBe(before);

  // A range the URL cannot give is refused with a sentence, showing 30 days.
  await page.goto('/desk/dashboard?days=8');
  await expect(page.getByText(/offers the last 7, 30 or 90 days/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Last 30 days' })).toHaveAttribute('aria-current', 'page');

  const from = await page.evaluate(() => new Date(Date.now() - 14 * 864e5).toISOString().slice(0, 10));
  const to = await page.evaluate(() => new Date(Date.now() - 864e5).toISOString().slice(0, 10));
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}$`));
  await expect(page.locator('.range-note')).toContainText('14 days');
  const created = await tile(page, 'Created');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`dashboard-${from}-to-${to}.csv`);
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  expect(rows[0]).toEqual(['section', 'label', 'series', 'value']);
  expect(rows).toContainEqual(['Range', 'First day', '', from]);
  expect(rows).toContainEqual(['Volume', 'Created', 'Total', String(created)]);
  // The per-day created figures add up to the tile.
  const perDay = rows.filter((r) => r[0] === 'Volume' && r[1] === 'Created' && /^\d{4}-\d\d-\d\d$/.test(r[2]));
  expect(perDay).toHaveLength(14);
  expect(perDay.reduce((s, r) => s + Number(r[3]), 0)).toBe(created);
});

// Sync between devices through a CouchDB-compatible server (PouchDB Server in memory),
// walked the way agents meet it: two browser contexts are two devices, each with its own
// IndexedDB; a proxy in front of the server takes it "down" and back without losing its
// data. Create on A → appears on B; edit on both while offline → the same winner and a
// conflict on both → resolved on B (keep one version, or merge field by field) → A
// follows; the server stopped in the middle of a sync → nothing local lost, the sync
// resumes; "Test connection" answers; live sync brings changes without a click.
import {
  test, expect, couchUrl, randomName, pouch, incidentsOn,
  getWithRevs, incidentDoc, incidentRef, randomTag, revHash, literally, syncIndicator,
  openDesk, openSyncPage, connect, syncNow, createIncident, openIncident, editTitle,
  openConflicts,
} from './support/couch.mjs';

/** The incident on the server with this reference (winning body, with `_conflicts`). */
async function serverIncident(db, reference) {
  const found = (await incidentsOn(db.url)).find((d) => d.reference === reference);
  expect(found, `${reference} on the server`).toBeTruthy();
  return found;
}

test('an incident created on one device appears on the other after a sync', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('create');
  const [a, b] = [await device('A'), await device('B')];
  await openDesk(a);
  await openDesk(b);
  await expect(syncIndicator(a)).toHaveAccessibleName(/^Sync: off/);

  const title = 'Scanner on floor 2 sends blank pages';
  const reference = await createIncident(a, title);
  await connect(a, proxy.url, db.name);
  await expect(a.getByText(/Not yet pushed: [1-9]/).first()).toBeVisible();
  await syncNow(a);
  await expect(a.getByText(/Pulled \d+ · Pushed [1-9]\d*/).first()).toBeVisible();
  await expect(a.getByText('Last sync:').first()).toBeVisible();
  expect((await serverIncident(db, reference)).title).toBe(title);

  await connect(b, proxy.url, db.name);
  await syncNow(b);
  await expect(b.getByText(/Pulled [1-9]\d* · Pushed \d+/).first()).toBeVisible();
  await openIncident(b, reference);
  await expect(b.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(b.getByText(reference, { exact: true }).first()).toBeVisible();
  await expect(syncIndicator(b)).toHaveAccessibleName(/^Sync: up to date/);
  await expect(syncIndicator(b)).toHaveAttribute('href', '/desk/sync');
});

test('edits made on two offline devices end in one winner and a conflict, resolved on one device', async ({ device, syncServer }) => {
  test.setTimeout(240_000);
  const { proxy, db } = await syncServer('conflict');
  const [a, b] = [await device('A'), await device('B')];
  await openDesk(a);
  await openDesk(b);
  const reference = await createIncident(a, 'Badge readers reject new starters');
  await connect(a, proxy.url, db.name);
  await syncNow(a);
  await connect(b, proxy.url, db.name);
  await syncNow(b);
  await openIncident(b, reference);
  await expect(b.getByRole('heading', { level: 1, name: 'Badge readers reject new starters' })).toBeVisible();

  // The server goes down; both devices edit the same incident and cannot push it.
  proxy.cut();
  const titleA = 'Badge readers reject new starters (edited on A)';
  const titleB = 'Badge readers reject new starters (edited on B)';
  for (const [page, title] of [[a, titleA], [b, titleB]]) {
    await editTitle(page, reference, title);
    await openSyncPage(page);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(syncIndicator(page)).toHaveAccessibleName(/^Sync: offline/, { timeout: 30_000 });
    await expect(page.getByText(/Not yet pushed: [1-9]/).first()).toBeVisible();
    await openIncident(page, reference);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  // Back online: A, then B, then A again.
  proxy.restore();
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  const winner = await getWithRevs(db.url, (await serverIncident(db, reference))._id);
  expect(winner._conflicts).toHaveLength(1);
  const loser = await getWithRevs(db.url, winner._id, winner._conflicts[0]);
  expect(new Set([winner.title, loser.title])).toEqual(new Set([titleA, titleB]));
  for (const page of [a, b]) {
    await openIncident(page, reference);
    await expect(page.getByRole('heading', { level: 1, name: winner.title })).toBeVisible();
    await expect(page.getByText('conflicting version').first()).toBeVisible();
    await openSyncPage(page);
    await expect(page.getByRole('link', { name: 'Conflicts (1)' })).toBeVisible();
    await openConflicts(page);
    const link = page.getByRole('link', { name: literally(reference) });
    await expect(link).toHaveCount(1);
    await expect(link).toHaveAccessibleName(literally(winner.title));
  }

  // B keeps the other version (the losing edit) from the incident page.
  await openIncident(b, reference);
  await b.getByRole('link', { name: 'Resolve conflict' }).click();
  await expect(b.getByRole('heading', { name: /^Conflict:/ })).toBeVisible();
  await expect(b.getByRole('columnheader', { name: /^Current winner/ })).toBeVisible();
  await expect(b.getByRole('columnheader', { name: /^Other version/ })).toBeVisible();
  await expect(b.getByText(loser.title).first()).toBeVisible();
  await b.getByRole('button', { name: 'Keep other version' }).click();
  await b.getByRole('button', { name: 'Yes, keep the other version' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Conflict resolved' })).toBeVisible();
  await openIncident(b, reference);
  await expect(b.getByRole('heading', { level: 1, name: loser.title })).toBeVisible();
  await expect(b.getByText('conflicting version')).toHaveCount(0);

  await syncNow(b);
  await expect.poll(async () => (await getWithRevs(db.url, winner._id)).title).toBe(loser.title);
  const resolved = await getWithRevs(db.url, winner._id);
  expect(resolved._conflicts).toBeUndefined();
  expect(resolved._revisions.start).toBe(3);

  await syncNow(a);
  await openIncident(a, reference);
  await expect(a.getByRole('heading', { level: 1, name: loser.title })).toBeVisible();
  await expect(a.getByText('conflicting version')).toHaveCount(0);
  await expect(a.getByRole('link', { name: 'Resolve conflict' })).toHaveCount(0);
  await openSyncPage(a);
  await expect(a.getByRole('link', { name: 'Conflicts (0)' })).toBeVisible();
  await openConflicts(a);
  await expect(a.getByRole('link', { name: literally(reference) })).toHaveCount(0);
});

test('a conflict is merged field by field: the title of one version, the description of the other', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('merge');
  // Two branches from one first revision, written by another CouchDB client.
  const reference = incidentRef(randomTag(), 1);
  const doc = incidentDoc({ reference, title: 'Monitor flickers', description: 'First report.' });
  const first = await pouch(db.url).put(doc);
  const branches = ['X', 'Y'].map((v) => {
    const hash = revHash();
    return {
      ...doc,
      title: `Monitor flickers (version ${v})`,
      description: `Description from version ${v}.`,
      _rev: `2-${hash}`,
      _revisions: { start: 2, ids: [hash, first.rev.split('-')[1]] },
    };
  });
  await pouch(db.url).bulkDocs(branches, { new_edits: false });
  const winner = await pouch(db.url).get(doc._id, { conflicts: true });
  const loser = await pouch(db.url).get(doc._id, { rev: winner._conflicts[0] });

  const a = await device('A');
  await openDesk(a);
  await connect(a, proxy.url, db.name);
  await syncNow(a);
  await openConflicts(a);
  await a.getByRole('link', { name: literally(reference) }).click();
  await expect(a.getByRole('heading', { name: /^Conflict:/ })).toBeVisible();
  const choice = (field) => a.getByRole('radiogroup', { name: field, exact: true });
  await choice('Title').getByRole('radio', { name: 'Other', exact: true }).check();
  await choice('Description').getByRole('radio', { name: 'Current', exact: true }).check();
  await a.getByRole('button', { name: 'Save merged version' }).click();
  await a.getByRole('button', { name: 'Yes, save the merged version' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Conflict resolved' })).toBeVisible();
  await openIncident(a, reference);
  await expect(a.getByRole('heading', { level: 1, name: loser.title })).toBeVisible();
  await expect(a.getByText(winner.description).first()).toBeVisible();

  await syncNow(a);
  const merged = await getWithRevs(db.url, doc._id);
  expect(merged.title).toBe(loser.title);
  expect(merged.description).toBe(winner.description);
  expect(merged.reference).toBe(reference);
  expect(merged._conflicts).toBeUndefined();
  expect(merged._revisions.start).toBe(3);
  await expect(a.getByRole('link', { name: 'Conflicts (0)' })).toBeVisible();
});

test('a sync cut off by the server going down loses nothing and resumes when it is back', async ({ device, syncServer }) => {
  test.setTimeout(240_000);
  const { proxy, db } = await syncServer('fault', { delayMs: 400 });
  const tag = randomTag();
  const seeded = Array.from({ length: 300 }, (_, i) =>
    incidentDoc({ reference: incidentRef(tag, i + 1), title: `Seeded incident number ${i + 1}` }));
  const written = await pouch(db.url).bulkDocs(seeded);
  expect(written.filter((r) => r.ok)).toHaveLength(300);

  const a = await device('A');
  await openDesk(a);
  await connect(a, proxy.url, db.name);
  await a.getByRole('button', { name: 'Sync now' }).click();
  await expect(syncIndicator(a)).toHaveAccessibleName(/^Sync: syncing/);
  proxy.cut();
  await expect(syncIndicator(a)).toHaveAccessibleName(/^Sync: offline/, { timeout: 30_000 });

  // The desk keeps working locally while the server is away.
  const title = 'Laptop dock loses the second screen';
  const reference = await createIncident(a, title);
  await openDesk(a);
  await openIncident(a, reference);
  await expect(a.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await openSyncPage(a);
  await expect(a.getByText(/Not yet pushed: [1-9]/).first()).toBeVisible();

  proxy.restore();
  proxy.setDelay(0);
  await syncNow(a);
  await a.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Showing' })).toContainText('of 301 incidents', { timeout: 30_000 });
  for (const n of [1, 150, 300]) {
    await a.getByLabel('Search').fill(incidentRef(tag, n));
    await expect(a.getByRole('row', { name: literally(incidentRef(tag, n)) })).toBeVisible();
  }
  const onServer = await incidentsOn(db.url);
  expect(onServer).toHaveLength(301);
  expect(onServer.find((d) => d.reference === reference)?.title).toBe(title);
});

test('"Test connection" tells a missing database, an unreachable server and a good one apart', async ({ device, syncServer }) => {
  test.setTimeout(90_000);
  const { proxy, db } = await syncServer('probe');
  const a = await device('A');
  await openDesk(a);
  const status = (text) => a.getByRole('status').filter({ hasText: text });

  const missing = randomName('missing');
  await connect(a, proxy.url, missing);
  await a.getByRole('button', { name: 'Test connection' }).click();
  await expect(status('does not exist')).toContainText('Database');

  await connect(a, proxy.url, db.name);
  proxy.cut();
  await a.getByRole('button', { name: 'Test connection' }).click();
  await expect(status('unreachable')).toBeVisible();
  await expect(status(/Connected/)).toHaveCount(0);

  proxy.restore();
  await a.getByRole('button', { name: 'Test connection' }).click();
  await expect(status(/Connected/)).toBeVisible();
  await expect(status(/unreachable/i)).toHaveCount(0);
  // Testing a connection never creates the missing database.
  expect((await fetch(`${couchUrl()}/${missing}`)).status).toBe(404);
});

test('live sync brings another device\'s change without a click', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('live');
  const [a, b] = [await device('A'), await device('B')];
  await openDesk(a);
  await openDesk(b);
  await connect(a, proxy.url, db.name);
  await connect(b, proxy.url, db.name);
  await b.getByRole('checkbox', { name: 'Live sync' }).check();
  await b.getByRole('button', { name: 'Save settings' }).click();
  await expect(syncIndicator(b)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 30_000 });
  await b.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();

  const title = 'Meeting room screen shows no signal';
  const reference = await createIncident(a, title);
  await syncNow(a);
  await expect(b.getByRole('row', { name: literally(reference) })).toContainText(title, { timeout: 30_000 });
  await openSyncPage(b);
  await b.getByRole('checkbox', { name: 'Live sync' }).uncheck();
  await b.getByRole('button', { name: 'Save settings' }).click();
  await expect(b.getByRole('checkbox', { name: 'Live sync' })).not.toBeChecked();
});

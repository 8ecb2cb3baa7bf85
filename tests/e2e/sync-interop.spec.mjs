// Interoperability with a real CouchDB client: PouchDB (the npm package, in Node) and the
// app replicate through the same PouchDB Server. What PouchDB writes (a revision history
// and a conflict) the app shows with the same winner; what the app pushes PouchDB reads
// with the same winning revision and history, and a PouchDB edit on top of it reaches
// the app as a descendant, not as a conflict.
import {
  test, expect, pouch, incidentDoc, incidentRef, randomTag, revHash, literally,
  openDesk, connect, syncNow, createIncident, openIncident, editTitle, openConflicts,
} from './support/couch.mjs';

test('an incident written by PouchDB, with a history and a conflict, shows the winner PouchDB reports', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('interop-in');
  const client = pouch(db.url);
  const reference = incidentRef(randomTag(), 7);
  const doc = incidentDoc({ reference, title: 'Payroll export is empty', description: 'Written by PouchDB.' });
  const first = await client.put(doc);
  const second = await client.put({ ...doc, _rev: first.rev, title: 'Payroll export is empty for March' });
  expect(second.rev).toMatch(/^2-/);
  // A concurrent edit of the first revision, stored as another replica would push it.
  const hash = revHash();
  await client.bulkDocs([{
    ...doc,
    title: 'Payroll export has no rows for March',
    _rev: `2-${hash}`,
    _revisions: { start: 2, ids: [hash, first.rev.split('-')[1]] },
  }], { new_edits: false });
  const winner = await client.get(doc._id, { conflicts: true, revs: true });
  expect(winner._conflicts).toHaveLength(1);
  expect(winner._revisions.ids).toHaveLength(2);
  const loser = await client.get(doc._id, { rev: winner._conflicts[0] });

  const a = await device('A');
  await openDesk(a);
  await connect(a, proxy.url, db.name);
  await syncNow(a);
  await openIncident(a, reference);
  await expect(a.getByRole('heading', { level: 1, name: winner.title })).toBeVisible();
  await expect(a.getByText('Written by PouchDB.').first()).toBeVisible();
  await expect(a.getByText('conflicting version').first()).toBeVisible();

  await openConflicts(a);
  const link = a.getByRole('link', { name: literally(reference) });
  await expect(link).toHaveAccessibleName(literally(winner.title));
  await link.click();
  await expect(a.getByRole('heading', { name: /^Conflict:/ })).toBeVisible();
  await expect(a.getByText(loser.title).first()).toBeVisible();
});

test('an incident the app created and edited is read by PouchDB with the same revision and history', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('interop-out');
  const a = await device('A');
  await openDesk(a);
  const reference = await createIncident(a, 'Wi-Fi guest portal loops');
  await editTitle(a, reference, 'Wi-Fi guest portal loops on iPhones');
  await connect(a, proxy.url, db.name);
  await syncNow(a);

  const client = pouch(db.url);
  const rows = (await client.allDocs({ include_docs: true })).rows;
  const row = rows.find((r) => r.doc?.reference === reference);
  expect(row, `${reference} read by PouchDB`).toBeTruthy();
  const read = await client.get(row.id, { revs: true, conflicts: true });
  expect(read._id).toMatch(/^incident:[0-9a-f-]{36}$/);
  expect(read._rev).toMatch(/^2-[0-9a-f]+$/);
  expect(read._revisions.start).toBe(2);
  expect(read._revisions.ids).toHaveLength(2);
  expect(read._rev).toBe(`2-${read._revisions.ids[0]}`);
  expect(read._conflicts).toBeUndefined();
  expect(read.type).toBe('incident');
  expect(read.reference).toBe(reference);
  expect(read.title).toBe('Wi-Fi guest portal loops on iPhones');
  expect(read.description).toBe('Written for the sync tests: Wi-Fi guest portal loops.');
  expect(read.reporter.name).toBe('Dana Scully');
  expect(read.status).toBe('new');

  // PouchDB edits the app's revision: the app takes it as the next revision, no conflict.
  const { _revisions: _history, _conflicts: _none, ...body } = read;
  const third = await client.put({ ...body, title: 'Wi-Fi guest portal loops on every phone' });
  expect(third.rev).toMatch(/^3-/);
  await syncNow(a);
  await openIncident(a, reference);
  await expect(a.getByRole('heading', { level: 1, name: 'Wi-Fi guest portal loops on every phone' })).toBeVisible();
  await expect(a.getByText('conflicting version')).toHaveCount(0);
  const after = await client.get(row.id, { conflicts: true });
  expect(after._rev).toBe(third.rev);
  expect(after._conflicts).toBeUndefined();
});

// Sync against a server that requires signing in, and several tabs of one browser.
// A PouchDB Server of its own (admin party ended, the database open to one member) shows
// the desk pausing with "sign in" while local changes stay queued, a wrong password
// refused, the cookie session working once signed in, and the password stored nowhere in
// the browser. A `validate_doc_update` on the server refuses one kind of document: the
// refusal is shown with the server's reason and the record stays here. Two tabs: one
// replicates, the other shows the same status and its writes are pushed too.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import {
  test, expect, syncIndicator, openDesk, openSyncPage, createIncident, openIncident, expectServer,
} from './support/couch.mjs';

const USER = 'alice';
const PASSWORD = 'correct-horse-battery';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a PouchDB Server of its own with database `desk` open to `alice` only. */
async function securedServer() {
  const bin = process.env.POUCHDB_SERVER_BIN;
  if (!bin) throw new Error('POUCHDB_SERVER_BIN is not set: run the tests with scripts/test.sh');
  const dir = mkdtempSync(join(tmpdir(), 'couch-auth-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ log: { file: join(dir, 'log.txt') } }));
  const port = await freePort();
  const child = spawn(process.execPath, [bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port),
    '--config', join(dir, 'config.json'), '--dir', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  // Its 401 answers before signing in are the point of the test.
  expectServer(url);
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const basic = { Authorization: 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64') };
  const json = { 'Content-Type': 'application/json' };
  // The database first: this server cannot create databases once an admin exists.
  expect((await fetch(`${url}/desk`, { method: 'PUT' })).ok).toBe(true);
  expect((await fetch(`${url}/_config/admins/${USER}`, { method: 'PUT', body: JSON.stringify(PASSWORD) })).ok).toBe(true);
  const security = { admins: { names: [], roles: [] }, members: { names: [USER], roles: [] } };
  expect((await fetch(`${url}/desk/_security`, { method: 'PUT', headers: { ...basic, ...json }, body: JSON.stringify(security) })).ok).toBe(true);
  // Refuses incidents whose title says "forbidden", with a reason.
  const validate = `function (doc) { if (doc.title && doc.title.indexOf('forbidden') >= 0) { throw({ forbidden: 'titles with that word are not accepted here' }); } }`;
  expect((await fetch(`${url}/desk/_design/rules`, { method: 'PUT', headers: { ...basic, ...json }, body: JSON.stringify({ validate_doc_update: validate }) })).ok).toBe(true);
  const docs = async () => {
    const res = await fetch(`${url}/desk/_all_docs?include_docs=true`, { headers: basic });
    return (await res.json()).rows.map((r) => r.doc).filter((d) => d.type === 'incident');
  };
  return { url, docs, stop: () => { child.kill(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Everything this origin keeps in localStorage and in the desk's IndexedDB meta store. */
async function storedEverywhere(page) {
  return page.evaluate(async () => {
    const local = JSON.stringify({ ...localStorage });
    const meta = await new Promise((resolve, reject) => {
      const open = indexedDB.open('service-desk');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const req = db.transaction('meta').objectStore('meta').getAll();
        req.onsuccess = () => { resolve(JSON.stringify(req.result)); db.close(); };
        req.onerror = () => reject(req.error);
      };
    });
    return local + meta;
  });
}

test('a server that requires signing in: paused with local changes queued, then signed in and synced; the password is kept nowhere', async ({ device }) => {
  test.setTimeout(120_000);
  const server = await securedServer();
  try {
    const a = await device('A');
    await openDesk(a);
    const reference = await createIncident(a, 'Meeting room display stays black');
    await openSyncPage(a);
    await a.getByRole('textbox', { name: 'Server URL' }).fill(server.url);
    await a.getByRole('textbox', { name: 'Database name' }).fill('desk');
    await a.getByRole('button', { name: 'Save settings' }).click();

    await a.getByRole('button', { name: 'Test connection' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'refused access' })).toBeVisible();

    await a.getByRole('button', { name: 'Sync now' }).click();
    await expect(syncIndicator(a)).toHaveAccessibleName(/^Sync: paused/);
    await expect(a.getByText(/Paused: .*sign in/)).toBeVisible();
    await expect(a.getByText(/Not yet pushed: [1-9]/).first()).toBeVisible();
    expect(await server.docs()).toEqual([]);

    await a.getByRole('textbox', { name: 'User name' }).fill(USER);
    await a.getByRole('textbox', { name: 'Password' }).fill('wrong-password');
    await a.getByRole('button', { name: 'Sign in' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'wrong user name or password' })).toBeVisible();
    await expect(a.getByRole('textbox', { name: 'Password' })).toHaveValue('');

    await a.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await a.getByRole('button', { name: 'Sign in' }).click();
    await expect(a.getByRole('status').filter({ hasText: `Signed in as ${USER}` })).toBeVisible();
    await expect(syncIndicator(a)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 30_000 });
    await expect(a.getByText(/Not yet pushed: 0(?!\d)/).first()).toBeVisible();
    expect((await server.docs()).map((d) => d.reference)).toContain(reference);

    const stored = await storedEverywhere(a);
    expect(stored).toContain(server.url); // the settings are there…
    expect(stored).not.toContain(PASSWORD); // …the password is not
    expect(stored).not.toContain('wrong-password');

    // A record the server's validation refuses: reason shown, record kept, not resent.
    const refused = await createIncident(a, 'A forbidden title');
    await openSyncPage(a);
    await a.getByRole('button', { name: 'Sync now' }).click();
    await expect(a.getByRole('heading', { name: 'Refused by the server' })).toBeVisible({ timeout: 30_000 });
    await expect(a.getByText('titles with that word are not accepted here').first()).toBeVisible();
    await openIncident(a, refused);
    await expect(a.getByText(/The server refused this record.*titles with that word are not accepted here/)).toBeVisible();
    await expect(a.getByRole('heading', { level: 1, name: 'A forbidden title' })).toBeVisible();
    expect((await server.docs()).map((d) => d.reference)).not.toContain(refused);
  } finally {
    server.stop();
  }
});

test('two tabs of one browser: one replicates, both show the same status, and writes from either are pushed', async ({ device, syncServer }) => {
  test.setTimeout(120_000);
  const { proxy, db } = await syncServer('tabs');
  const first = await device('tab 1');
  const second = await first.context().newPage();
  await openDesk(first);
  await openSyncPage(first);
  await first.getByRole('textbox', { name: 'Server URL' }).fill(proxy.url);
  await first.getByRole('textbox', { name: 'Database name' }).fill(db.name);
  await first.getByLabel('Live sync').check();
  await first.getByRole('button', { name: 'Save settings' }).click();
  await expect(syncIndicator(first)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 30_000 });

  await openDesk(second);
  await expect(syncIndicator(second)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 30_000 });
  // Only one tab holds the replication lock.
  const held = await second.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name));
  expect(held.filter((n) => n === 'service-desk-sync')).toHaveLength(1);

  const reference = await createIncident(second, 'Second tab: projector fan is loud');
  await expect.poll(async () => (await fetch(`${db.url}/_all_docs?include_docs=true`).then((r) => r.json()))
    .rows.some((r) => r.doc.reference === reference), { timeout: 30_000 }).toBe(true);
  await expect(syncIndicator(second)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 30_000 });
  await expect(syncIndicator(first)).toHaveAccessibleName(/^Sync: up to date/);
});

// Helpers for the sync end-to-end tests: the PouchDB Server started by scripts/test.sh
// (fresh databases, reads with revisions and conflicts), a cuttable slow proxy in front
// of it (a server that "goes down" without losing its in-memory data), a PouchDB client
// for interoperability checks, incident documents shaped like the app's, "devices"
// (browser contexts with their own IndexedDB) whose consoles are watched, and the desk
// steps the sync tests repeat (create, open and edit an incident; connect; sync now).
import { createServer, request as httpRequest } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import PouchDB from 'pouchdb-core';
import PouchHttp from 'pouchdb-adapter-http';
import { test as base, expect, appReady } from './fixtures.mjs';

const Pouch = PouchDB.plugin(PouchHttp);

/**
 * Origins of every proxy this process started (kept after it closes: a device's pending
 * request may fail afterwards): network failures against them are expected.
 */
const proxyOrigins = new Set();

/** The PouchDB Server the test command started. */
export function couchUrl() {
  const url = process.env.E2E_COUCH_URL;
  if (!url) {
    throw new Error('E2E_COUCH_URL is not set: run the sync tests through scripts/test.sh, which starts PouchDB Server');
  }
  return url.replace(/\/+$/, '');
}

/** A JSON request to the server; throws with the server's answer on any non-2xx status. */
async function couch(url, { method = 'GET', body } = {}) {
  const res = await fetch(url, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** `prefix-<12 hex digits>`: a fresh name, valid as a CouchDB database name. */
export function randomName(prefix) {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** Creates a uniquely named database `prefix-<random>` on the server. */
export async function freshDb(prefix = 'e2e') {
  const name = randomName(prefix);
  const url = `${couchUrl()}/${name}`;
  await couch(url, { method: 'PUT' });
  return { name, url };
}

/** Deletes a database (a missing one is not an error). */
export async function dropDb(name) {
  const res = await fetch(`${couchUrl()}/${name}`, { method: 'DELETE', headers: { Accept: 'application/json' } });
  if (!res.ok && res.status !== 404) throw new Error(`DELETE ${name}: ${res.status} ${await res.text()}`);
}

/**
 * A tiny HTTP proxy on a free 127.0.0.1 port forwarding everything to `targetUrl`
 * (methods, headers, bodies; responses streamed back untouched, CORS headers included).
 * `cut()` destroys every open connection and resets new ones, so to a browser the server
 * is down (fetch fails with a network error); `restore()` serves again. `delayMs` holds
 * every request back that long before it is forwarded (`setDelay` changes it).
 */
export async function startProxy(targetUrl, { delayMs = 0 } = {}) {
  const target = new URL(targetUrl);
  const prefix = target.pathname.replace(/\/+$/, '');
  let cut = false;
  let delay = delayMs;
  const sockets = new Set();
  const upstream = new Set();

  const server = createServer((req, res) => {
    const forward = () => {
      if (cut) return req.socket.destroy();
      const headers = { ...req.headers, host: target.host };
      const up = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: prefix + req.url, headers },
        (answer) => {
          if (cut) return req.socket.destroy();
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
          answer.on('error', () => req.socket.destroy());
        },
      );
      upstream.add(up);
      up.on('close', () => upstream.delete(up));
      // The real server failed: the browser sees the same network failure.
      up.on('error', () => req.socket.destroy());
      req.pipe(up);
    };
    if (delay > 0) setTimeout(forward, delay);
    else forward();
  });
  // A long poll must not be cut by the proxy's own timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.on('connection', (socket) => {
    if (cut) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  proxyOrigins.add(url);
  return {
    url,
    /** The server looks down: open connections are destroyed, new ones reset. */
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
      for (const u of upstream) u.destroy();
    },
    /** The server is back. */
    restore() {
      cut = false;
    },
    /** Changes the delay before each request is forwarded. */
    setDelay(ms) {
      delay = ms;
    },
    /** Stops the proxy. */
    async close() {
      cut = true;
      for (const s of sockets) s.destroy();
      for (const u of upstream) u.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A PouchDB client (Node, HTTP adapter) on a remote database. */
export function pouch(dbUrl) {
  return new Pouch(dbUrl, { skip_setup: true });
}

/** Every document of a database with its winning body and `_conflicts`. */
export async function allDocs(dbUrl) {
  const answer = await couch(`${dbUrl}/_all_docs?include_docs=true&conflicts=true`);
  return answer.rows.filter((r) => r.doc).map((r) => r.doc);
}

/** The incidents of a database (winning bodies, with `_conflicts`). */
export async function incidentsOn(dbUrl) {
  return (await allDocs(dbUrl)).filter((d) => d.type === 'incident');
}

/** One document's winning revision with `_revisions` and `_conflicts` (or a given `rev`). */
export async function getWithRevs(dbUrl, id, rev) {
  const q = `revs=true&conflicts=true${rev ? `&rev=${encodeURIComponent(rev)}` : ''}`;
  return couch(`${dbUrl}/${encodeURIComponent(id)}?${q}`);
}

/** A random revision hash, as CouchDB makes them (32 hex digits). */
export function revHash() {
  return randomBytes(16).toString('hex');
}

/**
 * A new incident document as the app stores it (`type`, `_id` `incident:<uuid>`, every
 * field of `src/domain/incident.rs`), status New, impact and urgency Medium (P3).
 */
export function incidentDoc({ reference, title, description = '', reporter = 'Dana Scully', at = Date.now() }) {
  return {
    _id: `incident:${randomUUID()}`,
    type: 'incident',
    reference,
    title,
    description,
    reporter: { name: reporter, contact: '' },
    channel: 'phone',
    service: null,
    category: '',
    environment: 'production',
    release: null,
    impact: 'medium',
    urgency: 'medium',
    priority: 3,
    status: 'new',
    hold_reason: null,
    assignment_group: null,
    assignee: null,
    major: null,
    problem: null,
    known_error: null,
    articles: [],
    resolution_code: null,
    resolution_notes: null,
    created: at,
    created_by: 'Sync test',
    updated: at,
    updated_by: 'Sync test',
    history: [{ at, by: 'Sync test', change: { kind: 'created' } }],
  };
}

/** `INC-<tag>-0042`: a reference on device `tag` (5 Crockford base32 characters). */
export function incidentRef(tag, n) {
  return `INC-${tag}-${String(n).padStart(4, '0')}`;
}

/** A random device tag, so seeded references never collide with a browser's own. */
export function randomTag() {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(randomBytes(5), (b) => alphabet[b % 32]).join('');
}

/** Declares another sync server whose failed requests are expected (a test's own server). */
export function expectServer(origin) {
  proxyOrigins.add(origin);
}

/** Whether a console message is a browser network failure against the sync server. */
function expectedNetworkFailure(msg) {
  const from = msg.location()?.url ?? '';
  const servers = [...proxyOrigins, process.env.E2E_COUCH_URL].filter(Boolean);
  return msg.text().startsWith('Failed to load resource') && servers.some((s) => from.startsWith(s));
}

/**
 * The fixtures of fixtures.mjs plus:
 * - `syncServer(prefix, { delayMs })`: a fresh database and a proxy of its own in front of
 *   the server, both removed after the test (`{ proxy, db }`);
 * - `device(name)`: a new browser context (its own IndexedDB: another device) and page,
 *   closed after the test before the servers. Like every context, each device is
 *   watched in all its tabs (fixtures.mjs) and the test fails on any console error,
 *   uncaught exception or CSP violation, except the browser's own "Failed to load
 *   resource" lines for requests to the sync server (the tests take it down and ask for
 *   missing databases on purpose); messages name the device.
 */
export const test = base.extend({
  syncServer: async ({}, use) => {
    const made = [];
    await use(async (prefix, options) => {
      const proxy = await startProxy(couchUrl(), options);
      const db = await freshDb(prefix);
      made.push({ proxy, db });
      return { proxy, db };
    });
    for (const { proxy, db } of made) {
      await proxy.close();
      await dropDb(db.name);
    }
  },
  device: async ({ browser, syncServer, consoleWatch }, use) => {
    void syncServer; // set up first, so torn down after the devices
    const opened = [];
    await use(async (name) => {
      const context = await browser.newContext();
      consoleWatch.configure(context, { name, allow: expectedNetworkFailure });
      opened.push(context);
      return context.newPage();
    });
    for (const context of opened) await context.close();
  },
});

export { expect };

/** `text` as a regular expression matching it literally. */
export function literally(text) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** The header's sync indicator: a link to the sync page named "Sync: …". */
export const syncIndicator = (page) => page.getByRole('link', { name: /^Sync:/ });

/** Opens the desk's incident list and waits for the local database. */
export async function openDesk(page) {
  await page.goto('/desk/incidents');
  await appReady(page);
}

/** Goes to the sync page through the header's indicator. */
export async function openSyncPage(page) {
  await syncIndicator(page).click();
  await expect(page).toHaveURL(/\/desk\/sync$/);
  await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible();
}

/** Points the device at `serverUrl` / `dbName` (PouchDB Server's admin party: no sign-in). */
export async function connect(page, serverUrl, dbName) {
  await openSyncPage(page);
  await page.getByRole('textbox', { name: 'Server URL' }).fill(serverUrl);
  await page.getByRole('textbox', { name: 'Database name' }).fill(dbName);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
}

/** "Sync now" on the sync page; waits until up to date with nothing left to push. */
export async function syncNow(page) {
  await openSyncPage(page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(syncIndicator(page)).toHaveAccessibleName(/^Sync: up to date/, { timeout: 60_000 });
  await expect(page.getByText(/Not yet pushed: 0(?!\d)/).first()).toBeVisible();
}

/** Creates an incident from the form; returns its reference. */
export async function createIncident(page, title) {
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'New incident' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill(`Written for the sync tests: ${title}.`);
  await page.getByLabel('Reported by').fill('Dana Scully');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().split('/').pop();
}

/** Opens an incident from the incident list by its reference. */
export async function openIncident(page, reference) {
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
  const row = page.getByRole('row', { name: literally(reference) });
  await row.getByRole('link', { name: reference }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
}

/** Changes an incident's title with the edit form. */
export async function editTitle(page, reference, title) {
  await openIncident(page, reference);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/incidents/${reference}$`));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Goes to the Conflicts list from the sync page. */
export async function openConflicts(page) {
  await openSyncPage(page);
  await page.getByRole('link', { name: /^Conflicts \(\d+\)/ }).click();
  await expect(page).toHaveURL(/\/desk\/conflicts$/);
  await expect(page.getByRole('heading', { name: 'Conflicts', exact: true })).toBeVisible();
}

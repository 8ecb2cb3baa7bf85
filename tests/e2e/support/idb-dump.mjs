// Reads every object store of the app's IndexedDB database in the page, so a test can
// compare the whole database before and after an action that must change nothing.
import { expect } from './fixtures.mjs';

/** Every store's records as `{ store: [[key, value], …] }`, keys and values as JSON. */
export async function dumpDb(page, name = 'service-desk') {
  return page.evaluate(async (dbName) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const out = {};
      for (const store of Array.from(db.objectStoreNames).sort()) {
        out[store] = await new Promise((resolve, reject) => {
          const tx = db.transaction(store, 'readonly');
          const rows = [];
          const req = tx.objectStore(store).openCursor();
          req.onsuccess = () => {
            const c = req.result;
            if (!c) return resolve(rows);
            rows.push([JSON.stringify(c.key), JSON.stringify(c.value)]);
            c.continue();
          };
          req.onerror = () => reject(req.error);
        });
      }
      return out;
    } finally {
      db.close();
    }
  }, name);
}

/** Asserts the database equals `before` (a [`dumpDb`] result), store by store. */
export async function expectDbUnchanged(page, before, what = 'the database') {
  const after = await dumpDb(page);
  expect(Object.keys(after), `${what}: same stores`).toEqual(Object.keys(before));
  for (const store of Object.keys(before)) {
    expect(after[store].length, `${what}: ${store} has as many records`).toBe(before[store].length);
    expect(after[store], `${what}: ${store} unchanged`).toEqual(before[store]);
  }
}

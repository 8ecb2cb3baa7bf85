// Service worker: keeps the app shell (index.html, the hashed JS, wasm and CSS, icons,
// manifest) in a versioned cache so the app opens with no network after the first visit.
// scripts/postbuild.mjs stamps VERSION and SHELL below at build time; any change to a
// shipped file changes VERSION, so the browser sees a new worker on the next check.
// A new worker waits until the page asks it to take over (the "new version" prompt).
'use strict';

// Stamped by scripts/postbuild.mjs. Unstamped (a development build), the worker caches
// nothing and lets every request go to the network.
const VERSION = 'unstamped';
const SHELL = [];

const PREFIX = 'service-desk-shell-';
const CACHE = PREFIX + VERSION;
const STAMPED = SHELL.length > 0;
const INDEX = new URL('index.html', self.registration.scope).href;
const SHELL_URLS = new Set(SHELL.map((path) => new URL(path, self.registration.scope).href));

self.addEventListener('install', (event) => {
  if (!STAMPED) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload` skips the HTTP cache, so a deploy never precaches a stale index.html.
      cache.addAll([...SHELL_URLS].map((url) => new Request(url, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page posts this when the person chooses to reload into the new version.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Writes, other origins (the sync server) and unstamped builds go straight to the
  // network, untouched.
  if (!STAMPED || request.method !== 'GET') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every route of the single-page app is index.html, so deep links open offline.
    event.respondWith(fromShell(INDEX).then((hit) => hit || fetch(request)));
    return;
  }
  // Anything outside the shell is not the worker's business: no respondWith at all.
  if (!SHELL_URLS.has(request.url)) return;
  event.respondWith(fromShell(request).then((hit) => hit || fetch(request)));
});

/** The cached copy from this version's shell, or undefined. */
async function fromShell(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request);
}

// Installable offline app: after one visit the service worker serves the app shell, so
// the desk opens and works with no network (deep links too); a new deploy shows "A new
// version is available" instead of swapping mid-work; the shipped Content-Security-Policy
// carries the inline script's hash and blocks injected script; the manifest and icons
// make it installable. The offline and update tests serve their own
// copy of the build (fetched from the suite's server by the worker's own file list), so
// it can take the server away or deploy a new worker.
import { test, expect, appReady } from './support/fixtures.mjs';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SERVER = join(dirname(new URL(import.meta.url).pathname), 'support', 'static-server.mjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The file list the build stamped into sw.js (fails if the build was not post-processed). */
function shellOf(swSource) {
  const m = /^const SHELL = (.*);$/m.exec(swSource);
  expect(m, 'sw.js has a SHELL list').not.toBeNull();
  const shell = JSON.parse(m[1]);
  expect(shell.length, 'sw.js was stamped by scripts/postbuild.mjs').toBeGreaterThan(0);
  return shell;
}

/** A copy of the build in a temp dir, served by its own static server. */
async function serveCopy(baseURL) {
  const dir = await mkdtemp(join(tmpdir(), 'sd-offline-'));
  const sw = await (await fetch(new URL('/sw.js', baseURL))).text();
  for (const file of shellOf(sw)) {
    const res = await fetch(new URL(`/${file}`, baseURL));
    expect(res.ok, `${file} is served`).toBe(true);
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), Buffer.from(await res.arrayBuffer()));
  }
  await writeFile(join(dir, 'sw.js'), sw);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  const site = {
    dir,
    url,
    async start() {
      child = spawn(process.execPath, [SERVER, dir, String(port)], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (await fetch(`${url}/sw.js`).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`static server on ${url} did not start`);
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
      child = null;
    },
    async dispose() {
      await site.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await site.start();
  return site;
}

/** Waits until a service worker controls the page (the first visit installs it). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Names of the app-shell caches in the page's origin. */
function shellCaches(page) {
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('service-desk-shell-')));
}

test('after one visit the desk opens and works with no network, deep links included', async ({
  page,
  context,
  baseURL,
}) => {
  const site = await serveCopy(baseURL);
  try {
    await page.goto(`${site.url}/desk/incidents`);
    await appReady(page);
    await controlled(page);

    // No network at all: the browser is offline and the server is gone.
    await site.stop();
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();

    await page.getByRole('link', { name: 'New incident' }).first().click();
    await page.getByLabel('Title').fill('VPN drops every ten minutes on the train');
    await page.getByLabel('Description').fill('Logged while offline.');
    await page.getByLabel('Reported by').fill('Fox Mulder');
    await page.getByRole('button', { name: 'Create incident' }).click();
    await expect(page).toHaveURL(/\/desk\/incidents\/INC-[0-9A-Z]{5}-\d{4,}$/);
    const reference = page.url().split('/').pop();

    await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Incidents' }).click();
    await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText('VPN drops');

    // A deep link typed (or reloaded) while offline opens from the cached shell.
    await page.goto(`${site.url}/desk/incidents/${reference}`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'VPN drops every ten minutes on the train' })).toBeVisible();

    await context.setOffline(false);
    await site.start();
    await page.reload();
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'VPN drops every ten minutes on the train' })).toBeVisible();
  } finally {
    await context.setOffline(false);
    await site.dispose();
  }
});

test('a new deploy is offered with a prompt, never swapped in mid-work', async ({ page, baseURL }) => {
  const site = await serveCopy(baseURL);
  try {
    await page.goto(`${site.url}/desk/incidents/new`);
    await appReady(page);
    await controlled(page);
    const [before] = await shellCaches(page);
    expect(before).toMatch(/^service-desk-shell-[0-9a-f]{16}$/);

    // Half-way through a form, and a marker that only survives if the page is not reloaded.
    await page.getByLabel('Title').fill('Typed but not saved');
    await page.evaluate(() => {
      window.__samePage = true;
    });

    // Deploy: a new worker version on the server.
    const swPath = join(site.dir, 'sw.js');
    const next = `${before.slice('service-desk-shell-'.length)}next`;
    const sw = await readFile(swPath, 'utf8');
    await writeFile(swPath, sw.replace(/^const VERSION = .*;$/m, `const VERSION = '${next}';`));

    // Coming back to the tab looks for a new version.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available.' });
    await expect(prompt.getByText('A new version is available.')).toBeVisible({ timeout: 30_000 });

    // Nothing was swapped: same page, same typed value, the old version still in control.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__samePage)).toBe(true);
    await expect(page.getByLabel('Title')).toHaveValue('Typed but not saved');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null)).toBe(
      true,
    );

    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await appReady(page);
    expect(await page.evaluate(() => window.__samePage)).toBeUndefined();
    await controlled(page);
    // The new worker controls the page and the old version's cache is gone.
    expect(await shellCaches(page)).toEqual([`service-desk-shell-${next}`]);
    expect(
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { waiting: reg.waiting, active: reg.active?.state };
      }),
    ).toEqual({ waiting: null, active: 'activated' });
    await expect(page.getByText('A new version is available.')).toHaveCount(0);
  } finally {
    await site.dispose();
  }
});

/** The console errors a refused injected inline script causes, and nothing else. */
function injectedScriptRefusal(msg) {
  const text = msg.text();
  return text === 'CSP violation: script-src-elem blocked inline'
    || /^Executing inline script violates the following Content Security Policy directive 'script-src /.test(text);
}

test('the shipped policy carries the inline script hash and blocks injected script', async ({
  page,
  browser,
  baseURL,
  consoleWatch,
}) => {
  // The whole suite runs under this policy with no console error: the app works with it.
  await page.goto('/');
  await appReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const html = await (await fetch(new URL('/index.html', baseURL))).text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  for (const body of inline) {
    expect(csp).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  expect(csp).toMatch(/(^|; )script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "default-src 'self'", "form-action 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');

  // Injected inline script is refused: in a context of its own, because the refusal is
  // (rightly) logged as a console error, which the fixture counts as a failure in every
  // context. This one is watched too, with only that refusal (the browser's line and the
  // fixture's report of the inline script blocked by script-src-elem) expected.
  const own = await browser.newContext({ baseURL });
  consoleWatch.configure(own, { name: 'injected script', allow: injectedScriptRefusal });
  const other = await own.newPage();
  const errors = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.goto('/');
  await appReady(other);
  const outcome = await other.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve({ directive: e.effectiveDirective, ran: window.__injected === true }),
          { once: true },
        );
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.head.append(s);
      }),
  );
  expect(outcome).toEqual({ directive: 'script-src-elem', ran: false });
  await expect.poll(() => errors.join('\n')).toContain('Content Security Policy');
  await own.close();
});

test('the app is installable: its manifest and icons pass Chromium’s checks', async ({ page, context }) => {
  await page.goto('/');
  await appReady(page);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Test browsers run as private windows, which can never install; nothing else may stand in the way.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  for (const icon of ['/icon.svg', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png']) {
    expect((await page.request.get(icon)).ok(), icon).toBe(true);
  }
});

test.describe('where service workers are not available', () => {
  test.use({ serviceWorkers: 'block' });

  test('the app runs normally, without offline support and without errors', async ({ page }) => {
    await page.goto('/desk/incidents');
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    await expect(page.getByText('A new version is available.')).toHaveCount(0);
  });
});

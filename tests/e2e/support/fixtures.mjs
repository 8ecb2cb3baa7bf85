// Shared end-to-end fixtures. Every browser context a test uses is watched for console
// errors, uncaught exceptions and Content-Security-Policy violations, in every page
// (tab) it opens, and the test fails if any appeared: the default `context` and `page`,
// contexts the test makes itself (`browser.newContext()`, `browser.newPage()`), and
// persistent contexts it launches (`playwright.chromium.launchPersistentContext()`).
import { test as base, expect } from '@playwright/test';

/** Reports each CSP violation as a console error, so the watch below sees it. */
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
  });
}

/** Watches browser contexts and collects what went wrong in any of their pages. */
class ConsoleWatch {
  constructor() {
    /** Everything that went wrong, as lines naming the context and tab. */
    this.problems = [];
    /** Per context: its name in messages and which console errors are expected. */
    this.settings = new Map();
  }

  /**
   * Watches `context` (idempotent): a CSP reporter in every page it loads, and the
   * console and uncaught exceptions of every page it has or opens later.
   */
  async watch(context) {
    if (this.settings.has(context)) return context;
    const settings = { name: `context ${this.settings.size + 1}`, allow: [] };
    this.settings.set(context, settings);
    await context.addInitScript(reportCspViolations);
    let tabs = 0;
    const watchPage = (page) => {
      const tab = ++tabs;
      const where = () => `${settings.name}, tab ${tab}`;
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !settings.allow.some((allowed) => allowed(msg))) {
          this.problems.push(`${where()}: console error: ${msg.text()}`);
        }
      });
      page.on('pageerror', (err) => this.problems.push(`${where()}: page error: ${err.message}`));
    };
    context.pages().forEach(watchPage);
    context.on('page', watchPage);
    return context;
  }

  /**
   * Names a watched context in messages and, with `allow(msg)`, lets through console
   * errors it expects (a sync test's deliberate network failures, for instance).
   */
  configure(context, { name, allow } = {}) {
    const settings = this.settings.get(context);
    if (!settings) throw new Error('configure() is for a context the watch already has');
    if (name) settings.name = name;
    if (allow) settings.allow.push(allow);
  }
}

/** Replaces `obj[method]` for the test with a version that watches what it returns. */
function intercept(obj, method, watch, restore, made) {
  const original = obj[method];
  obj[method] = async function watched(...args) {
    const result = await original.apply(this, args);
    // `newPage()` returns a page; every other method, a context.
    const context = typeof result.context === 'function' ? result.context() : result;
    await watch(context);
    made.push(context);
    return result;
  };
  restore.push(() => {
    obj[method] = original;
  });
}

export const test = base.extend({
  /**
   * Set up before anything else in every test: watches every context made while the test
   * runs, and after it (once its contexts are closed) fails it on any problem seen.
   * `consoleWatch.configure(context, …)` names a context or allows expected errors.
   */
  consoleWatch: [async ({ browser, playwright }, use) => {
    const watch = new ConsoleWatch();
    const restore = [];
    const made = [];
    const add = (context) => watch.watch(context);
    intercept(browser, 'newContext', add, restore, made);
    intercept(browser, 'newPage', add, restore, made);
    for (const type of [playwright.chromium, playwright.firefox, playwright.webkit].filter(Boolean)) {
      intercept(type, 'launchPersistentContext', add, restore, made);
    }
    try {
      await use(watch);
    } finally {
      for (const undo of restore.reverse()) undo();
    }
    // Contexts the test left open: closed now, so nothing they report is missed.
    for (const context of made) await context.close().catch(() => {});
    expect(watch.problems, 'no console errors, uncaught exceptions or CSP violations in any tab').toEqual([]);
  }, { auto: true }],

  // The default context is watched too, whichever way Playwright made it.
  context: async ({ context, consoleWatch }, use) => {
    await consoleWatch.watch(context);
    await use(context);
  },
});

export { expect };

/** The database state the app shows on `<html data-db>`, once opening has ended. */
async function openedState(page) {
  const root = page.locator('html');
  await expect(root, 'the app finishes opening its local database').toHaveAttribute(
    'data-db', /^(ready|failed)$/, { timeout: 30_000 },
  );
  return root.getAttribute('data-db');
}

/**
 * Waits until the app has opened its database (and loaded demo data, when asked). Fails,
 * with the reason the app shows, when the database could not be opened.
 */
export async function appReady(page) {
  const state = await openedState(page);
  if (state !== 'ready') {
    const banner = page.getByRole('alert').filter({ hasText: 'cannot open its local database' });
    const shown = (await banner.allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();
    expect(state, `the app could not open its local database: ${shown || '(no reason shown)'}`).toBe('ready');
  }
  await expect(page.getByText('Loading demo data…')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * For a test that expects the database not to open: waits until the app has given up,
 * and returns the banner that says why.
 */
export async function appFailedToOpen(page) {
  expect(await openedState(page), 'the app reports that its database did not open').toBe('failed');
  const banner = page.getByRole('alert').filter({ hasText: 'cannot open its local database' });
  await expect(banner).toBeVisible();
  return banner;
}

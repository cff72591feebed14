// The browser harness: Debian's Chromium driven by playwright-core, one fresh profile per launch,
// a console-error collector per page, login as a test stack user, screenshots under
// tests/e2e/artifacts/.
//
//   import { openBrowser } from './lib/browser.mjs';
//   const session = await openBrowser();            // launches Chromium, reads the test stack
//   const page = await session.newPage();           // collects console errors and page errors
//   await session.loginAs(page, 'administrator');   // lands on /wp-admin/
//   await session.screenshot(page, 'setup-empty');  // tests/e2e/artifacts/setup-empty.png
//   session.assertClean(page);                      // throws on console errors or plugin PHP problems
//   await session.close();
//
// The sandbox helpers (sandboxStats, sandboxConfigure, sandboxReset) and loadStack/userFor are in
// ./stack.mjs and re-exported here.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, loadStack, userFor, serverLogOffset, pluginProblemsSince } from './stack.mjs';

export { loadStack, userFor, sandboxStats, sandboxConfigure, sandboxReset, sandboxRequest } from './stack.mjs';

/** Where screenshots go (git ignores it): scripts/suites/50-e2e.sh names a folder per stack. */
export const artifactsDir = process.env.ASA2_E2E_ARTIFACTS || join(root, 'tests', 'e2e', 'artifacts');

/** The Chromium binary (Debian's package); ASA2_CHROMIUM overrides it. */
export const chromiumPath = process.env.ASA2_CHROMIUM || '/usr/bin/chromium';

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Launches Chromium with a fresh profile and returns the session helpers.
 * @returns {Promise<Session>}
 */
export async function openBrowser() {
  const stack = loadStack();
  const profile = mkdtempSync(join(tmpdir(), 'asa2-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
      baseURL: stack.url,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start Chromium (${chromiumPath}): ${error.message}`);
  }
  return new Session(stack, context, profile);
}

/** One browser with its helpers; every page it opens collects its console errors. */
export class Session {
  constructor(stack, context, profile) {
    /** The test stack's description (see stack.mjs). */
    this.stack = stack;
    /** The Playwright BrowserContext. */
    this.context = context;
    this.profile = profile;
    this.logOffset = serverLogOffset(stack);
    /** @type {WeakMap<import('playwright-core').Page, string[]>} */
    this.errors = new WeakMap();
  }

  /** A new page whose console errors, uncaught exceptions and failed requests are collected. */
  async newPage() {
    const page = await this.context.newPage();
    const errors = [];
    this.errors.set(page, errors);
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url || 'page'})`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText || 'failed';
      if (failure !== 'net::ERR_ABORTED') errors.push(`request: ${request.method()} ${request.url()} ${failure}`);
    });
    return page;
  }

  /** The console errors, uncaught exceptions and failed requests of a page so far. */
  consoleErrors(page) {
    return [...(this.errors.get(page) || [])];
  }

  /** The PHP problems the plugin's files raised in the web server since the session began (or the last assertClean). */
  pluginProblems() {
    return pluginProblemsSince(this.stack, this.logOffset);
  }

  /**
   * Throws when the page logged console errors or the plugin raised PHP problems in the web
   * server; then starts collecting afresh.
   */
  assertClean(page) {
    const problems = [...this.consoleErrors(page), ...this.pluginProblems().map((l) => `php: ${l}`)];
    // Empty the page's own list: its listeners keep adding to it.
    this.errors.get(page)?.splice(0);
    this.logOffset = serverLogOffset(this.stack);
    if (problems.length > 0) throw new Error(`the page is not clean:\n- ${problems.join('\n- ')}`);
  }

  /**
   * Logs in through wp-login.php as a role's user ('administrator', 'editor', 'author',
   * 'subscriber') and waits for the admin screen WordPress sends it to.
   */
  async loginAs(page, role = 'administrator') {
    const user = userFor(this.stack, role);
    await fillLoginForm(page, user.login, user.password);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/wp-admin'), { timeout: 15000 }),
      page.click('#wp-submit'),
    ]);
    return user;
  }

  /** Saves a full-page screenshot as tests/e2e/artifacts/<name>.png and returns its path. */
  async screenshot(page, name) {
    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  }

  /** Closes the browser and removes its profile. */
  async close() {
    try {
      await this.context.close();
    } finally {
      rmSync(this.profile, { recursive: true, force: true });
    }
  }
}

/**
 * Opens wp-login.php and fills the form. wp-login.php focuses (and may clear) its fields from a
 * 200 ms timer after load; filling before that timer ran loses the password now and then, so
 * this waits for the timer's focus and checks what the fields hold before returning.
 */
export async function fillLoginForm(page, login, password) {
  await page.goto('/wp-login.php');
  await page.waitForFunction(
    () => ['user_login', 'user_pass'].includes(document.activeElement?.id),
    null,
    { timeout: 5000 },
  );
  await page.fill('#user_login', login);
  await page.fill('#user_pass', password);
  if ((await page.inputValue('#user_login')) !== login || (await page.inputValue('#user_pass')) !== password) {
    throw new Error('the login form did not keep the values typed into it');
  }
}

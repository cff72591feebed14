// The browser harness works against the test stack: an administrator logs in through
// wp-login.php and reaches the dashboard without console errors.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openBrowser, fillLoginForm, sandboxStats, sandboxReset } from './lib/browser.mjs';

let session;
before(async () => { session = await openBrowser(); });
after(async () => { await session?.close(); });

test('an administrator logs in and reaches the dashboard', async () => {
  const page = await session.newPage();
  const user = await session.loginAs(page, 'administrator');
  assert.equal(user.login, 'admin');
  assert.equal(new URL(page.url()).pathname, '/wp-admin/');
  await page.waitForSelector('#wpadminbar');
  assert.match(await page.title(), /^Dashboard/);
  assert.equal(await page.textContent('#wp-admin-bar-my-account .display-name'), 'admin');
  const shot = await session.screenshot(page, 'smoke-dashboard');
  assert.ok(existsSync(shot));
  session.assertClean(page);
});

test('a wrong password is refused', async () => {
  const page = await session.newPage();
  await fillLoginForm(page, 'admin', 'not-the-password');
  await Promise.all([page.waitForLoadState('load'), page.click('#wp-submit')]);
  assert.match(await page.textContent('#login_error'), /password you entered/);
  assert.equal(new URL(page.url()).pathname, '/wp-login.php');
});

test('the sandbox of the test stack answers and resets its counters', async () => {
  await sandboxReset(session.stack);
  const stats = await sandboxStats(session.stack);
  assert.deepEqual(stats.tokens_issued, {});
  assert.equal(stats.throttled, 0);
});

// The plugin zip of dist/ installed the way a site owner installs it: Plugins -> Add New Plugin ->
// Upload Plugin in Chromium, then Activate. Run by scripts/suites/70-dist.sh against a stack started
// from dist/ (PHP loads the extension from the installed package; WordPress has no plugin until
// this upload). Screenshots: tests/e2e/artifacts/<Debian release>/dist-*.png.
//
//   ASA2_DIST_ZIP       the zip to upload
//   ASA2_DIST_VERSION   the release version the plugin and the package carry

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminBrowser, distEnv, literal } from './lib/session.mjs';

const { ASA2_DIST_ZIP: zip, ASA2_DIST_VERSION: version } = distEnv('ASA2_DIST_ZIP', 'ASA2_DIST_VERSION');

let session;
let page;
before(async () => { ({ session, page } = await adminBrowser()); });
after(async () => { await session?.close(); });

/** Clicks something that loads the next page and waits for it. */
async function go(locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

test('the zip uploads through Plugins -> Add New Plugin -> Upload Plugin and activates', async () => {
  await page.goto('/wp-admin/plugins.php');
  assert.equal(await page.locator('tr[data-plugin="asa2-creators/asa2-creators.php"]').count(), 0, 'the stack starts without the plugin');
  await go('.wrap a.page-title-action[href*="plugin-install.php"]');
  await page.locator('.upload-view-toggle').first().click();
  await page.locator('#pluginzip').setInputFiles(zip);
  await go('#install-plugin-submit');
  const result = await page.locator('.wrap').innerText();
  assert.match(result, /Plugin installed successfully/, result);
  await go('.wrap a[href*="action=activate"]');

  const row = page.locator('tr[data-plugin="asa2-creators/asa2-creators.php"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.getAttribute('class'), /\bactive\b/);
  assert.match(await row.innerText(), new RegExp(`Version ${literal(version)}`));
  assert.match(await page.locator('#message, .notice-success').first().innerText(), /Plugin activated/);
  await session.screenshot(page, 'dist-01-plugin-uploaded-active');
  session.assertClean(page);
});

test('the uploaded copy is the plugin WordPress runs, with its wasm build', () => {
  const main = join(session.stack.plugin_dir, 'asa2-creators.php');
  assert.ok(existsSync(main), `${main} is there after the upload`);
  assert.match(readFileSync(main, 'utf8'), new RegExp(` \\* Version: +${literal(version)}\\n`));
  assert.ok(existsSync(join(session.stack.plugin_dir, 'assets', 'wasm', 'asa2_wasm_bg.wasm')));
});

test('ASA2 -> Setup runs on the packaged extension, its live form on the wasm build of the zip', async () => {
  const wasm = page.waitForResponse((r) => r.url().includes('/wp-content/plugins/asa2-creators/assets/wasm/asa2_wasm_bg.wasm'));
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add');
  assert.equal((await wasm).status(), 200, 'the browser fetched the wasm build from the uploaded plugin');
  await page.waitForSelector('#asa2-marketplace-form[data-asa2-live="ready"]', { timeout: 10000 });
  const body = await page.locator('#wpbody').innerText();
  assert.doesNotMatch(body, /needs the asa2 PHP extension/);
  await session.screenshot(page, 'dist-02-setup-add-marketplace');
  session.assertClean(page);
});

test('Site Health shows the extension version of the package and how PHP runs', async () => {
  await page.goto('/wp-admin/site-health.php?tab=debug');
  await page.locator('button[aria-controls="health-check-accordion-block-asa2-creators"]').click();
  const info = await page.locator('#health-check-accordion-block-asa2-creators').innerText();
  assert.match(info, new RegExp(`asa2 extension version\\s+${literal(version)}`));
  assert.match(info, /fpm-fcgi/);
  await session.screenshot(page, 'dist-03-site-health-info');
  session.assertClean(page);
});

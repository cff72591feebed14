// The Add Marketplace form's live feedback, answered in the browser by asa2-core compiled to
// WebAssembly (assets/admin-live.js + assets/wasm/): the API version follows marketplace and
// credential type, pasted LWA credentials preselect LWA (v3) or warn about a mismatch, the
// partner tag is checked while typing, the Associates Central link follows the marketplace. The
// expected answers come from the same core's Node build (crates/wasm/pkg/node), so the test
// checks the wiring, not a second copy of the rules. The last tests block the wasm file, then
// move the build out of the plugin, and check that the form still works with the data the server
// printed and says why once in the console. Screenshots:
// tests/e2e/artifacts/live-form-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

const nodeBuild = join(root, 'crates', 'wasm', 'pkg', 'node', 'asa2_wasm.js');
if (!existsSync(nodeBuild)) throw new Error(`${nodeBuild} is missing: build it with 'make wasm'`);
const core = createRequire(import.meta.url)(nodeBuild);
const demo = JSON.parse(readFileSync(join(root, 'crates', 'sandbox', 'demo.json'), 'utf8'));
const LWA = demo.credentials.find((c) => c.version.startsWith('3.'));
const COGNITO = demo.credentials.find((c) => c.version.startsWith('2.'));
const ADD_URL = '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add';
const WASM_FILE = '**/assets/wasm/asa2_wasm_bg.wasm*';

let session;
let page;
const warnings = [];

before(async () => {
  session = await openBrowser();
  page = await session.newPage();
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await session.loginAs(page, 'administrator');
});
after(async () => { await session?.close(); });

/**
 * Opens the Add Marketplace form, waits until asa2-core answers it, and removes the data the
 * server printed for the fallback, so every answer below can only come from the wasm build.
 */
async function openLiveForm() {
  const wasm = page.waitForResponse((r) => r.url().includes('/assets/wasm/asa2_wasm_bg.wasm'));
  await page.goto(ADD_URL);
  assert.equal((await wasm).status(), 200, 'the browser fetched the wasm build');
  await page.waitForSelector('#asa2-marketplace-form[data-asa2-live="ready"]', { timeout: 10000 });
  await page.evaluate(() => {
    for (const option of document.querySelectorAll('#asa2-marketplace option')) {
      option.removeAttribute('data-version-cognito');
      option.removeAttribute('data-version-lwa');
      option.removeAttribute('data-associates-url');
    }
  });
}

const version = () => page.locator('#asa2-api-version').innerText();
const tagMessages = () => page.locator('#asa2-partner_tag-live').innerText();

test('the form loads asa2-core as WebAssembly and says so', async () => {
  await openLiveForm();
  const form = page.locator('#asa2-marketplace-form');
  assert.equal(await form.getAttribute('data-asa2-core-version'), core.version());
  assert.equal(await page.locator('script[type="module"][src*="admin-live.js"]').count(), 1);
  assert.equal(await page.evaluate(() => window.asa2Core && window.asa2Core.source), 'wasm');
  assert.deepEqual(warnings, [], 'no warning (the server sends application/wasm, nothing fell back)');
  session.assertClean(page);
});

test('the API version follows the marketplace and the credential type', async () => {
  assert.equal(await version(), 'Select a marketplace');
  await page.selectOption('#asa2-marketplace', 'DE');
  await page.check('#asa2-kind-cognito');
  assert.equal(await version(), '2.2');
  assert.equal(core.apiVersion('cognito', 'DE'), '2.2');
  await page.check('#asa2-kind-lwa');
  assert.equal(await version(), '3.2');
  await page.selectOption('#asa2-marketplace', 'JP');
  assert.equal(await version(), '3.3');
  assert.equal(await version(), core.apiVersion('lwa', 'JP'));
  await session.screenshot(page, 'live-form-01-version-jp-lwa');
  await page.selectOption('#asa2-marketplace', '');
  assert.equal(await version(), 'Select a marketplace');
  session.assertClean(page);
});

test('the Associates Central link follows the chosen marketplace', async () => {
  const link = page.locator('#asa2-associates-url');
  await page.selectOption('#asa2-marketplace', 'DE');
  assert.equal(await link.getAttribute('href'), 'https://partnernet.amazon.de');
  assert.equal(await link.innerText(), 'https://partnernet.amazon.de');
  assert.ok(await link.isVisible());
  await page.selectOption('#asa2-marketplace', 'JP');
  assert.equal(await link.getAttribute('href'), core.associatesUrl('JP'));
  await page.selectOption('#asa2-marketplace', '');
  assert.equal(await link.isVisible(), false, 'no link without a marketplace');
  session.assertClean(page);
});

test('pasted LWA credentials preselect LWA (v3); a Cognito choice made on purpose is warned', async () => {
  await openLiveForm();
  await page.selectOption('#asa2-marketplace', 'DE');
  assert.ok(await page.isChecked('#asa2-kind-cognito'), 'Cognito (v2) is the initial choice');
  assert.equal(core.detectKind(LWA.id, ''), 'lwa');
  await page.fill('#asa2-credential_id', LWA.id);
  const note = page.locator('#asa2-kind-detected');
  assert.ok(await page.isChecked('#asa2-kind-lwa'), 'LWA (v3) was preselected');
  assert.match(await note.innerText(), /look like LWA \(v3\) credentials, so the Credential Type was set to LWA \(v3\)/);
  assert.equal(await version(), '3.2');
  assert.match(await page.getAttribute('#asa2-credential_id', 'aria-describedby'), /\basa2-kind-detected\b/);
  await session.screenshot(page, 'live-form-02-lwa-detected');

  await page.check('#asa2-kind-cognito');
  assert.ok(await page.isChecked('#asa2-kind-cognito'), 'the explicit choice stays');
  assert.equal(await version(), '2.2');
  assert.match(await note.innerText(), /look like LWA \(v3\) credentials, but Cognito \(v2\) is selected.*invalid_client/);
  assert.ok(core.mismatchWarning('cognito', LWA.id, ''));
  assert.match(await note.getAttribute('class'), /asa2-live-warning/);
  await session.screenshot(page, 'live-form-03-mismatch-warned');

  await page.fill('#asa2-credential_id', COGNITO.id);
  assert.equal(await note.innerText(), '', 'Cognito-looking credentials clear the warning');
  assert.equal(await note.isVisible(), false);
  assert.ok(await page.isChecked('#asa2-kind-cognito'));
  session.assertClean(page);
});

test('the partner tag is checked while typing: suffix warning, format error, then fixed', async () => {
  await openLiveForm();
  await page.selectOption('#asa2-marketplace', 'DE');
  const tag = page.locator('#asa2-partner_tag');
  const live = page.locator('#asa2-partner_tag-live');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.match(await tag.getAttribute('aria-describedby'), /\basa2-partner_tag-live\b/);

  await tag.pressSequentially('mysite-20', { delay: 20 });
  await page.waitForFunction(() => document.querySelector('#asa2-partner_tag-live').textContent.includes('usually end in -21'));
  const [warning] = core.checkPartnerTag('mysite-20', 'DE').warnings.partner_tag;
  assert.equal((await tagMessages()).replace(/^Warning:\s*/, ''), warning);
  assert.match(await live.getAttribute('class'), /asa2-live-warning/);
  assert.equal(await tag.getAttribute('aria-invalid'), null, 'a warning does not mark the field invalid');
  await session.screenshot(page, 'live-form-04-tag-suffix-warning');

  await tag.fill('');
  await tag.pressSequentially('bad tag!', { delay: 20 });
  await page.waitForFunction(() => document.querySelector('#asa2-partner_tag-live').textContent.includes('space'));
  let expected;
  try {
    core.checkPartnerTag('bad tag!', 'DE');
  } catch (error) {
    expected = error.errors.partner_tag;
  }
  assert.ok(expected && expected.length > 0, 'the core refuses "bad tag!"');
  for (const message of expected) assert.ok((await tagMessages()).includes(message), `shown: ${message}`);
  assert.match(await live.getAttribute('class'), /asa2-live-error/);
  assert.equal(await tag.getAttribute('aria-invalid'), 'true');
  await session.screenshot(page, 'live-form-05-tag-error');

  await tag.fill('mysite-21');
  await page.waitForFunction(() => document.querySelector('#asa2-partner_tag-live').textContent === '');
  assert.equal(await live.isVisible(), false);
  assert.equal(await tag.getAttribute('aria-invalid'), null);

  // A tag that fits one store gets the warning when the marketplace changes.
  await page.selectOption('#asa2-marketplace', 'US');
  assert.match(await tagMessages(), /United States usually end in -20/);
  await session.screenshot(page, 'live-form-06-tag-after-marketplace-change');
  session.assertClean(page);
});

test('the Edit form keeps the saved credential type and warns about the mismatch', async () => {
  const UK = demo.credentials.find((c) => c.marketplaces.includes('UK'));
  await openLiveForm();
  await page.selectOption('#asa2-marketplace', 'UK');
  await page.fill('#asa2-credential_id', UK.id);
  await page.fill('#asa2-credential_secret', UK.secret);
  assert.ok(await page.isChecked('#asa2-kind-lwa'));
  await page.check('#asa2-kind-cognito');
  await page.fill('#asa2-partner_tag', UK.partner_tags[0]);
  await page.uncheck('#asa2-default');
  await Promise.all([page.waitForNavigation(), page.click('#asa2-marketplace-form #submit')]);
  assert.match(await page.locator('tr[data-marketplace="UK"]').innerText(), /Cognito \(v2\)/, 'UK was saved as Cognito');

  await Promise.all([page.waitForNavigation(), page.click('tr[data-marketplace="UK"] .asa2-action-edit')]);
  await page.waitForSelector('#asa2-marketplace-form[data-asa2-live="ready"]', { timeout: 10000 });
  assert.ok(await page.isChecked('#asa2-kind-cognito'), 'the saved type is not switched on load');
  assert.match(await page.locator('#asa2-kind-detected').innerText(), /but Cognito \(v2\) is selected/);
  assert.equal(await version(), '2.2');
  await session.screenshot(page, 'live-form-07-edit-mismatch');
  session.assertClean(page);
});

test('the marketplace saved above is deleted again', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=creators&view=delete&marketplace=UK');
  await Promise.all([page.waitForNavigation(), page.click('#asa2-confirm-delete')]);
  assert.equal(await page.locator('tr[data-marketplace="UK"]').count(), 0, 'the test leaves no marketplace behind');
});

test('with the wasm file blocked the form still shows the versions the server printed', async () => {
  const blocked = await session.newPage();
  const warnings = [];
  blocked.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await blocked.route(WASM_FILE, (route) => route.abort('aborted'));
  await blocked.goto(ADD_URL);
  await blocked.waitForSelector('#asa2-marketplace-form[data-asa2-live="unavailable"]', { timeout: 10000 });
  await blocked.selectOption('#asa2-marketplace', 'DE');
  await blocked.check('#asa2-kind-cognito');
  const shown = () => blocked.locator('#asa2-api-version').innerText();
  assert.equal(await shown(), '2.2');
  await blocked.check('#asa2-kind-lwa');
  assert.equal(await shown(), '3.2');
  await blocked.selectOption('#asa2-marketplace', 'JP');
  assert.equal(await shown(), '3.3');
  await blocked.selectOption('#asa2-marketplace', 'DE');
  assert.equal(await blocked.locator('#asa2-associates-url').getAttribute('href'), 'https://partnernet.amazon.de');
  await blocked.fill('#asa2-partner_tag', 'bad tag!');
  await blocked.waitForTimeout(500);
  assert.equal(await blocked.locator('#asa2-partner_tag-live').innerText(), '', 'no live tag check without the core');
  assert.equal(await blocked.evaluate(() => window.asa2Core), undefined);
  await session.screenshot(blocked, 'live-form-08-wasm-blocked');
  const ours = warnings.filter((w) => w.includes('ASA2'));
  assert.equal(ours.length, 1, `one clear warning: ${JSON.stringify(warnings)}`);
  assert.match(ours[0], /live form checks are off/);
  session.assertClean(blocked);
  await blocked.close();
});

test('without the wasm build in the plugin the page does not ask for it and warns once', async () => {
  const dir = join(session.stack.plugin_dir, 'assets', 'wasm');
  const aside = `${dir}.moved-by-live-form-test`;
  const bare = await session.newPage();
  const logged = [];
  bare.on('console', (message) => { if (message.type() === 'warning') logged.push(message.text()); });
  const asked = [];
  bare.on('request', (request) => { if (request.url().includes('/assets/wasm/') || request.url().includes('admin-live.js')) asked.push(request.url()); });
  renameSync(dir, aside);
  try {
    await bare.goto(ADD_URL);
    await bare.waitForSelector('#asa2-marketplace-form[data-asa2-live="unavailable"]', { timeout: 10000 });
  } finally {
    renameSync(aside, dir);
  }
  await bare.selectOption('#asa2-marketplace', 'JP');
  await bare.check('#asa2-kind-lwa');
  assert.equal(await bare.locator('#asa2-api-version').innerText(), '3.3');
  assert.deepEqual(asked, [], 'no request for a build that is not there');
  const ours = logged.filter((w) => w.includes('ASA2'));
  assert.equal(ours.length, 1, `one clear warning: ${JSON.stringify(logged)}`);
  assert.match(ours[0], /make wasm/);
  session.assertClean(bare);
  await bare.close();
});

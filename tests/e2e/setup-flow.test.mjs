// The Creators API setup guide, walked in the browser against the test stack and its sandbox:
// ASA2 -> Setup -> Amazon Creators API, add Germany (Cognito), add the United Kingdom with LWA
// credentials entered as Cognito, Test connection -> invalid_client -> "Switch to LWA (v3) and
// test again" -> OK, disable, set default, delete with confirmation, then the PA API notice,
// "Move to Creators API" for France from the PA API tab, the Associate ID Sets tab and the API call log. Every step leaves a screenshot in
// tests/e2e/artifacts/setup-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

const demo = JSON.parse(readFileSync(join(root, 'crates', 'sandbox', 'demo.json'), 'utf8'));
const credential = (code) => demo.credentials.find((c) => c.marketplaces.includes(code));
const DE = credential('DE');
const UK = credential('UK');
const FR = credential('FR');

let session;
let page;
let step = 0;

before(async () => {
  session = await openBrowser();
  page = await session.newPage();
  await session.loginAs(page, 'administrator');
});
after(async () => { await session?.close(); });

/** Screenshot of the current step: setup-01-<name>.png, ... */
async function shot(name) {
  step += 1;
  await session.screenshot(page, `setup-${String(step).padStart(2, '0')}-${name}`);
}

/** Clicks something that submits a form or follows a link and waits for the next page. */
async function go(locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

/** The text of a row of the Configured Marketplaces table. */
async function row(code) {
  return (await page.locator(`tr[data-marketplace="${code}"]`).innerText()).replace(/\s+/g, ' ');
}

/** The text of the admin notices. */
async function notices() {
  return (await page.locator('.asa2-notice').allInnerTexts()).join('\n');
}

test('logging is switched on first, so the log shows the calls of this walk', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-options');
  assert.match(await page.locator('.nav-tab-active').innerText(), /Logging/);
  await page.check('#asa2-logging-enabled');
  await page.selectOption('#asa2-logging-level', 'debug');
  await go('#asa2-logging-form #submit');
  assert.match(await notices(), /Logging settings saved/);
  session.assertClean(page);
});

test('ASA2 -> Setup opens on the Creators API tab and explains the first step', async () => {
  await page.goto('/wp-admin/');
  await go('#toplevel_page_asa2-setup a[href*="page=asa2-setup"]');
  assert.match(await page.locator('.nav-tab-active').innerText(), /Amazon Creators API/);
  const tabs = await page.locator('.nav-tab').allInnerTexts();
  assert.deepEqual(tabs.map((t) => t.replace(/\s+Recommended$/, '').trim()), ['Amazon PA API', 'Amazon Creators API', 'Associate ID Sets']);
  const empty = await page.locator('.asa2-empty-state').innerText();
  assert.match(empty, /Create credentials at Amazon/);
  assert.equal(await page.locator('.asa2-associates-links a[href="https://partnernet.amazon.de"]').count(), 1);
  await shot('empty');
  session.assertClean(page);
});

test('Germany is added with Cognito (v2) credentials and appears in the table', async () => {
  await go('#asa2-add-marketplace');
  assert.match(await page.locator('h2.asa2-section-title').innerText(), /Add Marketplace/);
  await page.selectOption('#asa2-marketplace', 'DE');
  assert.equal(await page.locator('#asa2-api-version').innerText(), '2.2');
  await page.check('#asa2-kind-lwa');
  assert.equal(await page.locator('#asa2-api-version').innerText(), '3.2', 'the version follows the credential type');
  await page.check('#asa2-kind-cognito');
  assert.equal(await page.locator('#asa2-api-version').innerText(), '2.2');
  await page.fill('#asa2-credential_id', DE.id);
  await page.fill('#asa2-credential_secret', DE.secret);
  await page.fill('#asa2-partner_tag', DE.partner_tags[0]);
  assert.ok(await page.isChecked('#asa2-enabled'));
  assert.ok(await page.isChecked('#asa2-default'), 'the first marketplace is offered as the default');
  assert.equal(await page.getAttribute('#asa2-credential_secret', 'type'), 'password');
  await shot('add-germany');
  await go('#asa2-marketplace-form #submit');

  assert.match(await notices(), /Germany was added/);
  const de = await row('DE');
  assert.match(de, /Germany/);
  assert.match(de, /Enabled/);
  assert.match(de, /Cognito \(v2\)/);
  assert.match(de, /2\.2/);
  assert.doesNotMatch(de, /demo-de-21/, 'the partner tag is partly hidden');
  assert.match(de, /de\*+/i);
  assert.equal(await page.locator('tr[data-marketplace="DE"] .asa2-star').count(), 1);
  assert.doesNotMatch(await page.content(), new RegExp(DE.secret));
  await shot('germany-added');
  session.assertClean(page);
});

test('a form with mistakes shows each error beside its field and keeps the input', async () => {
  await go('#asa2-add-marketplace');
  await page.selectOption('#asa2-marketplace', 'FR');
  await page.fill('#asa2-credential_id', '');
  await page.fill('#asa2-credential_secret', 'typed-but-rejected');
  await page.fill('#asa2-partner_tag', 'has spaces');
  await go('#asa2-marketplace-form #submit');
  assert.match(await page.locator('.asa2-form-errors').innerText(), /not saved/);
  assert.ok(await page.locator('.asa2-row-credential_id.form-invalid .asa2-field-error').count() >= 1);
  assert.ok(await page.locator('.asa2-row-partner_tag.form-invalid .asa2-field-error').count() >= 1);
  assert.equal(await page.locator('.asa2-row-marketplace.form-invalid').count(), 0, 'only the wrong fields are marked');
  assert.equal(await page.inputValue('#asa2-partner_tag'), 'has spaces');
  assert.equal(await page.inputValue('#asa2-marketplace'), 'FR');
  assert.equal(await page.inputValue('#asa2-credential_secret'), '', 'the secret never comes back');
  await shot('validation-errors');
  session.assertClean(page);
  await go('a.button-secondary[href*="tab=creators"]');
});

test('the United Kingdom with LWA credentials: recognised, but entered as Cognito on purpose', async () => {
  await go('#asa2-add-marketplace');
  await page.selectOption('#asa2-marketplace', 'UK');
  await page.fill('#asa2-credential_id', UK.id);
  await page.fill('#asa2-credential_secret', UK.secret);
  await page.fill('#asa2-partner_tag', UK.partner_tags[0]);
  // The form recognises LWA credentials and preselects LWA (v3).
  assert.ok(await page.isChecked('#asa2-kind-lwa'));
  assert.equal(await page.locator('#asa2-api-version').innerText(), '3.2');
  assert.match(await page.locator('#asa2-kind-detected').innerText(), /look like LWA \(v3\)/);
  await shot('uk-recognised-as-lwa');
  // The site owner insists on Cognito: a warning, and the form still saves.
  await page.check('#asa2-kind-cognito');
  assert.equal(await page.locator('#asa2-api-version').innerText(), '2.2');
  assert.match(await page.locator('#asa2-kind-detected').innerText(), /invalid_client/);
  await page.uncheck('#asa2-default');
  await go('#asa2-marketplace-form #submit');
  const text = await notices();
  assert.match(text, /United Kingdom was added/);
  assert.match(text, /LWA/, 'the kind mismatch is shown as a warning');
  assert.match(await row('UK'), /Cognito \(v2\).*2\.2/);
  await shot('uk-added-as-cognito');
  session.assertClean(page);
});

test('Test connection answers invalid_client with the guide hint, and the switch fixes it', async () => {
  await go('tr[data-marketplace="UK"] .asa2-action-test');
  const text = await notices();
  assert.match(text, /Connection test for United Kingdom \(API version 2\.2\) failed/);
  assert.match(text, /LWA \(v3\)/);
  const uk = await row('UK');
  assert.match(uk, /Error invalid_client/);
  assert.equal(await page.locator('tr[data-marketplace="UK"] .asa2-action-switch').count(), 1);
  await shot('uk-invalid-client');

  await go('tr[data-marketplace="UK"] .asa2-action-switch');
  const after = await notices();
  assert.match(after, /United Kingdom now uses LWA \(v3\) credentials \(API version 3\.2\)/);
  assert.match(after, /Connection test for United Kingdom \(API version 3\.2\) succeeded/);
  const fixed = await row('UK');
  assert.match(fixed, /LWA \(v3\)/);
  assert.match(fixed, /3\.2/);
  assert.match(fixed, /OK/);
  assert.equal(await page.locator('.asa2-action-switch').count(), 0);
  await shot('uk-switched-ok');
  session.assertClean(page);
});

test('Germany connects too', async () => {
  await go('tr[data-marketplace="DE"] .asa2-action-test');
  assert.match(await notices(), /Connection test for Germany \(API version 2\.2\) succeeded/);
  assert.match(await row('DE'), /OK/);
  session.assertClean(page);
});

test('disable, enable and set default move the status and the star', async () => {
  await go('tr[data-marketplace="UK"] .asa2-action-disable');
  assert.match(await notices(), /United Kingdom is disabled/);
  assert.match(await row('UK'), /Disabled/);
  await shot('uk-disabled');

  await go('tr[data-marketplace="UK"] .asa2-action-enable');
  assert.match(await row('UK'), /Enabled/);
  await go('tr[data-marketplace="UK"] .asa2-action-default');
  assert.match(await notices(), /United Kingdom is now the default marketplace/);
  assert.equal(await page.locator('tr[data-marketplace="UK"] .asa2-star').count(), 1);
  assert.equal(await page.locator('tr[data-marketplace="DE"] .asa2-star').count(), 0);
  await shot('uk-default');
  session.assertClean(page);
});

test('the PA API tab says the Creators API is active for the configured marketplaces', async () => {
  await go('.nav-tab[href*="tab=paapi"]');
  const key = demo.paapi_keys[0];
  await page.fill('#asa2-access_key', key.access_key);
  await page.fill('#asa2-secret_key', key.secret_key);
  await page.fill('#asa2-partner_tag', key.partner_tags[0]);
  await page.selectOption('#asa2-paapi-marketplace', key.marketplaces[0]);
  await go('#asa2-paapi-form #submit');
  assert.match(await notices(), /PA API settings were saved/);
  assert.equal(await page.inputValue('#asa2-secret_key'), '', 'the secret key never comes back');
  assert.doesNotMatch(await page.content(), new RegExp(key.secret_key));
  const notice = await page.locator('.asa2-paapi-status').innerText();
  assert.match(notice, /PA API is not used for these marketplaces because they use the Creators API: United Kingdom, Germany\./);
  assert.match(notice, /still fall back to PA API: .*France/);
  await shot('paapi-notice');
  session.assertClean(page);
});

test('Move to Creators API: France opens prefilled from the PA API tab, is saved with its LWA credential and leaves the list', async () => {
  assert.equal(await page.locator('#asa2-paapi-move tr[data-marketplace="FR"]').count(), 1);
  assert.equal(await page.locator('#asa2-paapi-move tr[data-marketplace="DE"]').count(), 0, 'Germany has Creators API credentials');
  await shot('paapi-move');
  await go('#asa2-paapi-move .asa2-move-to-creators[data-marketplace="FR"]');
  assert.match(await page.locator('h2.asa2-section-title').innerText(), /Add Marketplace/);
  assert.match(await page.locator('#asa2-moving').innerText(), /Moving France \(FR\) from PA-API 5\.0/);
  assert.equal(await page.inputValue('#asa2-marketplace'), 'FR');
  assert.equal(await page.inputValue('#asa2-partner_tag'), demo.paapi_keys[0].partner_tags[0]);
  assert.ok(await page.isChecked('#asa2-kind-lwa'), 'LWA (v3) is preselected');
  assert.equal(await page.locator('#asa2-api-version').innerText(), '3.2');
  await page.fill('#asa2-credential_id', FR.id);
  await page.fill('#asa2-credential_secret', FR.secret);
  await shot('paapi-move-form');
  await go('#asa2-marketplace-form #submit');
  assert.match(await notices(), /France was added/);
  assert.match(await row('FR'), /LWA \(v3\)/);

  await go('tr[data-marketplace="FR"] .asa2-action-test');
  assert.match(await notices(), /Connection test for France \(API version 3\.2\) succeeded/);

  await go('.nav-tab[href*="tab=paapi"]');
  assert.equal(await page.locator('.asa2-move-to-creators[data-marketplace="FR"]').count(), 0, 'France is no longer offered');
  assert.match(await page.locator('.asa2-paapi-status').innerText(), /use the Creators API: .*France/);
  await shot('paapi-moved');
  session.assertClean(page);
});

test('an Associate ID Set is added', async () => {
  await go('.nav-tab[href*="tab=id-sets"]');
  await go('#asa2-add-id-set');
  await page.fill('#asa2-set-name', 'Main site');
  await page.fill('#asa2-tag-DE', 'demo-de-21');
  await page.fill('#asa2-tag-UK', 'demo-uk-21');
  await go('#asa2-id-set-form #submit');
  assert.match(await notices(), /"Main site" was saved/);
  assert.match(await page.locator('.asa2-id-sets-table').innerText(), /Main site/);
  await shot('id-sets');
  session.assertClean(page);
});

test('Germany is deleted after the confirmation page', async () => {
  await go('.nav-tab[href*="tab=creators"]');
  await go('tr[data-marketplace="DE"] .asa2-action-delete');
  assert.match(await page.locator('.asa2-confirm h2').innerText(), /Delete the Germany marketplace\?/);
  await shot('delete-confirmation');
  await go('#asa2-confirm-delete');
  assert.match(await notices(), /Germany was deleted/);
  assert.equal(await page.locator('tr[data-marketplace="DE"]').count(), 0);
  assert.equal(await page.locator('tr[data-marketplace="UK"]').count(), 1);
  await shot('germany-deleted');
  session.assertClean(page);
});

test('the log lists the token and API calls without secrets', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-options');
  const log = await page.locator('.asa2-log-table').innerText();
  assert.match(log, /token/);
  assert.match(log, /GetItems/);
  assert.match(log, /invalid_client/);
  const html = await page.content();
  for (const secret of [DE.secret, UK.secret, FR.secret, DE.id, UK.id, 'demo-de-21', 'demo-uk-21']) {
    assert.ok(!html.includes(secret), `the log page shows ${secret.slice(0, 8)}...`);
  }
  await shot('log');
  session.assertClean(page);
});

test('Site Health reports the extension, the encryption key and the setup', async () => {
  await page.goto('/wp-admin/site-health.php');
  await page.waitForSelector('.health-check-body');
  await page.waitForFunction(() => !document.querySelector('.site-health-progress.loading'), null, { timeout: 20000 });
  await page.click('.site-health-view-passed');
  const body = await page.locator('.health-check-body').innerText();
  assert.match(body, /The asa2 PHP extension .* is loaded/);
  assert.match(body, /Stored Amazon secrets are encrypted with the site's security keys/);
  assert.match(body, /All stored Amazon secrets can be decrypted/);
  assert.match(body, /The Creators API is set up/);
  await shot('site-health');
  session.assertClean(page);
});

// The plugin in German: the administrator switches their profile language to Deutsch (the core's
// translations come from Debian's wordpress-l10n, the plugin's from its languages/ folder), then
// walks the setup (all three tabs, the Add Marketplace form with a live error from the wasm
// build and the server's errors after saving, a marketplace added and deleted again), the
// products screen and the options tabs. On every screen no English string of ours may show: any
// msgid of languages/asa2-creators-de_DE.po whose German differs from its English fails the test
// when it appears in the visible text or in a placeholder, title, aria-label or button value.
// ASA2_E2E_LOCALE=de_DE_formal walks the formal catalogue (Sie) instead of de_DE's informal one
// (du, as WordPress's de_DE writes); Debian has no core translations for it, so the test sets it
// with support/wp-locale.php and WordPress's own strings stay English.
// The profile goes back to the site's language at the end. A stack whose Debian has no
// wordpress-l10n (forky) offers no German in the profile: there the test sets the language with
// support/wp-locale.php, and only WordPress's own strings stay English. Screenshots:
// tests/e2e/artifacts/german-*.png (german-formal-*.png for de_DE_formal).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openBrowser } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

const LOCALE = process.env.ASA2_E2E_LOCALE || 'de_DE';
const PO = join(root, 'wordpress-plugin', 'asa2-creators', 'languages', `asa2-creators-${LOCALE}.po`);
/** The sentences of the walk that address the administrator, in each catalogue's form. */
const ADDRESS = {
  de_DE: { emptyState: /Erstelle Zugangsdaten bei Amazon/, credentialId: /Gib die Credential-ID .* für Deutschland/ },
  de_DE_formal: { emptyState: /Erstellen Sie Zugangsdaten bei Amazon/, credentialId: /Geben Sie die Credential-ID .* für Deutschland/ },
}[LOCALE];
if (!ADDRESS) throw new Error(`ASA2_E2E_LOCALE=${LOCALE}: the German walk knows de_DE and de_DE_formal`);
const demo = JSON.parse(readFileSync(join(root, 'crates', 'sandbox', 'demo.json'), 'utf8'));
const DE = demo.credentials.find((c) => c.marketplaces.includes('DE'));

/**
 * English and German of every entry of a .po file (plural forms as separate pairs).
 * @returns {{en: string, de: string}[]}
 */
function poPairs(file) {
  const pairs = [];
  const unquote = (s) => JSON.parse(s);
  for (const block of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const fields = {};
    let current = null;
    for (const line of block.split('\n')) {
      const m = line.match(/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$/);
      if (m) {
        current = m[1];
        fields[current] = unquote(m[2]);
      } else if (line.startsWith('"') && current) {
        fields[current] += unquote(line);
      }
    }
    if (!fields.msgid) continue;
    if ('msgid_plural' in fields) {
      pairs.push({ en: fields.msgid, de: fields['msgstr[0]'] || '' }, { en: fields.msgid_plural, de: fields['msgstr[1]'] || '' });
    } else {
      pairs.push({ en: fields.msgid, de: fields.msgstr || '' });
    }
  }
  return pairs;
}

/** A placeholder of a sentence: %s, %d, %1$s, {name}. */
const PLACEHOLDER = /%(?:\d+\$)?[sdf]|\{[a-z_]+\}/g;

/**
 * The English strings whose German differs, as checks the page runs: a source for a RegExp, and
 * whether the string is short (one or two words: it must make up a whole text or attribute, as
 * a short English word may be part of a German sentence, like "Product" in "Product Advertising
 * API").
 */
function englishChecks() {
  const checks = [];
  for (const { en, de } of poPairs(PO)) {
    if (!de || de === en) continue;
    const literal = en.replace(PLACEHOLDER, ' ').trim();
    if ((literal.match(/[A-Za-z]/g) || []).length < 4) continue;
    const source = en.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('[\\s\\S]{1,200}?');
    checks.push({ en, source, short: literal.split(/\s+/).length <= 2 });
  }
  return checks;
}

const checks = englishChecks();
let session;
let page;
let step = 0;
let admin;

/** Sets a user's language with the stack's PHP (support/wp-locale.php); '' is the site's. */
function setUserLocale(login, locale) {
  const stack = session.stack;
  const args = ['-d', `extension=${stack.extension}`, join(root, 'tests', 'e2e', 'support', 'wp-locale.php'), join(stack.wp_dir, '..', 'stack.json'), 'user-locale', login, locale];
  return JSON.parse(execFileSync('php', args, { encoding: 'utf8' })).locale;
}

before(async () => {
  session = await openBrowser();
  page = await session.newPage();
  admin = await session.loginAs(page, 'administrator');
});

after(async () => {
  try {
    if (admin) setUserLocale(admin.login, '');
  } finally {
    await session?.close();
  }
});

/** Clicks something that submits a form or follows a link and waits for the next page. */
async function go(locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

/**
 * Fails when an English string of ours shows on the current screen (the content area and the
 * plugin's admin menu); saves a screenshot either way.
 */
async function assertGerman(name) {
  step += 1;
  await session.screenshot(page, `${LOCALE === 'de_DE' ? 'german' : 'german-formal'}-${String(step).padStart(2, '0')}-${name}`);
  const found = await page.evaluate((list) => {
    const scopes = [document.querySelector('#wpbody-content'), document.querySelector('#toplevel_page_asa2-setup')].filter(Boolean);
    const texts = [];
    const units = [];
    for (const scope of scopes) {
      texts.push(scope.innerText);
      for (const el of scope.querySelectorAll('*')) {
        for (const attr of ['placeholder', 'title', 'aria-label']) {
          if (el.hasAttribute(attr)) units.push(el.getAttribute(attr).trim());
        }
        if (el.matches('input[type="submit"], input[type="button"], input[type="reset"], button') && el.value) units.push(el.value.trim());
        if (!el.checkVisibility()) continue;
        const own = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
        if (own) units.push(own);
      }
    }
    const text = texts.join('\n');
    const attributes = units.join('\n');
    const hits = [];
    for (const { en, source, short } of list) {
      if (short) {
        const whole = new RegExp(`^${source}$`);
        if (units.some((unit) => whole.test(unit))) hits.push(en);
      } else {
        const inside = new RegExp(`(?<![A-Za-z])${source}(?![A-Za-z])`);
        if (inside.test(text) || inside.test(attributes)) hits.push(en);
      }
    }
    return hits;
  }, checks);
  assert.deepEqual(found, [], `English strings of ours on the German ${name} screen`);
  session.assertClean(page);
}

test('the catalogue has German for the strings the walk checks', () => {
  assert.ok(checks.length > 300, `only ${checks.length} strings to look for`);
  assert.ok(checks.some((c) => c.en === 'Add Marketplace'));
});

test('the administrator switches their profile to German', async () => {
  await page.goto('/wp-admin/profile.php');
  if (await page.locator(`#locale option[value="${LOCALE}"]`).count()) {
    // The core's translations are installed (Debian's wordpress-l10n, linked by the stack).
    await page.selectOption('#locale', LOCALE);
    await go('#submit');
  } else {
    assert.equal(setUserLocale(admin.login, LOCALE), LOCALE);
    await page.reload();
  }
  assert.equal(await page.getAttribute('html', 'lang'), LOCALE.replaceAll('_', '-'));
});

test('the setup screen in German: the Creators API tab and its empty state', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup');
  assert.match(await page.locator('.nav-tab-active').innerText(), /Amazon Creators API/);
  assert.match(await page.locator('.asa2-empty-state').innerText(), ADDRESS.emptyState);
  await assertGerman('setup-creators');
});

test('the Add Marketplace form in German, with a live error from the wasm build', async () => {
  await go('#asa2-add-marketplace');
  await page.waitForSelector('#asa2-marketplace-form[data-asa2-live="ready"]', { timeout: 10000 });
  assert.equal(await page.locator('#asa2-api-version').innerText(), 'Marktplatz auswählen');
  await page.selectOption('#asa2-marketplace', 'DE');
  await page.fill('#asa2-partner_tag', 'my site');
  await page.locator('#asa2-partner_tag').blur();
  const live = page.locator('#asa2-partner_tag-live');
  await page.waitForFunction(() => document.querySelector('#asa2-partner_tag-live').innerText.trim() !== '');
  const message = await live.innerText();
  assert.match(message, /Die Tracking-ID enthält ein Leerzeichen/, 'the core\'s message, with its nested character description, in German');
  await assertGerman('add-live-error');
});

test('the server\'s errors after saving a form with mistakes are German', async () => {
  await page.fill('#asa2-credential_id', '');
  await page.fill('#asa2-credential_secret', 'typed-but-rejected');
  await page.check('#asa2-kind-cognito');
  await go('#asa2-marketplace-form #submit');
  assert.match(await page.locator('.asa2-form-errors').innerText(), /nicht gespeichert/);
  assert.match(await page.locator('.asa2-row-credential_id .asa2-field-error').innerText(), ADDRESS.credentialId);
  assert.match((await page.locator('.asa2-row-partner_tag .asa2-field-error').allInnerTexts()).join(' '), /Leerzeichen/);
  await assertGerman('add-server-errors');
});

test('a marketplace added in German shows in the table', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add');
  await page.selectOption('#asa2-marketplace', 'DE');
  await page.check('#asa2-kind-cognito');
  await page.fill('#asa2-credential_id', DE.id);
  await page.fill('#asa2-credential_secret', DE.secret);
  await page.fill('#asa2-partner_tag', DE.partner_tags[0]);
  await go('#asa2-marketplace-form #submit');
  assert.match(await page.locator('.asa2-notice').first().innerText(), /wurde hinzugefügt/);
  assert.match(await page.locator('tr[data-marketplace="DE"]').innerText(), /Deutschland[\s\S]*Aktiviert/);
  await assertGerman('setup-table');
});

test('the PA API and Associate ID Sets tabs in German', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=paapi');
  await assertGerman('setup-paapi');
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=id-sets');
  await assertGerman('setup-id-sets');
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=id-sets&view=add');
  await assertGerman('setup-id-set-add');
});

test('the products screen in German', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  assert.match(await page.locator('#wpbody-content').innerText(), /Produkt hinzufügen/);
  await assertGerman('products');
});

test('the options tabs in German', async () => {
  for (const tab of ['logging', 'products', 'countries', 'templates']) {
    await page.goto(`/wp-admin/admin.php?page=asa2-options&tab=${tab}`);
    if (tab === 'countries') {
      // The marketplace added above, named in German beside its store.
      assert.match(await page.locator('label[for="asa2-geo-load-DE"]').innerText(), /^\s*Deutschland \(amazon\.de\)\s*$/);
    }
    await assertGerman(`options-${tab}`);
  }
  await page.goto('/wp-admin/admin.php?page=asa2-options&tab=templates&edit=default');
  await assertGerman('options-template-edit');
});

test('the marketplace is deleted again after a German confirmation', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup&tab=creators');
  await go('tr[data-marketplace="DE"] .asa2-action-delete');
  await assertGerman('delete-confirmation');
  await go('#asa2-confirm-delete');
  assert.match(await page.locator('.asa2-notice').first().innerText(), /wurde gelöscht/);
  assert.equal(await page.locator('.asa2-empty-state').count(), 1);
  await assertGerman('setup-deleted');
});

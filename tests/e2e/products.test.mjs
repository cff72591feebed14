// ASA2 -> Products in the browser ("Step 5: Test the Connection" of the setup guide): add a
// product by pasting an Amazon URL, check its normalized data and which API served it, search
// and add from the results, put the shortcode in a post and view it as a visitor; then the
// ASA2 Product block: insert it, pick a stored product, change a setting in the sidebar, see
// the preview, publish and view it as a visitor. Page views never call Amazon. Options ->
// Products sets the request quota per credential and reports what it keeps fresh. Screenshots:
// tests/e2e/artifacts/products-*.png (products-quota.png: the quota settings and the capacity
// report) and block-editor.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openBrowser, sandboxStats } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

let session;
let page;
let postId = 0;
let blockPostId = 0;
let saved = '';

/** Runs the PHP side (support/wp-products.php) with the stack's PHP and extension. */
function wp(...args) {
  const stack = session.stack;
  const php = ['-d', `extension=${stack.extension}`, join(root, 'tests', 'e2e', 'support', 'wp-products.php'), join(stack.wp_dir, '..', 'stack.json'), ...args];
  return JSON.parse(execFileSync('php', php, { encoding: 'utf8' }));
}

/** Clicks something that submits a form or follows a link and waits for the next page. */
async function go(locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

async function notices() {
  return (await page.locator('.asa2-notice').allInnerTexts()).join('\n');
}

before(async () => {
  session = await openBrowser();
  saved = wp('setup').saved;
  page = await session.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.loginAs(page, 'administrator');
});
after(async () => {
  if (postId) wp('delete-post', String(postId));
  if (blockPostId) wp('delete-post', String(blockPostId));
  // The other walks start from an empty setup.
  if (session) wp('teardown', saved);
  await session?.close();
});

test('ASA2 -> Products sits between Setup and Options and shows which API serves each marketplace', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-setup');
  const menu = await page.locator('#toplevel_page_asa2-setup .wp-submenu a').allInnerTexts();
  assert.deepEqual(menu.map((t) => t.trim()).filter((t) => t !== 'ASA2'), ['Setup', 'Products', 'Options']);
  await go('#toplevel_page_asa2-setup .wp-submenu a[href*="page=asa2-products"]');
  assert.match(await page.locator('h1').innerText(), /ASA2 Products/);
  assert.match(await page.locator('.asa2-routes').innerText(), /DE: Creators API 2\.2/);
  assert.match(await page.locator('.asa2-products-table').innerText(), /No products yet/);
  await session.screenshot(page, 'products-01-empty');
  session.assertClean(page);
});

test('a pasted amazon.de URL loads the product through the Creators API', async () => {
  await page.fill('#asa2-product-input', 'https://www.amazon.de/Espresso-Muehle/dp/B0DHS2V7ZB/ref=sr_1_3?th=1');
  await go('#asa2-add-product #submit');
  assert.match(await notices(), /Product loaded: .+ \(via Creators API 2\.2\)/);
  assert.match(await page.locator('h1').innerText(), /Product Data/);
  const data = await page.locator('#asa2-product-data').innerText();
  assert.match(data, /asin\s+B0DHS2V7ZB/);
  assert.match(data, /marketplace\s+DE/);
  assert.match(data, /"api": "creators"/);
  assert.match(data, /"version": "2\.2"/);
  for (const field of ['title', 'detail_page_url', 'images', 'price', 'availability', 'browse_nodes', 'fetched_at']) {
    assert.equal(await page.locator(`#asa2-product-data tr[data-field="${field}"]`).count(), 1, field);
  }
  assert.equal(await page.locator('#asa2-shortcode').inputValue(), '[asa2 asin="B0DHS2V7ZB" marketplace="DE"]');
  await session.screenshot(page, 'products-02-product-data');
  session.assertClean(page);
});

test('a keyword search lists products that can be added', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  await page.fill('#asa2-keywords', 'espresso grinder');
  await go('#asa2-search-products #submit, #asa2-search-products input[type="submit"]');
  const results = page.locator('#asa2-search-results tbody tr');
  assert.ok((await results.count()) > 1);
  await session.screenshot(page, 'products-03-search');
  await go('#asa2-search-results form.asa2-inline-form button');
  assert.match(await notices(), /Product loaded/);
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  const rows = await page.locator('.asa2-products-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => /Creators API 2\.2/.test(r)));
  await session.screenshot(page, 'products-04-list');
  session.assertClean(page);
});

test('the shortcode in a post shows the product box to visitors without calling Amazon', async () => {
  const created = wp('post', 'A grinder we like:\n\n[asa2 asin="B0DHS2V7ZB" marketplace="DE"]\n\nHappy brewing!');
  postId = created.id;
  const before = await sandboxStats(session.stack);

  const visitor = await openBrowser();
  try {
    const view = await visitor.newPage();
    await view.setViewportSize({ width: 1100, height: 900 });
    await view.goto(created.url);
    const box = view.locator('.asa2-product .asa2-box');
    await box.waitFor();
    assert.match(await box.locator('.asa2-box__title').innerText(), /\S/);
    assert.match(await box.locator('.asa2-box__button').getAttribute('href'), /tag=demo-de-21/);
    assert.equal(await view.locator('link[href*="product-box.css"]').count(), 1);
    await visitor.screenshot(view, 'products-05-visitor-post');
    await box.screenshot({ path: join(root, 'tests', 'e2e', 'artifacts', 'products-06-product-box.png') });
    visitor.assertClean(view);
  } finally {
    await visitor.close();
  }
  const after = await sandboxStats(session.stack);
  assert.deepEqual(after.api_calls_by_operation, before.api_calls_by_operation, 'no API call on a page view');
  assert.deepEqual(after.token_requests, before.token_requests, 'no token request on a page view');
});

test('Options -> Templates lists the placeholders and which API fills them', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-options&tab=templates');
  assert.match(await page.locator('.nav-tab-active').innerText(), /Templates/);
  const reference = await page.locator('.asa2-placeholders-table').innerText();
  assert.match(reference, /\{\{ Title \}\}/);
  assert.match(reference, /Creators API only/);
  await session.screenshot(page, 'products-07-templates');
  await page.goto('/wp-admin/admin.php?page=asa2-options&tab=templates&edit=default');
  await page.locator('.asa2-template-preview .asa2-box').waitFor();
  await session.screenshot(page, 'products-08-template-editor');
  session.assertClean(page);
});

test('Options -> Products sets the request quota per credential and reports what it keeps fresh', async () => {
  await page.goto('/wp-admin/admin.php?page=asa2-options&tab=products');
  const row = page.locator('#asa2-quota-table tbody tr');
  assert.equal(await row.count(), 1, 'one credential: Germany');
  assert.match(await row.innerText(), /Creators API 5demo2…ox1q\s+DE/);
  const rps = row.locator('input[name$="[rps]"]');
  const rpd = row.locator('input[name$="[rpd]"]');
  assert.equal(await rpd.inputValue(), '8640');
  // Out of range: the notice names the credential and the field, nothing is saved.
  await rpd.evaluate((input) => { input.removeAttribute('min'); input.value = '0'; });
  await go('#asa2-product-settings-form #submit');
  assert.match(await notices(), /Creators API 5demo2…ox1q, Requests per Day: enter a whole number between 1 and 10,000,000/);
  assert.equal(await page.locator('#asa2-quota-table input[name$="[rpd]"]').inputValue(), '8640');
  // One request a day cannot keep the products within 12 hours: the report says so and what to do.
  await page.fill('#asa2-ttl', '12');
  await page.locator('#asa2-quota-table input[name$="[rps]"]').fill('2');
  await page.locator('#asa2-quota-table input[name$="[rpd]"]').fill('1');
  await go('#asa2-product-settings-form #submit');
  assert.match(await notices(), /Product settings saved/);
  assert.equal(await page.locator('#asa2-quota-table input[name$="[rps]"]').inputValue(), '2');
  const report = await page.locator('#asa2-refresh-capacity').innerText();
  assert.match(report, /The request quota cannot keep every ASA2 product within 12 hours/);
  assert.match(report, /2 products; at 2\.0 requests per second and 1 requests per day it keeps 10 products per day fresh, a full cycle takes 1 day/);
  assert.match(report, /raise "Refresh Products Every" to at least 24 hours/);
  assert.match(await page.locator('#asa2-quota-table').innerText(), /\d+ \/ 1\b/, 'used today / allowed');
  await page.locator('#asa2-quota-table').scrollIntoViewIfNeeded();
  await session.screenshot(page, 'products-quota');
  // The Products screen shows the same verdict.
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  assert.match(await page.locator('#asa2-refresh-capacity').innerText(), /The request quota cannot keep every ASA2 product within 12 hours/);
  await session.screenshot(page, 'products-quota-report');
  // Back to the defaults: the report is good again and the Products screen gives the figures.
  await page.goto('/wp-admin/admin.php?page=asa2-options&tab=products');
  await page.fill('#asa2-ttl', '24');
  await page.locator('#asa2-quota-table input[name$="[rps]"]').fill('1');
  await page.locator('#asa2-quota-table input[name$="[rpd]"]').fill('8640');
  await go('#asa2-product-settings-form #submit');
  assert.match(await notices(), /Product settings saved/);
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  assert.match(await page.locator('#asa2-refresh-capacity').innerText(), /In total the request quota keeps [\d,]+ products per day fresh; a full cycle of all 2 products takes/);
  session.assertClean(page);
});

/** The post editor's canvas: an iframe in newer WordPress (always from 7.0), the page itself in 6.1. */
async function editorCanvas() {
  await page.waitForSelector('iframe[name="editor-canvas"], .block-editor-block-list__layout', { timeout: 30000 });
  return (await page.locator('iframe[name="editor-canvas"]').count()) > 0 ? page.frameLocator('iframe[name="editor-canvas"]') : page;
}

/** Closes the welcome guide (and any other dialog the editor opens on a first visit). */
async function closeEditorDialogs() {
  await page.evaluate(() => window.wp.data.dispatch('core/preferences')?.set('core/edit-post', 'welcomeGuide', false));
  for (let i = 0; i < 3 && (await page.locator('.components-modal__frame').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
}

/** The file or REST route a URL asks for (not its query: a search for "ASA2" elsewhere is not ours). */
function requestedPath(url) {
  try {
    const parsed = new URL(url);
    return `${decodeURIComponent(parsed.pathname)} ${parsed.searchParams.get('rest_route') || ''}`;
  } catch {
    return url;
  }
}

/**
 * Console warnings and errors of the editor that concern the block: those naming ASA2 or coming
 * from its files, and deprecations of the block and component APIs its script uses (logged by
 * WordPress's own files, e.g. "36px default size for wp.components.SelectControl is deprecated").
 */
function watchBlockConsole(target) {
  const messages = [];
  target.on('console', (message) => {
    if (message.type() !== 'warning' && message.type() !== 'error') return;
    const text = message.text();
    const where = message.location().url || '';
    const concerns = /asa2/i.test(text) || /asa2/i.test(requestedPath(where))
      || /api ?version|wp\.(components|blockEditor|blocks|element|serverSideRender)\b|ServerSideRender|useBlockProps/i.test(text);
    messages.push({ type: message.type(), text, where, concerns });
  });
  target.on('pageerror', (error) => messages.push({ type: 'uncaught', text: error.message, where: '', concerns: true }));
  return messages;
}

test('the ASA2 Product block: pick a stored product, set it in the sidebar, preview, publish', async () => {
  wp('template', 'compact', 'Compact', '<div class="asa2-compact"><strong>{{ Title }}</strong> {{ Price }}</div>');
  const consoleMessages = watchBlockConsole(page);
  await page.goto('/wp-admin/post-new.php');
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('asa2/product'), null, { timeout: 30000 });
  const type = await page.evaluate(() => {
    const t = window.wp.blocks.getBlockType('asa2/product');
    const ours = ['asin', 'marketplace', 'template', 'idset'].filter((name) => t.attributes[name]?.type === 'string');
    return { title: t.title, apiVersion: t.apiVersion, attributes: ours };
  });
  assert.deepEqual(type, { title: 'ASA2 Product', apiVersion: 3, attributes: ['asin', 'marketplace', 'template', 'idset'] });
  const canvas = await editorCanvas();
  await page.waitForLoadState('networkidle');
  await closeEditorDialogs();

  // Insert it from the inserter.
  const inserterToggle = page.locator('button.editor-document-tools__inserter-toggle, button.edit-post-header-toolbar__inserter-toggle').first();
  await inserterToggle.click();
  await page.locator('.block-editor-inserter__search input, input.block-editor-inserter__search').first().fill('ASA2');
  await page.getByRole('option', { name: 'ASA2 Product' }).first().click();
  const block = canvas.locator('[data-type="asa2/product"]');
  await block.waitFor({ timeout: 15000 });
  if ((await inserterToggle.getAttribute('aria-expanded')) === 'true' || (await inserterToggle.getAttribute('aria-pressed')) === 'true') {
    await inserterToggle.click();
  }

  // The picker lists the stored products; a word of a title finds its product, and so does a pasted URL.
  const search = block.locator('.asa2-product-picker__search input');
  const list = block.locator('.asa2-product-picker__results');
  const grinder = list.locator('.asa2-product-picker__result:has-text("B0DHS2V7ZB · DE")');
  /** Waits until the list shows the answer to `text`. */
  async function resultsFor(text) {
    const end = Date.now() + 15000;
    while ((await list.getAttribute('data-search').catch(() => null)) !== text || (await list.getAttribute('aria-busy')) !== 'false') {
      if (Date.now() > end) throw new Error(`the product picker shows no results for "${text}"`);
      await page.waitForTimeout(100);
    }
  }
  await resultsFor('');
  assert.equal(await list.locator('.asa2-product-picker__result').count(), 2, 'the two products stored above');
  const title = (await grinder.locator('.asa2-product-picker__title').innerText()).trim();
  assert.match(title, /\S/);
  const word = title.split(/\s+/).sort((a, b) => b.length - a.length)[0].toLowerCase();
  await search.fill(word);
  await resultsFor(word);
  assert.equal(await grinder.count(), 1, `"${word}" finds the product`);
  const url = 'https://www.amazon.de/Espresso-Muehle/dp/B0DHS2V7ZB/ref=sr_1_3?th=1';
  await search.fill(url);
  await resultsFor(url);
  assert.deepEqual(await list.locator('.asa2-product-picker__meta').allInnerTexts(), ['B0DHS2V7ZB · DE']);
  await session.screenshot(page, 'block-editor-picker');
  await grinder.click();

  // The canvas shows the box as visitors see it.
  const box = block.locator('.asa2-product .asa2-box');
  await box.waitFor({ timeout: 15000 });
  assert.equal((await box.locator('.asa2-box__title').innerText()).trim(), title.trim());

  // The sidebar holds the four settings.
  const settings = page.locator('.asa2-block-settings');
  if (!(await settings.isVisible())) {
    const toggle = page.locator('button[aria-label="Settings"][aria-expanded="false"]').first();
    if ((await toggle.count()) > 0) await toggle.click();
  }
  await settings.waitFor({ timeout: 10000 });
  assert.match(await settings.locator('.asa2-block-settings__asin').innerText(), /B0DHS2V7ZB/);
  assert.equal(await settings.getByLabel('Marketplace').inputValue(), 'DE');
  assert.deepEqual(await settings.getByLabel('Template').locator('option').allInnerTexts(), ['Default template: Default', 'Default', 'Compact']);
  assert.match((await settings.getByLabel('Associate ID Set').locator('option').allInnerTexts())[0], /None/);
  await session.screenshot(page, 'block-editor');
  await settings.getByLabel('Template').selectOption('compact');
  const compact = block.locator('.asa2-product .asa2-compact');
  await compact.waitFor({ timeout: 15000 });
  assert.ok((await compact.innerText()).includes(title), 'the preview uses the template');

  // Publish, then a visitor sees the box.
  const saved = await page.evaluate(async () => {
    const { dispatch, select } = window.wp.data;
    dispatch('core/editor').editPost({ title: 'A grinder picked in the block editor', status: 'publish' });
    await dispatch('core/editor').savePost();
    const post = select('core/editor').getCurrentPost();
    return { id: post.id, status: post.status, link: post.link, content: select('core/editor').getEditedPostContent() };
  });
  blockPostId = saved.id;
  assert.equal(saved.status, 'publish');
  assert.match(saved.content, /<!-- wp:asa2\/product \{"asin":"B0DHS2V7ZB","marketplace":"DE","template":"compact"\} \/-->/);

  const before = await sandboxStats(session.stack);
  const visitor = await openBrowser();
  try {
    const view = await visitor.newPage();
    await view.goto(saved.link);
    const visitorBox = view.locator('.asa2-product .asa2-compact');
    await visitorBox.waitFor();
    assert.match(await visitorBox.innerText(), /\S/);
    assert.equal(await view.locator('.asa2-product-hint').count(), 0);
    visitor.assertClean(view);
  } finally {
    await visitor.close();
  }
  const after = await sandboxStats(session.stack);
  assert.deepEqual(after.api_calls_by_operation, before.api_calls_by_operation, 'no API call on a page view');

  const ours = consoleMessages.filter((m) => m.concerns);
  assert.deepEqual(ours, [], 'no console warning or error from the block');
  const others = consoleMessages.filter((m) => !m.concerns);
  if (others.length > 0) console.log(`other console messages in the editor:\n${others.map((m) => `- ${m.type}: ${m.text} (${m.where})`).join('\n')}`);
  // The editor's own messages (offline: its welcome guide's image fails to load) are not ours.
  assert.deepEqual(session.pluginProblems(), [], 'no PHP problem from the plugin');
});

test('bulk actions on many products: refresh in the background with its progress, delete at once', async () => {
  const seeded = wp('seed-products', '40').count;
  // A page of its own: the block editor's offline messages stay with the editor's page.
  page = await session.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/wp-admin/admin.php?page=asa2-products');
  // Screen Options: more rows per page, so every product is on one page.
  await page.locator('#show-settings-link').click();
  await page.locator('#asa2_products_per_page').fill('100');
  await go('#screen-options-apply');
  const rows = page.locator('.asa2-products-table input[name="product[]"]');
  assert.equal(await rows.count(), seeded);

  // Refresh all of them: more than the request refreshes itself, so they are queued.
  const before = await sandboxStats(session.stack);
  await page.locator('#cb-select-all-1').check();
  await page.locator('#bulk-action-selector-top').selectOption('refresh');
  await go('#doaction');
  assert.match(await notices(), new RegExp(`${seeded} products are queued for the background refresh`));
  const progress = page.locator('#asa2-bulk-refresh');
  assert.match(await progress.innerText(), new RegExp(`0 of ${seeded} queued products refreshed`));
  assert.equal(await page.locator('.asa2-products-table .asa2-queued').count(), seeded);
  const queued = await sandboxStats(session.stack);
  assert.deepEqual(queued.api_calls_by_operation, before.api_calls_by_operation, 'queueing calls no API');
  await session.screenshot(page, 'products-09-bulk-refresh-queued');

  // The background refresh takes them; the screen says so once.
  const run = wp('refresh-run', String(seeded));
  assert.ok(run.updated + run.failed >= seeded, JSON.stringify(run));
  await page.reload();
  assert.match(await page.locator('#asa2-bulk-refresh').innerText(), new RegExp(`The ${seeded} products queued for refresh were refreshed in the background`));
  await session.screenshot(page, 'products-10-bulk-refresh-done');
  await page.reload();
  assert.equal(await page.locator('#asa2-bulk-refresh').count(), 0);

  // Delete them all at once.
  await page.locator('#cb-select-all-1').check();
  await page.locator('#bulk-action-selector-top').selectOption('delete');
  await go('#doaction');
  assert.match(await notices(), new RegExp(`${seeded} products deleted`));
  assert.match(await page.locator('.asa2-products-table').innerText(), /No products yet/);
  session.assertClean(page);
});

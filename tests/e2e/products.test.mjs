// ASA2 -> Products in the browser ("Step 5: Test the Connection" of the setup guide): add a
// product by pasting an Amazon URL, check its normalized data and which API served it, search
// and add from the results, put the shortcode in a post and view it as a visitor. Page views
// never call Amazon. Screenshots: tests/e2e/artifacts/products-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openBrowser, sandboxStats } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

let session;
let page;
let postId = 0;
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

test('the block editor offers the ASA2 Product block with its fields', async () => {
  await page.goto('/wp-admin/post-new.php');
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('asa2/product'), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.wp.blocks.getBlockType('asa2/product').title), 'ASA2 Product');
  await page.evaluate(() => {
    const { dispatch } = window.wp.data;
    dispatch('core/block-editor').insertBlocks(window.wp.blocks.createBlock('asa2/product', { asin: 'B0DHS2V7ZB', marketplace: 'DE' }));
  });
  const block = page.locator('[data-type="asa2/product"]');
  await block.waitFor({ timeout: 15000 });
  assert.equal(await block.locator('input').first().inputValue(), 'B0DHS2V7ZB');
  await session.screenshot(page, 'products-09-block-editor');
  const ours = session.consoleErrors(page).filter((e) => /asa2|block\.js/.test(e));
  assert.deepEqual(ours, []);
});

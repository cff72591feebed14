// Visitors from other countries reach their own Amazon store, on a page served from a full-page
// cache: the test stack serves /page-cache/<path> through nginx's fastcgi_cache, so visitors from
// Great Britain, Austria and the United States (CF-IPCountry, as Cloudflare sends it) get the very
// same HTML (X-Cache-Status: HIT, byte for byte), and the box links are changed in the browser by
// the plugin's script: GB to amazon.co.uk, AT stays on amazon.de (Austria shops there), US to
// amazon.com, each with the Associate ID Set's tracking ID there; a product the US store does not
// have keeps its amazon.de link. Screenshots: tests/e2e/artifacts/geo-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openBrowser } from './lib/browser.mjs';
import { root } from './lib/stack.mjs';

const ASIN_A = 'B0GEOLNKA1';
const ASIN_B = 'B0GEOLNKB2';

let session;
let fixture;

/** Runs the PHP side (support/wp-geo.php) with the stack's PHP and extension. */
function wp(...args) {
  const stack = session.stack;
  const php = ['-d', `extension=${stack.extension}`, join(root, 'tests', 'e2e', 'support', 'wp-geo.php'), join(stack.wp_dir, '..', 'stack.json'), ...args];
  return JSON.parse(execFileSync('php', php, { encoding: 'utf8' }));
}

before(async () => {
  session = await openBrowser();
  fixture = wp('setup', ASIN_A, ASIN_B);
});
after(async () => {
  if (session && fixture) wp('teardown', fixture.saved, String(fixture.id));
  await session?.close();
});

test('the background refresh loaded the products for the other stores; a store lists a product only where it is sold and in stock', () => {
  const why = JSON.stringify(fixture.availability);
  assert.deepEqual([...(fixture.stored[ASIN_A] ?? [])].sort(), ['UK', 'US'], why); // out of stock on amazon.de
  assert.deepEqual([...(fixture.stored[ASIN_B] ?? [])].sort(), ['DE', 'UK'], why);
});

/** The links of each box, by ASIN, and which store the script sent it to. */
async function boxLinks(page) {
  return page.$$eval('.asa2-product', (boxes) => Object.fromEntries(boxes.map((box) => [
    box.getAttribute('data-asin'),
    { links: [...box.querySelectorAll('a[href]')].map((a) => a.href), localized: box.getAttribute('data-asa2-localized') },
  ])));
}

/** A visit from `country`: no cookie from an earlier visit, the CDN's country header on every request. */
async function visit(country, path) {
  const ctx = session.context;
  await ctx.clearCookies();
  await ctx.setExtraHTTPHeaders({ 'CF-IPCountry': country });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const answer = page.waitForResponse((r) => r.url().includes('/asa2/v1/country'));
  const response = await page.goto(path, { waitUntil: 'load' });
  const country_answer = await (await answer).json();
  await page.waitForFunction(() => document.querySelectorAll('.asa2-product[data-asa2-stores]').length > 0);
  // The script runs after the answer: wait until it is done with every box it changes.
  await page.waitForTimeout(200);
  const result = {
    status: response.status(),
    cache: response.headers()['x-cache-status'],
    html: await response.text(),
    answer: country_answer,
    boxes: await boxLinks(page),
  };
  await session.screenshot(page, `geo-${country}`);
  await page.close();
  assert.deepEqual(errors, [], `console errors for ${country}`);
  return result;
}

test('one cached page sends GB, AT and US visitors to their own store with the set\'s tracking ID', async () => {
  const path = `/page-cache${fixture.url}`;
  // The first anonymous request fills the cache.
  const first = await fetch(new URL(path, session.stack.url));
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-cache-status'), 'MISS');
  const cached = await first.text();
  assert.match(cached, /id="asa2-geo-config"/);
  assert.match(cached, /geo-links\.js/);

  const gb = await visit('GB', path);
  const at = await visit('AT', path);
  const us = await visit('US', path);
  for (const [country, v] of Object.entries({ GB: gb, AT: at, US: us })) {
    assert.equal(v.status, 200, country);
    assert.equal(v.cache, 'HIT', `${country}: served from the page cache`);
    assert.equal(v.html, cached, `${country}: the very same HTML`);
    assert.equal(v.answer.country, country);
  }

  // Great Britain: both products are sold on amazon.co.uk.
  for (const asin of [ASIN_A, ASIN_B]) {
    assert.equal(gb.boxes[asin].localized, 'UK');
    assert.ok(gb.boxes[asin].links.length > 0);
    for (const href of gb.boxes[asin].links) assert.equal(href, `https://www.amazon.co.uk/dp/${asin}?tag=geotestuk-21`);
  }
  // Austria shops at amazon.de, the boxes' own store: the links stay, with the set's German ID.
  for (const asin of [ASIN_A, ASIN_B]) {
    assert.equal(at.boxes[asin].localized, null);
    for (const href of at.boxes[asin].links) {
      assert.equal(new URL(href).hostname, 'www.amazon.de');
      assert.equal(new URL(href).searchParams.get('tag'), 'geotest-21');
    }
  }
  // The United States: the first product goes to amazon.com; the second is not sold there and
  // keeps its amazon.de link.
  assert.equal(us.boxes[ASIN_A].localized, 'US');
  for (const href of us.boxes[ASIN_A].links) assert.equal(href, `https://www.amazon.com/dp/${ASIN_A}?tag=geotestus-20`);
  assert.equal(us.boxes[ASIN_B].localized, null);
  assert.deepEqual(us.boxes[ASIN_B].links, at.boxes[ASIN_B].links);
  assert.deepEqual(session.pluginProblems(), []);
});

test('the country answer is never cached and echoes nothing of the request', async () => {
  const url = new URL('/page-cache/wp-json/asa2/v1/country', session.stack.url);
  for (const country of ['GB', 'AT']) {
    const response = await fetch(url, { headers: { 'CF-IPCountry': country } });
    assert.notEqual(response.headers.get('x-cache-status'), 'HIT');
    assert.match(response.headers.get('cache-control'), /no-store/);
    assert.deepEqual(await response.json(), { country });
  }
  const hostile = await fetch(new URL('/wp-json/asa2/v1/country', session.stack.url), { headers: { 'CF-IPCountry': '<script>alert(1)</script>' } });
  assert.deepEqual(await hostile.json(), { country: null });
  assert.match(hostile.headers.get('set-cookie'), /^asa2_country=-;/);
});

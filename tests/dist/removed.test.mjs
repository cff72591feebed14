// After `apt remove` of the extension package, with PHP-FPM restarted: WordPress keeps serving, the
// plugin explains what is missing - for which PHP version and SAPI, with a link to the installation
// steps naming the package for this PHP - and product boxes in posts leave the page whole. Run by
// scripts/suites/70-dist.sh after tests/dist/upload.test.mjs and the WordPress suite.
//
//   ASA2_DIST_VERSION   the release version
//   ASA2_DIST_PHP       the PHP version PHP-FPM runs, e.g. 8.4.27
//   ASA2_DIST_POST      the post with product boxes the suite published while the plugin ran

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { adminBrowser, distEnv, literal } from './lib/session.mjs';

const { ASA2_DIST_VERSION: version, ASA2_DIST_PHP: php, ASA2_DIST_POST: postFile } = distEnv('ASA2_DIST_VERSION', 'ASA2_DIST_PHP', 'ASA2_DIST_POST');
const minor = php.split('.').slice(0, 2).join('.');
const packageFile = `php${minor}-asa2_${version}_amd64.deb`;

let session;
let page;
before(async () => { ({ session, page } = await adminBrowser()); });
after(async () => { await session?.close(); });

test('the dashboard says the extension is missing, names the PHP and SAPI, and links to the steps', async () => {
  await page.goto('/wp-admin/');
  const notice = page.locator('.notice-error', { hasText: 'needs the asa2 PHP extension' });
  assert.equal(await notice.count(), 1);
  const text = await notice.innerText();
  assert.match(text, new RegExp(`This site runs PHP ${literal(php)} \\(fpm-fcgi\\)`));
  assert.match(text, new RegExp(literal(packageFile)));
  await session.screenshot(page, 'dist-04-extension-missing-notice');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), notice.locator('a[href*="asa2-install"]').click()]);

  const steps = await page.locator('#wpbody').innerText();
  assert.match(steps, /Installing the asa2 extension/);
  assert.match(steps, new RegExp(`apt install \\./${literal(packageFile)}`));
  assert.match(steps, new RegExp(`systemctl restart php${literal(minor)}-fpm`));
  assert.match(steps, /Site Health/);
  assert.match(steps, /build the extension from source/);
  await session.screenshot(page, 'dist-05-install-steps');
  session.assertClean(page);
});

test('Site Health reports the missing extension as critical', async () => {
  await page.goto('/wp-admin/site-health.php');
  const critical = page.locator('#health-check-issues-critical');
  await critical.getByText('ASA2 Creators API cannot run on this server yet').waitFor({ timeout: 15000 });
  session.assertClean(page);
});

test('a post with product boxes still renders whole for visitors, without the boxes', async () => {
  const post = JSON.parse(readFileSync(postFile, 'utf8'));
  const response = await fetch(new URL(post.url, session.stack.url));
  const html = await response.text();
  assert.equal(response.status, 200);
  assert.match(html, /Before the boxes\./);
  assert.match(html, /After the boxes\./);
  assert.doesNotMatch(html, /\[asa2/, 'no shortcode text is shown');
  assert.doesNotMatch(html, /critical error|Fatal error/i);
  assert.match(html, /<\/html>\s*$/, 'the page is complete');
});

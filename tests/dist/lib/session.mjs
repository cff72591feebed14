// What the package tests share: the release facts scripts/suites/70-dist.sh hands them, and an
// administrator's browser on the test stack.

import { openBrowser } from '../../e2e/lib/browser.mjs';

/**
 * The environment variables the suite sets, by name; throws naming the missing ones.
 * @param {string[]} names
 * @returns {Record<string, string>}
 */
export function distEnv(...names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) throw new Error(`${missing.join(', ')} not set: these tests run from scripts/suites/70-dist.sh`);
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}

/** TEXT as a regular expression source that matches it literally. */
export const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Chromium with a page logged in as the administrator; close the session when done.
 * @returns {Promise<{session: import('../../e2e/lib/browser.mjs').Session, page: import('playwright-core').Page}>}
 */
export async function adminBrowser() {
  const session = await openBrowser();
  const page = await session.newPage();
  await session.loginAs(page, 'administrator');
  return { session, page };
}

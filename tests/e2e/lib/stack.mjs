// The running test stack as the browser tests see it: its description (.work/test/stack.json,
// written by scripts/lib/stack.sh when scripts/suites/50-e2e.sh starts the stack) and the PHP
// problems the plugin's files raised in the web server (read from its debug log).

import { readFileSync, existsSync, statSync, openSync, readSync, closeSync, realpathSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The test stack's description: url, setup_url, sandbox_url, users (login, password, role per
 * login), plugin_dir, debug_log, ...
 * @returns {Record<string, any>}
 */
export function loadStack() {
  const file = process.env.ASA2_STACK_JSON || resolve(root, '.work', 'test', 'stack.json');
  if (!existsSync(file)) {
    throw new Error(`the test stack is not prepared (${file} is missing): run scripts/suites/50-e2e.sh, which starts it and runs these tests`);
  }
  const stack = JSON.parse(readFileSync(file, 'utf8'));
  if (stack.stack !== 'test') throw new Error(`${file} does not describe the test stack`);
  return stack;
}

/**
 * The user of a role or login: 'administrator' (or 'admin'), 'editor', 'author', 'subscriber'.
 * @returns {{login: string, password: string, role: string, email: string}}
 */
export function userFor(stack, role) {
  const user = Object.values(stack.users).find((u) => u.login === role || u.role === role);
  if (!user) throw new Error(`no test user for the role '${role}' (known: administrator, editor, author, subscriber)`);
  return user;
}

/** Current size of the web server's debug log; pass it to pluginProblemsSince() later. */
export function serverLogOffset(stack) {
  return existsSync(stack.debug_log) ? statSync(stack.debug_log).size : 0;
}

/**
 * Lines the web server logged since `offset` that name one of the plugin's files: its PHP notices,
 * warnings, deprecations and errors (WordPress core's own deprecations do not name it).
 * @returns {string[]}
 */
export function pluginProblemsSince(stack, offset) {
  if (!existsSync(stack.debug_log)) return [];
  const size = statSync(stack.debug_log).size;
  if (size <= offset) return [];
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(stack.debug_log, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const dirs = [stack.plugin_dir, `${stack.wp_dir}/wp-content/plugins/${stack.plugin_file.split('/')[0]}`];
  if (existsSync(stack.plugin_dir)) dirs.push(realpathSync(stack.plugin_dir));
  return buffer.toString('utf8').split('\n').filter((line) => dirs.some((dir) => line.includes(`${dir}/`)));
}

/**
 * A request to the test stack's sandbox (the local Amazon at ASA2_API_BASE), decoded from JSON.
 * Throws when the sandbox does not run or does not answer 2xx.
 */
export async function sandboxRequest(stack, method, path, json) {
  const url = `${stack.sandbox_url}${path}`;
  const response = await fetch(url, {
    method,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** The sandbox's counters (GET /__sandbox/stats): requests, tokens_issued, api_calls_by_*, throttled, errors, ... */
export function sandboxStats(stack) {
  return sandboxRequest(stack, 'GET', '/__sandbox/stats');
}

/** Changes the sandbox's settings (POST /__sandbox/config), e.g. { token_ttl_secs: 2 } or { rps: 0 }. */
export function sandboxConfigure(stack, settings) {
  return sandboxRequest(stack, 'POST', '/__sandbox/config', settings);
}

/** Clears the sandbox's counters and fault sequences, and its issued tokens unless tokens is false. */
export function sandboxReset(stack, tokens = true) {
  return sandboxRequest(stack, 'POST', '/__sandbox/reset', { tokens });
}

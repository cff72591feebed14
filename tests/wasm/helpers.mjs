// Loads the Node build of asa2-wasm and the cross-language fixtures.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export const asa2 = require(path.join(root, 'crates/wasm/pkg/node/asa2_wasm.js'));
export const wasmPath = path.join(root, 'crates/wasm/pkg/web/asa2_wasm_bg.wasm');

export function fixture(name) {
  return JSON.parse(readFileSync(path.join(root, 'tests/fixtures/core', name), 'utf8')).cases;
}

// Asserts that fn throws an Asa2Error of `kind` with messages for exactly `fields`.
export function assertAsa2Error(fn, kind, fields) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, 'expected an Error to be thrown');
  assert.equal(caught.name, 'Asa2Error', caught.stack);
  assert.equal(caught.kind, kind, caught.message);
  if (fields) {
    assert.deepEqual(Object.keys(caught.errors).sort(), [...fields].sort());
    for (const f of fields) {
      assert.ok(caught.errors[f].length > 0 && caught.errors[f].every((m) => typeof m === 'string' && m.length > 0));
    }
  }
  return caught;
}

// Values of the wrong JavaScript type, for every string argument.
export const notStrings = [null, undefined, 42, true, {}, [], () => 1, Symbol('s')];
export const huge = 'x'.repeat(1024 * 1024);

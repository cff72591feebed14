import test from 'node:test';
import assert from 'node:assert/strict';
import { asa2, fixture, assertAsa2Error, notStrings, huge, wasmPath } from './helpers.mjs';

test('marketplaces() lists every marketplace with its facts and versions', () => {
  const all = asa2.marketplaces();
  const versions = fixture('api-versions.json');
  assert.equal(all.length, versions.length);
  for (const [i, c] of versions.entries()) {
    const m = all[i];
    assert.equal(m.code, c.marketplace);
    assert.equal(m.region, c.region);
    assert.deepEqual(m.versions, { cognito: c.cognito, lwa: c.lwa });
    assert.match(m.host, /^www\.amazon\./);
    assert.equal(m.domain, m.host.slice(4));
    assert.match(m.associates_url, /^https:\/\//);
    assert.match(m.currency, /^[A-Z]{3}$/);
  }
});

test('marketplace() finds by code, host and domain in any case', () => {
  assert.equal(asa2.marketplace('de').country, 'Germany');
  assert.equal(asa2.marketplace('WWW.AMAZON.CO.JP').code, 'JP');
  assert.equal(asa2.marketplace('amazon.com.au').code, 'AU');
  assert.equal(asa2.associatesUrl('DE'), 'https://partnernet.amazon.de');
  const e = assertAsa2Error(() => asa2.marketplace('amazon.xx'), 'validation', ['marketplace']);
  assert.match(e.errors.marketplace[0], /country code such as DE/);
});

test('apiVersion() agrees with the shared fixture for both kinds', () => {
  for (const c of fixture('api-versions.json')) {
    assert.equal(asa2.apiVersion('cognito', c.marketplace), c.cognito);
    assert.equal(asa2.apiVersion('LWA (v3)', c.marketplace), c.lwa);
  }
});

test('apiVersion() reports every bad argument at once', () => {
  const e = assertAsa2Error(() => asa2.apiVersion('oauth', 'XX'), 'validation', ['kind', 'marketplace']);
  assert.match(e.errors.kind[0], /Cognito \(v2\) or LWA \(v3\)/);
});

test('detectKind() agrees with the shared fixture', () => {
  for (const c of fixture('detect-kind.json')) {
    assert.equal(asa2.detectKind(c.id, c.secret), c.expect, JSON.stringify(c));
  }
});

test('mismatchWarning() warns only on a contradiction', () => {
  const lwaId = 'amzn1.application-oa2-client.abc';
  assert.match(asa2.mismatchWarning('cognito', lwaId, ''), /LWA \(v3\)/);
  assert.equal(asa2.mismatchWarning('lwa', lwaId, ''), undefined);
  assert.equal(asa2.mismatchWarning('lwa', '', ''), undefined);
});

test('credentialKinds() carries the guide\'s explanations', () => {
  const kinds = asa2.credentialKinds();
  assert.deepEqual(kinds.map((k) => k.id), ['cognito', 'lwa']);
  assert.match(kinds[0].description, /before February 2026/);
  assert.match(kinds[1].description, /since February 2026/);
});

test('wrong argument types and huge strings get typed errors, never a trap', () => {
  const calls = {
    marketplace: (v) => asa2.marketplace(v),
    associatesUrl: (v) => asa2.associatesUrl(v),
    apiVersion: (v) => asa2.apiVersion(v, 'DE'),
    detectKind: (v) => asa2.detectKind(v, ''),
    mismatchWarning: (v) => asa2.mismatchWarning('lwa', '', v),
  };
  for (const [name, call] of Object.entries(calls)) {
    for (const bad of [...notStrings, huge]) {
      const e = assertAsa2Error(() => call(bad), 'argument');
      assert.ok(Object.keys(e.errors).length === 1, `${name}: ${e.message}`);
    }
  }
  // The module stays usable after errors.
  assert.equal(asa2.apiVersion('lwa', 'JP'), '3.3');
});

test('the browser module stays within the size budget (150 KiB raw, 60 KiB gzipped)', async () => {
  const { readFileSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const bytes = readFileSync(wasmPath);
  assert.ok(bytes.length <= 150 * 1024, `${bytes.length} bytes raw`);
  assert.ok(gzipSync(bytes, { level: 9 }).length <= 60 * 1024, 'gzipped size');
});

test('countryStores() is the core\'s country table: each store\'s own country first, neighbours after', () => {
  const table = asa2.countryStores();
  for (const m of asa2.marketplaces()) {
    const country = m.code === 'UK' ? 'GB' : m.code;
    assert.equal(table[country]?.[0], m.code, country);
  }
  assert.deepEqual(table.AT, ['DE']);
  assert.equal(table.CH[0], 'DE');
  assert.deepEqual(table.IE, ['IE', 'UK']);
  for (const [country, stores] of Object.entries(table)) {
    assert.match(country, /^[A-Z]{2}$/);
    assert.ok(stores.length > 0, country);
  }
});

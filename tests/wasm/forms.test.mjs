import test from 'node:test';
import assert from 'node:assert/strict';
import { asa2, fixture, assertAsa2Error, notStrings, huge } from './helpers.mjs';

const lwa = {
  marketplace: 'US',
  kind: 'lwa',
  credential_id: ' amzn1.application-oa2-client.0123456789abcdef ',
  credential_secret: 'amzn1.oa2-cs.v1.0123456789abcdef',
  partner_tag: 'mysite-20',
  enabled: true,
  default: '1',
};

test('validateConfig() normalizes a good form and never returns the secret', () => {
  const { config, warnings } = asa2.validateConfig(lwa);
  assert.deepEqual(config, {
    marketplace: 'US',
    kind: 'lwa',
    api_version: '3.1',
    credential_id: 'amzn1.application-oa2-client.0123456789abcdef',
    partner_tag: 'mysite-20',
    masked_partner_tag: 'my****-20',
    enabled: true,
    default: true,
  });
  assert.deepEqual(warnings, {});
  assert.ok(!JSON.stringify(config).includes('oa2-cs'), 'secret leaked');
});

test('validateConfig() warns about a kind mismatch and an unusual suffix, but accepts', () => {
  const { config, warnings } = asa2.validateConfig({ ...lwa, marketplace: 'DE', kind: 'cognito' });
  assert.equal(config.api_version, '2.2');
  assert.deepEqual(Object.keys(warnings).sort(), ['kind', 'partner_tag']);
  assert.match(warnings.kind[0], /LWA \(v3\)/);
  assert.match(warnings.partner_tag[0], /-21/);
});

test('validateConfig() reports every field error at once', () => {
  const e = assertAsa2Error(
    () => asa2.validateConfig({ marketplace: 'XX', kind: 'oauth', partner_tag: 'nosuffix' }),
    'validation',
    ['marketplace', 'kind', 'credential_id', 'credential_secret', 'partner_tag'],
  );
  assert.match(e.errors.credential_id[0], /Credential ID/);
});

test('validateConfig() reads numbers and booleans as a form would', () => {
  const { config } = asa2.validateConfig({ ...lwa, enabled: 0, default: false });
  assert.equal(config.enabled, false);
  assert.equal(config.default, false);
  const e = assertAsa2Error(() => asa2.validateConfig({ ...lwa, partner_tag: 12345 }), 'validation', ['partner_tag']);
  assert.ok(e.errors.partner_tag.length > 0);
});

test('validateConfig() refuses non-objects and wrong field types with argument errors', () => {
  for (const bad of [null, undefined, 'DE', 42, [], true]) {
    assertAsa2Error(() => asa2.validateConfig(bad), 'argument', ['input']);
  }
  assertAsa2Error(() => asa2.validateConfig({ ...lwa, credential_id: {} }), 'argument', ['credential_id']);
  assertAsa2Error(() => asa2.validateConfig({ ...lwa, credential_secret: huge }), 'argument', ['credential_secret']);
});

test('maskPartnerTag() agrees with the shared fixture', () => {
  for (const c of fixture('partner-tag-mask.json')) {
    assert.equal(asa2.maskPartnerTag(c.tag), c.masked, c.tag);
  }
  for (const bad of notStrings) assertAsa2Error(() => asa2.maskPartnerTag(bad), 'argument', ['partner_tag']);
});

test('checkPartnerTag() trims, warns on an unusual suffix and reports errors by field', () => {
  assert.deepEqual(asa2.checkPartnerTag(' mysite-21 ', 'DE'), { tag: 'mysite-21', warnings: {}, warning_details: [] });
  const { warnings, warning_details: details } = asa2.checkPartnerTag('mysite-20', 'DE');
  assert.match(warnings.partner_tag[0], /-21/);
  assert.deepEqual(details.map((d) => [d.field, d.code, d.params.usual, d.params.actual, d.message]), [['partner_tag', 'partner_tag.unusual_suffix', '21', '20', warnings.partner_tag[0]]]);
  assertAsa2Error(() => asa2.checkPartnerTag('', 'DE'), 'validation', ['partner_tag']);
  try {
    asa2.checkPartnerTag('my site', 'DE');
    assert.fail('a space must be refused');
  } catch (error) {
    // The same messages with their codes, for a host that shows them in another language.
    assert.deepEqual(error.details.map((d) => d.code), ['partner_tag.bad_char', 'partner_tag.no_suffix']);
    assert.deepEqual(error.details[0].params.what, { code: 'char.space', params: {}, message: 'a space' });
    assert.deepEqual(error.details.map((d) => d.message), error.errors.partner_tag);
  }
  assertAsa2Error(() => asa2.checkPartnerTag('mysite-21', 'XX'), 'validation', ['marketplace']);
});

test('parseProductInput() agrees with the shared fixture', () => {
  for (const c of fixture('product-input.json')) {
    if (c.error) {
      assertAsa2Error(() => asa2.parseProductInput(c.input), 'validation', [c.error]);
    } else {
      assert.deepEqual(asa2.parseProductInput(c.input), { asin: c.asin, marketplace: c.marketplace }, c.input);
      assert.equal(asa2.isValidAsin(c.asin), true);
    }
  }
  assert.equal(asa2.isValidAsin('B0DLFMFBJ'), false);
  for (const bad of notStrings) assertAsa2Error(() => asa2.parseProductInput(bad), 'argument', ['asin']);
});

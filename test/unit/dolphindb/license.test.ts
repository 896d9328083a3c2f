import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MAX_LICENSE_BYTES, inspectLicense, licenseDefectOf, type LicenseDefect } from '../../../src/core/dolphindb/license';
import { readExampleBytes } from '../validation/helpers';

const NOW = new Date('2025-06-01T00:00:00Z');

function defect(bytes: Uint8Array): LicenseDefect | undefined {
  const r = inspectLicense(bytes, NOW);
  assert.equal(r.ok, false);
  return r.ok ? undefined : licenseDefectOf(r.error);
}

/** The result must never carry any of the file's text. */
function assertNoContent(result: unknown, bytes: Uint8Array): void {
  const json = JSON.stringify(result);
  const text = Buffer.from(bytes).toString('utf8');
  for (const piece of text.split(/[\n,]/).filter((p) => p.length >= 6))
    assert.ok(!json.includes(piece), 'content leaked into the result');
}

describe('inspectLicense on the fixture licenses', () => {
  it('fake-valid-2042: expiry 2042-01-01, not expired', () => {
    const bytes = readExampleBytes('licenses/fake-valid-2042.lic');
    const r = inspectLicense(bytes, NOW);
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      sizeBytes: 434,
      headerFieldCount: 9,
      signatureLineCount: 6,
      expiry: '2042-01-01',
      expired: false,
    });
    assertNoContent(r, bytes);
  });
  it('fake-expired-2021: expired on 2021-06-30', () => {
    const bytes = readExampleBytes('licenses/fake-expired-2021.lic');
    const r = inspectLicense(bytes, NOW);
    assert.ok(r.ok);
    assert.equal(r.value.expiry, '2021-06-30');
    assert.equal(r.value.expired, true);
    assertNoContent(r, bytes);
  });
  it('expires at the end of its expiry day', () => {
    const bytes = readExampleBytes('licenses/fake-expired-2021.lic');
    const ok = (d: string) => {
      const r = inspectLicense(bytes, new Date(d));
      assert.ok(r.ok);
      return r.value.expired;
    };
    assert.equal(ok('2021-06-30T12:00:00Z'), false);
    assert.equal(ok('2021-07-01T00:00:00Z'), true);
  });
  it('fake-malformed-header: malformedHeader', () => {
    const bytes = readExampleBytes('licenses/fake-malformed-header.lic');
    assert.equal(defect(bytes), 'malformedHeader');
    assertNoContent(inspectLicense(bytes), bytes);
  });
  it('fake-empty: empty', () => assert.equal(defect(readExampleBytes('licenses/fake-empty.lic')), 'empty'));
  it('fake-binary: binary', () => assert.equal(defect(readExampleBytes('licenses/fake-binary.lic')), 'binary'));
});

describe('inspectLicense edge cases', () => {
  const good = readExampleBytes('licenses/fake-valid-2042.lic');
  const text = good.toString('utf8');
  it('too big', () => assert.equal(defect(Buffer.alloc(MAX_LICENSE_BYTES + 1, 0x41)), 'tooBig'));
  it('whitespace only is empty', () => assert.equal(defect(Buffer.from('\n\n  \n')), 'empty'));
  it('invalid UTF-8 is binary', () => assert.equal(defect(Buffer.from([0x32, 0x30, 0xff, 0xfe, 0x0a])), 'binary'));
  it('control characters are binary', () => assert.equal(defect(Buffer.from('2042.01.01,8,2\x07\nAAAA\n')), 'binary'));
  it('CRLF and a BOM are fine', () => {
    const r = inspectLicense(Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}`), NOW);
    assert.ok(r.ok);
    assert.equal(r.value.expiry, '2042-01-01');
  });
  it('an impossible date is a malformed header', () =>
    assert.equal(defect(Buffer.from(text.replace('2042.01.01', '2042.02.30'))), 'malformedHeader'));
  it('a header with too few fields is malformed', () =>
    assert.equal(defect(Buffer.from('2042.01.01,8\nQUJD\n')), 'malformedHeader'));
  it('a header alone has no signature', () => assert.equal(defect(Buffer.from(text.split('\n')[0])), 'noSignature'));
  it('non-base64 body lines are a bad signature', () =>
    assert.equal(defect(Buffer.from(`${text.split('\n')[0]}\nthis is not base64!\n`)), 'badSignature'));
  it('failure reasons are fixed sentences', () => {
    const r = inspectLicense(Buffer.from(''));
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'invalid');
    assert.equal(r.error.reason, 'The license file is empty.');
  });
});

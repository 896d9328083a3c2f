import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english as t } from '../../../src/core/i18n/translate';
import { checkAbsolutePath, checkLabel, checkNodeIPv4, checkSubdomain, checkText } from '../../../src/core/operations/input';

describe('operation input checks', () => {
  it('accepts DNS-1123 labels and rejects everything else', () => {
    assert.equal(checkLabel(t, 'Name', 'ddb-test1'), undefined);
    assert.equal(checkLabel(t, 'Name', 'a'), undefined);
    for (const bad of [
      'Upper',
      'ddb_test1',
      'a;rm -rf /',
      'x$(id)',
      'a\nb',
      '-lead',
      'trail-',
      '',
      'a'.repeat(64),
      'a b',
      'a`b`',
      'ns/other',
    ]) {
      assert.ok(checkLabel(t, 'Name', bad), `should reject ${JSON.stringify(bad)}`);
    }
    assert.ok(checkLabel(t, 'Name', 42));
    assert.ok(checkLabel(t, 'Name', undefined));
  });
  it('keeps hostile input short and printable in messages', () => {
    const msg = checkLabel(t, 'Name', `x\n${'y'.repeat(500)}`) ?? '';
    assert.ok(!msg.includes('\n'));
    assert.ok(msg.length < 300);
  });
  it('subdomains allow dots but no uppercase', () => {
    assert.equal(checkSubdomain(t, 'SC', 'local-path'), undefined);
    assert.equal(checkSubdomain(t, 'SC', 'ebs.csi.aws.com'), undefined);
    assert.ok(checkSubdomain(t, 'SC', 'Local'));
    assert.ok(checkSubdomain(t, 'SC', 'a,global.x=y'));
  });
  it('free text may not carry line breaks or control characters, and must be a string', () => {
    assert.equal(checkText(t, 'v', '2'), undefined);
    assert.equal(checkText(t, 'v', 'a\tb'), undefined);
    assert.match(checkText(t, 'v', '1\nmaxMemSize=999') ?? '', /line break/);
    assert.match(checkText(t, 'v', '1\r') ?? '', /line break/);
    assert.match(checkText(t, 'v', 2) ?? '', /must be a string/);
  });
  it('absolute paths: safe characters, no ..', () => {
    assert.equal(checkAbsolutePath(t, 'p', '/data/ddb/core'), undefined);
    for (const bad of ['relative', '/a/../etc', '/a b', '/a;b', '/a\nb', '', '/a,b'])
      assert.ok(checkAbsolutePath(t, 'p', bad), bad);
  });
  it('node IPv4 addresses', () => {
    assert.equal(checkNodeIPv4(t, '192.168.100.10'), undefined);
    assert.equal(checkNodeIPv4(t, '127.0.0.1'), undefined);
    for (const bad of ['256.1.1.1', '1.2.3', '0.0.0.0', '224.0.0.1', '01.2.3.4', 'node1', '1.2.3.4,x', '', '::1'])
      assert.ok(checkNodeIPv4(t, bad), bad);
  });
});

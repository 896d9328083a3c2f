// The quick fix for a version the suite does not offer (DDB-W009, issue 17): for v2.00.99 it used to
// offer only v3.00.3. Now: the two or three nearest listed versions, the same major.minor line first,
// then by numeric distance, the nearest one preferred.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FALLBACK_VERSIONS_V1_1_7, nearestVersions, type VersionInfo } from '../../../src/core/dolphindb/versions';
import { quickFixes, YamlFile } from '../../../src/core/language';
import { validateText } from '../../../src/core/validation';
import { applyEdits, VALID_CR } from './helpers';

const list = (...vs: string[]): VersionInfo[] => vs.map((version) => ({ version }));
const known = { supportedVersions: FALLBACK_VERSIONS_V1_1_7 };

describe('nearestVersions', () => {
  it('prefers the same major.minor line over a newer line', () => {
    assert.deepEqual(nearestVersions('v2.00.99', FALLBACK_VERSIONS_V1_1_7), ['v2.00.16', 'v2.00.14', 'v2.00.13.4']);
  });
  it('orders by numeric distance on the line, ties to the newer', () => {
    assert.deepEqual(nearestVersions('v2.00.15', FALLBACK_VERSIONS_V1_1_7), ['v2.00.16', 'v2.00.14', 'v2.00.13.4']);
    assert.deepEqual(nearestVersions('v1.30.13', FALLBACK_VERSIONS_V1_1_7, 2), ['v1.30.14', 'v1.30.15']);
  });
  it('a build number differs least: v2.00.13.9 is nearest to the newest v2.00.13 build', () => {
    assert.deepEqual(nearestVersions('v2.00.13.9', FALLBACK_VERSIONS_V1_1_7, 2), ['v2.00.13.4', 'v2.00.13.3']);
  });
  it('falls back to other lines when the line has no listed version: minor before major', () => {
    assert.deepEqual(nearestVersions('v3.00.1', list('v2.00.16', 'v3.01.0', 'v3.00.3', 'v1.30.21')), [
      'v3.00.3',
      'v3.01.0',
      'v2.00.16',
    ]);
    assert.deepEqual(nearestVersions('v2.01.0', list('v3.00.3', 'v2.00.16', 'v2.00.7')), ['v2.00.16', 'v2.00.7', 'v3.00.3']);
  });
  it('gives nothing for an empty list or an unparseable version, and never the version itself', () => {
    assert.deepEqual(nearestVersions('v2.00.1', []), []);
    assert.deepEqual(nearestVersions('latest', FALLBACK_VERSIONS_V1_1_7), []);
    assert.ok(!nearestVersions('v2.00.16', FALLBACK_VERSIONS_V1_1_7).includes('v2.00.16'));
  });
});

describe('DDB-W009 quick fixes', () => {
  const text = VALID_CR.replace('version: v2.00.5', 'version: v2.00.99');

  it('names the nearest versions in the message', () => {
    const p = validateText(text, known).find((x) => x.code === 'DDB-W009');
    assert.ok(p, 'a DDB-W009 problem');
    assert.match(p.message, /v2\.00\.16, v2\.00\.14, v2\.00\.13\.4/);
  });

  it('offers the three nearest, the first preferred, and each edit fixes the warning', () => {
    const problems = validateText(text, known).filter((x) => x.code === 'DDB-W009');
    const fixes = quickFixes(new YamlFile(text), problems, 'en');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Change to v2.00.16', 'Change to v2.00.14', 'Change to v2.00.13.4'],
    );
    assert.deepEqual(
      fixes.map((f) => !!f.preferred),
      [true, false, false],
    );
    for (const f of fixes) {
      const fixed = applyEdits(text, f.edits);
      assert.ok(!validateText(fixed, known).some((x) => x.code === 'DDB-W009'), fixed);
    }
    assert.match(applyEdits(text, fixes[0].edits), /\n {2}version: v2\.00\.16\n/);
  });

  it('keeps the quoting of the value it replaces', () => {
    const quoted = VALID_CR.replace('version: v2.00.5', 'version: "v2.00.99"');
    const problems = validateText(quoted, known).filter((x) => x.code === 'DDB-W009');
    const fixes = quickFixes(new YamlFile(quoted), problems, 'en');
    assert.match(applyEdits(quoted, fixes[0].edits), /\n {2}version: "v2\.00\.16"\n/);
  });
});

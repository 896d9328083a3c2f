// Every reference fixture: valid ones produce no errors or warnings against the chart v1.1.7
// version list, each invalid one produces exactly its expected code at its expected path.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { FALLBACK_VERSIONS_V1_0_1, FALLBACK_VERSIONS_V1_1_7 } from '../../../src/core/dolphindb/versions';
import { validateText, type ValidationContext } from '../../../src/core/validation';
import { examplesDir, notInfo, readExample } from './helpers';

interface Expectations {
  valid: { file: string; errors: string[]; warnings: string[]; requires?: string[] }[];
  invalid: { file: string; errors: string[]; path: string }[];
}
const expectations = JSON.parse(readExample('expectations.json')) as Expectations;

/** PVC names from support files, so DDB-W022 can be checked too. */
function pvcNamesOf(files: readonly string[] = []): string[] {
  return files
    .flatMap((f) =>
      readExample(f)
        .split(/^---$/m)
        .map((d) => parse(d) as { metadata?: { name?: string } } | null),
    )
    .map((d) => d?.metadata?.name)
    .filter((n): n is string => typeof n === 'string');
}

describe('reference fixtures', () => {
  it('finds the fixture folder', () => {
    assert.ok(fs.existsSync(path.join(examplesDir, 'expectations.json')), `fixtures not found under ${examplesDir}`);
    assert.equal(expectations.valid.length, 5);
    assert.equal(expectations.invalid.length, 6);
  });

  for (const v of expectations.valid) {
    it(`${v.file} has no errors or warnings (v1.1.7 list, PVCs and StorageClass known)`, () => {
      const text = readExample(v.file);
      const storageClassName = (parse(text) as { spec: { storageClassName: string } }).spec.storageClassName;
      const known: ValidationContext = {
        supportedVersions: FALLBACK_VERSIONS_V1_1_7,
        pvcNames: pvcNamesOf(v.requires),
        storageClasses: [storageClassName],
        nodeCapacity: [{ cpu: '16', memory: '64Gi' }],
      };
      assert.deepEqual(notInfo(validateText(text, known)), []);
      assert.deepEqual(validateText(text), []);
    });
  }

  it('valid/03 also passes against the chart v1.0.1 version list', () => {
    const ps = validateText(readExample('valid/03-multicontroller-ha-3ctr-3dn.yaml'), {
      supportedVersions: FALLBACK_VERSIONS_V1_0_1,
    });
    assert.deepEqual(ps, []);
  });

  it('valid/04 without its support PVCs warns DDB-W022 for each missing claim', () => {
    const ps = validateText(readExample('valid/04-instance-services-and-volumes.yaml'), { pvcNames: [] });
    assert.deepEqual(
      ps.map((p) => [p.code, p.path]),
      [
        ['DDB-W022', 'spec.datanode.volumes[1].persistentVolumeClaim.claimName'],
        ['DDB-W022', 'spec.datanode.instances.0.volumes[0].persistentVolumeClaim.claimName'],
      ],
    );
  });

  for (const inv of expectations.invalid) {
    it(`${inv.file} → exactly ${inv.errors.join(', ')} at ${inv.path}`, () => {
      const text = readExample(inv.file);
      const ps = validateText(text, { supportedVersions: FALLBACK_VERSIONS_V1_1_7 });
      assert.deepEqual(
        ps.map((p) => p.code),
        inv.errors,
      );
      assert.equal(ps[0].path, inv.path);
      assert.equal(ps[0].severity, 'error');
      // The first line of each fixture quotes the expected message; ours says the same thing.
      const quoted = /"([^"]+)"\s*$/.exec(text.split('\n')[0])?.[1];
      assert.ok(quoted, 'fixture first line quotes a message');
      assert.equal(ps[0].message.replace(/\.$/, '').replace(/, spec\.clusterType/, ' and spec.clusterType'), quoted);
    });
  }

  it('status fixtures validate clean (their spec parts are valid; status is not flagged)', () => {
    for (const f of fs.readdirSync(path.join(examplesDir, 'status'))) {
      assert.deepEqual(validateText(readExample(`status/${f}`), { supportedVersions: FALLBACK_VERSIONS_V1_1_7 }), [], f);
    }
  });

  it('accepts the docs\' unquoted instance keys (0:) exactly like the API server\'s ("0":)', () => {
    const quoted = readExample('valid/04-instance-services-and-volumes.yaml');
    const unquoted = quoted.replace(/"(\d+)":/g, '$1:');
    assert.notEqual(unquoted, quoted);
    assert.deepEqual(validateText(unquoted), []);
  });

  it('support/extra-pvcs.yaml (not DolphinDB objects) is left untouched', () => {
    assert.deepEqual(validateText(readExample('support/extra-pvcs.yaml')), []);
  });
});

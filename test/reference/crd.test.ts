// Our DolphinDB CRD (the one the test ground installs) against the one the real v1.0.1 chart ships:
// same API identity, scope, versions, status subresource, pruning behaviour and printer columns.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { packChart } from '../fixtures/chart';
import { chartSourceDir, crdFile } from '../fixtures/paths';
import { readFromTgz } from '../unit/validation/helpers';
import { referenceChart, yamlInTgz } from './reference';

type Crd = { metadata: { name: string }; spec: Record<string, unknown> & { versions: Record<string, unknown>[] } };

describe('DolphinDB CRD fidelity', () => {
  it('matches crds/ddb_crd.yaml of the real chart v1.0.1 in everything the API server acts on', () => {
    const real = yamlInTgz<Crd>(referenceChart('v1.0.1'), 'crds/ddb_crd.yaml');
    assert.ok(real, 'the real v1.0.1 chart ships a CRD');
    const ours = parse(fs.readFileSync(crdFile, 'utf8')) as Crd;
    assert.equal(ours.metadata.name, real.metadata.name);
    for (const k of ['group', 'names', 'scope']) assert.deepEqual(ours.spec[k], real.spec[k], k);
    assert.deepEqual(ours.spec.versions, real.spec.versions);
  });

  it('like the real charts, v1.0.1 ships the CRD and v1.1.7 does not (its operator registers it)', () => {
    for (const [v, has] of [
      ['v1.0.1', true],
      ['v1.1.7', false],
    ] as const) {
      assert.equal(readFromTgz(referenceChart(v), 'dolphindb-mgr/crds/ddb_crd.yaml') !== undefined, has, `real ${v}`);
      assert.equal(
        readFromTgz(packChart(chartSourceDir, v), 'dolphindb-mgr/crds/ddb_crd.yaml') !== undefined,
        has,
        `fixture ${v}`,
      );
    }
  });
});

// What Create writes (issue 17): plain YAML a person would write. No anchors or aliases (editing
// limits must not change requests), no default-valued noise (licenseServerAddress: None,
// logCleanLimit "0.9"), and the text re-parses to exactly the intended object.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { validateText } from '../../../src/core/validation';
import { clusterDocument, clusterYaml, type NewCluster } from '../../../src/extension/commands/lifecycle/clusterYaml';

const HA: NewCluster = {
  name: 'ha',
  namespace: 'dolphindb',
  mode: 'cluster',
  clusterType: 'multicontroller',
  version: 'v2.00.16',
  controllers: 3,
  datanodes: 2,
  computenodes: 1,
  cpu: '1',
  memory: '2Gi',
  storageClass: 'standard',
  dataSize: '10Gi',
  logSize: '1Gi',
};
const SOLO: NewCluster = { ...HA, name: 'solo', mode: 'standalone', controllers: 0, datanodes: 1, computenodes: 0 };

for (const c of [HA, SOLO]) {
  describe(`clusterYaml (${c.mode})`, () => {
    const text = clusterYaml(c);

    it('has no anchors or aliases', () => {
      assert.doesNotMatch(text, /[&*][A-Za-z]\w*/, text);
      let aliases = 0;
      const doc = parseDocument(text);
      // A YAML alias node would show up as an Alias in the parsed tree.
      JSON.stringify(doc.contents, (_k, v: unknown) => {
        if (v && typeof v === 'object' && (v as { constructor?: { name?: string } }).constructor?.name === 'Alias') aliases++;
        return v;
      });
      assert.equal(aliases, 0);
    });

    it('writes no None, empty or default-valued keys', () => {
      assert.doesNotMatch(text, /None/);
      assert.doesNotMatch(text, /licenseServerAddress|logCleanLimit/);
      assert.doesNotMatch(text, /: ""$|: \{\}$|: \[\]$|: null$/m);
    });

    it('re-parses to the intended object, and requests are their own copy of limits', () => {
      const back = parse(text) as { spec: Record<string, { resources: { limits: unknown; requests: unknown } }> };
      assert.deepEqual(back, clusterDocument(c));
      const dn = back.spec.datanode.resources;
      assert.deepEqual(dn.requests, { cpu: c.cpu, memory: c.memory });
      assert.notEqual(dn.requests, dn.limits, 'requests is not the same object as limits');
    });

    it('is a valid DolphinDB document', () => {
      const errors = validateText(text).filter((p) => p.severity === 'error');
      assert.deepEqual(errors, []);
    });
  });
}

describe('clusterYaml shape', () => {
  it('names the cluster first and leaves out a blank StorageClass', () => {
    const text = clusterYaml({ ...HA, storageClass: '' });
    assert.match(text, /^apiVersion: dolphindb\.dolphindb\.io\/v1\nkind: DolphinDB\nmetadata:\n {2}name: ha\n/);
    assert.doesNotMatch(text, /storageClassName/);
  });
  it('writes a compute node block only when asked for', () => {
    assert.match(clusterYaml(HA), /^ {2}computenode:$/m);
    assert.doesNotMatch(clusterYaml({ ...HA, computenodes: 0 }), /computenode/);
  });
});

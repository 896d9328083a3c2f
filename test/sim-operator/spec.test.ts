// Unit tests of the SIMULATED DolphinDB operator: CR parsing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDolphinDB } from './spec.js';
import { cr, exampleFiles, loadExample } from './testutil.js';

const minimal = {
  mode: 'cluster',
  clusterType: 'singlecontroller',
  version: 'v2.00.16',
  controller: { replicas: 1 },
  datanode: { replicas: 2 },
};

describe('parseDolphinDB', () => {
  it('accepts every valid fixture without warnings', () => {
    for (const f of exampleFiles('valid')) {
      const r = parseDolphinDB(loadExample(`valid/${f}`));
      assert.equal(r.ok, true, `${f}: ${r.ok ? '' : r.errors.join('; ')}`);
      assert.deepEqual(r.warnings, [], f);
    }
  });

  it('fills defaults: ports, sizes, replicas, standalone mode', () => {
    const r = parseDolphinDB(cr('x', { version: 'v2.00.16', datanode: {} }));
    assert.ok(r.ok);
    assert.equal(r.spec.mode, 'standalone');
    assert.equal(r.spec.roles.length, 1);
    const dn = r.spec.roles[0];
    assert.deepEqual([dn.role, dn.replicas, dn.port, dn.dataSize, dn.logSize], ['datanode', 1, 32210, '1Gi', '1Gi']);
    const c = parseDolphinDB(
      cr('y', { mode: 'cluster', clusterType: 'multicontroller', version: 'v2.00.16', controller: {}, datanode: {} }),
    );
    assert.ok(c.ok);
    assert.deepEqual(
      c.spec.roles.map((x) => [x.role, x.replicas, x.port]),
      [
        ['controller', 3, 31210],
        ['datanode', 1, 32210],
      ],
    );
  });

  it('ignores unknown fields', () => {
    const r = parseDolphinDB(
      cr('x', { ...minimal, clustertype: 'typo', somethingNew: { a: 1 }, datanode: { replicas: 1, futureField: true } }),
    );
    assert.ok(r.ok);
  });

  it('rejects wrong JSON types the way a typed Go decoder would', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...minimal, datanode: { replicas: '3' } }, /spec\.datanode\.replicas: expected integer, got string "3"/],
      [
        { ...minimal, controller: { replicas: 1, clusterConfig: { maxMemSize: 4 } } },
        /clusterConfig\.maxMemSize: expected string, got number/,
      ],
      [{ ...minimal, disableExporter: 'yes' }, /disableExporter: expected boolean/],
      [{ ...minimal, datanode: { replicas: 1, dataSize: '10GB' } }, /dataSize: quantities must match/],
      [
        { ...minimal, datanode: { replicas: 1, instances: { first: {} } } },
        /instances\.first: instance keys must be non-negative integers/,
      ],
      [{ ...minimal, datanode: { replicas: 1, instances: { 0: { paused: 'true' } } } }, /paused: expected boolean/],
      [{ ...minimal, mode: 'Cluster' }, /spec\.mode: must be/],
      [{ ...minimal, clusterType: 'dual' }, /spec\.clusterType/],
      [{ ...minimal, version: undefined }, /spec\.version: required/],
      [{ ...minimal, controller: undefined }, /spec\.controller: required in cluster mode/],
      [{ ...minimal, datanode: { replicas: 1, port: 70000 } }, /port: must be 1\.\.65535/],
      [{ ...minimal, datanode: { replicas: 1, resources: { limits: { memory: '2GB' } } } }, /resources\.limits\.memory/],
    ];
    for (const [spec, re] of cases) {
      const r = parseDolphinDB(cr('x', spec));
      assert.equal(r.ok, false, re.source);
      assert.match(r.ok ? '' : r.errors.join('\n'), re);
    }
    assert.equal(parseDolphinDB({ metadata: { name: 'x' } }).ok, false);
    assert.equal(parseDolphinDB(null).ok, false);
  });

  it('reads instances with numeric or string keys, services and paused flags', () => {
    const r = parseDolphinDB(
      cr('x', {
        ...minimal,
        datanode: {
          replicas: 3,
          instances: {
            0: { service: {} },
            '1': { service: { type: 'ClusterIP' }, paused: true },
            2: { service: { type: 'Weird' } },
          },
        },
      }),
    );
    assert.ok(r.ok);
    const dn = r.spec.roles[1];
    assert.equal(dn.instances.get(0)?.service?.type, 'NodePort');
    assert.equal(dn.instances.get(1)?.service?.type, 'ClusterIP');
    assert.equal(dn.instances.get(1)?.paused, true);
    assert.equal(dn.instances.get(2)?.service?.type, 'NodePort');
    assert.match(r.warnings.join('\n'), /unsupported "Weird"/);
  });

  it('treats licenseServerAddress None as absent and warns about ignored blocks in standalone', () => {
    const r = parseDolphinDB(
      cr('x', {
        mode: 'standalone',
        version: 'v2.00.16',
        licenseServerAddress: 'None',
        datanode: { replicas: 2 },
        controller: { replicas: 1 },
      }),
    );
    assert.ok(r.ok);
    assert.equal(r.spec.licenseServerAddress, undefined);
    assert.equal(r.spec.roles[0].replicas, 1);
    assert.equal(r.warnings.length, 2);
  });
});

// The plan a live-object save shows: the changed fields, and which pods of the cluster restart
// (reference: version and any config change restart every instance; scaling only adds pods).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { changedPaths, planLiveEdit } from '../../../src/core/operations/editPlan';
import type { KubeObject } from '../../../src/core/k8s/resources';

const cluster = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name: 'c1', namespace: 'n', ...meta },
    spec,
  }) as KubeObject;
const base = {
  mode: 'cluster',
  clusterType: 'singlecontroller',
  version: 'v2.00.16',
  controller: { replicas: 1, resources: { limits: { cpu: '1' } } },
  datanode: { replicas: 2, resources: { limits: { cpu: '2' } }, config: { maxMemSize: '8' } },
};
const edited = (f: (s: typeof base) => void): KubeObject => {
  const s = JSON.parse(JSON.stringify(base)) as typeof base;
  f(s);
  return cluster(s);
};

describe('live edit plan', () => {
  it('lists the changed leaves and ignores server-owned metadata', () => {
    assert.deepEqual(changedPaths({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1], d: 'x' } }), ['a.b', 'a.d']);
    const p = planLiveEdit(cluster(base, { resourceVersion: '5', uid: 'u' }), cluster(base));
    assert.deepEqual(p, { changed: [], restarts: [] });
  });

  it('a role resource change restarts that role only', () => {
    const p = planLiveEdit(
      cluster(base),
      edited((s) => (s.datanode.resources.limits.cpu = '3')),
    );
    assert.deepEqual(p.changed, ['spec.datanode.resources.limits.cpu']);
    assert.deepEqual(p.restarts, ['ddb-c1-dn-0-0', 'ddb-c1-dn-1-0']);
  });

  it('a config or version change restarts every pod', () => {
    const all = ['ddb-c1-ctr-0-0', 'ddb-c1-dn-0-0', 'ddb-c1-dn-1-0'];
    assert.deepEqual(
      planLiveEdit(
        cluster(base),
        edited((s) => (s.datanode.config.maxMemSize = '16')),
      ).restarts,
      all,
    );
    assert.deepEqual(
      planLiveEdit(
        cluster(base),
        edited((s) => (s.version = 'v2.00.17')),
      ).restarts,
      all,
    );
  });

  it('scaling restarts nothing; pausing names the one pod', () => {
    assert.deepEqual(
      planLiveEdit(
        cluster(base),
        edited((s) => (s.datanode.replicas = 3)),
      ),
      { changed: ['spec.datanode.replicas'], restarts: [] },
    );
    const paused = edited((s) => Object.assign(s.datanode, { instances: { '1': { paused: true } } }));
    assert.deepEqual(planLiveEdit(cluster(base), paused).restarts, ['ddb-c1-dn-1-0']);
  });

  it('other kinds: fields only', () => {
    const cm = (v: string): KubeObject =>
      ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' }, data: { k: v } }) as unknown as KubeObject;
    assert.deepEqual(planLiveEdit(cm('a'), cm('b')), { changed: ['data.k'], restarts: [] });
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import {
  belongsTo,
  clusterStatefulSets,
  instanceOf,
  memberSelectors,
  selectorHasClusterLabel,
} from '../../../src/core/explorer/membership';

const obj = (name: string, labels?: Record<string, string>): KubeObject => ({ metadata: { name, labels } });
const owned = (name: string, kind: string, owner: string, namespace = 'ns'): KubeObject => ({
  metadata: { name, namespace, ownerReferences: [{ apiVersion: 'v1', kind, name: owner, uid: `${owner}-uid` }] },
});
const sts = (
  name: string,
  owner: string | undefined,
  matchLabels: Record<string, string> | undefined,
  namespace = 'ns',
): KubeObject => ({
  metadata: {
    name,
    namespace,
    ...(owner
      ? { ownerReferences: [{ apiVersion: 'dolphindb.dolphindb.io/v1', kind: 'DolphinDB', name: owner, uid: 'u' }] }
      : {}),
  },
  spec: matchLabels ? { selector: { matchLabels } } : {},
});

describe('membership', () => {
  it('never claims the children of a cluster whose name shares a prefix', () => {
    assert.equal(belongsTo('ha', obj('ddb-ha2-dn-0-0')), false);
    assert.equal(belongsTo('ha', obj('ddb-ha-dn-0-0')), true);
    assert.equal(belongsTo('ha', obj('data-ddb-ha-dn-0-0')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha-ctr-inner')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha-svc-mgr-89666f687-8bk2j')), true);
    assert.equal(belongsTo('ha', obj('nginx-0')), false);
  });
  it('prefers the cluster label over the name', () => {
    assert.equal(belongsTo('a', obj('ddb-b-dn-0-0', { 'dolphindb.io/dolphindb.name': 'a' })), true);
    assert.equal(belongsTo('b', obj('ddb-b-dn-0-0', { 'dolphindb.io/dolphindb.name': 'a' })), false);
  });
  it('follows an owner reference to the DolphinDB object over the name', () => {
    assert.equal(belongsTo('a', owned('renamed-svc', 'DolphinDB', 'a')), true);
    assert.equal(belongsTo('b', owned('ddb-b-dn', 'DolphinDB', 'a')), false);
  });
  it('follows pod → StatefulSet → DolphinDB when the pod has no label', () => {
    const sets = new Map([
      ['ddb-a-dn-0', sts('ddb-a-dn-0', 'a', { x: '1' })],
      ['odd-name', sts('odd-name', 'a', { x: '1' })],
      ['plain', sts('plain', undefined, { y: '1' })],
    ]);
    const lookup = (n: string, ns: string): KubeObject | undefined => (ns === 'ns' ? sets.get(n) : undefined);
    // Named like cluster b, but its StatefulSet is owned by a: the owner chain decides.
    assert.equal(belongsTo('a', owned('ddb-b-dn-0-0', 'StatefulSet', 'ddb-a-dn-0'), lookup), true);
    assert.equal(belongsTo('b', owned('ddb-b-dn-0-0', 'StatefulSet', 'ddb-a-dn-0'), lookup), false);
    assert.equal(belongsTo('a', owned('odd-name-0', 'StatefulSet', 'odd-name'), lookup), true);
    // A StatefulSet without a DolphinDB owner leaves the decision to the name.
    assert.equal(belongsTo('a', owned('ddb-a-cn-0-0', 'StatefulSet', 'plain'), lookup), true);
    assert.equal(belongsTo('a', owned('plain-0', 'StatefulSet', 'plain'), lookup), false);
    // Without a lookup, the name is all there is.
    assert.equal(belongsTo('b', owned('ddb-b-dn-0-0', 'StatefulSet', 'ddb-a-dn-0')), true);
  });
  it('maps PVCs and services to instances', () => {
    assert.deepEqual(instanceOf('t', obj('log-ddb-t-cn-3-0')), { role: 'computenode', abbrev: 'cn', index: 3 });
    assert.deepEqual(instanceOf('t', obj('ddb-t-dn-1')), { role: 'datanode', abbrev: 'dn', index: 1 });
    assert.equal(instanceOf('t', obj('ddb-t-dn')), undefined);
  });
  it('lists the StatefulSets of one cluster by owner or name, in one namespace', () => {
    const all = [
      sts('ddb-a-dn-0', 'a', undefined),
      sts('x', 'a', undefined),
      sts('ddb-a-dn-1', undefined, undefined),
      sts('ddb-a2-dn-0', undefined, undefined),
      sts('ddb-a-cn-0', 'a', undefined, 'other'),
    ];
    assert.deepEqual(
      clusterStatefulSets('a', 'ns', all).map((s) => s.metadata.name),
      ['ddb-a-dn-0', 'x', 'ddb-a-dn-1'],
    );
  });
  it('derives the pod selectors from the StatefulSets, whatever their label keys', () => {
    const shared = [
      sts('s0', 'a', { 'op/cluster': 'a', 'op/instance': 's0' }),
      sts('s1', 'a', { 'op/cluster': 'a', 'op/instance': 's1' }),
    ];
    assert.deepEqual(memberSelectors(shared), ['op/cluster=a']);
    const disjoint = [sts('s1', 'a', { app: 's1' }), sts('s0', 'a', { app: 's0' }), sts('s2', 'a', undefined)];
    assert.deepEqual(memberSelectors(disjoint), ['app=s0', 'app=s1']);
    assert.deepEqual(memberSelectors([sts('s0', 'a', { b: '2', a: '1' })]), ['a=1,b=2']);
    assert.deepEqual(memberSelectors([sts('s0', 'a', undefined)]), []);
    assert.equal(selectorHasClusterLabel('dolphindb.io/dolphindb.name=a,op/i=s0', 'a'), true);
    assert.equal(selectorHasClusterLabel('dolphindb.io/dolphindb.name=ab', 'a'), false);
    assert.equal(selectorHasClusterLabel('op/cluster=a', 'a'), false);
  });
});

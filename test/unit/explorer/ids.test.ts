import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clusterNodeId, nodeId, parseNodeId, type NodeId } from '../../../src/core/explorer/ids';
import { containerNodes, podMissingMessage } from '../../../src/core/explorer/render/members';
import { english } from '../../../src/core/i18n/translate';
import type { KubeObject } from '../../../src/core/k8s/resources';

const at = { context: 'ddb-ground', namespace: 'dolphindb', name: 'ha' };
const pod = { kind: 'pod' as const, context: 'ddb-ground', namespace: 'dolphindb', pod: 'ddb-ha-dn-0-0' };
const suite = { kind: 'suite' as const, context: 'ddb-ground', namespace: 'dolphindb' };

/** One id of every kind, with the text the tree has always used for it. */
const CASES: [NodeId, string][] = [
  [{ kind: 'context', context: 'ddb-ground' }, 'ctx:ddb-ground'],
  [{ kind: 'namespace', context: 'ddb-ground', namespace: 'dolphindb' }, 'ctx:ddb-ground/ns:dolphindb'],
  [suite, 'ctx:ddb-ground/suite:dolphindb'],
  [
    { kind: 'suiteComponent', context: 'ddb-ground', namespace: 'dolphindb', component: 'operator' },
    'ctx:ddb-ground/suite:dolphindb/operator',
  ],
  [{ kind: 'message', parent: suite, message: 'release-failed' }, 'ctx:ddb-ground/suite:dolphindb/msg:release-failed'],
  [
    { kind: 'message', parent: { kind: 'context', context: 'ddb-ground' }, message: 'connecting' },
    'ctx:ddb-ground/msg:connecting',
  ],
  [
    { kind: 'message', parent: { kind: 'context', context: 'ddb-ground' }, message: 'forbidden:list:pods:dolphindb' },
    'ctx:ddb-ground/msg:forbidden:list:pods:dolphindb',
  ],
  [{ kind: 'cluster', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha'],
  [{ kind: 'role', ...at, role: 'ctr' }, 'ctx:ddb-ground/ddb:dolphindb/ha/role:ctr'],
  [{ kind: 'instance', ...at, instance: 'ddb-ha-dn-0' }, 'ctx:ddb-ground/ddb:dolphindb/ha/inst:ddb-ha-dn-0'],
  [{ kind: 'services', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha/services'],
  [{ kind: 'pvcs', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha/pvcs'],
  [{ kind: 'configmap', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha/cm'],
  [{ kind: 'events', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha/events'],
  [{ kind: 'none', parent: { kind: 'events', ...at } }, 'ctx:ddb-ground/ddb:dolphindb/ha/events/none'],
  [pod, 'ctx:ddb-ground/pod:dolphindb/ddb-ha-dn-0-0'],
  [{ kind: 'none', parent: pod }, 'ctx:ddb-ground/pod:dolphindb/ddb-ha-dn-0-0/none'],
  [{ ...pod, kind: 'container', container: 'dolphindb' }, 'ctx:ddb-ground/pod:dolphindb/ddb-ha-dn-0-0/c:dolphindb'],
  [{ kind: 'service', ...at, name: 'ddb-ha-dn' }, 'ctx:ddb-ground/svc:dolphindb/ddb-ha-dn'],
  [{ kind: 'pvc', ...at, name: 'data-ddb-ha-dn-0-0' }, 'ctx:ddb-ground/pvc:dolphindb/data-ddb-ha-dn-0-0'],
  [{ kind: 'event', ...at, name: 'ha.17a' }, 'ctx:ddb-ground/ev:dolphindb/ha.17a'],
  [{ kind: 'backups', ...at }, 'ctx:ddb-ground/ddb:dolphindb/ha/backups'],
  [{ kind: 'backup', ...at, name: 's3-s3-c31fc823' }, 'ctx:ddb-ground/bk:dolphindb/s3-s3-c31fc823'],
  [{ kind: 'restore', ...at, name: 'restore-1' }, 'ctx:ddb-ground/rs:dolphindb/restore-1'],
];

describe('node ids', () => {
  for (const [id, text] of CASES) {
    it(`builds and parses ${id.kind} (${text})`, () => {
      assert.equal(nodeId(id), text);
      assert.deepEqual(parseNodeId(text), id);
    });
  }

  it('round-trips every kind when the names carry odd characters', () => {
    // Context names are free text (an EKS ARN holds `:` and `/`); values may hold `%`, spaces, CJK.
    const odd = { context: 'arn:aws:eks:us-east-1:1:cluster/prod %2F 生产', namespace: 'ns%x', name: 'a/b c' };
    const oddCases: NodeId[] = CASES.map(
      ([id]) =>
        JSON.parse(JSON.stringify(id), (k, v) =>
          k === 'context'
            ? odd.context
            : k === 'namespace'
              ? odd.namespace
              : k === 'name' || k === 'pod' || k === 'instance' || k === 'container'
                ? `${v}/${odd.name}`
                : v,
        ) as NodeId,
    );
    for (const id of oddCases) {
      const text = nodeId(id);
      assert.equal(text.split('/')[0].startsWith('ctx:arn:aws:eks'), true, text);
      assert.deepEqual(parseNodeId(text), id, text);
    }
  });

  it('keeps each segment free of a raw slash, so a context with `/` is still one context node', () => {
    const text = nodeId({ kind: 'context', context: 'team/prod' });
    assert.equal(text, 'ctx:team%2Fprod');
    assert.deepEqual(parseNodeId(text), { kind: 'context', context: 'team/prod' });
  });

  it('clusterNodeId is nodeId of a cluster', () => {
    assert.equal(clusterNodeId('c', 'n', 'x'), nodeId({ kind: 'cluster', context: 'c', namespace: 'n', name: 'x' }));
  });

  it("an instance's children (its pod's containers, folded in) keep the pod-based ids of before the fold", () => {
    const inst = nodeId({ kind: 'instance', ...at, instance: 'ddb-ha-dn-0' });
    const kids = containerNodes(
      'ddb-ground',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'ddb-ha-dn-0-0', namespace: 'dolphindb' },
        spec: { containers: [{ name: 'dolphindb', image: 'x' }] },
      } as KubeObject,
      english,
    );
    assert.deepEqual(
      kids.map((k) => k.id),
      ['ctx:ddb-ground/pod:dolphindb/ddb-ha-dn-0-0/c:dolphindb'],
    );
    const parsed = parseNodeId(kids[0].id);
    const parent = parseNodeId(inst);
    assert.ok(parsed?.kind === 'container' && parent?.kind === 'instance');
    assert.equal(parsed.pod, `${parent.instance}-0`);
    const missing = parseNodeId(podMissingMessage('ddb-ground', 'dolphindb', 'ddb-ha-dn-0-0', english).id);
    assert.deepEqual(missing, { kind: 'none', parent: pod });
  });

  it('rejects what it did not build', () => {
    for (const bad of [
      '',
      'pf-1',
      'ddb:x/y',
      'ctx:c/ddb:ns',
      'ctx:c/ddb:ns/x/role:zz',
      'ctx:c/ddb:ns/x/what',
      'ctx:c/pod:ns/p/x:y',
      'ctx:c/svc:ns',
      'ctx:c/zz:1',
      'ctx:c/ns:a/b',
    ]) {
      assert.equal(parseNodeId(bad), undefined, bad);
    }
  });
});

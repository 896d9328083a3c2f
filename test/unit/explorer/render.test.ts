import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { parseNodeId } from '../../../src/core/explorer/ids';
import { clusterNode, eventsGroup, roleNodes, servicesGroup, volumesGroup } from '../../../src/core/explorer/render/cluster';
import { contextNode, noClustersMessage, unreachableMessage } from '../../../src/core/explorer/render/context';
import { eventNodes } from '../../../src/core/explorer/render/events';
import { containerNodes, instanceNode, podMissingMessage } from '../../../src/core/explorer/render/members';
import { suiteChildren, suiteNode } from '../../../src/core/explorer/render/suite';
import { roleStatuses } from '../../../src/core/explorer/status';
import { componentHealth, SUITE_COMPONENTS } from '../../../src/core/explorer/suite';
import { english as t } from '../../../src/core/i18n/translate';

const ddb: KubeObject = {
  apiVersion: 'dolphindb.dolphindb.io/v1',
  kind: 'DolphinDB',
  metadata: { name: 'ha', namespace: 'dolphindb' },
  spec: { mode: 'cluster', version: 'v3.00.1', controller: { replicas: 1 }, datanode: { replicas: 2 } },
  status: { phase: 'Progressing', controllerStatus: { phase: 'Ready', readyReplicas: 1 } },
} as KubeObject;

// A node key passed where cluster coordinates are expected carries its own `t`; it must not leak.
const clusterKey = { t: 'cluster' as const, context: 'ddb-ground', namespace: 'dolphindb', name: 'ha' };

describe('render functions', () => {
  it('a cluster: semantic icon and tone from its phase, an id the id module parses back', () => {
    const n = clusterNode('ddb-ground', ddb, t);
    assert.equal(n.icon, 'progress');
    assert.equal(n.tone, 'progress');
    assert.deepEqual(parseNodeId(n.id), { kind: 'cluster', context: 'ddb-ground', namespace: 'dolphindb', name: 'ha' });
    assert.deepEqual(n.key, clusterKey);
  });

  it('group nodes under a cluster get their own key kind even when given a cluster key', () => {
    const roles = roleNodes(clusterKey, roleStatuses(ddb), t);
    assert.deepEqual(
      roles.map((r) => r.key.t),
      ['role', 'role'],
    );
    assert.deepEqual(
      roles.map((r) => parseNodeId(r.id)?.kind),
      ['role', 'role'],
    );
    assert.equal(roles[0].icon, 'role', 'a Ready role shows its own icon');
    assert.equal(roles[0].tone, 'ok');
    assert.equal(servicesGroup(clusterKey, 3, t).key.t, 'services');
    assert.equal(volumesGroup(clusterKey, 3, t).key.t, 'pvcs');
    const ev = eventsGroup(
      clusterKey,
      [
        {
          event: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'dolphindb' } },
          warning: true,
          resolved: false,
          at: 0,
        },
      ],
      t,
    );
    assert.equal(ev.key.t, 'events');
    assert.deepEqual([ev.icon, ev.tone, ev.description], ['warning', 'warning', '1 · 1 warnings']);
  });

  it('a cluster row: phase and ready counts first, topology only in the tooltip, which carries the counts', () => {
    const ha = {
      ...ddb,
      spec: {
        mode: 'cluster',
        version: 'v3.00.1',
        clusterType: 'multicontroller',
        controller: { replicas: 3 },
        datanode: { replicas: 3 },
      },
      status: {
        phase: 'Available',
        controllerStatus: { phase: 'Ready', readyReplicas: 3 },
        datanodeStatus: { phase: 'Ready', readyReplicas: 2 },
      },
    } as KubeObject;
    const n = clusterNode('ddb-ground', ha, t);
    assert.equal(n.description, 'Available · ctr 3/3 dn 2/3 · v3.00.1');
    assert.doesNotMatch(n.description ?? '', /multicontroller/);
    assert.match(n.tooltip ?? '', /Mode: cluster\/multicontroller/);
    assert.match(n.tooltip ?? '', /Ready: ctr 3\/3 · dn 2\/3/);
    assert.match(n.tooltip ?? '', /Phase: Available/);
  });

  it('an instance: leader and paused win over the phase icon; the tone still follows the phase', () => {
    const base = { leader: false, paused: false, hasService: false };
    const n = instanceNode(clusterKey, { ...base, instance: 'ddb-ha-ctr-0', status: { phase: 'Ready' }, leader: true }, t);
    assert.deepEqual([n.icon, n.tone, n.key.t, n.description], ['leader', 'ok', 'instance', 'leader · Ready']);
    const p = instanceNode(clusterKey, { ...base, instance: 'ddb-ha-dn-1', paused: true }, t);
    assert.deepEqual([p.icon, p.tone, p.description], ['paused', 'muted', 'paused']);
    const reported = instanceNode(clusterKey, { ...base, instance: 'ddb-ha-dn-1', status: { phase: 'Paused' }, paused: true }, t);
    assert.equal(reported.description, 'Paused', 'said once');
    const none = instanceNode(clusterKey, { ...base, instance: 'ddb-ha-dn-2' }, t);
    assert.deepEqual([none.icon, none.description], ['noPhase', 'no pod']);
  });

  it('an instance carries its state as tokens: running or paused, with or without its own Service', () => {
    const base = { instance: 'ddb-ha-dn-0', leader: false };
    assert.deepEqual(instanceNode(clusterKey, { ...base, paused: false, hasService: false }, t).states, ['running', 'noService']);
    assert.deepEqual(instanceNode(clusterKey, { ...base, paused: true, hasService: true }, t).states, ['paused', 'hasService']);
  });

  it('an instance folds its pod in: pod status in the row and tooltip, pod actions in its caps', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ddb-ha-dn-0-0', namespace: 'dolphindb', creationTimestamp: new Date().toISOString() },
      spec: { nodeName: 'node-a', containers: [{ name: 'a', image: 'x' }] },
      status: {
        phase: 'Running',
        podIP: '10.0.0.7',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'a', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    } as KubeObject;
    const n = instanceNode(
      clusterKey,
      { instance: 'ddb-ha-dn-0', status: { phase: 'Progressing' }, pod, leader: false, paused: false, hasService: false },
      t,
    );
    assert.match(n.description ?? '', /^Progressing · CrashLoopBackOff · 0\/1 · 4 restarts · \d+s$/);
    assert.match(n.tooltip ?? '', /Pod: ddb-ha-dn-0-0/);
    assert.match(n.tooltip ?? '', /Node: node-a/);
    assert.match(n.tooltip ?? '', /Pod IP: 10\.0\.0\.7/);
    assert.ok(n.caps.includes('podYaml') && n.caps.includes('copyPodName'), n.caps.join(','));
    assert.deepEqual(n.podRef, { context: 'ddb-ground', kind: 'pod', name: 'ddb-ha-dn-0-0', namespace: 'dolphindb' });
    const bare = instanceNode(clusterKey, { instance: 'ddb-ha-dn-1', leader: false, paused: false, hasService: false }, t);
    assert.equal(bare.podRef, undefined);
    assert.ok(!bare.caps.includes('podYaml'), 'no pod, no pod actions');
  });

  it('containers: init ones without a tone, app ones ok when ready and in progress when not', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ddb-ha-dn-0-0', namespace: 'dolphindb' },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
      status: {
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
          { name: 'b', ready: false, restartCount: 2, state: { waiting: {} } },
        ],
      },
    } as KubeObject;
    const cs = containerNodes('ddb-ground', pod, t);
    assert.deepEqual(
      cs.map((c) => [c.label, c.icon, c.tone, c.image, c.caps.join(',')]),
      [
        ['init', 'initContainer', undefined, 'busybox', 'copyImage'],
        ['a', 'container', 'ok', 'x', 'logs,copyImage'],
        ['b', 'container', 'progress', 'y', 'logs,copyImage'],
      ],
    );
    assert.deepEqual(parseNodeId(cs[2].id), {
      kind: 'container',
      context: 'ddb-ground',
      namespace: 'dolphindb',
      pod: 'ddb-ha-dn-0-0',
      container: 'b',
    });
  });

  it('messages carry an action name, not a command id', () => {
    const u = unreachableMessage('c', { kind: 'unreachable', operation: 'list', reason: 'ECONNREFUSED' }, t);
    assert.deepEqual(u.action, { name: 'retry', title: 'Retry', args: ['c'] });
    assert.equal(u.icon, 'error');
    assert.equal(noClustersMessage('c', t).action?.name, 'createCluster');
    assert.equal(parseNodeId(podMissingMessage('c', 'ns', 'p-0', t).id)?.kind, 'none');
    assert.equal(parseNodeId(eventNodes(clusterKey, [], t)[0].id)?.kind, 'none');
  });

  it('a context: current, broken and stale looks', () => {
    assert.deepEqual(pick(contextNode({ context: 'c', current: true, state: { s: 'ready' }, stale: false }, t)), [
      'currentContext',
      undefined,
      'current',
      'expanded',
    ]);
    assert.deepEqual(
      pick(
        contextNode(
          {
            context: 'c',
            current: false,
            state: { s: 'error', failure: { kind: 'unreachable', operation: 'o', reason: 'r' } },
            stale: false,
          },
          t,
        ),
      ),
      ['disconnected', 'error', 'unreachable', 'collapsed'],
    );
    const stale = contextNode(
      { context: 'c', current: true, state: { s: 'ready' }, stale: true, filtered: '2 of 5 namespaces' },
      t,
    );
    assert.equal(stale.description, 'disconnected, showing last known state · 2 of 5 namespaces');
    assert.ok(stale.caps.includes('stale'));
  });

  it('the suite: down is an error, a failed release a warning with its message first', () => {
    const comps = SUITE_COMPONENTS.map((s) => componentHealth(s, undefined));
    assert.deepEqual(
      [suiteNode('c', 'ns', comps, undefined, t).icon, suiteNode('c', 'ns', comps, undefined, t).tone],
      ['error', 'error'],
    );
    const release = { name: 'suite', status: 'failed', revision: 2, description: 'Upgrade failed' } as Parameters<
      typeof suiteNode
    >[3];
    const kids = suiteChildren('c', 'ns', comps, release, t);
    assert.equal(kids[0].kind, 'message');
    assert.deepEqual([kids[0].icon, kids[0].tone], ['warning', 'warning']);
    assert.deepEqual(parseNodeId(kids[0].id), {
      kind: 'message',
      parent: { kind: 'suite', context: 'c', namespace: 'ns' },
      message: 'release-failed',
    });
  });
});

function pick(n: ReturnType<typeof contextNode>): unknown[] {
  return [n.icon, n.tone, n.description, n.collapsible];
}

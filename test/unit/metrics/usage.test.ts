import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { podUsagesFrom, type PodUsage } from '../../../src/core/metrics/podMetrics';
import { rankByUse } from '../../../src/core/metrics/ranking';
import {
  amountText,
  containerUse,
  formatBytes,
  formatCpu,
  memoryLevel,
  podUse,
  sumAmounts,
} from '../../../src/core/metrics/usage';
import { containerNodes, instanceNode } from '../../../src/core/explorer/render/members';
import { roleNodes } from '../../../src/core/explorer/render/cluster';
import { english } from '../../../src/core/i18n/translate';
import type { KubeObject } from '../../../src/core/k8s/resources';

const Gi = 1024 ** 3;
const Mi = 1024 ** 2;

// The shape metrics-server v0.8 returns for GET /apis/metrics.k8s.io/v1beta1/namespaces/x/pods.
const LIST = {
  kind: 'PodMetricsList',
  apiVersion: 'metrics.k8s.io/v1beta1',
  items: [
    {
      metadata: { name: 'ha-dn-0-0', namespace: 'prod' },
      timestamp: '2026-12-06T10:00:00Z',
      window: '10s',
      containers: [
        { name: 'dolphindb', usage: { cpu: '1250000000n', memory: '3670016Ki' } },
        { name: 'sidecar', usage: { cpu: '5m', memory: '20Mi' } },
      ],
    },
    { metadata: { name: 'broken' }, containers: [{ name: 'x', usage: { cpu: 'lots', memory: '1Gi' } }] },
    { metadata: {}, containers: [] },
    'junk',
  ],
};

const pod = (containers: unknown[], statuses: unknown[] = []): KubeObject =>
  ({
    metadata: { name: 'ha-dn-0-0', namespace: 'prod', creationTimestamp: new Date().toISOString() },
    spec: { containers },
    status: { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] },
  }) as KubeObject;

const DDB = {
  name: 'dolphindb',
  image: 'dolphindb/dolphindb:v3.00.2',
  resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
};
const SIDE = { name: 'sidecar', image: 'busybox' };

describe('metrics: PodMetrics parsing', () => {
  it('reads CPU in millicores and memory in bytes, and skips what it cannot read', () => {
    const got = podUsagesFrom(LIST);
    assert.equal(got.length, 2);
    const u = got[0];
    assert.equal(u.pod, 'ha-dn-0-0');
    assert.equal(u.namespace, 'prod');
    assert.deepEqual(u.containers.get('dolphindb'), { cpuMilli: 1250, memoryBytes: 3670016 * 1024 });
    assert.deepEqual(u.containers.get('sidecar'), { cpuMilli: 5, memoryBytes: 20 * Mi });
    assert.equal(got[1].containers.size, 0, 'an unreadable CPU quantity drops that container only');
    assert.deepEqual(podUsagesFrom(null), []);
    assert.deepEqual(podUsagesFrom({ items: 'x' }), []);
  });
});

describe('metrics: use against requests and limits', () => {
  const usage: PodUsage = podUsagesFrom(LIST)[0];

  it('sets each container against its own spec; a missing request defaults to the limit', () => {
    const u = podUse(pod([DDB, SIDE]), usage);
    const ddb = u.containers.get('dolphindb');
    assert.deepEqual(ddb?.cpu, { used: 1250, request: 500, limit: 2000 });
    assert.deepEqual(ddb?.memory, { used: 3.5 * Gi, request: 2 * Gi, limit: 4 * Gi });
    assert.deepEqual(u.containers.get('sidecar')?.memory, { used: 20 * Mi });
    assert.deepEqual(containerUse({ resources: { limits: { memory: '1Gi' } } }, { cpuMilli: 1, memoryBytes: 1 }).memory, {
      used: 1,
      request: Gi,
      limit: Gi,
    });
  });

  it('sums a request or limit only when every part has one', () => {
    assert.deepEqual(
      sumAmounts([
        { used: 1, request: 2, limit: 3 },
        { used: 4, request: 5, limit: 6 },
      ]),
      {
        used: 5,
        request: 7,
        limit: 9,
      },
    );
    assert.deepEqual(sumAmounts([{ used: 1, request: 2, limit: 3 }, { used: 4 }]), { used: 5 });
    assert.deepEqual(sumAmounts([]), { used: 0 });
    const u = podUse(pod([DDB, SIDE]), usage);
    assert.equal(u.total.memory.limit, undefined, 'the sidecar without a limit makes the pod unlimited');
  });

  it('memory near its limit is a warning; at the limit it is over; no limit is never near', () => {
    assert.equal(memoryLevel({ used: 0.84 * Gi, limit: Gi }), 'ok');
    assert.equal(memoryLevel({ used: 0.85 * Gi, limit: Gi }), 'near');
    assert.equal(memoryLevel({ used: Gi, limit: Gi }), 'over');
    assert.equal(memoryLevel({ used: 100 * Gi }), 'ok');
    // The pod's level is its worst container's, though the pod's sum has no limit.
    assert.equal(podUse(pod([DDB, SIDE]), usage).level, 'near');
  });

  it('formats as kubectl top does', () => {
    assert.equal(formatCpu(120), '120m');
    assert.equal(formatCpu(1250), '1.25');
    assert.equal(formatCpu(2000), '2');
    assert.equal(formatBytes(512 * Mi), '512Mi');
    assert.equal(formatBytes(1.5 * Gi), '1.5Gi');
    assert.equal(formatBytes(12.34 * Gi), '12.3Gi');
    assert.equal(formatBytes(900), '900');
    assert.equal(amountText({ used: 250 }, formatCpu), '250m / - / -');
  });

  it('ranks by share of the memory limit, then bytes; or by CPU used', () => {
    const row = (name: string, used: number, limit?: number, cpu = 0) => ({
      name,
      use: { cpu: { used: cpu }, memory: { used, ...(limit ? { limit } : {}) } },
    });
    const rows = [
      row('a', 3 * Gi, undefined, 900),
      row('b', 0.5 * Gi, Gi, 10),
      row('c', 3.6 * Gi, 4 * Gi, 300),
      row('d', 2 * Gi),
    ];
    assert.deepEqual(
      rankByUse(rows, 'memory').map((r) => r.name),
      ['c', 'b', 'a', 'd'],
    );
    assert.deepEqual(
      rankByUse(rows, 'cpu').map((r) => r.name),
      ['a', 'c', 'b', 'd'],
    );
  });
});

describe('metrics: in the tree', () => {
  const usage: PodUsage = podUsagesFrom(LIST)[0];
  const at = { context: 'k', namespace: 'prod', name: 'ha' };

  it('an instance row shows used/request/limit and turns to a warning near the memory limit', () => {
    const p = pod([DDB]);
    const u = podUse(p, { ...usage, containers: new Map([['dolphindb', usage.containers.get('dolphindb')!]]) });
    const n = instanceNode(at, { instance: 'ha-dn-0', pod: p, leader: false, paused: false, hasService: false, use: u }, english);
    assert.match(n.description ?? '', /CPU 1\.25\/500m\/2 · Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/);
    assert.equal(n.tone, 'warning');
    assert.match(String(n.tooltip), /dolphindb: CPU 1\.25 \/ 500m \/ 2 · Mem 3\.5Gi \/ 2Gi \/ 4Gi/);
    const calm = instanceNode(at, { instance: 'ha-dn-0', pod: p, leader: false, paused: false, hasService: false }, english);
    assert.doesNotMatch(calm.description ?? '', /CPU|Mem/, 'no metrics: no columns');
    assert.equal(calm.tone, 'ok');
  });

  it('an OOM-killed container is named on the instance and its container row', () => {
    const p = pod(
      [DDB],
      [{ name: 'dolphindb', ready: true, restartCount: 2, lastState: { terminated: { reason: 'OOMKilled' } } }],
    );
    const n = instanceNode(at, { instance: 'ha-dn-0', pod: p, leader: false, paused: false, hasService: false }, english);
    assert.match(n.description ?? '', /2 restarts · .*OOMKilled|OOMKilled/);
    assert.equal(n.tone, 'warning');
    assert.match(String(n.tooltip), /OOMKilled\): dolphindb/);
    const [c] = containerNodes('k', p, english);
    assert.match(c.description ?? '', /OOMKilled/);
    assert.equal(c.tone, 'warning');
  });

  it('container rows carry their own numbers; a role sums its instances', () => {
    const p = pod([DDB, SIDE]);
    const u = podUse(p, usage);
    const [ddb, side] = containerNodes('k', p, english, u.containers);
    assert.match(ddb.description ?? '', /CPU 1\.25\/500m\/2 · Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/);
    assert.match(side.description ?? '', /CPU 5m\/-\/- · Mem 20Mi\/-\/-$/);
    const [dn] = roleNodes(
      at,
      [{ role: 'dn', desired: 1, ready: 1, phase: 'Available', instances: {} } as never],
      english,
      new Map([['dn', { use: u.total, level: u.level }]]),
    );
    assert.match(dn.description ?? '', /^1\/1 · Available · CPU 1\.25\/-\/- · Mem 3\.52Gi\/-\/-$/);
    assert.equal(dn.tone, 'warning');
  });
});

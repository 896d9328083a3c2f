// Connection info and the cluster summary (src/core/summary), pure over gathered objects.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { licenseState, type ClusterSnapshot } from '../../../src/core/diagnose/gather';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { clusterEndpoints, endpointsMarkdown } from '../../../src/core/summary/endpoints';
import { clusterSummaryMarkdown } from '../../../src/core/summary/summary';

const svc = (
  name: string,
  type: string,
  ports: { name?: string; port: number; nodePort?: number }[],
  clusterIP = '10.96.0.10',
): KubeObject =>
  ({
    kind: 'Service',
    metadata: { name, namespace: 'prod' },
    spec: { type, clusterIP, ports: ports.map((p) => ({ protocol: 'TCP', ...p })) },
  }) as unknown as KubeObject;
const nodes = [
  {
    metadata: { name: 'n1' },
    status: {
      addresses: [
        { type: 'InternalIP', address: '192.168.1.10' },
        { type: 'Hostname', address: 'n1' },
      ],
    },
  },
  {
    metadata: { name: 'n2' },
    status: {
      addresses: [
        { type: 'InternalIP', address: '192.168.1.11' },
        { type: 'ExternalIP', address: '203.0.113.5' },
      ],
    },
  },
] as unknown as KubeObject[];
const services = [
  svc('ddb-ha-dn', 'NodePort', [
    { name: 'ddb', port: 32210, nodePort: 30210 },
    { name: 'sub', port: 8000, nodePort: 30800 },
  ]),
  svc('ddb-ha-ctr-inner', 'ClusterIP', [{ port: 31210 }]),
  svc('ddb-ha-dn-0', 'NodePort', [{ port: 32210, nodePort: 30999 }]),
  svc('ddb-ha-ctr', 'NodePort', [{ port: 31210, nodePort: 31111 }]),
];

describe('clusterEndpoints', () => {
  const eps = clusterEndpoints('ha', 'prod', services, nodes);
  it('orders role Services first (leader, inner, datanodes) and per-instance ones last', () => {
    assert.deepEqual(
      eps.map((e) => e.service),
      ['ddb-ha-ctr', 'ddb-ha-ctr-inner', 'ddb-ha-dn', 'ddb-ha-dn-0'],
    );
    assert.equal(eps[0]?.serves, 'ctr');
    assert.equal(eps[3]?.perInstance, true);
    assert.equal(eps[3]?.serves, 'dn-0');
  });
  it('lists NodePorts on every node address, external addresses first', () => {
    const dn = eps.find((e) => e.service === 'ddb-ha-dn');
    assert.deepEqual(dn?.external.slice(0, 3), ['203.0.113.5:30210', '192.168.1.10:30210', '192.168.1.11:30210']);
    assert.equal(dn?.dns, 'ddb-ha-dn.prod.svc.cluster.local');
    assert.deepEqual(eps.find((e) => e.service === 'ddb-ha-ctr-inner')?.external, []);
  });
  it('renders a Markdown table', () => {
    const md = endpointsMarkdown(eps);
    assert.match(md, /\| `ddb-ha-ctr` \| controller \(leader\) \| NodePort \| 10\.96\.0\.10:31210 \|/);
    assert.match(md, /\+2 more/);
  });
});

describe('clusterSummaryMarkdown', () => {
  const ddb = {
    kind: 'DolphinDB',
    metadata: { name: 'ha', namespace: 'prod', creationTimestamp: '2025-03-04T08:00:00Z' },
    spec: {
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.16',
      logMode: 0,
      controller: { replicas: 1 },
      datanode: { replicas: 2 },
    },
    status: {
      phase: 'Available',
      controllerStatus: { phase: 'Ready', replicas: 1, readyReplicas: 1, masterInstance: 'ddb-ha-ctr-0-0' },
      datanodeStatus: { phase: 'Progressing', replicas: 2, readyReplicas: 1 },
    },
  } as unknown as KubeObject;
  const pod = (name: string, ready: boolean) =>
    ({
      kind: 'Pod',
      metadata: { name, namespace: 'prod', creationTimestamp: '2025-03-04T08:00:00Z' },
      spec: { nodeName: 'n1', containers: [{ name: 'dolphindb' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ name: 'dolphindb', ready, restartCount: 0 }],
      },
    }) as unknown as KubeObject;
  const LICENSE = '2042.01.01,8,2,3,Example Trial User,0,-1,,1\nUvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA\n';
  const snapshot: ClusterSnapshot = {
    namespace: 'prod',
    cluster: 'ha',
    crdPresent: true,
    ddb,
    statefulsets: [],
    pods: [pod('ddb-ha-ctr-0-0', true), pod('ddb-ha-dn-0-0', true), pod('ddb-ha-dn-1-0', false)],
    pvcs: [
      {
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data-ddb-ha-dn-0-0' },
        spec: { storageClassName: 'standard' },
        status: { phase: 'Bound', capacity: { storage: '5Gi' } },
      } as unknown as KubeObject,
    ],
    services,
    events: [
      {
        kind: 'Event',
        metadata: { name: 'e' },
        involvedObject: { kind: 'Pod', name: 'ddb-ha-dn-1-0' },
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed',
        lastTimestamp: '2025-03-04T08:58:00Z',
      } as unknown as KubeObject,
    ],
    nodes,
    license: licenseState({ metadata: { name: 'ddb-ha' }, data: { 'license.lic': LICENSE } }),
  };
  const md = clusterSummaryMarkdown(snapshot, { now: Date.parse('2025-03-04T09:00:00Z') });
  it('shows phase, mode, version and ready counts per role with the leader', () => {
    assert.match(md, /\| Phase \| \*\*Available\*\* \|/);
    assert.match(md, /cluster\/singlecontroller/);
    assert.match(md, /\| Data nodes \| 1\/2 \| Progressing \|/);
    assert.match(md, /Leader: `ddb-ha-ctr-0-0`/);
    assert.match(md, /`ddb-ha-ctr-0-0` ★ leader/);
  });
  it('includes endpoints, PVCs, the warning and the license expiry but never its content', () => {
    assert.match(md, /## Endpoints/);
    assert.match(md, /`data-ddb-ha-dn-0-0` \| Bound \| 5Gi \| standard/);
    assert.match(md, /Unhealthy\*\* Pod\/ddb-ha-dn-1-0: Readiness probe failed/);
    assert.match(md, /Valid until 2042-01-01/);
    assert.doesNotMatch(md, /Example Trial User|UvImZa/);
  });
  it('says when the license is missing or expired', () => {
    assert.equal(licenseState({ metadata: { name: 'x' }, data: {} }).present, false);
    const expired = licenseState({ metadata: { name: 'x' }, data: { 'license.lic': LICENSE.replace('2042', '2021') } });
    assert.equal(expired.expired, true);
    assert.match(clusterSummaryMarkdown({ ...snapshot, license: expired }), /Expired on 2021-01-01/);
  });
});

// describe() and the events report (src/core/describe), pure over objects.
import { strict as assert } from 'node:assert';
import { describe as suite, it } from 'node:test';
import { describe, eventsReport } from '../../../src/core/describe/describe';
import type { KubeObject } from '../../../src/core/k8s/resources';

const NOW = Date.parse('2025-03-04T09:00:00Z');
const pod = {
  kind: 'Pod',
  metadata: {
    name: 'ddb-ha-dn-0-0',
    namespace: 'prod',
    uid: 'u1',
    labels: { app: 'x', 'dolphindb.io/dolphindb.name': 'ha' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{huge}', note: 'n' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'ddb-ha-dn-0', uid: 's1', controller: true }],
  },
  spec: {
    nodeName: 'node-1',
    serviceAccountName: 'default',
    initContainers: [{ name: 'config-loader', image: 'dolphindb/dolphindb-config-loader:v1.1.7' }],
    containers: [
      {
        name: 'dolphindb',
        image: 'dolphindb/dolphindb:v2.00.16',
        ports: [{ name: 'ddb', containerPort: 32210, protocol: 'TCP' }],
        resources: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '500m' } },
        env: [
          { name: 'MODE', value: 'cluster' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        ],
        volumeMounts: [{ name: 'data', mountPath: '/data/ddb/server/clusterDemo/data' }],
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'data-ddb-ha-dn-0-0' } },
      { name: 'config', configMap: { name: 'ddb-ha' } },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.1',
    podIP: '10.244.0.7',
    qosClass: 'Burstable',
    conditions: [{ type: 'Ready', status: 'True' }],
    initContainerStatuses: [
      { name: 'config-loader', ready: true, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
    ],
    containerStatuses: [
      {
        name: 'dolphindb',
        ready: true,
        restartCount: 2,
        state: { running: { startedAt: '2025-03-04T08:00:00Z' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1 } },
      },
    ],
  },
} as unknown as KubeObject;
const ev = (name: string, uid: string, reason: string, message: string, type = 'Normal', count = 1): KubeObject =>
  ({
    kind: 'Event',
    metadata: { name: `${name}.${reason}`, namespace: 'prod' },
    involvedObject: { kind: 'Pod', name, uid },
    reason,
    message,
    type,
    count,
    firstTimestamp: '2025-03-04T08:00:00Z',
    lastTimestamp: '2025-03-04T08:55:00Z',
    source: { component: 'kubelet' },
  }) as unknown as KubeObject;

suite('describe pod', () => {
  const text = describe(
    'pod',
    pod,
    {
      events: [
        ev('ddb-ha-dn-0-0', 'u1', 'BackOff', 'Back-off restarting failed container', 'Warning', 3),
        ev('other', 'u2', 'Pulled', 'x'),
      ],
    },
    { now: NOW },
  );
  it('prints the header fields aligned, like kubectl', () => {
    assert.match(text, /^Name: {10,}ddb-ha-dn-0-0$/m);
    assert.match(text, /^Node: +node-1\/10\.0\.0\.1$/m);
    assert.match(text, /^Controlled By: +StatefulSet\/ddb-ha-dn-0$/m);
    assert.match(text, /^Labels: +app=x$/m);
    assert.match(text, /^ +dolphindb\.io\/dolphindb\.name=ha$/m);
  });
  it('leaves out the last-applied annotation', () => {
    assert.doesNotMatch(text, /last-applied/);
    assert.match(text, /note=n/);
  });
  it('prints containers with state, last state, resources, env and mounts', () => {
    assert.match(text, /Init Containers:\n  config-loader:/);
    assert.match(text, /State: +Terminated\n +Reason: +Completed/);
    assert.match(text, /Last State: +Terminated\n +Reason: +Error\n +Exit Code: +1/);
    assert.match(text, /Restart Count: +2/);
    assert.match(text, /Limits:\n +cpu: +1\n +memory: +2Gi/);
    assert.match(text, /POD_NAME: +\(v1:metadata\.name\)/);
    assert.match(text, /\/data\/ddb\/server\/clusterDemo\/data from data \(rw\)/);
    assert.match(text, /ClaimName: +data-ddb-ha-dn-0-0/);
  });
  it("lists only this pod's events, with the repeat count", () => {
    assert.match(text, /Events:\n +Type +Reason +Age +From +Message\n +---- +------/);
    assert.match(text, /Warning +BackOff +5m \(x3 over 60m\) +kubelet +Back-off restarting failed container/);
    assert.doesNotMatch(text, /Pulled/);
  });
});

suite('describe statefulset, service, pvc', () => {
  const sts = {
    kind: 'StatefulSet',
    metadata: { name: 'ddb-ha-dn-0', namespace: 'prod', uid: 's1' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: { containers: [{ name: 'dolphindb', image: 'img', ports: [{ containerPort: 32210 }] }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
    status: { replicas: 1 },
  } as unknown as KubeObject;
  it("counts the StatefulSet's pods and shows the claim templates", () => {
    const text = describe('statefulset', sts, { pods: [pod], events: [] });
    assert.match(text, /Replicas: +1 desired \| 1 total/);
    assert.match(text, /Pods Status: +1 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed/);
    assert.match(text, /Volume Claims:\n +Name: +data\n +StorageClass: +standard/);
    assert.match(text, /Events: +<none>/);
  });
  it('resolves Service endpoints through named target ports', () => {
    const svc = {
      kind: 'Service',
      metadata: { name: 'ddb-ha-dn', namespace: 'prod' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.9',
        selector: { app: 'x' },
        ports: [{ name: 'ddb', port: 32210, targetPort: 'ddb', nodePort: 30001, protocol: 'TCP' }],
      },
    } as unknown as KubeObject;
    const text = describe('service', svc, { pods: [pod], events: [] });
    assert.match(text, /Type: +NodePort/);
    assert.match(text, /Port: +ddb {2}32210\/TCP/);
    assert.match(text, /NodePort: +ddb {2}30001\/TCP/);
    assert.match(text, /Endpoints: +10\.244\.0\.7:32210/);
  });
  it('shows which pods use a PVC', () => {
    const pvc = {
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-ddb-ha-dn-0-0', namespace: 'prod' },
      spec: { storageClassName: 'standard', volumeName: 'pv-1', accessModes: ['ReadWriteOnce'] },
      status: { phase: 'Bound', capacity: { storage: '1Gi' } },
    } as unknown as KubeObject;
    const text = describe('pvc', pvc, { pods: [pod], events: [] });
    assert.match(text, /Status: +Bound/);
    assert.match(text, /Capacity: +1Gi/);
    assert.match(text, /Used By: +ddb-ha-dn-0-0/);
  });
});

suite('eventsReport', () => {
  it('puts warnings first and escapes table cells', () => {
    const md = eventsReport(
      'Events of prod/ha',
      [ev('a', 'u', 'Scheduled', 'ok'), ev('b', 'u', 'FailedMount', 'a | b\nc', 'Warning')],
      { now: NOW },
    );
    const lines = md.split('\n');
    assert.equal(lines[0], '# Events of prod/ha');
    assert.match(md, /2 events, 1 warnings/);
    const first = lines.findIndex((l) => l.includes('FailedMount'));
    const second = lines.findIndex((l) => l.includes('Scheduled'));
    assert.ok(first > 0 && first < second);
    assert.match(md, /a \\\| b c/);
  });
});

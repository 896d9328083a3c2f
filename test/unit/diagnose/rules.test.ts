import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { diagnoseCluster } from '../../../src/core/diagnose/diagnose';
import { diagnosisMarkdown } from '../../../src/core/diagnose/report';
import { corefileDomain, suiteDomainSuffix } from '../../../src/core/diagnose/rules/dns';
import type { DiagnoseInputs } from '../../../src/core/diagnose/types';
import type { KubeObject } from '../../../src/core/k8s/resources';

const NS = 'prod';
const ddb = (
  extra: Record<string, unknown> = {},
  status: Record<string, unknown> = {
    phase: 'Available',
    controllerStatus: { phase: 'Ready', replicas: 1, readyReplicas: 1 },
    datanodeStatus: { phase: 'Ready', replicas: 1, readyReplicas: 1 },
  },
): KubeObject =>
  ({
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name: 'ha', namespace: NS },
    spec: {
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.16',
      datanode: { replicas: 1 },
      controller: { replicas: 1 },
      ...extra,
    },
    status,
  }) as KubeObject;
const operator = (ready: number, env: Record<string, string> = { WorkNamespace: 'all' }): KubeObject =>
  ({
    kind: 'StatefulSet',
    metadata: { name: 'dolphindb-operator', namespace: 'dolphindb' },
    spec: {
      replicas: 2,
      template: {
        spec: { containers: [{ name: 'operator', env: Object.entries(env).map(([name, value]) => ({ name, value })) }] },
      },
    },
    status: { readyReplicas: ready },
  }) as KubeObject;
const sts = (name: string): KubeObject =>
  ({ kind: 'StatefulSet', metadata: { name, namespace: NS }, spec: { replicas: 1 } }) as KubeObject;
const pod = (name: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject =>
  ({
    kind: 'Pod',
    metadata: { name, namespace: NS, uid: name },
    spec: {
      containers: [
        { name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16', resources: { requests: { cpu: '64', memory: '1Gi' } } },
      ],
      ...spec,
    },
    status,
  }) as KubeObject;
const event = (kind: string, name: string, reason: string, message: string, type = 'Warning'): KubeObject =>
  ({
    kind: 'Event',
    metadata: { name: `${name}.${reason}`, namespace: NS },
    involvedObject: { kind, name, namespace: NS },
    reason,
    message,
    type,
    count: 1,
    lastTimestamp: '2025-03-04T08:00:00Z',
  }) as unknown as KubeObject;
const classes = [
  { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } },
] as KubeObject[];

function base(over: Partial<DiagnoseInputs> = {}): DiagnoseInputs {
  return {
    namespace: NS,
    cluster: 'ha',
    crdPresent: true,
    ddb: ddb(),
    statefulsets: [sts('ddb-ha-ctr-0'), sts('ddb-ha-dn-0')],
    pods: [
      pod('ddb-ha-ctr-0-0', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      pod('ddb-ha-dn-0-0', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
    ],
    pvcs: [],
    services: [],
    events: [],
    storageClasses: classes,
    suite: { namespace: 'dolphindb', operator: operator(1) },
    ...over,
  };
}

const codes = (i: DiagnoseInputs): string[] => diagnoseCluster(i).map((f) => f.code);

describe('diagnoseCluster', () => {
  it('finds nothing on a healthy cluster', () => {
    assert.deepEqual(diagnoseCluster(base()), []);
    assert.match(diagnosisMarkdown('Diagnosis', []), /No problems found/);
  });

  it('reports a missing CRD first, as critical', () => {
    const f = diagnoseCluster(base({ crdPresent: false, ddb: undefined, statefulsets: [], pods: [] }));
    assert.equal(f[0]?.code, 'crd-missing');
    assert.equal(f[0]?.severity, 'critical');
    assert.ok(!f.some((x) => x.code === 'cluster-missing'), 'no cluster can exist without the CRD');
  });

  it('reports an operator with no ready replica, and a missing operator, and no suite', () => {
    assert.ok(codes(base({ suite: { namespace: 'dolphindb', operator: operator(0) } })).includes('operator-not-running'));
    assert.ok(codes(base({ suite: { namespace: 'dolphindb' } })).includes('operator-missing'));
    assert.ok(codes(base({ suite: undefined })).includes('suite-not-found'));
  });

  it("explains a cluster without StatefulSets, with the operator's warning events", () => {
    const f = diagnoseCluster(
      base({
        statefulsets: [],
        pods: [],
        events: [event('DolphinDB', 'ha', 'ReconcileError', 'StatefulSet.apps "ddb-ha-dn-0" is invalid: limits below requests')],
      }),
    );
    const nf = f.find((x) => x.code === 'no-statefulsets');
    assert.ok(nf);
    assert.match(nf.evidence?.[0] ?? '', /ReconcileError/);
  });

  it('says when the operator does not manage the namespace', () => {
    assert.ok(
      codes(
        base({
          statefulsets: [],
          pods: [],
          suite: { namespace: 'dolphindb', operator: operator(1, { WorkNamespace: 'dolphindb' }) },
        }),
      ).includes('namespace-not-managed'),
    );
  });

  it('explains Pending pods for lack of CPU, with the requests and the next action', () => {
    const pending = pod('ddb-ha-dn-0-0', {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available.',
        },
      ],
    });
    const f = diagnoseCluster(
      base({
        pods: [pending],
        nodes: [{ metadata: { name: 'n1' }, status: { allocatable: { cpu: '32', memory: '128Gi' } } } as unknown as KubeObject],
      }),
    );
    const u = f.find((x) => x.code === 'unschedulable-resources');
    assert.ok(u);
    assert.equal(u.severity, 'error');
    assert.match(u.title, /CPU/);
    assert.match(u.detail, /cpu 64/);
    assert.match(u.detail, /n1 \(cpu 32/);
    assert.match(u.next, /resources\.requests/);
    assert.ok(!f.some((x) => x.code === 'progressing'), 'a cause was found, so no generic "not ready"');
  });

  it('names a StorageClass that does not exist and the classes that do', () => {
    const pvc = {
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-ddb-ha-dn-0-0', namespace: NS },
      spec: { storageClassName: 'alicloud-disk-essd' },
      status: { phase: 'Pending' },
    } as unknown as KubeObject;
    const pending = pod('ddb-ha-dn-0-0', {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          message: '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: …',
        },
      ],
    });
    const f = diagnoseCluster(base({ pvcs: [pvc], pods: [pending] }));
    const s = f.find((x) => x.code === 'storageclass-missing');
    assert.ok(s);
    assert.match(s.title, /alicloud-disk-essd/);
    assert.match(s.detail, /Existing classes: standard/);
    assert.ok(f.some((x) => x.code === 'unschedulable-pvc'));
    assert.ok(
      f.findIndex((x) => x.code === 'storageclass-missing') < f.findIndex((x) => x.code === 'unschedulable-pvc'),
      'the cause comes before its consequence',
    );
  });

  it('recognises the invalid-license symptom in events and in status messages', () => {
    const msg = 'persistentvolumeclaim "log-ddb-ha-ctr-0-0" not found';
    const stuck = ddb({}, { phase: 'Progressing', controllerStatus: { phase: 'Progressing', replicas: 1, readyReplicas: 0 } });
    const fromEvent = diagnoseCluster(base({ ddb: stuck, events: [event('DolphinDB', 'ha', 'FailedCreate', msg)] }));
    assert.equal(fromEvent[0]?.code, 'invalid-license');
    assert.equal(fromEvent[0]?.severity, 'critical');
    assert.match(fromEvent[0]?.next ?? '', /ddb-ha/);
    const fromStatus = diagnoseCluster(
      base({
        ddb: ddb(
          {},
          { phase: 'Progressing', controllerStatus: { phase: 'Progressing', replicas: 1, readyReplicas: 1, message: msg } },
        ),
      }),
    );
    assert.ok(fromStatus.some((x) => x.code === 'invalid-license'));
    assert.ok(!fromStatus.some((x) => x.code === 'progressing'), 'the license finding explains the Progressing phase');
    // On a cluster that is Available with every instance ready, an old symptom event is history.
    const healed = diagnoseCluster(base({ events: [event('DolphinDB', 'ha', 'FailedCreate', msg)] }));
    assert.ok(!healed.some((x) => x.code === 'invalid-license'), JSON.stringify(healed.map((x) => x.code)));
  });

  it('reports image pull errors with the image', () => {
    const p = pod('ddb-ha-dn-0-0', {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'dolphindb',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "dolphindb/dolphindb:v9.99"' } },
        },
      ],
    });
    const f = diagnoseCluster(base({ pods: [p] }));
    const ip = f.find((x) => x.code === 'image-pull');
    assert.ok(ip);
    assert.match(ip.detail, /dolphindb\/dolphindb:v2\.00\.16/);
    assert.match(ip.evidence?.[0] ?? '', /Back-off/);
  });

  it('reports CrashLoopBackOff with the last log lines, and OOM kills as such', () => {
    const crash = pod('ddb-ha-dn-0-0', {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'dolphindb',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { reason: 'Error', exitCode: 1 } },
        },
      ],
    });
    const f = diagnoseCluster(
      base({
        pods: [crash],
        crashLogs: [
          { pod: 'ddb-ha-dn-0-0', container: 'dolphindb', previous: true, lines: ['<ERROR> :Failed to connect to controller'] },
        ],
      }),
    );
    const c = f.find((x) => x.code === 'crashloop');
    assert.ok(c);
    assert.deepEqual(c.evidence, ['<ERROR> :Failed to connect to controller']);
    assert.match(c.detail, /restarted 4 times/);
    const oom = pod('ddb-ha-dn-0-0', {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'dolphindb',
          ready: false,
          restartCount: 1,
          state: { running: {} },
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
        },
      ],
    });
    assert.ok(codes(base({ pods: [oom] })).includes('oom-killed'));
  });

  it('checks the DNS suffix against the cluster domain when known, else against the suite', () => {
    assert.ok(codes(base({ clusterDomain: 'corp.internal' })).includes('domain-suffix'));
    assert.ok(
      !codes(base({ clusterDomain: 'corp.internal', ddb: ddb({ customMeta: { domainSuffix: 'svc.corp.internal' } }) })).includes(
        'domain-suffix',
      ),
    );
    assert.ok(!codes(base({ clusterDomain: 'cluster.local' })).includes('domain-suffix'));
    const mism = codes(
      base({
        ddb: ddb({ customMeta: { domainSuffix: 'svc.a.local' } }),
        suite: { namespace: 'dolphindb', operator: operator(1), envConfig: 'global:\n  customDomainSuffix: svc.b.local\n' },
      }),
    );
    assert.ok(mism.includes('domain-suffix-mismatch'));
    assert.ok(codes(base({ ddb: ddb({ customMeta: { domainSuffix: 'cluster.local' } }) })).includes('domain-suffix-format'));
  });

  it('reads the domain from a Corefile and the suffix from env-config', () => {
    assert.equal(corefileDomain('.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n'), 'cluster.local');
    assert.equal(suiteDomainSuffix('global:\n  customDomainSuffix: ""\n'), undefined);
    assert.equal(suiteDomainSuffix('global:\n  customDomainSuffix: svc.x\n'), 'svc.x');
    assert.equal(suiteDomainSuffix(': not yaml ['), undefined);
  });

  it('falls back to "not ready yet" with the operator messages, and lists unexplained warnings last', () => {
    const f = diagnoseCluster(
      base({
        ddb: ddb(
          {},
          {
            phase: 'Progressing',
            datanodeStatus: {
              phase: 'Progressing',
              replicas: 1,
              readyReplicas: 0,
              instanceStatus: {
                'ddb-ha-dn-0': {
                  phase: 'Progressing',
                  message:
                    '&ContainerState{Waiting:&ContainerStateWaiting{Reason:PodInitializing,Message:,},Running:nil,Terminated:nil,}',
                },
              },
            },
          },
        ),
        events: [event('Pod', 'ddb-ha-dn-0-0', 'BackOff', 'something odd')],
      }),
    );
    assert.deepEqual(
      f.map((x) => x.code),
      ['progressing', 'other-warnings'],
    );
    assert.match(f[0]?.evidence?.[0] ?? '', /PodInitializing/);
  });

  it('ranks by severity and renders Markdown with evidence fenced and the next action', () => {
    const f = diagnoseCluster(
      base({
        ddb: ddb({}, { phase: 'Progressing', controllerStatus: { phase: 'Progressing', replicas: 1, readyReplicas: 0 } }),
        crdPresent: true,
        suite: { namespace: 'dolphindb', operator: operator(0) },
        events: [event('DolphinDB', 'ha', 'FailedCreate', 'persistentvolumeclaim "log-ddb-ha-ctr-0-0" not found')],
        clusterDomain: 'corp.internal',
      }),
    );
    const sev = f.map((x) => x.severity);
    assert.deepEqual(
      sev,
      [...sev].sort(
        (a, b) => ['critical', 'error', 'warning', 'info'].indexOf(a) - ['critical', 'error', 'warning', 'info'].indexOf(b),
      ),
    );
    const md = diagnosisMarkdown('Diagnosis of prod/ha', f);
    assert.match(md, /^# Diagnosis of prod\/ha/);
    assert.match(md, /2 critical, 1 errors/);
    assert.match(md, /```text\nFailedCreate: persistentvolumeclaim/);
    assert.match(md, /\*\*Next:\*\*/);
  });
});

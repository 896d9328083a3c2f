// Diagnose, describe and the cluster summary against the real control plane with the simulated
// operator: each symptom the ground can produce is produced for real, gathered through the API
// server and recognised. (A missing CRD is covered by the unit tests: the CRD is shared by the
// whole ground.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describe as describeObject, eventsReport } from '../../src/core/describe/describe';
import { diagnoseCluster } from '../../src/core/diagnose/diagnose';
import { gatherClusterSnapshot, type ClusterSnapshot } from '../../src/core/diagnose/gather';
import { diagnosisMarkdown } from '../../src/core/diagnose/report';
import type { Finding } from '../../src/core/diagnose/types';
import { clusterSummaryMarkdown } from '../../src/core/summary/summary';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { applyObjects, writeCriLog } from '../ground/ground';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import { adminHttp, apply, ensureNamespace, fixture, loadGroundConfig, remove, simServerContainer, waitFor } from './lib';
import { licenseFile } from '../fixtures/paths';

const ID = Date.now().toString(36);
const NS = `diagnose-${ID}`;
const NS_NOOP = `diagnose-noop-${ID}`;
const http = adminHttp();
let op: SimOperator;
const license = (f: string): string => fs.readFileSync(licenseFile(f), 'utf8');

/** The suite's traces the gatherer looks for: env-config and an operator StatefulSet. */
async function fakeSuite(ns: string, operatorReplicas: number | undefined): Promise<void> {
  await apply(http, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'dolphindb-env-config', namespace: ns, labels: { 'dolphindb.io/component.config': 'config' } },
    data: { 'env-config': 'global:\n  customDomainSuffix: ""\n' },
  });
  if (operatorReplicas === undefined) return;
  await apply(http, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'dolphindb-operator', namespace: ns },
    spec: {
      replicas: operatorReplicas,
      serviceName: 'dolphindb-operator',
      selector: { matchLabels: { app: 'op' } },
      template: {
        metadata: { labels: { app: 'op' } },
        spec: {
          containers: [
            { name: 'operator', image: 'dolphindb/dolphindb-operator:v1.1.7', env: [{ name: 'WorkNamespace', value: ns }] },
          ],
        },
      },
    },
  } as KubeObject);
}

function cr(name: string, ns: string, edit: (spec: Record<string, unknown>) => void = () => undefined): KubeObject {
  const [o] = fixture('valid/02-singlecontroller.yaml');
  o.metadata.name = name;
  o.metadata.namespace = ns;
  const spec = o.spec as Record<string, unknown>;
  spec.computenode = { replicas: 0 };
  (spec.datanode as Record<string, unknown>).replicas = 1;
  edit(spec);
  return o;
}

async function diagnose(name: string, ns = NS): Promise<{ snapshot: ClusterSnapshot; findings: Finding[] }> {
  const r = await gatherClusterSnapshot(http, { namespace: ns, cluster: name, suiteNamespace: ns });
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  return { snapshot: r.value, findings: diagnoseCluster(r.value) };
}

async function until(name: string, code: string, ns = NS): Promise<{ snapshot: ClusterSnapshot; findings: Finding[] }> {
  return waitFor(
    `${name}: finding ${code}`,
    async () => {
      const d = await diagnose(name, ns);
      return d.findings.some((f) => f.code === code) ? d : undefined;
    },
    60000,
    500,
  );
}

describe('diagnose on the real control plane', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await ensureNamespace(http, NS_NOOP);
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-license', namespace: NS },
      data: { 'dolphindb.lic': license('fake-valid-2042.lic') },
    });
    await fakeSuite(NS, 1);
    op = startSimOperator(loadGroundConfig(), {
      namespace: NS,
      suiteNamespace: NS,
      log: () => undefined,
      statusMinIntervalMs: 200,
    });
    await op.ready;
    await apply(http, cr('good', NS));
    await apply(
      http,
      cr(
        'greedy',
        NS,
        (s) =>
          ((s.datanode as Record<string, unknown>).resources = {
            requests: { cpu: '500', memory: '1Gi' },
            limits: { cpu: '500', memory: '1Gi' },
          }),
      ),
    );
    await apply(
      http,
      cr('nosc', NS, (s) => (s.storageClassName = 'no-such-class')),
    );
    await apply(http, cr('badlic', NS));
    await apply(http, cr('crashy', NS));
  });
  after(async () => {
    for (const n of ['good', 'greedy', 'nosc', 'badlic', 'crashy']) await remove(http, KINDS.dolphindb, n, NS);
    await op?.stop();
    await remove(http, KINDS.namespace, NS);
    await remove(http, KINDS.namespace, NS_NOOP);
    http.dispose();
    const logs = process.env.DDB_GROUND_DIR ? path.join(process.env.DDB_GROUND_DIR, 'pod-logs') : '';
    if (logs && fs.existsSync(logs))
      for (const f of fs.readdirSync(logs)) if (f.startsWith(`${NS}_`)) fs.rmSync(path.join(logs, f), { force: true });
  });

  it('finds no problem on a healthy cluster, and summarises it', async () => {
    const { snapshot, findings } = await waitFor(
      'good is Available',
      async () => {
        const d = await diagnose('good');
        return (d.snapshot.ddb?.status as { phase?: string } | undefined)?.phase === 'Available' && d.snapshot.pods.length === 2
          ? d
          : undefined;
      },
      60000,
      500,
    );
    assert.deepEqual(
      findings.filter((f) => f.severity !== 'info').map((f) => f.code),
      [],
    );
    assert.equal(snapshot.crdPresent, true);
    assert.equal(snapshot.suite?.namespace, NS);
    const md = clusterSummaryMarkdown(snapshot);
    assert.match(md, /\| Phase \| \*\*Available\*\* \|/);
    assert.match(md, /Leader: `ddb-good-ctr-0-0`/);
    assert.match(md, /`ddb-good-dn` \| datanodes \(load-balanced\) \| NodePort \|/);
    assert.match(md, /`127\.0\.0\.1:\d+`/, "NodePorts on the nodes' InternalIP");
    assert.match(md, /`data-ddb-good-dn-0-0` \| Bound/);
    assert.match(md, /Valid until 2042-01-01/);
    assert.doesNotMatch(md, /Example Trial User/);
    assert.match(diagnosisMarkdown('Diagnosis', findings), /No problems found|0 critical, 0 errors, 0 warnings/);
  });

  it('describes real objects like kubectl describe', async () => {
    const { snapshot } = await diagnose('good');
    const pod = snapshot.pods.find((p) => p.metadata.name === 'ddb-good-dn-0-0');
    assert.ok(pod);
    const text = describeObject('pod', pod, { events: snapshot.events, pods: snapshot.pods });
    assert.match(text, /^Name: +ddb-good-dn-0-0$/m);
    assert.match(text, /^Controlled By: +StatefulSet\/ddb-good-dn-0$/m);
    assert.match(text, new RegExp(`^ {2}${simServerContainer('datanode')}:$`, 'm'));
    const svc = snapshot.services.find((s) => s.metadata.name === 'ddb-good-dn');
    assert.ok(svc);
    assert.match(
      describeObject('service', svc, { pods: snapshot.pods, events: snapshot.events }),
      /Endpoints: +\d+\.\d+\.\d+\.\d+:32210/,
    );
    const sts = snapshot.statefulsets.find((s) => s.metadata.name === 'ddb-good-ctr-0');
    assert.ok(sts);
    assert.match(describeObject('statefulset', sts, { pods: snapshot.pods, events: snapshot.events }), /Pods Status: +1 Running/);
    const pvc = snapshot.pvcs.find((p) => p.metadata.name === 'log-ddb-good-ctr-0-0');
    assert.ok(pvc);
    assert.match(describeObject('pvc', pvc, { pods: snapshot.pods, events: snapshot.events }), /Used By: +ddb-good-ctr-0-0/);
    assert.match(eventsReport('Events of good', snapshot.events), /^# Events of good/);
  });

  it('explains pods Pending for lack of CPU', async () => {
    const { findings } = await until('greedy', 'unschedulable-resources');
    const f = findings.find((x) => x.code === 'unschedulable-resources');
    assert.match(f?.title ?? '', /not enough CPU/);
    assert.match(f?.detail ?? '', /ddb-greedy-dn-0-0/);
    assert.match(f?.detail ?? '', /cpu 500/);
    assert.ok((f?.evidence ?? []).some((e) => /Insufficient cpu/.test(e)));
  });

  it('names the missing StorageClass behind Pending PVCs and pods', async () => {
    const { findings } = await until('nosc', 'storageclass-missing');
    const f = findings.find((x) => x.code === 'storageclass-missing');
    assert.match(f?.title ?? '', /StorageClass no-such-class does not exist/);
    assert.match(f?.detail ?? '', /Existing classes: .*standard/);
    assert.ok(f?.objects.includes('PersistentVolumeClaim/data-ddb-nosc-dn-0-0'));
  });

  it('recognises the invalid-license symptom', async () => {
    await waitFor(
      'ddb-badlic ConfigMap',
      async () => (await http.request(objectPath(KINDS.configmap, 'ddb-badlic', NS))).ok,
      30000,
      200,
    );
    const r = await http.request(objectPath(KINDS.configmap, 'ddb-badlic', NS), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { data: { 'license.lic': license('fake-malformed-header.lic') } },
    });
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    const { snapshot, findings } = await until('badlic', 'invalid-license');
    assert.equal(findings[0]?.code, 'invalid-license', 'critical findings come first');
    assert.ok((findings[0]?.evidence ?? []).some((e) => /persistentvolumeclaim "log-ddb-badlic-ctr-0-0" not found/.test(e)));
    assert.equal(snapshot.license?.wellFormed, false);
    assert.match(clusterSummaryMarkdown(snapshot), /not a well-formed DolphinDB license/);
  });

  it('shows the last log lines of a crash-looping DolphinDB container', async () => {
    const dir = process.env.DDB_GROUND_DIR;
    assert.ok(dir, 'DDB_GROUND_DIR must point at the test ground');
    const podName = 'ddb-crashy-dn-0-0';
    const pod = await waitFor(
      'crashy dn pod running',
      async () => {
        const r = await http.request<KubeObject>(objectPath(KINDS.pod, podName, NS));
        return r.ok && (r.value.status as { phase?: string }).phase === 'Running' ? r.value : undefined;
      },
      60000,
      300,
    );
    // The previous instance's log (what `kubectl logs --previous` shows), served by KWOK.
    const prev = path.join(dir, 'pod-logs', `${NS}_${podName}-previous.log`);
    writeCriLog(prev, ['<INFO> :Initializing storage engines', '<ERROR> :The license has expired. Server will shut down.']);
    await applyObjects(dir, [
      {
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'Logs',
        metadata: { name: podName, namespace: NS },
        spec: { logs: [{ logsFile: prev, previousLogsFile: prev, follow: true }] },
      },
    ]);
    // What the kubelet reports for a container that keeps exiting.
    const statuses = ((pod.status as { containerStatuses?: Record<string, unknown>[] }).containerStatuses ?? []).map((c) =>
      c.name === simServerContainer('datanode')
        ? {
            ...c,
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
            lastState: {
              terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:05Z' },
            },
          }
        : c,
    );
    const patched = await http.request(`${objectPath(KINDS.pod, podName, NS)}/status`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { containerStatuses: statuses } },
    });
    assert.ok(patched.ok, patched.ok ? '' : patched.error.reason);
    const { snapshot, findings } = await until('crashy', 'crashloop');
    const f = findings.find((x) => x.code === 'crashloop');
    assert.match(f?.title ?? '', new RegExp(`Container ${simServerContainer('datanode')} of ddb-crashy-dn-0-0 keeps crashing`));
    assert.match(f?.detail ?? '', /restarted 5 times; the last run ended with Error \(exit code 1\)/);
    assert.deepEqual(f?.evidence, [
      '<INFO> :Initializing storage engines',
      '<ERROR> :The license has expired. Server will shut down.',
    ]);
    assert.equal(snapshot.crashLogs?.[0]?.previous, true, 'read with --previous');
  });

  it('reports an operator that is not running, and one that is absent', async () => {
    // No simulated operator watches NS_NOOP: only the suite's traces exist there.
    await apply(http, cr('lonely', NS_NOOP));
    await fakeSuite(NS_NOOP, 0);
    const down = await until('lonely', 'operator-not-running', NS_NOOP);
    assert.equal(down.findings[0]?.severity, 'critical');
    assert.ok(
      down.findings.some((f) => f.code === 'no-statefulsets'),
      'and the consequence: nothing was created',
    );
    await remove(http, KINDS.statefulset, 'dolphindb-operator', NS_NOOP);
    const gone = await until('lonely', 'operator-missing', NS_NOOP);
    assert.match(diagnosisMarkdown('Diagnosis', gone.findings), /The DolphinDB operator is not installed/);
    await remove(http, KINDS.dolphindb, 'lonely', NS_NOOP);
  });
});

// Inside a real VS Code, against the test ground with the simulated operator: the "Operating"
// items of issue 16. The pod Logs action of a logMode 0 cluster follows the server log file;
// Prometheus, Loki, Alertmanager and Grafana open through a forward to the Service the cluster
// labels as such (the fixture chart's names, and upstream-style labels of another release);
// Apply file applies every document in dependency order; per-instance Services for three
// instances in one go; a volume for one instance on a PVC created by the command.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { connectedSession, httpGet, until } from './util';
import type { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { instanceServiceName } from '../../src/core/dolphindb/names';
import { licenseFile, suiteChart } from '../fixtures/paths';

type Result = { ok: boolean } & Record<string, unknown>;
const run = (id: string, answers: Record<string, unknown>): Thenable<Result> =>
  vscode.commands.executeCommand<Result>(`dolphindbK8s.${id}`, answers);

const session = connectedSession;

/** KWOK runs exec on the host and never closes a tail's stdin: end the tails of our own directory. */
function killTailsOf(dir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(Number(pid));
    } catch {
      /* gone already, or not ours to read */
    }
  }
}

async function post(api: KubeHttp, p: string, body: unknown): Promise<void> {
  const r = await api.request(p, { method: 'POST', body });
  assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
}

/** Routes port-forwards of a pod to a local address (the ground's KWOK PortForward rule). */
async function routeForward(api: KubeHttp, namespace: string, pod: string, port: number): Promise<void> {
  await post(api, `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${namespace}/portforwards`, {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'PortForward',
    metadata: { name: pod, namespace },
    spec: { forwards: [{ target: { address: '127.0.0.1', port } }] },
  });
}

async function readyPodsOf(api: KubeHttp, namespace: string, svc: KubeObject): Promise<string[]> {
  const sel = Object.entries((svc.spec as { selector?: Record<string, string> }).selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const r = await api.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, namespace), { query: { labelSelector: sel } });
  if (!r.ok) return [];
  return r.value.items
    .filter((p) =>
      ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      ),
    )
    .map((p) => p.metadata.name);
}

/** A local HTTP server answering with its component's name stands in for the product behind the pod. */
async function componentServer(id: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => res.end(`${id} ${req.url ?? ''}`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as net.AddressInfo).port };
}

const MONITORING = [
  { id: 'grafana', command: 'openGrafana' },
  { id: 'prometheus', command: 'openPrometheus' },
  { id: 'loki', command: 'openLoki' },
  { id: 'alertmanager', command: 'openAlertmanager' },
] as const;

/**
 * Opens each monitoring component of the suite in `namespace` and checks that the forward goes
 * to the expected Service and port, and that a request through it reaches that component's pod.
 */
async function checkMonitoring(
  context: string,
  api: KubeHttp,
  namespace: string,
  expected: Record<(typeof MONITORING)[number]['id'], { service: string; port: number; urlEnd: RegExp }>,
): Promise<void> {
  const servers: http.Server[] = [];
  const keys: string[] = [];
  try {
    for (const m of MONITORING) {
      const want = expected[m.id];
      const svc = await api.request<KubeObject>(objectPath(KINDS.service, want.service, namespace));
      assert.ok(svc.ok, `Service ${namespace}/${want.service}`);
      const pods = await until(`a Ready pod behind ${want.service}`, async () => {
        const p = await readyPodsOf(api, namespace, svc.value);
        return p.length > 0 ? p : undefined;
      });
      const local = await componentServer(m.id);
      servers.push(local.server);
      for (const pod of pods) await routeForward(api, namespace, pod, local.port);
      const r = await run(m.command, { context, namespace, localPort: 0, open: false });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.service, want.service, `${m.id}: the Service`);
      assert.equal(r.port, want.port, `${m.id}: the Service port`);
      assert.match(String(r.url), want.urlEnd, `${m.id}: the URL`);
      keys.push(String(r.key));
      const page = await httpGet(String(r.url));
      assert.equal(page.status, 200);
      assert.match(page.body, new RegExp(`^${m.id} `), `${m.id}: the request reached its pod`);
    }
  } finally {
    for (const k of keys) await vscode.commands.executeCommand('dolphindbK8s.stopPortForward', { key: k });
    servers.forEach((s) => s.close());
  }
}

describe('Operating: logs, monitoring, apply file, several instances', function () {
  this.timeout(300_000);

  it('follows the server log file of a logMode 0 pod and says in the output where it is', async () => {
    const { context, http: kube } = await session();
    const pod = 'ddb-single-dn-0-0';
    // The simulated operator writes the server log of a logMode 0 pod next to the container logs it
    // routes through KWOK's Logs object; KWOK runs exec on the host, so that directory stands in
    // for the container's log directory.
    const routed = await until('the KWOK Logs object of the pod', async () => {
      const r = await kube.request<{ spec?: { logs?: { logsFile?: string }[] } }>(
        `/apis/kwok.x-k8s.io/v1alpha1/namespaces/dolphindb/logs/${pod}`,
      );
      return r.ok ? r.value.spec?.logs?.[0]?.logsFile : undefined;
    });
    const dir = path.join(path.dirname(routed), 'server-log');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['datanode0.log', 'datanode0_job.log'], 'written by the simulated operator');
    try {
      const r = await run('podLogs', {
        context,
        namespace: 'dolphindb',
        pod,
        logDir: dir,
        tailLines: 100,
        waitMatch: 'Node is ready to serve requests',
        waitMs: 30_000,
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.logSource, 'file');
      assert.equal(r.logFile, `${dir}/datanode0.log`, 'the server log, not the job log');
      assert.match(String(r.note), new RegExp(`logMode is 0.*Following ${dir}/datanode0\\.log in container`));
      assert.ok(
        (r.lines as string[]).every((l) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} <\w+> :/.test(l)),
        `DolphinDB lines of the file: ${JSON.stringify(r.lines)}`,
      );
      // A line written now is followed (the file stands in; nothing else writes this marker).
      const marker = `marker ${Date.now()}`;
      fs.appendFileSync(path.join(dir, 'datanode0.log'), `2026-12-06 08:00:01.000000 <WARNING> :${marker}\n`);
      const followed = await until('the appended line', async () => {
        const again = await run('podLogs', {
          context,
          namespace: 'dolphindb',
          pod,
          logDir: dir,
          tailLines: 5,
          waitMatch: marker,
          waitMs: 20_000,
        });
        await run('stopLogs', { id: again.id });
        return (again.lines as string[]).some((l) => l.endsWith(marker)) ? again : undefined;
      });
      assert.ok(followed);
      const first = await vscode.commands.executeCommand<Result>('dolphindbK8s.stopLogs', { id: r.id });
      assert.equal(first.ok, true);
      assert.ok(
        (first.lines as string[]).some((l) => l.endsWith(marker)),
        'the first stream followed the file too',
      );
      // The container log is still one answer away.
      const console = await run('podLogs', {
        context,
        namespace: 'dolphindb',
        pod,
        source: 'console',
        follow: false,
        tailLines: 5,
      });
      assert.equal(console.ok, true, JSON.stringify(console));
      assert.equal(console.logSource, 'console');
      await run('stopLogs', { id: console.id });
      // No log file to follow (here: an empty folder): the container log instead, and why.
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-podfile-empty-'));
      try {
        const fallback = await run('podLogs', {
          context,
          namespace: 'dolphindb',
          pod,
          logDir: empty,
          follow: false,
          tailLines: 5,
        });
        assert.equal(fallback.ok, true, JSON.stringify(fallback));
        assert.equal(fallback.logSource, 'console');
        assert.match(String(fallback.fileFailed), /holds no log file yet/);
        await run('stopLogs', { id: fallback.id });
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    } finally {
      killTailsOf(dir);
    }
  });

  it('opens Prometheus, Loki, Alertmanager and Grafana (on its dashboard) of the fixture chart through forwards', async () => {
    const { context, http: kube } = await session();
    const ns = 'ops-mon-chart';
    const installed = await run('installSuite', {
      namespace: ns,
      chartFile: suiteChart('v1.1.7'),
      licenseFile: licenseFile('fake-valid-2042.lic'),
      values: { serviceType: 'ClusterIP', storageClass: 'standard', nodePortIP: '127.0.0.1' },
      confirm: true,
      wait: false,
    });
    assert.equal(installed.ok, true, JSON.stringify(installed));
    try {
      await checkMonitoring(context, kube, ns, {
        grafana: { service: 'dolphindb-mgr-grafana', port: 3000, urlEnd: /\/d\/ddb-fixture$/ },
        prometheus: { service: 'dolphindb-mgr-prometheus-server', port: 80, urlEnd: /:\d+$/ },
        loki: { service: 'dolphindb-mgr-loki', port: 3100, urlEnd: /:\d+$/ },
        alertmanager: { service: 'dolphindb-mgr-alertmanager', port: 9093, urlEnd: /:\d+$/ },
      });
    } finally {
      await run('uninstallSuite', { namespace: ns, typedName: ns, confirm: true });
      await kube.request(objectPath(KINDS.namespace, ns), { method: 'DELETE' });
    }
  });

  it('finds the monitoring Services of another release by their upstream labels, and Grafana opens on its home', async () => {
    const { context, http: kube } = await session();
    const ns = 'ops-mon-ref';
    await post(kube, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const seed = async (name: string, labels: Record<string, string>, port: number, target: number): Promise<void> => {
      await post(kube, `/api/v1/namespaces/${ns}/pods`, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${name}-0`, labels },
        spec: { containers: [{ name: 'main', image: 'example/none', ports: [{ containerPort: target }] }] },
      });
      await post(kube, `/api/v1/namespaces/${ns}/services`, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, labels },
        spec: { selector: labels, ports: [{ name: 'http', port, targetPort: target }] },
      });
    };
    try {
      await seed('mon-grafana', { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'mon' }, 80, 3000);
      // Same app label, another component: never taken for Prometheus itself.
      await seed('mon-prometheus-pushgateway', { app: 'prometheus', component: 'pushgateway', release: 'mon' }, 9091, 9091);
      await seed('mon-prometheus-server', { app: 'prometheus', component: 'server', release: 'mon' }, 80, 9090);
      await seed('mon-loki', { app: 'loki', release: 'mon' }, 3100, 3100);
      await seed(
        'mon-alertmanager',
        { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/instance': 'mon' },
        9093,
        9093,
      );
      await checkMonitoring(context, kube, ns, {
        grafana: { service: 'mon-grafana', port: 80, urlEnd: /:\d+$/ },
        prometheus: { service: 'mon-prometheus-server', port: 80, urlEnd: /:\d+$/ },
        loki: { service: 'mon-loki', port: 3100, urlEnd: /:\d+$/ },
        alertmanager: { service: 'mon-alertmanager', port: 9093, urlEnd: /:\d+$/ },
      });
    } finally {
      await kube.request(objectPath(KINDS.namespace, ns), { method: 'DELETE' });
    }
  });

  describe('a file with a Namespace, a PVC and a three-datanode cluster', () => {
    const ns = 'ops-apply';
    const name = 'ops3';
    after(async () => {
      const { http: kube } = await session();
      await kube.request(objectPath(KINDS.dolphindb, name, ns), { method: 'DELETE' });
      await kube.request(objectPath(KINDS.namespace, ns), { method: 'DELETE' });
    });

    it('applies every document in dependency order after one plan listing each object', async () => {
      const { context, http: kube } = await session();
      const role = (replicas: number, port: number): Record<string, unknown> => ({
        replicas,
        port,
        dataSize: '1Gi',
        logSize: '1Gi',
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      });
      const docs = [
        {
          apiVersion: 'dolphindb.dolphindb.io/v1',
          kind: 'DolphinDB',
          metadata: { name, namespace: ns },
          spec: {
            mode: 'cluster',
            clusterType: 'singlecontroller',
            version: 'v2.00.14',
            storageClassName: 'standard',
            logMode: 0,
            controller: role(1, 31210),
            datanode: role(3, 32210),
          },
        },
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'ops3-shared', namespace: ns },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
        },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      ];
      const doc = await vscode.workspace.openTextDocument({
        language: 'yaml',
        content: docs.map((d) => stringify(d)).join('---\n'),
      });
      const r = await run('applyFile', { context, uri: doc.uri.toString(), confirm: true });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual(r.plan, [
        { label: `Namespace ${ns}`, action: 'create' },
        { label: `PersistentVolumeClaim ${ns}/ops3-shared`, action: 'create' },
        { label: `DolphinDB ${ns}/${name}`, action: 'create' },
      ]);
      assert.deepEqual(r.applied, [`Namespace ${ns}`, `PersistentVolumeClaim ${ns}/ops3-shared`, `DolphinDB ${ns}/${name}`]);
      const pvc = await kube.request<KubeObject>(objectPath(KINDS.pvc, 'ops3-shared', ns));
      const ddb = await kube.request<KubeObject>(objectPath(KINDS.dolphindb, name, ns));
      assert.ok(pvc.ok && ddb.ok, 'both stored');
      assert.ok(
        (pvc.value.metadata.creationTimestamp ?? '') <= (ddb.value.metadata.creationTimestamp ?? ''),
        'the PVC was created no later than the cluster',
      );
      // A kind the command does not apply: refused before anything is written.
      const bad = await vscode.workspace.openTextDocument({
        language: 'yaml',
        content: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, namespace: ${ns}}\n`,
      });
      const refused = await run('applyFile', { context, uri: bad.uri.toString(), confirm: true });
      assert.equal(refused.ok, false);
      assert.match(String(refused.reason), /apps\/v1\/Deployment/);
    });

    it('gives each of the three data nodes its own Service in one go, then removes them', async () => {
      const { context, http: kube } = await session();
      // Until the operator has brought the new cluster up and stopped writing its status: a
      // change is guarded by the resourceVersion it was planned from (a conflict otherwise).
      let lastRv = '';
      let stableSince = Date.now();
      await until(
        'three Ready data node pods and a settled cluster',
        async () => {
          const pods = await kube.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, ns));
          const ready = pods.ok
            ? pods.value.items.filter(
                (p) =>
                  p.metadata.name.startsWith(`ddb-${name}-dn-`) &&
                  ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
                    (c) => c.type === 'Ready' && c.status === 'True',
                  ),
              ).length
            : 0;
          const ddb = await kube.request<KubeObject>(objectPath(KINDS.dolphindb, name, ns));
          const rv = ddb.ok ? (ddb.value.metadata.resourceVersion ?? '') : '';
          if (rv !== lastRv) {
            lastRv = rv;
            stableSince = Date.now();
          }
          return ready === 3 && Date.now() - stableSince > 3000 ? true : undefined;
        },
        120_000,
      );
      const indexes = [0, 1, 2];
      const added = await run('addInstanceService', { context, namespace: ns, name, role: 'datanode', indexes, confirm: true });
      assert.equal(added.ok, true, JSON.stringify(added));
      const svcNames = indexes.map((i) => instanceServiceName(name, 'datanode', i));
      assert.deepEqual(added.instances, svcNames);
      for (const s of svcNames) {
        const r = await kube.request(objectPath(KINDS.service, s, ns));
        assert.ok(r.ok, `Service ${s} exists`);
      }
      const removed = await run('removeInstanceService', {
        context,
        namespace: ns,
        name,
        instances: indexes.map((index) => ({ role: 'dn', index })),
        confirm: true,
      });
      assert.equal(removed.ok, true, JSON.stringify(removed));
      for (const s of svcNames) {
        const r = await kube.request(objectPath(KINDS.service, s, ns));
        assert.equal(!r.ok && r.error.kind, 'notFound', `Service ${s} is gone`);
      }
    });

    it('adds a volume to one data node on a PVC the command creates', async () => {
      const { context, http: kube } = await session();
      const r = await run('addVolume', {
        context,
        namespace: ns,
        name,
        role: 'datanode',
        confirm: true,
        wait: false,
        volume: {
          index: 1,
          name: 'extra',
          mountPath: '/data/extra',
          source: { kind: 'pvc', claimName: 'ops3-dn1-extra', create: { size: '1Gi', storageClassName: 'standard' } },
        },
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.pvcCreated, true);
      const pvc = await kube.request<KubeObject>(objectPath(KINDS.pvc, 'ops3-dn1-extra', ns));
      assert.ok(pvc.ok, 'the PVC exists');
      const ddb = await kube.request<KubeObject>(objectPath(KINDS.dolphindb, name, ns));
      assert.ok(ddb.ok);
      const dn = (
        ddb.value.spec as { datanode: { instances?: Record<string, { volumes?: { name: string }[] }>; volumes?: unknown } }
      ).datanode;
      assert.deepEqual(
        dn.instances?.['1']?.volumes?.map((v) => v.name),
        ['extra'],
      );
      assert.equal(dn.volumes, undefined, 'not on the whole role');
    });
  });
});

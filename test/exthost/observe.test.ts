// Inside a real VS Code: the observe commands (logs, events, diagnose, connection info,
// port-forward) driven with scripted answers against the test ground, where the simulated
// operator writes DolphinDB-like log lines that KWOK serves as container logs.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { api, connectedSession, httpGet, until } from './util';
import type { KubeHttp } from '../../src/core/k8s/http';

const HA_NS = 'ddb-prod';
const SUITE_NS = 'ddb-obs-suite';
const DIAG_NS = 'ddb-obs-diag';
const GREEDY = 'greedy';

/** A single-controller cluster whose data node requests 500 CPUs; the controller fits. */
function greedyCluster(): Record<string, unknown> {
  const role = (port: number, cpu: string): Record<string, unknown> => ({
    replicas: 1,
    port,
    dataSize: '1Gi',
    logSize: '1Gi',
    resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu, memory: '1Gi' } },
  });
  return {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name: GREEDY, namespace: DIAG_NS },
    spec: {
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.16',
      storageClassName: 'standard',
      logMode: 0,
      controller: role(31210, '1'),
      datanode: role(32210, '500'),
    },
  };
}

/** GET through a local forward; resolves with the status and body. */
/** The suite's Grafana as the chart makes it: Service dolphindb-mgr-grafana 80 → pod port 3000. */
async function seedGrafana(api: KubeHttp): Promise<void> {
  const labels = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'dolphindb-mgr' };
  const post = async (path: string, body: unknown): Promise<void> => {
    const r = await api.request(path, { method: 'POST', body });
    assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
  };
  await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SUITE_NS } });
  await post(`/api/v1/namespaces/${SUITE_NS}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'dolphindb-mgr-grafana-0', labels },
    spec: {
      containers: [{ name: 'grafana', image: 'dolphindb/grafana:8.3.4', ports: [{ name: 'service', containerPort: 3000 }] }],
    },
  });
  await post(`/api/v1/namespaces/${SUITE_NS}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'dolphindb-mgr-grafana', labels: { ...labels, 'dolphindb.io/component': 'grafana' } },
    spec: { selector: labels, ports: [{ name: 'service', port: 80, targetPort: 3000 }] },
  });
  await until(
    'the Grafana pod Ready',
    async () => {
      const p = await api.request<{ status?: { conditions?: Array<{ type: string; status: string }> } }>(
        `/api/v1/namespaces/${SUITE_NS}/pods/dolphindb-mgr-grafana-0`,
      );
      return p.ok && p.value.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
    },
    60_000,
  );
}

type Result = { ok: boolean } & Record<string, unknown>;

const session = connectedSession;

const run = (id: string, answers: Record<string, unknown>): Thenable<Result> =>
  vscode.commands.executeCommand<Result>(`dolphindbK8s.${id}`, answers);

interface ViewItem {
  key: string;
  label: string;
  localPort: number;
  description?: string;
  failing?: boolean;
}
const viewItems = (): Thenable<ViewItem[]> => vscode.commands.executeCommand<ViewItem[]>('dolphindb._portForwardsViewItems');

/** Makes KWOK route port-forwards of a pod to a local address (the ground's PortForward rule). */
async function routeForward(http: KubeHttp, pod: string, port: number, namespace = HA_NS): Promise<boolean> {
  const body = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'PortForward',
    metadata: { name: pod, namespace },
    spec: { forwards: [{ target: { address: '127.0.0.1', port } }] },
  };
  const path = `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${namespace}/portforwards`;
  const r = await http.request(path, { method: 'POST', body });
  if (r.ok) return true;
  if (r.error.kind !== 'conflict') return false;
  const cur = await http.request<{ metadata: { resourceVersion: string } }>(`${path}/${pod}`);
  if (!cur.ok) return false;
  const put = await http.request(`${path}/${pod}`, {
    method: 'PUT',
    body: { ...body, metadata: { ...body.metadata, resourceVersion: cur.value.metadata.resourceVersion } },
  });
  return put.ok;
}

function echoOnce(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => s.write(text));
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no echo through the forward (got "${got}")`));
    }, 15_000);
    s.on('data', (d: Buffer) => {
      got += d.toString('utf8');
      if (got.includes(text)) {
        clearTimeout(timer);
        s.end();
        resolve(got);
      }
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('DolphinDB observe commands in VS Code', function () {
  this.timeout(180_000);

  it('registers every observe command', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'podLogs',
      'clusterLogs',
      'stopLogs',
      'events',
      'describe',
      'diagnose',
      'connectionInfo',
      'portForward',
      'stopPortForward',
      'openGrafana',
      'openPortal',
      'clusterSummary',
    ]) {
      assert.ok(all.has(`dolphindbK8s.${id}`), id);
    }
  });

  it('streams the log of ddb-ha-dn-0-0 container dolphindb, then stops it', async () => {
    const { context } = await session();
    const r = await run('podLogs', {
      context,
      namespace: HA_NS,
      pod: 'ddb-ha-dn-0-0',
      container: 'dolphindb',
      tailLines: 100,
      waitLines: 1,
      waitMs: 60_000,
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.container, 'dolphindb');
    assert.ok(Number(r.lineCount) > 0, `no lines: ${JSON.stringify(r)}`);
    const stopped = await vscode.commands.executeCommand<Result>('dolphindbK8s.stopLogs', { id: r.id });
    assert.equal(stopped.ok, true);
    assert.ok((stopped.lines as string[]).length > 0);
  });

  it('defaults to the DolphinDB container and refuses an unknown one', async () => {
    const { context } = await session();
    const r = await run('podLogs', { context, namespace: HA_NS, pod: 'ddb-ha-dn-0-0', follow: false, tailLines: 5 });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.container, 'dolphindb');
    await vscode.commands.executeCommand('dolphindbK8s.stopLogs', { id: r.id });
    const bad = await run('podLogs', { context, namespace: HA_NS, pod: 'ddb-ha-dn-0-0', container: 'nope', follow: false });
    assert.equal(bad.ok, false);
    assert.match(String(bad.reason), /nope/);
  });

  it('reads the log of a suite component: a pod of its workload, found by the workload selector', async () => {
    const { context, http } = await session();
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'component-web', namespace: HA_NS },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'component-web' } },
        template: {
          metadata: { labels: { app: 'component-web' } },
          spec: { containers: [{ name: 'web', image: 'example.invalid/web:1' }] },
        },
      },
    };
    const made = await http.request(`/apis/apps/v1/namespaces/${HA_NS}/deployments`, { method: 'POST', body: deployment });
    assert.ok(made.ok || made.error.kind === 'conflict', JSON.stringify(made));
    try {
      const r = await until('the component pod and its log', async () => {
        const x = await run('podLogs', {
          context,
          namespace: HA_NS,
          kind: 'deployment',
          object: 'component-web',
          follow: false,
          tailLines: 5,
        });
        return x.ok ? x : undefined;
      });
      assert.match(String(r.pod), /^component-web-/);
      assert.equal(r.container, 'web');
      await vscode.commands.executeCommand('dolphindbK8s.stopLogs', { id: r.id });
      const missing = await run('podLogs', { context, namespace: HA_NS, kind: 'statefulset', object: 'no-such-component' });
      assert.equal(missing.ok, false);
      assert.equal(missing.kind, 'notFound', JSON.stringify(missing));
    } finally {
      await http.request(`/apis/apps/v1/namespaces/${HA_NS}/deployments/component-web`, { method: 'DELETE' });
    }
  });

  it('merges the cluster log with [dn-0] prefixes', async () => {
    const { context } = await session();
    // The data nodes' streams start in any order: wait for a dn-0 line, not merely for six lines.
    const r = await run('clusterLogs', {
      context,
      namespace: HA_NS,
      name: 'ha',
      role: 'dn',
      tailLines: 50,
      waitLines: 6,
      waitMatch: '^\\[dn-0\\] ',
      waitMs: 60_000,
      source: 'console',
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    const stopped = await vscode.commands.executeCommand<Result>('dolphindbK8s.stopLogs', { id: r.id });
    const all = [...(r.lines as string[]), ...(stopped.lines as string[])];
    assert.ok(
      all.some((x) => x.startsWith('[dn-0] ')),
      `no [dn-0] line in ${JSON.stringify(all.slice(0, 5))}`,
    );
    assert.ok(
      all.every((x) => /^\[dn-\d+\] /.test(x)),
      'only data node lines',
    );
  });

  it('port-forwards to a data node of ha, lists it in the Port forwards view, and stops it', async () => {
    const { context, http } = await session();
    // A local echo server stands in for DolphinDB behind the pod's port.
    const server = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const target = (server.address() as net.AddressInfo).port;
    const routed = (await Promise.all([0, 1, 2].map((i) => routeForward(http, `ddb-ha-dn-${i}-0`, target)))).every((x) => x);
    const a = await api();
    // The view is hidden while no forward runs (it took half the side bar empty).
    assert.equal(a.contextKey('dolphindbK8s.hasPortForwards'), (await viewItems()).length > 0);
    try {
      const r = await run('portForward', { context, namespace: HA_NS, name: 'ha', role: 'dn', localPort: 0 });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(a.contextKey('dolphindbK8s.hasPortForwards'), true);
      const port = Number(r.localPort);
      assert.ok(port > 0);
      const items = await viewItems();
      const mine = items.find((i) => i.key === r.key);
      assert.ok(mine, `not in the view: ${JSON.stringify(items)}`);
      assert.equal(mine.localPort, port);
      assert.ok(routed, 'the ground accepts KWOK PortForward rules');
      assert.match(await echoOnce(port, 'ping-ddb'), /ping-ddb/);
      // A second request for the same target reuses the forward.
      const again = await run('portForward', { context, namespace: HA_NS, name: 'ha', role: 'dn' });
      assert.equal(again.key, r.key);
      // The row names both ends: the local address, then the remote port.
      assert.ok(String(mine.label).startsWith(`127.0.0.1:${port} → `), String(mine.label));
      // The pods' port now leads nowhere: the next connection fails and the row says so.
      const dead = net.createServer();
      await new Promise<void>((res) => dead.listen(0, '127.0.0.1', () => res()));
      const deadPort = (dead.address() as net.AddressInfo).port;
      await new Promise<void>((res) => dead.close(() => res()));
      for (const i of [0, 1, 2]) await routeForward(http, `ddb-ha-dn-${i}-0`, deadPort);
      const failing = await until('the forward shown as failing', async () => {
        await echoOnce(port, 'into-the-void').catch(() => undefined);
        return (await viewItems()).find((i) => i.key === r.key && i.failing);
      });
      assert.match(String(failing.description), /failing: /);
      // Back to the echo server: the next connection works and the mark goes.
      for (const i of [0, 1, 2]) await routeForward(http, `ddb-ha-dn-${i}-0`, target);
      await until('the forward working again', async () => {
        const echoed = await echoOnce(port, 'ping-again').then(
          () => true,
          () => false,
        );
        return echoed && (await viewItems()).some((i) => i.key === r.key && !i.failing) ? true : undefined;
      });
      const stopped = await vscode.commands.executeCommand<Result>('dolphindbK8s.stopPortForward', { key: r.key });
      assert.equal(stopped.ok, true);
      assert.ok(!(await viewItems()).some((i) => i.key === r.key));
      assert.equal(a.contextKey('dolphindbK8s.hasPortForwards'), (await viewItems()).length > 0);
    } finally {
      server.close();
      for (const i of [0, 1, 2])
        await http.request(`/apis/kwok.x-k8s.io/v1alpha1/namespaces/${HA_NS}/portforwards/ddb-ha-dn-${i}-0`, {
          method: 'DELETE',
        });
    }
  });

  it('lists ddb-ha-dn with a NodePort in the connection info', async () => {
    const { context } = await session();
    const r = await run('connectionInfo', { context, namespace: HA_NS, name: 'ha' });
    assert.equal(r.ok, true, JSON.stringify(r));
    const eps = r.endpoints as { service: string; type: string; ports: { nodePort?: number }[] }[];
    const dn = eps.find((e) => e.service === 'ddb-ha-dn');
    assert.ok(dn, JSON.stringify(eps.map((e) => e.service)));
    assert.equal(dn.type, 'NodePort');
    assert.ok(dn.ports.some((p) => typeof p.nodePort === 'number' && p.nodePort > 0));
  });

  // A cluster with a problem the real scheduler reports: its data node asks for 500 CPUs, more
  // than any ground node has (32). The Pending pod, its PodScheduled condition and the events are
  // written by kube-scheduler and the StatefulSet controller, not by the simulated operator.
  describe('on a cluster whose data node cannot be scheduled', () => {
    const pending = `ddb-${GREEDY}-dn-0-0`;

    before(async function () {
      this.timeout(120_000);
      const { http: api } = await session();
      const created = await api.request('/api/v1/namespaces', {
        method: 'POST',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DIAG_NS } },
      });
      assert.ok(created.ok || created.error.kind === 'conflict', created.ok ? '' : created.error.reason);
      const cr = await api.request(`/apis/dolphindb.dolphindb.io/v1/namespaces/${DIAG_NS}/dolphindbs`, {
        method: 'POST',
        body: greedyCluster(),
      });
      assert.ok(cr.ok, cr.ok ? '' : cr.error.reason);
      await until(
        `${pending} unschedulable for lack of CPU`,
        async () => {
          const p = await api.request<{ status?: { conditions?: Array<{ type: string; status: string; message?: string }> } }>(
            `/api/v1/namespaces/${DIAG_NS}/pods/${pending}`,
          );
          return p.ok &&
            p.value.status?.conditions?.some(
              (c) => c.type === 'PodScheduled' && c.status === 'False' && /Insufficient cpu/.test(c.message ?? ''),
            )
            ? true
            : undefined;
        },
        90_000,
      );
    });

    after(async () => {
      const { http: api } = await session();
      await api.request(`/apis/dolphindb.dolphindb.io/v1/namespaces/${DIAG_NS}/dolphindbs/${GREEDY}`, { method: 'DELETE' });
      await api.request(`/api/v1/namespaces/${DIAG_NS}`, { method: 'DELETE' });
    });

    it('diagnoses it: an error finding naming the Pending pod, the evidence and the requests', async () => {
      const { context } = await session();
      const r = await run('diagnose', { context, namespace: DIAG_NS, name: GREEDY });
      assert.equal(r.ok, true, JSON.stringify(r));
      const findings = r.findings as Array<{ code: string; severity: string; title: string }>;
      assert.deepEqual(
        findings.find((f) => f.code === 'unschedulable-resources'),
        { code: 'unschedulable-resources', severity: 'error', title: 'Pods are Pending: not enough CPU on any node' },
        JSON.stringify(findings),
      );
      const text = String(r.text);
      assert.match(text, new RegExp(`^# Diagnosis of ${DIAG_NS}/${GREEDY}$`, 'm'));
      // The finding's own section: heading with severity, the pod and its requests, the scheduler's words.
      const section = text.slice(text.indexOf('Error: Pods are Pending: not enough CPU on any node'));
      assert.match(text, /^## \d+\. ❌ Error: Pods are Pending: not enough CPU on any node$/m);
      assert.match(section, new RegExp(`No node has enough free CPU for ${pending}\\. Requests: [^\\n]*cpu 500, memory 1Gi`));
      assert.match(section, new RegExp(`^Objects: \`Pod/${pending}\`$`, 'm'));
      assert.match(section, /Insufficient cpu/);
      assert.doesNotMatch(
        section.split('\n## ')[0] ?? '',
        new RegExp(`ddb-${GREEDY}-ctr-0-0`),
        'the schedulable controller pod is not blamed',
      );
      const open = await vscode.commands.executeCommand<{ key: string; markdown: string }[]>('dolphindb._reportPanels');
      const tab = open.find((p) => p.key === r.report);
      assert.ok(tab, 'the report is open');
      assert.equal(tab.markdown, text);
    });

    it("lists its events: the scheduler's warning on the pod and the StatefulSet controller's creation", async () => {
      const { context, http: api } = await session();
      // The scheduler first reports the claims as unbound (KWOK binds them a moment later), then
      // the lack of CPU: wait for the latter, which is what this cluster is about.
      await until('the FailedScheduling event for CPU', async () => {
        const e = await api.request<{ items: Array<{ reason?: string; message?: string }> }>(
          `/api/v1/namespaces/${DIAG_NS}/events`,
          { query: { fieldSelector: `involvedObject.name=${pending}` } },
        );
        return e.ok && e.value.items.some((x) => x.reason === 'FailedScheduling' && /Insufficient cpu/.test(x.message ?? ''))
          ? true
          : undefined;
      });
      const r = await run('events', { context, namespace: DIAG_NS, name: GREEDY });
      assert.equal(r.ok, true, JSON.stringify(r));
      const text = String(r.text);
      assert.match(text, new RegExp(`^# Events of ${DIAG_NS}/${GREEDY}$`, 'm'));
      assert.ok(Number(r.warnings) >= 1, text);
      assert.match(text, new RegExp(`^${r.count} events, ${r.warnings} warnings\\.$`, 'm'));
      const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Type '));
      assert.equal(rows.length, Number(r.count), text);
      // Warnings first, then the rest.
      const warningRows = rows.filter((l) => l.startsWith('| ⚠ Warning |'));
      assert.deepEqual(rows.slice(0, warningRows.length), warningRows, text);
      assert.equal(warningRows.length, Number(r.warnings), text);
      assert.ok(
        warningRows.some((l) =>
          new RegExp(`^\\| ⚠ Warning \\| FailedScheduling \\| Pod/${pending} \\| .+ \\| \\d+ \\| .*Insufficient cpu.* \\|$`).test(
            l,
          ),
        ),
        text,
      );
      assert.ok(
        rows.some((l) =>
          new RegExp(
            `^\\| Normal \\| SuccessfulCreate \\| StatefulSet/ddb-${GREEDY}-dn-0 \\| .+ \\| \\d+ \\| create Pod ${pending} in StatefulSet ddb-${GREEDY}-dn-0 successful \\|$`,
          ).test(l),
        ),
        text,
      );
    });
  });

  it('describes a pod and summarises the cluster', async () => {
    const { context } = await session();
    const d = await run('describe', { context, namespace: HA_NS, kind: 'pod', pod: 'ddb-ha-dn-0-0' });
    assert.equal(d.ok, true, JSON.stringify(d));
    assert.match(String(d.text), /Name:\s+ddb-ha-dn-0-0/);
    const s = await run('clusterSummary', { context, namespace: HA_NS, name: 'ha' });
    assert.equal(s.ok, true, JSON.stringify(s));
    assert.match(String(s.text), /ddb-ha-dn/);
  });

  it('opens Grafana through a forward, on the dashboard variable of the cluster; says where the suite is missing', async () => {
    const { context, http: api } = await session();
    await seedGrafana(api);
    // A local HTTP server stands in for Grafana behind the pod's port.
    const grafana = http.createServer((_req, res) => res.end('<title>Grafana</title>'));
    await new Promise<void>((r) => grafana.listen(0, '127.0.0.1', () => r()));
    assert.ok(await routeForward(api, 'dolphindb-mgr-grafana-0', (grafana.address() as net.AddressInfo).port, SUITE_NS));
    const config = vscode.workspace.getConfiguration('dolphindbK8s');
    try {
      const r = await run('openGrafana', { context, namespace: SUITE_NS, localPort: 0, open: false });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.match(String(r.url), /^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await httpGet(String(r.url));
      assert.equal(page.status, 200);
      assert.match(page.body, /Grafana/);
      // For a cluster the suite namespace comes from the setting, and the URL selects the cluster.
      await config.update('suite.namespace', SUITE_NS, vscode.ConfigurationTarget.Global);
      const forHa = await run('openGrafana', { context, namespace: HA_NS, name: 'ha', open: false });
      assert.equal(forHa.ok, true, JSON.stringify(forHa));
      assert.equal(forHa.key, r.key, 'the running forward is reused');
      assert.match(String(forHa.url), /\/\?var-cluster_name=ha$/);
      await vscode.commands.executeCommand<Result>('dolphindbK8s.stopPortForward', { key: r.key });
      // No portal in that namespace: a clear notFound naming the namespace, no forward started.
      const before = (await viewItems()).length;
      const portal = await run('openPortal', { context, namespace: SUITE_NS, open: false });
      assert.equal(portal.ok, false);
      assert.equal(portal.kind, 'notFound');
      assert.match(String(portal.reason), new RegExp(`namespace ${SUITE_NS}`));
      assert.equal((await viewItems()).length, before);
    } finally {
      await config.update('suite.namespace', undefined, vscode.ConfigurationTarget.Global);
      grafana.close();
      await api.request(`/apis/kwok.x-k8s.io/v1alpha1/namespaces/${SUITE_NS}/portforwards/dolphindb-mgr-grafana-0`, {
        method: 'DELETE',
      });
      await api.request(`/api/v1/namespaces/${SUITE_NS}`, { method: 'DELETE' });
    }
  });
});

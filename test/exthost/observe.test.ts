// Inside a real VS Code: the observe commands (logs, events, diagnose, connection info,
// port-forward) driven with scripted answers against the test ground, where the simulated
// operator writes DolphinDB-like log lines that KWOK serves as container logs.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { api, until } from './util';
import type { KubeHttp } from '../../src/core/k8s/http';

const HA_NS = 'ddb-prod';

type Result = { ok: boolean } & Record<string, unknown>;


async function session(): Promise<{ context: string; http: KubeHttp }> {
  const a = await api();
  return until('a connected session', () => {
    const ex = a.kube.explorer;
    const s = ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext) : undefined;
    return s && ex ? { context: ex.currentContext, http: s.http } : undefined;
  });
}

const run = (id: string, answers: Record<string, unknown>): Thenable<Result> => vscode.commands.executeCommand<Result>(`dolphindb.${id}`, answers);

interface ViewItem {
  key: string;
  label: string;
  localPort: number;
}
const viewItems = (): Thenable<ViewItem[]> => vscode.commands.executeCommand<ViewItem[]>('dolphindb._portForwardsViewItems');

/** Makes KWOK route port-forwards of a pod to a local address (the ground's PortForward rule). */
async function routeForward(http: KubeHttp, pod: string, port: number): Promise<boolean> {
  const body = { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'PortForward', metadata: { name: pod, namespace: HA_NS }, spec: { forwards: [{ target: { address: '127.0.0.1', port } }] } };
  const path = `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${HA_NS}/portforwards`;
  const r = await http.request(path, { method: 'POST', body });
  if (r.ok) return true;
  if (r.error.kind !== 'conflict') return false;
  const cur = await http.request<{ metadata: { resourceVersion: string } }>(`${path}/${pod}`);
  if (!cur.ok) return false;
  const put = await http.request(`${path}/${pod}`, { method: 'PUT', body: { ...body, metadata: { ...body.metadata, resourceVersion: cur.value.metadata.resourceVersion } } });
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
    for (const id of ['podLogs', 'clusterLogs', 'stopLogs', 'events', 'describe', 'diagnose', 'connectionInfo', 'portForward', 'stopPortForward', 'openGrafana', 'openPortal', 'clusterSummary']) {
      assert.ok(all.has(`dolphindb.${id}`), id);
    }
  });

  it('streams the log of ddb-ha-dn-0-0 container dolphindb, then stops it', async () => {
    const { context } = await session();
    const r = await run('podLogs', { context, namespace: HA_NS, pod: 'ddb-ha-dn-0-0', container: 'dolphindb', tailLines: 100, waitLines: 1, waitMs: 60_000 });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.container, 'dolphindb');
    assert.ok(Number(r.lineCount) > 0, `no lines: ${JSON.stringify(r)}`);
    const stopped = await vscode.commands.executeCommand<Result>('dolphindb.stopLogs', { id: r.id });
    assert.equal(stopped.ok, true);
    assert.ok((stopped.lines as string[]).length > 0);
  });

  it('defaults to the DolphinDB container and refuses an unknown one', async () => {
    const { context } = await session();
    const r = await run('podLogs', { context, namespace: HA_NS, pod: 'ddb-ha-dn-0-0', follow: false, tailLines: 5 });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.container, 'dolphindb');
    await vscode.commands.executeCommand('dolphindb.stopLogs', { id: r.id });
    const bad = await run('podLogs', { context, namespace: HA_NS, pod: 'ddb-ha-dn-0-0', container: 'nope', follow: false });
    assert.equal(bad.ok, false);
    assert.match(String(bad.reason), /nope/);
  });

  it('merges the cluster log with [dn-0] prefixes', async () => {
    const { context } = await session();
    const r = await run('clusterLogs', { context, namespace: HA_NS, name: 'ha', role: 'dn', tailLines: 50, waitLines: 6, waitMs: 60_000, source: 'console' });
    assert.equal(r.ok, true, JSON.stringify(r));
    const stopped = await vscode.commands.executeCommand<Result>('dolphindb.stopLogs', { id: r.id });
    const all = [...(r.lines as string[]), ...(stopped.lines as string[])];
    assert.ok(all.some((x) => x.startsWith('[dn-0] ')), `no [dn-0] line in ${JSON.stringify(all.slice(0, 5))}`);
    assert.ok(all.every((x) => /^\[dn-\d+\] /.test(x)), 'only data node lines');
  });

  it('port-forwards to a data node of ha, lists it in the Port forwards view, and stops it', async () => {
    const { context, http } = await session();
    // A local echo server stands in for DolphinDB behind the pod's port.
    const server = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const target = (server.address() as net.AddressInfo).port;
    const routed = (await Promise.all([0, 1, 2].map((i) => routeForward(http, `ddb-ha-dn-${i}-0`, target)))).every((x) => x);
    try {
      const r = await run('portForward', { context, namespace: HA_NS, name: 'ha', role: 'dn', localPort: 0 });
      assert.equal(r.ok, true, JSON.stringify(r));
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
      const stopped = await vscode.commands.executeCommand<Result>('dolphindb.stopPortForward', { key: r.key });
      assert.equal(stopped.ok, true);
      assert.ok(!(await viewItems()).some((i) => i.key === r.key));
    } finally {
      server.close();
      for (const i of [0, 1, 2]) await http.request(`/apis/kwok.x-k8s.io/v1alpha1/namespaces/${HA_NS}/portforwards/ddb-ha-dn-${i}-0`, { method: 'DELETE' });
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

  it('diagnoses ha into a Markdown report', async () => {
    const { context } = await session();
    const r = await run('diagnose', { context, namespace: HA_NS, name: 'ha' });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.match(String(r.text), /^# /);
    assert.ok(Array.isArray(r.findings));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
    assert.ok(doc, 'the report is open');
  });

  it('reports the events of ha', async () => {
    const { context } = await session();
    const r = await run('events', { context, namespace: HA_NS, name: 'ha' });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(Number(r.count) > 0, String(r.text));
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
});

// Inside a real VS Code, as a read-only user: a service account with the built-in `view` role
// plus read access to DolphinDB objects, whose token the API server issues. The tree shows the
// clusters, and on every node kind (context, namespace, suite, cluster, role, instance, pod,
// ConfigMap) the write actions stay hidden once the API server's SelfSubjectAccessReviews (one
// per verb the action needs) have answered no; a write tried anyway (a scripted command) reports
// "forbidden: patch …" and changes nothing. Back on the admin kubeconfig the same nodes offer
// their write actions again, per verb, which shows the hiding comes from the reviews.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { KubeHttp } from '../../src/core/k8s/http';
import { api, until } from './util';

const NS = 'dolphindb';
const SA = 'ddb-ro-viewer';
/** A suite is recognised by its env ConfigMap's label; this one makes a suite node appear. */
const SUITE_MARKER = 'ddb-ro-suite-marker';
/** Every permission token a tree item can carry (src/core/k8s/accessVerbs.ts). */
const WRITE_TOKENS =
  /;(edit|delete|restart|services|volumes|license|createCluster|suiteInstall|suiteUninstall|coreDumps|exec|backupCreate);/;
const EXPANDED = new Set(['context', 'namespace', 'suite', 'cluster', 'role', 'instance']);
type Result = { ok: boolean } & Record<string, unknown>;

async function adminSession(): Promise<{ context: string; http: KubeHttp }> {
  const a = await api();
  return until('a connected admin session', () => {
    const ex = a.kube.explorer;
    const s = ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext) : undefined;
    return s && ex && !ex.currentContext.includes(SA) ? { context: ex.currentContext, http: s.http } : undefined;
  });
}

/** The tree's node for cluster `name`, searched through the provider the view uses. */
async function clusterNode(name: string): Promise<ExplorerNode | undefined> {
  const { tree } = await api();
  const walk = (nodes: ExplorerNode[], depth: number): ExplorerNode | undefined => {
    for (const n of nodes) {
      if (n.kind === 'cluster' && n.label === name) return n;
      if (depth < 3 && (n.kind === 'context' || n.kind === 'namespace')) {
        const hit = walk(tree.getChildren(n), depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(tree.getChildren(undefined), 0);
}

/** contextValue of every node of the context's tree (down to containers and ConfigMaps), by kind, once the reviews answered. */
async function menusOf(context: string): Promise<Map<string, string[]>> {
  const a = await api();
  const collect = (): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    const visit = (nodes: ExplorerNode[], depth: number): void => {
      for (const n of nodes) {
        if (n.kind === 'message') continue;
        const cv = String(a.tree.getTreeItem(n).contextValue);
        out.set(n.kind, [...(out.get(n.kind) ?? []), cv]);
        if (depth < 6 && EXPANDED.has(n.kind)) visit(a.tree.getChildren(n), depth + 1);
      }
    };
    visit(
      a.tree.getChildren(undefined).filter((n) => n.kind === 'context' && n.label === context),
      0,
    );
    return out;
  };
  // Each pass may find nodes the previous one had not (caches filling); their reviews are asked
  // by rendering them, so the last pass renders nodes whose answers are all in.
  for (let pass = 0; pass < 2; pass++) {
    collect();
    await a.permissions.settled();
  }
  return collect();
}

async function contextValueOf(name: string): Promise<string | undefined> {
  const { tree } = await api();
  const n = await clusterNode(name);
  return n ? tree.getTreeItem(n).contextValue : undefined;
}

describe('DolphinDB as a read-only user in VS Code', function () {
  this.timeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ro-'));
  const config = vscode.workspace.getConfiguration('dolphindbK8s');
  let admin: KubeHttp;

  before(async () => {
    admin = (await adminSession()).http;
    const post = async (p: string, body: unknown): Promise<void> => {
      const r = await admin.request(p, { method: 'POST', body });
      assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
    };
    await post(`/api/v1/namespaces/${NS}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SA } });
    await post(`/api/v1/namespaces/${NS}/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: SUITE_MARKER, labels: { 'dolphindb.io/component.config': 'config' } },
      data: {},
    });
    await post('/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: SA },
      rules: [
        { apiGroups: ['dolphindb.dolphindb.io'], resources: ['dolphindbs'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list'] },
      ],
    });
    for (const role of ['view', SA]) {
      await post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `${SA}-${role}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'ServiceAccount', name: SA, namespace: NS }],
      });
    }
    const tr = await admin.request<{ status: { token: string } }>(`/api/v1/namespaces/${NS}/serviceaccounts/${SA}/token`, {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
    });
    assert.ok(tr.ok, tr.ok ? '' : tr.error.reason);
    const kc = new KubeConfig();
    kc.loadFromFile(String(process.env.KUBECONFIG));
    const cluster = kc.getCurrentCluster();
    assert.ok(cluster);
    const caData = cluster.caData ?? (cluster.caFile ? fs.readFileSync(cluster.caFile).toString('base64') : undefined);
    const file = path.join(tmp, 'readonly.yaml');
    fs.writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'ground', cluster: { server: cluster.server, 'certificate-authority-data': caData } }],
        users: [{ name: SA, user: { token: tr.value.status.token } }],
        contexts: [{ name: SA, context: { cluster: 'ground', user: SA, namespace: NS } }],
        'current-context': SA,
      }),
      { mode: 0o600 },
    );
    await config.update('kubeconfigPaths', [file], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config.update('kubeconfigPaths', undefined, vscode.ConfigurationTarget.Global);
    for (const p of [
      `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${SA}-view`,
      `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${SA}-${SA}`,
      `/apis/rbac.authorization.k8s.io/v1/clusterroles/${SA}`,
      `/api/v1/namespaces/${NS}/serviceaccounts/${SA}`,
      `/api/v1/namespaces/${NS}/configmaps/${SUITE_MARKER}`,
    ]) {
      await admin.request(p, { method: 'DELETE' });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the clusters but no write action on any node kind, and refuses a scripted write with the verb and resource', async () => {
    const a = await api();
    await until('the read-only context connected', () => {
      const ex = a.kube.explorer;
      return ex && ex.currentContext === SA && ex.stateOf(SA).s === 'ready' ? true : undefined;
    });
    await until('cluster single in the tree', () => contextValueOf('single'));
    const menus = await until('context, suite, cluster, role, instance, container and ConfigMap nodes', async () => {
      const m = await menusOf(SA);
      return ['context', 'suite', 'cluster', 'role', 'instance', 'container', 'configmap'].every((k) => m.has(k)) ? m : undefined;
    });
    for (const [kind, values] of menus) {
      for (const v of values) assert.ok(!WRITE_TOKENS.test(v), `${kind}: write actions hidden: ${v}`);
    }
    const single = await contextValueOf('single');
    assert.match(String(single), /^cluster;.*;showYaml;/, 'read actions stay');

    const before = await admin.request<{ spec: { datanode?: { replicas?: number } } }>(
      `/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs/single`,
    );
    assert.ok(before.ok);
    const r = await vscode.commands.executeCommand<Result>('dolphindbK8s.scaleCluster', {
      context: SA,
      namespace: NS,
      name: 'single',
      role: 'datanode',
      replicas: 5,
      confirm: true,
    });
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(r.kind, 'forbidden', JSON.stringify(r));
    assert.match(String(r.reason), /forbidden: patch dolphindbs/i);
    assert.equal(r.changed, false);
    const now = await admin.request<{ spec: { datanode?: { replicas?: number } } }>(
      `/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs/single`,
    );
    assert.ok(now.ok);
    assert.deepEqual(now.value.spec.datanode?.replicas, before.value.spec.datanode?.replicas, 'nothing changed');
  });

  it('offers the write actions again on the admin kubeconfig, per verb and node kind', async () => {
    await config.update('kubeconfigPaths', undefined, vscode.ConfigurationTarget.Global);
    const { context } = await adminSession();
    const cv = await until('write actions offered to the admin', async () => {
      const v = await contextValueOf('single');
      return v && /;delete;/.test(v) ? v : undefined;
    });
    for (const token of ['edit', 'restart', 'volumes', 'license']) assert.match(cv, new RegExp(`;${token};`));
    const menus = await until('admin tokens on context, suite and instance nodes', async () => {
      const m = await menusOf(context);
      const has = (kind: string, re: RegExp): boolean => (m.get(kind) ?? []).some((v) => re.test(v));
      return has('context', /;createCluster;/) && has('suite', /;suiteUninstall;/) && has('instance', /;services;/)
        ? m
        : undefined;
    });
    assert.ok(
      (menus.get('suite') ?? []).every((v) => /;coreDumps;/.test(v)),
      JSON.stringify(menus.get('suite')),
    );
    assert.ok(
      (menus.get('instance') ?? []).every((v) => /;restart;/.test(v) && /;edit;/.test(v)),
      JSON.stringify(menus.get('instance')),
    );
  });
});

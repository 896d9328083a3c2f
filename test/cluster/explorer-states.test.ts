// Empty and error states of the explorer against the real control plane: unreachable server,
// a stopped (unresponsive) API server, a namespace-scoped user, a user with no rights, no
// clusters, and an API server restart during watches.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { Explorer } from '../../src/core/explorer/explorer';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS } from '../../src/core/k8s/resources';
import { readState, restartComponent, writeUserKubeconfig } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, fixture, groundKubeconfig, loadGroundConfig, remove, waitFor } from './lib';

const groundDir = process.env.DDB_GROUND_DIR as string;
const http = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-states-'));
// Every explorer a test makes is disposed in after(), even when an assertion fails first.
const made: Explorer[] = [];
function track(e: Explorer): Explorer {
  made.push(e);
  return e;
}

function configFrom(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

function texts(nodes: ExplorerNode[]): string[] {
  return nodes.map((n) => `${n.kind}:${n.label}`);
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('explorer states', () => {
  before(async () => {
    assert.ok(groundDir, 'DDB_GROUND_DIR is set by the ground');
    await ensureNamespace(http, 'dolphindb');
    const [cr] = fixture('valid/01-standalone.yaml');
    cr.metadata = { name: 'states-solo', namespace: 'dolphindb' };
    await apply(http, cr);
    await ensureNamespace(http, 'states-other');
    const [cr2] = fixture('valid/01-standalone.yaml');
    cr2.metadata = { name: 'states-hidden', namespace: 'states-other' };
    await apply(http, cr2);
  });
  after(async () => {
    made.forEach((e) => e.dispose());
    await remove(http, KINDS.dolphindb, 'states-solo', 'dolphindb');
    await remove(http, KINDS.dolphindb, 'states-hidden', 'states-other');
    http.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports an unreachable server quickly, with a Retry item', async () => {
    const port = await closedPort();
    const text = fs
      .readFileSync(groundKubeconfig(), 'utf8')
      .replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`);
    const file = path.join(tmp, 'closed.yaml');
    fs.writeFileSync(file, text);
    const ex = track(new Explorer(configFrom(file), { requestTimeoutMs: 3000, debounceMs: 10 }));
    const t0 = Date.now();
    const st = await ex.connect(ex.currentContext);
    assert.ok(Date.now() - t0 < 3000, 'answered within the timeout');
    assert.equal(st.s, 'error');
    if (st.s === 'error') {
      assert.equal(st.failure.kind, 'unreachable');
      assert.match(st.failure.reason, /nothing is listening/);
    }
    const kids = ex.children(ex.roots()[0]);
    assert.equal(kids.length, 1);
    assert.ok(kids[0].caps.includes('retry'));
    assert.equal(kids[0].action?.name, 'retry');
    ex.dispose();
  });

  it('gives up on an API server that does not answer within the configured time', async () => {
    const st0 = readState(groundDir);
    const pid = st0.components['kube-apiserver'].pid;
    assert.ok(pid);
    const ex = track(new Explorer(loadGroundConfig(), { requestTimeoutMs: 1500, debounceMs: 10 }));
    process.kill(pid, 'SIGSTOP');
    try {
      const t0 = Date.now();
      const st = await ex.connect(ex.currentContext);
      const took = Date.now() - t0;
      assert.equal(st.s, 'error');
      if (st.s === 'error') assert.equal(st.failure.kind, 'timeout');
      assert.ok(took < 4000, `bounded: ${took} ms`);
    } finally {
      process.kill(pid, 'SIGCONT');
      ex.dispose();
    }
  });

  it('works inside its namespace for a namespace-scoped user and shows what was refused', async () => {
    const file = writeUserKubeconfig(groundDir, 'ns-user', 'dolphindb');
    const ex = track(new Explorer(configFrom(file), { debounceMs: 10 }));
    const st = await ex.connect(ex.currentContext);
    assert.equal(st.s, 'ready', JSON.stringify(st));
    const probe = ex.session(ex.currentContext)?.probed;
    assert.deepEqual(probe?.scope, { all: false, namespaces: ['dolphindb'] });
    const kids = ex.children(ex.roots()[0]);
    const labels = texts(kids);
    assert.ok(
      labels.some((l) => /message:Forbidden: list pods \(\(all namespaces\)\)/.test(l)),
      labels.join('\n'),
    );
    assert.ok(labels.includes('cluster:states-solo'), labels.join('\n'));
    assert.ok(!labels.some((l) => l.includes('states-hidden')), 'clusters in other namespaces stay hidden');
    ex.dispose();
  });

  it('shows the refusal, not an empty tree, for a user with no rights', async () => {
    const file = writeUserKubeconfig(groundDir, 'nobody-user', 'dolphindb');
    const ex = track(new Explorer(configFrom(file), { debounceMs: 10 }));
    const st = await ex.connect(ex.currentContext);
    assert.equal(st.s, 'ready');
    const labels = texts(ex.children(ex.roots()[0]));
    assert.ok(
      labels.some((l) => l.includes('Forbidden: list pods')),
      labels.join('\n'),
    );
    assert.ok(
      labels.some((l) => l.includes('Forbidden: list namespaces')),
      labels.join('\n'),
    );
    ex.dispose();
  });

  it('offers Create cluster when the CRD exists but a namespace has no cluster', async () => {
    await ensureNamespace(http, 'states-empty');
    await apply(http, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'ns-user-edit', namespace: 'states-empty' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'User', name: 'ns-user', apiGroup: 'rbac.authorization.k8s.io' }],
    } as never);
    const file = writeUserKubeconfig(groundDir, 'ns-user', 'states-empty');
    const ex = track(new Explorer(configFrom(file), { debounceMs: 10, fallbackNamespaces: ['states-empty'] }));
    const st = await ex.connect(ex.currentContext);
    assert.equal(st.s, 'ready');
    const kids = ex.children(ex.roots()[0]);
    const empty = kids.find((k) => k.id.endsWith('msg:noclusters'));
    assert.ok(empty, texts(kids).join('\n'));
    assert.equal(empty.action?.name, 'createCluster');
    ex.dispose();
  });

  it('shows a refused DolphinDB list as Forbidden, not as an error, and keeps the rest', async () => {
    await ensureNamespace(http, 'states-view');
    // The built-in `view` role covers pods and services but not custom resources.
    await apply(http, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'ns-user-view', namespace: 'states-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'ns-user', apiGroup: 'rbac.authorization.k8s.io' }],
    } as never);
    const file = writeUserKubeconfig(groundDir, 'ns-user', 'states-view');
    const ex = track(new Explorer(configFrom(file), { debounceMs: 10, fallbackNamespaces: ['states-view'] }));
    const st = await ex.connect(ex.currentContext);
    assert.equal(st.s, 'ready', JSON.stringify(st));
    const labels = texts(ex.children(ex.roots()[0]));
    assert.ok(
      labels.some((l) => l.includes('Forbidden: list dolphindbs.dolphindb.dolphindb.io (states-view)')),
      labels.join('\n'),
    );
    assert.ok(
      !labels.some((l) => l.includes('No DolphinDB clusters yet')),
      `a refused list is not "no clusters":\n${labels.join('\n')}`,
    );
    ex.dispose();
  });

  it('survives an API server restart during watches and shows changes made after it', async () => {
    const ex = track(new Explorer(loadGroundConfig(), { debounceMs: 10, requestTimeoutMs: 3000 }));
    assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
    const ctx = ex.currentContext;
    const sawDisconnect = new Promise<void>((resolve) => {
      const sub = ex.onDidChange(() => {
        if (ex.session(ctx)?.connection().state === 'disconnected') {
          sub.dispose();
          resolve();
        }
      });
    });
    await restartComponent(groundDir, 'kube-apiserver', { downMs: 1500 });
    await sawDisconnect;
    // While down the last known clusters stayed in the tree.
    const [cr] = fixture('valid/01-standalone.yaml');
    cr.metadata = { name: 'states-after-restart', namespace: 'dolphindb' };
    await apply(http, cr);
    await waitFor(
      'the cluster created after the restart',
      () => {
        const flat = ex.children(ex.roots()[0]).flatMap((n) => (n.kind === 'namespace' ? ex.children(n) : [n]));
        return flat.some((n) => n.label === 'states-after-restart');
      },
      30000,
    );
    await waitFor('connection back to synced', () => ex.session(ctx)?.connection().state === 'synced', 30000);
    await remove(http, KINDS.dolphindb, 'states-after-restart', 'dolphindb');
    ex.dispose();
  });
});

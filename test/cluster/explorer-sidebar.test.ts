// The side bar's rows against the real control plane: cluster rows lead with phase and ready
// counts, an instance holds its pod's containers directly (a container is one level closer),
// instance rows carry the state tokens the menus match (paused/running, hasService/noService),
// and the events group counts what it lists, is re-drawn when events arrive, and does not warn
// about events whose object is healthy again.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import { clusterNodeId } from '../../src/core/explorer/ids';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS, type KubeObject } from '../../src/core/k8s/resources';
import type { SimOperator } from '../sim-operator/operator';
import {
  adminHttp,
  apply,
  ensureNamespace,
  ensureSuiteLicense,
  fixture,
  list,
  loadGroundConfig,
  remove,
  simSuffix,
  startOperator,
  waitFor,
} from './lib';

const NS = `explorer-sidebar${simSuffix()}`;
const NAME = 'side';
const http = adminHttp();
let op: SimOperator;
let explorer: Explorer;

function clusterCr(instances: { controller?: object; datanode?: object } = {}): KubeObject {
  const [cr] = fixture('valid/02-singlecontroller.yaml');
  cr.metadata = { name: NAME, namespace: NS };
  const spec = cr.spec as Record<string, Record<string, unknown>>;
  if (instances.controller) spec.controller.instances = instances.controller;
  if (instances.datanode) spec.datanode.instances = instances.datanode;
  return cr;
}

/** The path from a root to the cluster node (context, maybe a namespace, the cluster). */
function clusterPath(): ExplorerNode[] | undefined {
  const root = explorer.roots()[0];
  if (!root) return undefined;
  for (const k of explorer.children(root)) {
    if (k.kind === 'cluster' && k.label === NAME) return [root, k];
    if (k.kind === 'namespace' && k.label === NS) {
      const c = explorer.children(k).find((n) => n.kind === 'cluster' && n.label === NAME);
      if (c) return [root, k, c];
    }
  }
  return undefined;
}

function cluster(): ExplorerNode | undefined {
  return clusterPath()?.at(-1);
}

function instances(role: string): ExplorerNode[] {
  const c = cluster();
  const r = c ? explorer.children(c).find((k) => k.kind === 'role' && k.label === role) : undefined;
  return r ? explorer.children(r) : [];
}

function instance(name: string): ExplorerNode | undefined {
  return [...instances('Controllers'), ...instances('Data nodes')].find((i) => i.label === name);
}

/** Resolves when the model reports this cluster changed; rejects after `ms`. */
function clusterChanged(ms: number): Promise<void> {
  const id = clusterNodeId(explorer.currentContext, NS, NAME);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no change reported for ${id} within ${ms} ms`));
    }, ms);
    const sub = explorer.onDidChange((ids) => {
      if (!ids || ids.includes(id)) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Waits until the model has reported nothing about the cluster for `quietMs`. */
async function quiet(quietMs: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await clusterChanged(quietMs);
    } catch {
      return;
    }
  }
  throw new Error('the cluster never went quiet');
}

let eventSeq = 0;
async function event(kind: string, object: string, type: 'Warning' | 'Normal', reason: string, when: Date): Promise<string> {
  const name = `${NAME}-side-${Date.now()}-${eventSeq++}`;
  await apply(http, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: NS },
    involvedObject: { kind, name: object, namespace: NS },
    type,
    reason,
    message: `${reason} (from the side bar test)`,
    firstTimestamp: when.toISOString(),
    lastTimestamp: when.toISOString(),
    count: 1,
    source: { component: 'explorer-sidebar-test' },
  } as KubeObject);
  return name;
}

function eventsOf(): { group: ExplorerNode; rows: ExplorerNode[] } {
  const c = cluster();
  assert.ok(c, 'cluster listed');
  const group = explorer.children(c).find((k) => k.kind === 'events');
  assert.ok(group, 'events group');
  return { group, rows: explorer.children(group) };
}

describe('the side bar on the real control plane', { timeout: 240_000 }, () => {
  before(async () => {
    op = await startOperator();
    await ensureSuiteLicense(http);
    await ensureNamespace(http, NS);
    // Events of an earlier run in this namespace would be counted too; start clean.
    for (const e of await list(http, KINDS.event, NS)) await remove(http, KINDS.event, e.metadata.name, NS);
    await apply(http, clusterCr());
    explorer = new Explorer(loadGroundConfig(), { debounceMs: 20 });
    assert.equal((await explorer.connect(explorer.currentContext)).s, 'ready');
  });
  after(async () => {
    explorer?.dispose();
    await remove(http, KINDS.dolphindb, NAME, NS);
    await op?.stop();
    http.dispose();
  });

  it('a cluster row leads with its phase and ready counts; the topology is in the tooltip', async () => {
    const c = await waitFor(
      'cluster Available with every role ready',
      () => {
        const n = cluster();
        return n && /^Available · ctr 1\/1 dn 2\/2 cn 1\/1/.test(n.description ?? '') ? n : undefined;
      },
      90_000,
    );
    assert.doesNotMatch(c.description ?? '', /cluster\//);
    assert.match(c.tooltip ?? '', /Mode: cluster\/singlecontroller/);
    assert.match(c.tooltip ?? '', /Ready: ctr 1\/1 · dn 2\/2 · cn 1\/1/);
  });

  it('an instance holds its containers directly: no pod level in between', async () => {
    const dn0 = await waitFor('dn-0 with its pod', () => {
      const n = instance(`ddb-${NAME}-dn-0`);
      return n?.podRef ? n : undefined;
    });
    assert.equal(dn0.podRef?.name, `ddb-${NAME}-dn-0-0`);
    // Resource use follows where the ground's metrics-server has sampled the pod already.
    assert.match(dn0.description ?? '', /^Ready · (\d+)\/\1 · \d+[smh]( · CPU \S+ · Mem \S+( \(\d+%\))?)?$/);
    assert.match(dn0.tooltip ?? '', new RegExp(`Pod: ddb-${NAME}-dn-0-0`));
    assert.ok(dn0.caps.includes('podYaml') && dn0.caps.includes('copyPodName'), dn0.caps.join(','));
    const kids = explorer.children(dn0);
    assert.ok(kids.length > 0);
    assert.deepEqual([...new Set(kids.map((k) => k.kind))], ['container']);
    const server = kids.find((k) => k.caps.includes('logs'));
    assert.ok(server, 'an app container offers logs');
    assert.ok(server.image && server.caps.includes('copyImage'), 'and its image to copy');
    // context › [namespace] › cluster › role › instance › container
    const depth = (clusterPath()?.length ?? 0) + 3;
    assert.ok(depth <= 6, `a container is ${depth} levels deep`);
  });

  it('instance rows say running or paused, and with or without their own Service, as the spec does', async () => {
    const states = (n: string): string => (instance(n)?.states ?? []).join(',');
    await waitFor('all running, none with a Service', () =>
      [`ddb-${NAME}-ctr-0`, `ddb-${NAME}-dn-0`, `ddb-${NAME}-dn-1`].every((n) => states(n) === 'running,noService'),
    );
    await apply(http, clusterCr({ controller: { '0': { service: {} } }, datanode: { '1': { paused: true } } }));
    await waitFor('dn-1 paused, ctr-0 with a Service', () => states(`ddb-${NAME}-dn-1`) === 'paused,noService' || undefined);
    assert.equal(states(`ddb-${NAME}-dn-0`), 'running,noService');
    await waitFor('ctr-0 with its Service', () => states(`ddb-${NAME}-ctr-0`) === 'running,hasService' || undefined);
    await apply(http, clusterCr());
    await waitFor('dn-1 running again, ctr-0 without a Service', () =>
      [`ddb-${NAME}-ctr-0`, `ddb-${NAME}-dn-1`].every((n) => states(n) === 'running,noService'),
    );
  });

  it('counts the events it lists, re-drawn when they arrive, and does not warn about resolved ones', async () => {
    await waitFor('cluster Available again', () => /^Available · ctr 1\/1 dn 2\/2/.test(cluster()?.description ?? ''), 90_000);
    await waitFor(
      'every instance Ready',
      () =>
        [...instances('Controllers'), ...instances('Data nodes')].every((i) => /^(leader · )?Ready/.test(i.description ?? '')),
      60_000,
    ).catch((e: Error) => {
      throw new Error(
        `${e.message}: ${[...instances('Controllers'), ...instances('Data nodes')].map((i) => `${i.label} ${i.description}`).join('; ')}`,
      );
    });
    eventsOf(); // opens the events watch, as expanding the cluster in the view does
    await quiet(1500);
    // Old provisioning trouble of objects that are healthy now: the pod, the DolphinDB object.
    const hourAgo = new Date(Date.now() - 3600_000);
    const arrived = clusterChanged(10_000);
    const mine = [
      await event('Pod', `ddb-${NAME}-dn-0-0`, 'Warning', 'FailedScheduling', hourAgo),
      await event('DolphinDB', NAME, 'Warning', 'ReconcileFailed', hourAgo),
    ];
    const rowOf = (rows: ExplorerNode[], name: string): ExplorerNode | undefined => rows.find((r) => r.id.endsWith(`/${name}`));
    await arrived;
    const healthy = await waitFor('both old warnings listed', () => {
      const e = eventsOf();
      return mine.every((n) => rowOf(e.rows, n)) ? e : undefined;
    });
    assert.equal(healthy.group.description?.split(' · ')[0], String(healthy.rows.length), 'the count is what is listed');
    assert.notEqual(healthy.group.icon, 'warning', `no warning for resolved events: ${healthy.group.description}`);
    const fs = rowOf(healthy.rows, mine[0]);
    assert.equal(fs?.label, `pod/ddb-${NAME}-dn-0-0 · FailedScheduling`);
    assert.ok(fs);
    assert.equal(rowOf(healthy.rows, mine[1])?.icon, 'resolved');
    assert.equal(fs.icon, 'resolved');
    assert.match(fs.description ?? '', /^resolved/);
    // A warning from now on a Ready pod still matters.
    const later = clusterChanged(10_000);
    const liveName = await event('Pod', `ddb-${NAME}-dn-1-0`, 'Warning', 'Unhealthy', new Date());
    await later;
    const live = await waitFor('the live warning counted', () => {
      const e = eventsOf();
      return e.group.icon === 'warning' ? e : undefined;
    });
    assert.equal(live.group.description, `${live.rows.length} · 1 warnings`);
    assert.ok(live.rows[0].id.endsWith(`/${liveName}`), 'live warnings come first');
    assert.equal(live.rows[0].label, `pod/ddb-${NAME}-dn-1-0 · Unhealthy`);
    assert.equal(live.rows[0].icon, 'warning');
  });
});

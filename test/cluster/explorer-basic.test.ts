// The first vertical slice against the real control plane: a DolphinDB object created in the
// API server appears in the explorer model with the phase the simulated operator writes.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS } from '../../src/core/k8s/resources';
import {
  adminHttp,
  apply,
  ensureNamespace,
  ensureSuiteLicense,
  fixture,
  loadGroundConfig,
  remove,
  simServerContainer,
  simSuffix,
  startOperator,
  waitFor,
} from './lib';
import type { SimOperator } from '../sim-operator/operator';

const NS = `explorer-basic${simSuffix()}`;
const http = adminHttp();
let op: SimOperator;
let explorer: Explorer;

function find(nodes: ExplorerNode[], pred: (n: ExplorerNode) => boolean): ExplorerNode | undefined {
  return nodes.find(pred);
}

describe('explorer on the real control plane', () => {
  before(async () => {
    op = await startOperator();
    await ensureSuiteLicense(http);
    await ensureNamespace(http, NS);
    const [cr] = fixture('valid/02-singlecontroller.yaml');
    cr.metadata.name = 'basic';
    cr.metadata.namespace = NS;
    await apply(http, cr);
    explorer = new Explorer(loadGroundConfig(), { debounceMs: 20 });
  });
  after(async () => {
    explorer?.dispose();
    await remove(http, KINDS.dolphindb, 'basic', NS);
    await op?.stop();
    http.dispose();
  });

  it('connects to the current context and lists the cluster with the operator-written phase', async () => {
    const st = await explorer.connect(explorer.currentContext);
    assert.equal(st.s, 'ready');
    const cluster = await waitFor(
      'cluster node Available',
      () => {
        const roots = explorer.roots();
        const kids = explorer.children(roots[0]);
        const flat = kids.flatMap((k) => (k.kind === 'namespace' ? explorer.children(k) : [k]));
        const c = find(flat, (n) => n.kind === 'cluster' && n.label === 'basic');
        return c && /Available/.test(c.description ?? '') ? c : undefined;
      },
      60000,
    );
    // Phase and ready counts lead the row; the topology moved to the tooltip.
    assert.match(cluster.description ?? '', /^Available · ctr 1\/1/);
    assert.doesNotMatch(cluster.description ?? '', /singlecontroller/);
    assert.match(cluster.tooltip ?? '', /cluster\/singlecontroller/);
    assert.equal(cluster.tone, 'ok');
    assert.equal(cluster.icon, 'cluster');
  });

  it('expands the cluster into roles, instances (their pod folded in) and containers from the cache', async () => {
    const roots = explorer.roots();
    const flat = explorer.children(roots[0]).flatMap((k) => (k.kind === 'namespace' ? explorer.children(k) : [k]));
    const cluster = flat.find((n) => n.kind === 'cluster' && n.label === 'basic');
    assert.ok(cluster);
    const kids = explorer.children(cluster);
    assert.deepEqual(
      kids.map((k) => k.kind),
      ['role', 'role', 'role', 'services', 'pvcs', 'configmap', 'events'],
    );
    const dn = kids.find((k) => k.kind === 'role' && k.label === 'Data nodes');
    assert.ok(dn);
    const instances = explorer.children(dn);
    assert.deepEqual(
      instances.map((i) => i.label),
      ['ddb-basic-dn-0', 'ddb-basic-dn-1'],
    );
    assert.equal(instances[0].podRef?.name, 'ddb-basic-dn-0-0');
    const containers = explorer.children(instances[0]);
    assert.ok(
      containers.every((c) => c.kind === 'container'),
      containers.map((c) => c.kind).join(','),
    );
    assert.ok(
      containers.some((c) => c.label === simServerContainer('datanode')),
      containers.map((c) => c.label).join(','),
    );
    const services = explorer.children(kids.find((k) => k.kind === 'services'));
    assert.ok(services.some((s) => s.label === 'ddb-basic-ctr-inner'));
    assert.ok(services.some((s) => s.label === 'ddb-basic-dn' && /NodePort/.test(s.description ?? '')));
    const pvcs = await waitFor('bound PVCs', () => {
      const list = explorer.children(explorer.children(cluster).find((k) => k.kind === 'pvcs'));
      return list.some((p) => p.label === 'data-ddb-basic-dn-0-0' && /Bound/.test(p.description ?? '')) ? list : undefined;
    });
    assert.ok(pvcs.every((p) => p.kind === 'pvc'));
    const events = await waitFor('events of the cluster', () => {
      const list = explorer.children(explorer.children(cluster).find((k) => k.kind === 'events'));
      return list.some((e) => e.kind === 'event') ? list : undefined;
    });
    assert.ok(
      events.some((e) => /Created/.test(e.label)),
      events.map((e) => e.label).join('\n'),
    );
    const cm = kids.find((k) => k.kind === 'configmap');
    assert.equal(cm?.label, 'ddb-basic');
  });

  it('reflects a status change written to the API server', async () => {
    const changed = new Promise<readonly string[] | undefined>((resolve) => {
      const sub = explorer.onDidChange((ids) => {
        if (!ids || ids.some((i) => i.includes(`/ddb:${NS}/basic`))) {
          sub.dispose();
          resolve(ids);
        }
      });
    });
    const cr = fixture('valid/02-singlecontroller.yaml')[0];
    cr.metadata.name = 'basic';
    cr.metadata.namespace = NS;
    (cr.spec as { datanode: { replicas: number } }).datanode.replicas = 3;
    await apply(http, cr);
    await changed;
    await waitFor(
      'three data nodes ready',
      () => {
        const flat = explorer.children(explorer.roots()[0]).flatMap((k) => (k.kind === 'namespace' ? explorer.children(k) : [k]));
        const c = flat.find((n) => n.kind === 'cluster' && n.label === 'basic');
        return c && /dn 3\/3/.test(c.description ?? '') ? c : undefined;
      },
      60000,
    );
  });
});

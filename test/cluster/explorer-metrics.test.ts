// Resource use in the explorer against the real metrics API: metrics-server on the ground reads
// KWOK's simulated usage (set per container with annotations, test/ground/metrics.ts). A cluster
// of our own (a DolphinDB object and its pod, no operator: nothing here depends on a simulated
// operator's guesses) shows used/request/limit on the instance, container and role rows, turns to
// a warning near the memory limit, follows a change, stops reading while the view is hidden, and
// where the API is absent shows nothing and says so once.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import type { MetricsNotice } from '../../src/core/explorer/metrics';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS } from '../../src/core/k8s/resources';
import { setPodUsage } from '../ground/ground';
import { METRICS_RESOLUTION_S } from '../ground/metrics';
import {
  adminHttp,
  apply,
  ensureNamespace,
  groundDir,
  loadGroundConfig,
  remove,
  waitFor,
  waitMetricsApi,
  withoutMetricsApi,
} from './lib';

const NS = `metrics-${Date.now().toString(36)}`;
const CLUSTER = 'use';
const POD = `ddb-${CLUSTER}-dn-0-0`;
const http = adminHttp();
// A sample reflects a new usage after up to two resolutions (CPU is a rate over two scrapes).
const SETTLE_MS = (3 * METRICS_RESOLUTION_S + 15) * 1000;

function find(ex: Explorer, pred: (n: ExplorerNode) => boolean, from?: ExplorerNode, depth = 6): ExplorerNode | undefined {
  for (const n of ex.children(from)) {
    if (pred(n)) return n;
    if (depth > 0 && n.collapsible !== 'none' && n.kind !== 'events') {
      const hit = find(ex, pred, n, depth - 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

const ours = (n: ExplorerNode): boolean => n.ref?.namespace === NS || n.id.includes(NS);
const instanceRow = (ex: Explorer): ExplorerNode | undefined =>
  find(ex, (n) => n.kind === 'instance' && n.label === `ddb-${CLUSTER}-dn-0` && ours(n));

describe('resource use in the explorer (metrics-server on the ground)', () => {
  before(async () => {
    await waitMetricsApi(60_000);
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'dolphindb.dolphindb.io/v1',
      kind: 'DolphinDB',
      metadata: { name: CLUSTER, namespace: NS },
      spec: { mode: 'standalone', version: 'v3.00.2', storageClassName: 'standard', datanode: { replicas: 1, port: 32210 } },
    });
    await apply(http, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: POD, namespace: NS, labels: { 'dolphindb.io/dolphindb.name': CLUSTER } },
      spec: {
        containers: [
          {
            name: 'dolphindb',
            image: 'dolphindb/dolphindb:v3.00.2',
            resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
          },
        ],
      },
    });
    await setPodUsage(groundDir(), NS, POD, { cpu: '1250m', memory: '3584Mi' }, 'dolphindb');
  });

  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('shows used / request / limit on the instance, container and role rows; near the limit is a warning', async () => {
    const ex = new Explorer(loadGroundConfig(), { debounceMs: 10, metricsIntervalMs: 1000 });
    try {
      assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
      const inst = await waitFor(
        'the instance row with its resource use',
        () => {
          const n = instanceRow(ex);
          return n && /Mem 3\.5Gi/.test(n.description ?? '') ? n : undefined;
        },
        SETTLE_MS,
        250,
      );
      assert.match(inst.description ?? '', /CPU 1\.2\d\/500m\/2 · Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/);
      assert.equal(inst.tone, 'warning', '88% of the memory limit');
      assert.match(String(inst.tooltip), /dolphindb: CPU 1\.2\d \/ 500m \/ 2 · Mem 3\.5Gi \/ 2Gi \/ 4Gi/);
      const [container] = ex.children(inst);
      assert.equal(container.label, 'dolphindb');
      assert.match(container.description ?? '', /CPU 1\.2\d\/500m\/2 · Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/);
      assert.equal(container.tone, 'warning');
      const role = find(ex, (n) => n.kind === 'role' && ours(n));
      assert.ok(role);
      assert.match(role.description ?? '', /CPU 1\.2\d\/500m\/2 · Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/);
      const rows = ex.model.clusterUse(ex.currentContext, NS, CLUSTER);
      assert.deepEqual(
        rows.map((r) => [r.pod, r.container, r.use.memory.used]),
        [[POD, 'dolphindb', 3584 * 1024 * 1024]],
      );
      assert.equal(ex.model.metricsState(ex.currentContext), 'available');

      // A change in use reaches the row by itself.
      await setPodUsage(groundDir(), NS, POD, { memory: '1Gi' }, 'dolphindb');
      const calm = await waitFor(
        'the row to follow the new usage',
        () => {
          const n = instanceRow(ex);
          return n && /Mem 1Gi\/2Gi\/4Gi \(25%\)/.test(n.description ?? '') ? n : undefined;
        },
        SETTLE_MS,
        250,
      );
      assert.equal(calm.tone, 'ok');

      // Hidden: no more reads, so a change is not seen; shown again: it is.
      ex.model.setMetricsActive(false);
      await setPodUsage(groundDir(), NS, POD, { memory: '2Gi' }, 'dolphindb');
      await new Promise((r) => setTimeout(r, SETTLE_MS / 2));
      assert.match(instanceRow(ex)?.description ?? '', /Mem 1Gi\//, 'a hidden view reads nothing');
      ex.model.setMetricsActive(true);
      await waitFor(
        'the row to catch up once visible',
        () => /Mem 2Gi\/2Gi\/4Gi \(50%\)/.test(instanceRow(ex)?.description ?? ''),
        SETTLE_MS,
        250,
      );
    } finally {
      ex.dispose();
    }
  });

  it('where the metrics API is absent: no numbers, said once', async () => {
    await withoutMetricsApi(async () => {
      const ex = new Explorer(loadGroundConfig(), { debounceMs: 10, metricsIntervalMs: 500 });
      const notices: MetricsNotice[] = [];
      ex.model.onMetricsNotice((n) => notices.push(n.notice));
      try {
        assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
        await waitFor('the instance row', () => instanceRow(ex), 30_000);
        await waitFor('the absent notice', () => notices.length > 0, 30_000);
        // Expanding again and again asks nothing more and says nothing more.
        for (let i = 0; i < 5; i++) {
          assert.doesNotMatch(instanceRow(ex)?.description ?? '', /CPU|Mem/);
          await new Promise((r) => setTimeout(r, 600));
        }
        assert.deepEqual(notices, [{ s: 'absent' }]);
        assert.equal(ex.model.metricsState(ex.currentContext), 'absent');
        assert.deepEqual(ex.model.clusterUse(ex.currentContext, NS, CLUSTER), []);
      } finally {
        ex.dispose();
      }
    });
  });
});

// Runs inside code-server's extension host as the extensionTestsPath module (bench/vscode.ts).
// Measures, in the extension host process itself:
//   activateMs    extension.activate() from not active: loading dist/extension.js plus activate()
//   firstRowMs    from the start of activate() (the view is opened right after it) to the first cluster
//                 row the tree returns
//   allRowsMs     … to every cluster row (BENCH_CLUSTERS of them)
//   memory        RSS and V8 heap of this process after activation and after the tree is loaded
//   updateMs      a status written to the API server → the tree provider fires for that row and its
//                 TreeItem shows the new phase (the product's own debounce), 40 times
//   expandMs      a whole cluster expanded through the tree provider (events present), 300 times
// and writes them as JSON to BENCH_VSCODE_OUT.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath } from '../../src/core/k8s/resources';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { ExtensionApi } from '../../src/extension/main';

const EXT_ID = 'ddb-k8s-tools.dolphindb-kubernetes';
const MB = 1048576;

function clusterRows(a: ExtensionApi): ExplorerNode[] {
  const roots = a.tree.getChildren();
  if (roots.length === 0) return [];
  return a.tree
    .getChildren(roots[0])
    .flatMap((n) => (n.kind === 'namespace' ? a.tree.getChildren(n) : n.kind === 'cluster' ? [n] : []));
}

/** Heap and RSS after letting the host idle: the lowest of several samples, so garbage counts less. */
async function settledMemory(): Promise<{ rssMb: number; heapMb: number }> {
  let rss = Infinity;
  let heap = Infinity;
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const m = process.memoryUsage();
    rss = Math.min(rss, m.rss / MB);
    heap = Math.min(heap, m.heapUsed / MB);
  }
  return { rssMb: rss, heapMb: heap };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function expandAll(a: ExtensionApi, node: ExplorerNode): number {
  let events = 0;
  for (const k of a.tree.getChildren(node)) {
    a.tree.getTreeItem(k);
    if (k.kind === 'event') events++;
    if (k.collapsible !== 'none' && k.kind !== 'pod') events += expandAll(a, k);
  }
  return events;
}

async function expansions(a: ExtensionApi, rows: ExplorerNode[]): Promise<{ times: number[]; events: number }> {
  // the events watch opens on the first events expansion: open it and let it fill before timing
  let events = 0;
  const deadline = Date.now() + 60_000;
  while ((events = expandAll(a, rows[0])) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (events === 0) throw new Error('no events under the first cluster after 60 s');
  const times: number[] = [];
  events = 0;
  for (let i = 0; i < 300; i++) {
    const c = rows[(i * 7919) % rows.length];
    const t0 = performance.now();
    events += expandAll(a, c);
    times.push(performance.now() - t0);
  }
  return { times, events };
}

async function updates(a: ExtensionApi, rows: ExplorerNode[]): Promise<number[]> {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG ?? '');
  const http = new KubeHttp(kc, 60_000);
  const times: number[] = [];
  try {
    for (let i = 0; i < 40; i++) {
      const c = rows[(i * 104729) % rows.length];
      const ref = c.ref;
      if (!ref) throw new Error('cluster row without ref');
      const path = `${objectPath(KINDS.dolphindb, ref.name, ref.namespace)}/status`;
      // always a phase other than the current one, or the write changes nothing and no event comes
      const phase = String(a.tree.getTreeItem(c).description ?? '').includes('Progressing') ? 'Available' : 'Progressing';
      const seen = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`row ${ref.name} not updated after 30 s`)), 30_000);
        const sub = a.tree.onDidChangeTreeData((n) => {
          if ((!n || n.id === c.id) && String(a.tree.getTreeItem(c).description ?? '').includes(phase)) {
            clearTimeout(timer);
            sub.dispose();
            resolve();
          }
        });
      });
      const t0 = performance.now();
      const r = await http.request(path, {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { status: { phase } },
      });
      if (!r.ok) throw new Error(`status patch: ${r.error.reason}`);
      await seen;
      times.push(performance.now() - t0);
    }
    // leave every row Available, as the load made it
    for (let i = 0; i < 40; i++) {
      const ref = rows[(i * 104729) % rows.length].ref;
      if (ref)
        await http.request(`${objectPath(KINDS.dolphindb, ref.name, ref.namespace)}/status`, {
          method: 'PATCH',
          contentType: 'application/merge-patch+json',
          body: { status: { phase: 'Available' } },
        });
    }
  } finally {
    http.dispose();
  }
  return times;
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_VSCODE_OUT;
  const expected = Number(process.env.BENCH_CLUSTERS ?? 0);
  if (!out || !(expected > 0)) throw new Error('BENCH_VSCODE_OUT and BENCH_CLUSTERS must be set');
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
  if (!ext) throw new Error(`${EXT_ID} is not installed`);
  const wasActive = ext.isActive;
  const before = await settledMemory();
  const t0 = performance.now();
  const api = await ext.activate();
  const activateMs = performance.now() - t0;
  // no waiting here: the model may start loading at activation, and the clock runs from activate()
  const m = process.memoryUsage();
  const afterActivate = { rssMb: m.rss / MB, heapMb: m.heapUsed / MB };
  const t1 = t0;
  await vscode.commands.executeCommand('workbench.view.extension.dolphindbK8s');
  let firstRowMs: number | undefined;
  let rows = 0;
  for (;;) {
    rows = clusterRows(api).length;
    if (rows > 0 && firstRowMs === undefined) firstRowMs = performance.now() - t1;
    if (rows >= expected) break;
    if (performance.now() - t1 > 300_000) throw new Error(`only ${rows} of ${expected} cluster rows after 300 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const allRowsMs = performance.now() - t1;
  const loaded = await settledMemory();
  const all = clusterRows(api);
  const exp = process.env.BENCH_VSCODE_TIMINGS ? await expansions(api, all) : undefined;
  const upd = process.env.BENCH_VSCODE_TIMINGS ? await updates(api, all) : undefined;
  fs.writeFileSync(
    out,
    JSON.stringify({
      wasActive,
      activateMs: wasActive ? null : activateMs,
      firstRowMs,
      allRowsMs,
      rows,
      memory: { before, afterActivate, loaded },
      // from before activation: the extension's code counts too, not only the model
      memoryGrowthMb: loaded.rssMb - before.rssMb,
      heapGrowthMb: loaded.heapMb - before.heapMb,
      modelRssMb: loaded.rssMb - afterActivate.rssMb,
      modelHeapMb: loaded.heapMb - afterActivate.heapMb,
      expand: exp ? { p50: pct(exp.times, 50), p95: pct(exp.times, 95), n: exp.times.length, eventsSeen: exp.events } : undefined,
      update: upd ? { p50: pct(upd, 50), p95: pct(upd, 95), n: upd.length } : undefined,
    }),
  );
}

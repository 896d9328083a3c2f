// Runs inside code-server's extension host as the extensionTestsPath module (bench/vscode.ts).
// Measures, in the extension host process itself:
//   activateMs    extension.activate() from not active: loading dist/extension.js plus activate()
//   firstRowMs    from opening the DolphinDB view to the first cluster row the tree returns
//   allRowsMs     … to every cluster row (BENCH_CLUSTERS of them)
//   memory        RSS and V8 heap of this process after activation and after the tree is loaded
// and writes them as JSON to BENCH_VSCODE_OUT.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { ExtensionApi } from '../../src/extension/main';

const EXT_ID = 'ddb-k8s-tools.dolphindb-kubernetes';
const MB = 1048576;

function clusterRows(a: ExtensionApi): ExplorerNode[] {
  const roots = a.tree.getChildren();
  if (roots.length === 0) return [];
  return a.tree.getChildren(roots[0]).flatMap((n) => (n.kind === 'namespace' ? a.tree.getChildren(n) : n.kind === 'cluster' ? [n] : []));
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
  const afterActivate = await settledMemory();
  const t1 = performance.now();
  await vscode.commands.executeCommand('workbench.view.extension.dolphindb');
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
  fs.writeFileSync(
    out,
    JSON.stringify({
      wasActive,
      activateMs: wasActive ? null : activateMs,
      firstRowMs,
      allRowsMs,
      rows,
      memory: { before, afterActivate, loaded },
      memoryGrowthMb: loaded.rssMb - afterActivate.rssMb,
      heapGrowthMb: loaded.heapMb - afterActivate.heapMb,
    }),
  );
}

// The explorer inside VS Code (code-server's extension host, test/vscode-rig): activation time, time
// from opening the view to the first and to every cluster row, and the extension host's memory growth
// with the clusters on the ground loaded; in the first run also expansion p95 and API change → row p95. Run with the ground up and seeded (bench/explorer.ts):
//   node --import tsx bench/vscode.ts      BENCH_OUT=<json>  BENCH_VSCODE_RUNS=3
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../src/core/k8s/http';
import { KINDS, collectionPath } from '../src/core/k8s/resources';
import { runExtensionTests } from '../test/vscode-rig/run-exthost';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Math.max(1, Number(process.env.BENCH_VSCODE_RUNS ?? 3));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function clustersOnGround(): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG ?? '');
  const http = new KubeHttp(kc, 120_000);
  let n = 0;
  let cont: string | undefined;
  do {
    const r = await http.request<{ metadata?: { continue?: string }; items: unknown[] }>(collectionPath(KINDS.dolphindb), {
      query: { limit: 2000, continue: cont },
    });
    if (!r.ok) throw new Error(`list dolphindbs: ${r.error.reason}`);
    n += r.value.items.length;
    cont = r.value.metadata?.continue || undefined;
  } while (cont);
  http.dispose();
  return n;
}

async function main(): Promise<void> {
  const clusters = await clustersOnGround();
  if (clusters === 0) throw new Error('no DolphinDB clusters on the ground: run bench/explorer.ts first');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ddb-bench-vscode-'));
  const entry = path.join(tmp, 'probe.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'exthost', 'probe.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const runs: Record<string, unknown>[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(tmp, `run${i}.json`);
      const r = await runExtensionTests({
        extensionPath: ROOT,
        testsEntry: entry,
        env: {
          KUBECONFIG: process.env.KUBECONFIG,
          BENCH_VSCODE_OUT: out,
          BENCH_CLUSTERS: String(clusters),
          BENCH_VSCODE_TIMINGS: i === 0 ? '1' : '',
        },
        timeoutMs: 600_000,
        logPath: path.join(tmp, `run${i}.log`),
      });
      if (r.exitCode !== 0)
        throw new Error(`extension host run ${i + 1} exited ${r.exitCode}:\n${r.log.split('\n').slice(-30).join('\n')}`);
      const m = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number | null | boolean | { p95: number }>;
      runs.push({ ...m, loadAverage: os.loadavg()[0] });
      const exp = m.expand as { p95: number } | undefined;
      const upd = m.update as { p95: number } | undefined;
      if (exp && upd)
        console.log(
          `  run ${i + 1}: expand p95 ${exp.p95.toFixed(2)} ms (events present), API change → row p95 ${upd.p95.toFixed(0)} ms`,
        );
      console.log(
        `  run ${i + 1}/${RUNS}: activate ${m.activateMs == null ? '(already active)' : `${Number(m.activateMs).toFixed(0)} ms`}, first row ${Number(m.firstRowMs).toFixed(0)} ms, all ${clusters} rows ${Number(m.allRowsMs).toFixed(0)} ms, extension host RSS +${Number(m.memoryGrowthMb).toFixed(0)} MB, heap +${Number(m.heapGrowthMb).toFixed(0)} MB from before activation (model alone: RSS +${Number(m.modelRssMb).toFixed(0)} MB)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const pick = (k: string): number[] => runs.map((r) => r[k]).filter((v): v is number => typeof v === 'number');
  const act = pick('activateMs');
  const result = {
    clusters,
    runs,
    activationMs: act.length ? median(act) : null,
    firstRowMs: median(pick('firstRowMs')),
    allRowsMs: median(pick('allRowsMs')),
    memoryGrowthMb: median(pick('memoryGrowthMb')),
    heapGrowthMb: median(pick('heapGrowthMb')),
    // measured in the first run only (after its memory figures): they would disturb the others' memory
    expand: runs[0]?.expand,
    update: runs[0]?.update,
  };
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

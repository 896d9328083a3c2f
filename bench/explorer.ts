// Explorer benchmark on the real control plane (issue 15). For each scale (BENCH_SCALES, default
// 100,1000,5000 DolphinDB clusters in 20 namespaces) it seeds the operator-shaped load (bench/load.ts),
// waits until the ground is quiet, checks the object counts, then runs BENCH_REPS (>= 5) interleaved
// rounds of, each in a fresh process:
//   raw       the explorer's own paged LISTs as bytes, nothing parsed (the physical limit)
//   explorer  the product's Explorer (src/core, in Node) until every cluster row is listed
//   kubectl   kubectl get dolphindbs,pods,svc,sts,pvc -A -o json
//   k9s       k9s v0.50.16 in tmux until its pod view shows every pod
// and reports medians, with the load average at each round. At the largest scale it then measures,
// in this process on the loaded model: expansion p95 (events present) and API change → model p95
// with the product's own debounce. Results go to BENCH_OUT (JSON) for run.mjs.
// Run with the ground up: node --expose-gc --import tsx bench/explorer.ts
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Explorer } from '../src/core/explorer/explorer';
import type { ExplorerNode } from '../src/core/explorer/nodes';
import { LABELS } from '../src/core/dolphindb/names';

// The cluster label the seeded load carries on every member (the explorer's fast path).
const CLUSTER_LABEL = LABELS.name;
import { KubeHttp } from '../src/core/k8s/http';
import { KINDS, collectionPath, objectPath, type ResourceKind } from '../src/core/k8s/resources';
import { NAMESPACES, PER_CLUSTER, seed } from './load';
import { k9sTime, kubectlGet } from './peers';

const SCALES = (process.env.BENCH_SCALES ?? '100,1000,5000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const REPS = Math.max(5, Number(process.env.BENCH_REPS ?? 5));
const K9S = process.env.BENCH_K9S ?? '';
const OUT = process.env.BENCH_OUT ?? path.join(os.tmpdir(), 'ddb-bench-explorer.json');
const QUIET_TIMEOUT_MS = 10 * 60_000;
// kubectl's JSON re-encoding takes minutes per round at 1,000 clusters on 2 cores; a run short of time
// may leave it out (BENCH_SKIP_KUBECTL=1), and the results say so
const SKIP_KUBECTL = process.env.BENCH_SKIP_KUBECTL === '1';
// BENCH_FREEZE=kube-scheduler,kwok: once the ground is quiet, stop these components so their memory
// is free for the sides measured (kubectl -o json holds its whole answer: about 10 GB at 3,000 clusters,
// more than the 24 GiB machine has left beside a full ground). Every pod is bound and Running by then and
// the controller manager is already stopped, so nothing the sides LIST changes; the results say so.
const FREEZE = (process.env.BENCH_FREEZE ?? '')
  .split(',')
  .map((c) => c.trim())
  .filter(Boolean);

const kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('KUBECONFIG must point at the test ground');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const http = new KubeHttp(kc, 120_000);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const load1 = (): number => Number(os.loadavg()[0].toFixed(2));

interface Listed {
  count: number;
  revision: number;
  byPhase: Record<string, number>;
}

/** A full paged LIST, parsed (outside any timing): the count, the list's revision, and status phases. */
async function list(kind: ResourceKind, labelSelector?: string, fieldSelector?: string): Promise<Listed> {
  let cont: string | undefined;
  let count = 0;
  let revision = 0;
  const byPhase: Record<string, number> = {};
  do {
    const r = await http.request<{
      metadata?: { continue?: string; resourceVersion?: string };
      items: { status?: { phase?: string } }[];
    }>(collectionPath(kind), {
      query: { limit: 2000, labelSelector, fieldSelector, continue: cont },
    });
    if (!r.ok) throw new Error(`list ${kind.plural}: ${r.error.reason}`);
    count += r.value.items.length;
    for (const i of r.value.items) byPhase[i.status?.phase ?? ''] = (byPhase[i.status?.phase ?? ''] ?? 0) + 1;
    if (!cont) revision = Number(r.value.metadata?.resourceVersion ?? 0);
    cont = r.value.metadata?.continue || undefined;
  } while (cont);
  return { count, revision, byPhase };
}

async function revisionNow(): Promise<number> {
  const r = await http.request<{ metadata?: { resourceVersion?: string } }>(collectionPath(KINDS.namespace), {
    query: { limit: 1 },
  });
  if (!r.ok) throw new Error(`revision: ${r.error.reason}`);
  return Number(r.value.metadata?.resourceVersion ?? 0);
}

/**
 * Until KWOK has set every pod Running and bound every PVC, and then etcd's revision stays still.
 * Each poll asks the API server for the pods not yet Running only (a field selector), so the wait
 * does not compete with KWOK for the CPU by parsing every pod every 5 s (at 3,000 clusters that
 * poll took most of a core and slowed KWOK past the old 30-minute limit). It fails after
 * QUIET_TIMEOUT_MS without progress, not after a fixed total.
 */
async function waitQuiet(clusters: number): Promise<{ seconds: number; writesPerSecond: number }> {
  const t0 = Date.now();
  let progressAt = t0;
  let best = -1;
  let pvcsBound = false;
  for (;;) {
    const notRunning = await list(KINDS.pod, CLUSTER_LABEL, 'status.phase!=Running');
    if (!pvcsBound) pvcsBound = ((await list(KINDS.pvc, CLUSTER_LABEL)).byPhase.Bound ?? 0) === clusters * PER_CLUSTER.pvcs;
    const running = clusters * PER_CLUSTER.pods - notRunning.count;
    if (notRunning.count === 0 && pvcsBound) break;
    if (running > best) {
      best = running;
      progressAt = Date.now();
    }
    if (Date.now() - progressAt > QUIET_TIMEOUT_MS)
      throw new Error(`no progress for ${QUIET_TIMEOUT_MS / 60000} min: ${running} pods Running, PVCs all Bound: ${pvcsBound}`);
    console.log(`  waiting: ${running}/${clusters * PER_CLUSTER.pods} pods Running, PVCs all Bound: ${pvcsBound}`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  // Node leases are renewed every ~10 s per node; anything above a few writes per second is churn.
  for (;;) {
    const a = await revisionNow();
    await new Promise((r) => setTimeout(r, 10_000));
    const rate = ((await revisionNow()) - a) / 10;
    if (rate <= 1) return { seconds: (Date.now() - t0) / 1000, writesPerSecond: rate };
    if (Date.now() - progressAt > QUIET_TIMEOUT_MS) throw new Error(`the ground keeps writing: ${rate} writes/s`);
    console.log(`  waiting: ${rate} writes/s`);
  }
}

function stopGroundComponent(name: string): Promise<void> {
  const dir = process.env.DDB_GROUND_DIR;
  if (!dir) throw new Error('BENCH_FREEZE needs DDB_GROUND_DIR');
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '..', 'test', 'ground', 'cli.ts'), 'stop', name, '--dir', dir],
      { stdio: 'inherit' },
    );
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`stopping ${name} exited ${code}`))));
  });
}

function once(what: 'raw' | 'explorer'): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'once.ts'), what], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>)
        : reject(new Error(`once.ts ${what} exited ${code}`)),
    );
  });
}

function allClusterNodes(ex: Explorer): ExplorerNode[] {
  return ex.children(ex.roots()[0]).flatMap((n) => (n.kind === 'namespace' ? ex.children(n) : n.kind === 'cluster' ? [n] : []));
}

/** Whole-cluster expansion (roles → instances → containers, services, PVCs, events) on the loaded model. */
function measureExpand(ex: Explorer): { times: number[]; events: number } {
  const clusters = allClusterNodes(ex);
  // the events watch opens on the first expansion of an events node: let it sync before timing
  const times: number[] = [];
  let events = 0;
  for (let i = 0; i < 300; i++) {
    const c = clusters[(i * 7919) % clusters.length];
    const t0 = process.hrtime.bigint();
    const kids = ex.children(c);
    for (const k of kids) {
      if (k.kind === 'role') for (const inst of ex.children(k)) ex.children(inst);
      else if (k.kind === 'events') events += ex.children(k).filter((e) => e.kind === 'event').length;
      else if (k.collapsible !== 'none') ex.children(k);
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { times, events };
}

/** Status written to the API server → the cluster row's description changes (product debounce). */
async function measureUpdate(ex: Explorer): Promise<number[]> {
  const clusters = allClusterNodes(ex);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = clusters[(i * 104729) % clusters.length];
    const ref = c.ref;
    if (!ref) throw new Error('cluster row without ref');
    const phase = (ex.current(c).description ?? '').includes('Progressing') ? 'Available' : 'Progressing';
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no tree change for ${ref.name} after 30 s`)), 30_000);
      const sub = ex.onDidChange((ids) => {
        if ((!ids || ids.includes(c.id)) && (ex.current(c).description ?? '').includes(phase)) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
    const t0 = process.hrtime.bigint();
    const r = await http.request(objectPath(KINDS.dolphindb, ref.name, ref.namespace) + '/status', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { phase } },
    });
    if (!r.ok) throw new Error(`status patch: ${r.error.reason}`);
    await seen;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // put it back so the next scale's counts and k9s's view see the same state
    await http.request(objectPath(KINDS.dolphindb, ref.name, ref.namespace) + '/status', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { phase: 'Available' } },
    });
  }
  return times;
}

async function measureScale(clusters: number, seededBefore: number): Promise<Record<string, unknown>> {
  console.log(`\n-- ${clusters} clusters in ${NAMESPACES} namespaces --`);
  if (clusters > seededBefore) {
    const s = await seed(http, seededBefore, clusters, (d) => process.stdout.write(`  seeded ${seededBefore + d}\r`));
    console.log(`  seeded clusters ${seededBefore}..${clusters - 1} in ${s.toFixed(0)} s`);
  }
  const quiet = await waitQuiet(clusters);
  console.log(`  quiet after ${quiet.seconds.toFixed(0)} s (${quiet.writesPerSecond} writes/s)`);
  for (const c of FREEZE) await stopGroundComponent(c);

  // what the API server holds (parsed, untimed): both sides must report these numbers
  const labelled: Record<string, number> = {
    dolphindbs: (await list(KINDS.dolphindb)).count,
    pods: (await list(KINDS.pod, CLUSTER_LABEL)).count,
    services: (await list(KINDS.service, CLUSTER_LABEL)).count,
    pvcs: (await list(KINDS.pvc, CLUSTER_LABEL)).count,
    statefulsets: (await list(KINDS.statefulset, CLUSTER_LABEL)).count,
    configmaps: (await list(KINDS.configmap, CLUSTER_LABEL)).count,
  };
  const events = (await list(KINDS.event)).count;
  const allPods = (await list(KINDS.pod)).count;
  const allServices = (await list(KINDS.service)).count;
  for (const [k, per] of Object.entries(PER_CLUSTER)) {
    if (k === 'events') continue;
    if (labelled[k] !== per * clusters)
      throw new Error(`the API server holds ${labelled[k]} ${k}, the load has ${per * clusters}`);
  }
  // The explorer watches Services and StatefulSets whole (session.ts), so both sides hold every one
  // of them, the ground's own (kubernetes, metrics-server) included.
  const expected: Record<string, number> = {
    ...labelled,
    services: allServices,
    statefulsets: (await list(KINDS.statefulset)).count,
  };
  if (events < clusters * PER_CLUSTER.events)
    throw new Error(`only ${events} events, the load has ${clusters * PER_CLUSTER.events}`);
  const objects = Object.values(expected).reduce((a, b) => a + b, 0);
  console.log(
    `  API server: ${Object.entries(expected)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}, ${events} events (${objects} listed objects)`,
  );

  const runs: Record<string, number[]> = { raw: [], explorer: [], kubectl: [], k9s: [] };
  const loads: number[] = [];
  let rawBytes = 0;
  const mem: { rssMb: number; heapMb: number }[] = [];
  const order = ['raw', 'explorer', 'kubectl', 'k9s'] as const;
  for (let rep = 0; rep < REPS; rep++) {
    loads.push(load1());
    // rotate the order so no side always runs right after another's load on the API server
    for (let j = 0; j < order.length; j++) {
      const what = order[(rep + j) % order.length];
      if (what === 'raw') {
        const r = await once('raw');
        runs.raw.push(r.ms as number);
        rawBytes = r.bytes as number;
      } else if (what === 'explorer') {
        const r = await once('explorer');
        const counts = r.counts as Record<string, number>;
        for (const k of Object.keys(expected)) {
          if (counts[k] !== expected[k]) throw new Error(`the explorer holds ${counts[k]} ${k}, the API server ${expected[k]}`);
        }
        if (r.clusters !== expected.dolphindbs)
          throw new Error(`the explorer lists ${String(r.clusters)} cluster rows, the API server holds ${expected.dolphindbs}`);
        runs.explorer.push(r.ms as number);
        mem.push({ rssMb: r.rssMb as number, heapMb: r.heapMb as number });
      } else if (what === 'kubectl' && !SKIP_KUBECTL) {
        const r = await kubectlGet(kubeconfig as string);
        if (
          (r.counts.Pod ?? 0) !== allPods ||
          (r.counts.DolphinDB ?? 0) !== expected.dolphindbs ||
          (r.counts.Service ?? 0) !== allServices
        ) {
          throw new Error(
            `kubectl returned ${JSON.stringify(r.counts)}; the API server holds ${allPods} pods, ${allServices} services, ${expected.dolphindbs} DolphinDBs`,
          );
        }
        runs.kubectl.push(r.ms);
      } else if (what === 'k9s' && K9S) {
        runs.k9s.push(await k9sTime(K9S, kubeconfig as string, allPods));
      }
    }
    console.log(
      `  round ${rep + 1}/${REPS}: raw ${runs.raw.at(-1)?.toFixed(0)} ms, explorer ${runs.explorer.at(-1)?.toFixed(0)} ms, kubectl ${runs.kubectl.at(-1)?.toFixed(0)} ms, k9s ${runs.k9s.at(-1)?.toFixed(0) ?? '-'} ms (load ${loads.at(-1)})`,
    );
  }
  const med = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.length ? median(v) : null]));
  return {
    clusters,
    measuredAt: new Date().toISOString(),
    kubectlSkipped: SKIP_KUBECTL,
    frozen: FREEZE,
    objects,
    counts: { ...expected, events, allPods },
    rawBytes,
    runs,
    median: med,
    loadAverage: loads,
    memoryNode: { rssMb: median(mem.map((m) => m.rssMb)), heapMb: median(mem.map((m) => m.heapMb)) },
  };
}

async function modelTimings(): Promise<Record<string, unknown>> {
  const ex = new Explorer(kc, { requestTimeoutMs: 120_000 }); // the product's default debounce
  const st = await ex.connect(ex.currentContext);
  if (st.s !== 'ready') throw new Error(`explorer not ready: ${JSON.stringify(st)}`);
  // open the events watch once and let it list before the timed expansions
  const first = allClusterNodes(ex)[0];
  const evNode = ex.children(first).find((k) => k.kind === 'events');
  if (evNode) ex.children(evNode);
  for (const lw of ex.session(ex.currentContext)?.allCaches() ?? []) await lw.waitForSync();
  const loadBefore = load1();
  const expand = measureExpand(ex);
  if (expand.events === 0) throw new Error('the expansions saw no events: the events watch is empty');
  const update = await measureUpdate(ex);
  ex.dispose();
  return {
    expand: { p50: pct(expand.times, 50), p95: pct(expand.times, 95), n: expand.times.length, eventsSeen: expand.events },
    update: { p50: pct(update, 50), p95: pct(update, 95), n: update.length },
    loadAverage: [loadBefore, load1()],
  };
}

async function main(): Promise<void> {
  if (!K9S) console.log('BENCH_K9S is not set: k9s is not measured');
  const have = (await list(KINDS.dolphindb)).count;
  const scales: Record<string, unknown>[] = [];
  let seeded = have;
  for (const n of SCALES) {
    if (n < have) {
      console.log(`skipping ${n} clusters: the ground already holds ${have}`);
      continue;
    }
    try {
      scales.push(await measureScale(n, seeded));
      seeded = n;
    } catch (e) {
      console.error(`  scale ${n} failed: ${e instanceof Error ? e.message : String(e)}`);
      scales.push({ clusters: n, error: e instanceof Error ? e.message : String(e) });
      break; // the ground could not hold this scale; larger ones will not do better
    }
    writeFileSync(OUT, JSON.stringify({ scales }, null, 2));
  }
  // BENCH_SKIP_MODEL=1: no expansion/update timings on this run's model (run.mjs keeps an earlier run's)
  const model = seeded > 0 && process.env.BENCH_SKIP_MODEL !== '1' ? { clusters: seeded, ...(await modelTimings()) } : undefined;
  writeFileSync(OUT, JSON.stringify({ scales, model }, null, 2));
  http.dispose();
  process.exit(scales.some((s) => 'error' in s) ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

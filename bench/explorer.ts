// Explorer benchmark on the real control plane (issue 3): 1,000 DolphinDB clusters, 6,000 pods,
// 4,000 services across 20 namespaces. Prints each figure with its anchor from the same run:
//   initial load   vs `kubectl get pods,svc,dolphindbs -A -o json` on the same API server
//   expand p95     cluster → roles → instances → pod, served from the cache
//   status p95     status written to the API server → visible in the tree model
//   memory         heap + external growth of this process after loading (the model's cost)
// Run with the ground up: node --import tsx bench/explorer.ts  (KUBECONFIG = the ground's)
import { spawnSync } from 'node:child_process';
import { KubeConfig } from '@kubernetes/client-node';
import { Explorer } from '../src/core/explorer/explorer';
import type { ExplorerNode } from '../src/core/explorer/nodes';
import { KubeHttp } from '../src/core/k8s/http';
import { KINDS, collectionPath, objectPath } from '../src/core/k8s/resources';

const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 20);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1000);
const PODS_PER = 6;
const SVCS_PER = 4;
const CONCURRENCY = 24;

const kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('KUBECONFIG must point at the test ground');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const http = new KubeHttp(kc, 60000);

async function pool<T>(items: T[], fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function create(path: string, body: unknown): Promise<void> {
  const r = await http.request(path, { method: 'POST', body });
  if (!r.ok && r.error.kind !== 'conflict') throw new Error(`${path}: ${r.error.reason}`);
}

async function seed(): Promise<void> {
  const nsNames = Array.from({ length: NAMESPACES }, (_, i) => `bench-${i}`);
  // remainingItemCount is not reported for label-selected lists, so count the whole list.
  const count = await http.request<{ items: unknown[] }>(collectionPath(KINDS.dolphindb), { query: { labelSelector: 'bench=explorer' } });
  const have = count.ok ? count.value.items.length : 0;
  if (have >= CLUSTERS) {
    console.log(`seed: ${have} bench clusters already present`);
    return;
  }
  const t0 = Date.now();
  await pool(nsNames, (ns) => create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  const clusters = Array.from({ length: CLUSTERS }, (_, i) => ({ name: `c${i}`, ns: nsNames[i % NAMESPACES] }));
  await pool(clusters, async ({ name, ns }) => {
    const labels = { bench: 'explorer', 'dolphindb.io/dolphindb.name': name };
    await create(collectionPath(KINDS.dolphindb, ns), {
      apiVersion: 'dolphindb.dolphindb.io/v1',
      kind: 'DolphinDB',
      metadata: { name, namespace: ns, labels: { bench: 'explorer' } },
      spec: { mode: 'cluster', clusterType: 'singlecontroller', version: 'v2.00.16', controller: { replicas: 1 }, datanode: { replicas: 3 }, computenode: { replicas: 2 } },
    });
    await http.request(objectPath(KINDS.dolphindb, name, ns) + '/status', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { phase: 'Available', controllerStatus: { phase: 'Ready', replicas: 1, readyReplicas: 1 }, datanodeStatus: { phase: 'Ready', replicas: 3, readyReplicas: 3 }, computenodeStatus: { phase: 'Ready', replicas: 2, readyReplicas: 2 } } },
    });
    const pods = [...['ctr-0', 'dn-0', 'dn-1', 'dn-2', 'cn-0', 'cn-1'].slice(0, PODS_PER)];
    for (const p of pods) {
      // nodeName points at no kubelet: the pod stays Pending and nothing churns its status.
      await create(collectionPath(KINDS.pod, ns), { apiVersion: 'v1', kind: 'Pod', metadata: { name: `ddb-${name}-${p}-0`, namespace: ns, labels }, spec: { nodeName: 'bench-nowhere', containers: [{ name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16' }] } });
    }
    for (const s of ['ctr', 'ctr-inner', 'dn', 'cn'].slice(0, SVCS_PER)) {
      await create(collectionPath(KINDS.service, ns), { apiVersion: 'v1', kind: 'Service', metadata: { name: `ddb-${name}-${s}`, namespace: ns, labels }, spec: { type: 'ClusterIP', ports: [{ port: 32210 }], selector: labels } });
    }
  });
  console.log(`seed: created ${CLUSTERS} clusters, ${CLUSTERS * PODS_PER} pods, ${CLUSTERS * SVCS_PER} services in ${Math.round((Date.now() - t0) / 1000)} s`);
}

function kubectlAnchor(): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig as string, 'get', 'pods,svc,dolphindbs', '-A', '-o', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`kubectl failed: ${r.stderr}`);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return pct(runs, 50);
}

function allClusterNodes(ex: Explorer): ExplorerNode[] {
  const root = ex.roots()[0];
  return ex.children(root).flatMap((n) => (n.kind === 'namespace' ? ex.children(n) : n.kind === 'cluster' ? [n] : []));
}

async function measureLoad(): Promise<{ ms: number; ex: Explorer; memMb: number }> {
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const ex = new Explorer(kc, { debounceMs: 20, requestTimeoutMs: 60000 });
  const st = await ex.connect(ex.currentContext);
  if (st.s !== 'ready') throw new Error(`explorer not ready: ${JSON.stringify(st)}`);
  const nodes = allClusterNodes(ex);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (nodes.length < CLUSTERS) throw new Error(`only ${nodes.length} cluster nodes`);
  global.gc?.();
  const after = process.memoryUsage();
  const memMb = (after.heapUsed + after.external - before.heapUsed - before.external) / 1048576;
  return { ms, ex, memMb };
}

function measureExpand(ex: Explorer): number[] {
  const clusters = allClusterNodes(ex);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = clusters[(i * 7919) % clusters.length];
    const t0 = process.hrtime.bigint();
    const kids = ex.children(c);
    for (const role of kids.filter((k) => k.kind === 'role')) for (const inst of ex.children(role)) ex.children(inst);
    ex.children(kids.find((k) => k.kind === 'services'));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

async function measureStatus(ex: Explorer): Promise<number[]> {
  const clusters = allClusterNodes(ex);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = clusters[(i * 104729) % clusters.length];
    const ref = c.ref;
    if (!ref) continue;
    // Always a different phase from the current one, or the write changes nothing and no event comes.
    const phase = (ex.current(c).description ?? '').includes('Progressing') ? 'Available' : 'Progressing';
    const seen = new Promise<void>((resolve) => {
      const sub = ex.onDidChange((ids) => {
        if (!ids || ids.includes(c.id)) {
          if ((ex.current(c).description ?? '').includes(phase)) {
            sub.dispose();
            resolve();
          }
        }
      });
    });
    const t0 = process.hrtime.bigint();
    await http.request(objectPath(KINDS.dolphindb, ref.name, ref.namespace) + '/status', { method: 'PATCH', contentType: 'application/merge-patch+json', body: { status: { phase } } });
    await seen;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

async function main(): Promise<void> {
  await seed();
  const kubectlMs = kubectlAnchor();
  const { ms, ex, memMb } = await measureLoad();
  const expand = measureExpand(ex);
  const status = await measureStatus(ex);
  ex.dispose();
  http.dispose();
  const f = (n: number) => n.toFixed(1);
  console.log(`explorer.initialLoad: ${f(ms)} ms; anchor kubectl get pods,svc,dolphindbs -A -o json: ${f(kubectlMs)} ms; ratio ${(ms / kubectlMs).toFixed(2)} (target ≤ 1.5)`);
  console.log(`explorer.expand: p50 ${f(pct(expand, 50))} ms, p95 ${f(pct(expand, 95))} ms over ${expand.length} cluster expansions (target p95 < 10 ms)`);
  console.log(`explorer.statusToModel: p50 ${f(pct(status, 50))} ms, p95 ${f(pct(status, 95))} ms over ${status.length} writes (target p95 < 300 ms)`);
  console.log(`explorer.memoryGrowth: ${f(memMb)} MB heap+external for ${CLUSTERS} clusters, ${CLUSTERS * PODS_PER} pods, ${CLUSTERS * SVCS_PER} services (target < 150 MB)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

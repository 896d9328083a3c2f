// One cold measurement in a fresh process, printed as one JSON line on stdout (bench/explorer.ts runs it):
//   raw       the explorer's collections fetched as bytes by a plain HTTPS client: the same paged LISTs
//             (same label selectors, same page size, collections in parallel), nothing parsed except the
//             `continue` token at the head of each page. The physical limit of a first load.
//   explorer  the product's Explorer (src/core) from construction to every cluster row listed, with
//             the object counts its caches hold and the process's memory growth.
// Both start their clock in this process after imports, so module loading cost is the same for both.
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { Explorer } from '../src/core/explorer/explorer';
import { LABELS } from '../src/core/dolphindb/names';

// The cluster label the seeded load carries on every member (the explorer's fast path).
const CLUSTER_LABEL = LABELS.name;
import { KINDS, collectionPath, type ResourceKind } from '../src/core/k8s/resources';

const PAGE = 2000; // the product's page size (listWatch.ts)
const kc = new KubeConfig();
kc.loadFromFile(process.env.KUBECONFIG ?? '');

/** The collections the explorer lists on connect (session.ts openWatches), with their selectors. */
const COLLECTIONS: readonly { key: string; kind: ResourceKind; labelSelector?: string }[] = [
  { key: 'dolphindbs', kind: KINDS.dolphindb },
  { key: 'pods', kind: KINDS.pod, labelSelector: CLUSTER_LABEL },
  // Services and StatefulSets are watched whole (members are also found by owner references and
  // selectors, session.ts), so the limit lists them whole too.
  { key: 'services', kind: KINDS.service },
  { key: 'pvcs', kind: KINDS.pvc, labelSelector: CLUSTER_LABEL },
  { key: 'statefulsets', kind: KINDS.statefulset },
  { key: 'configmaps', kind: KINDS.configmap, labelSelector: CLUSTER_LABEL },
];

async function rawList(): Promise<{ ms: number; bytes: number }> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('no current cluster');
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: opts.ca, cert: opts.cert, key: opts.key });
  const base = new URL(cluster.server);
  let bytes = 0;
  const get = (path: string): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const req = https.get(
        {
          host: base.hostname,
          port: base.port,
          path,
          agent,
          headers: { ...(opts.headers as Record<string, string>), accept: 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  const t0 = process.hrtime.bigint();
  await Promise.all(
    COLLECTIONS.map(async (c) => {
      let cont: string | undefined;
      do {
        const q = new URLSearchParams({ limit: String(PAGE) });
        if (c.labelSelector) q.set('labelSelector', c.labelSelector);
        if (cont) q.set('continue', cont);
        const body = await get(`${collectionPath(c.kind)}?${q}`);
        bytes += body.length;
        // the list metadata comes before the items: read the token from the head only
        cont = /"continue":"([^"]+)"/.exec(body.subarray(0, 1024).toString('latin1'))?.[1];
      } while (cont);
    }),
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  agent.destroy();
  return { ms, bytes };
}

async function explorerLoad(): Promise<{
  ms: number;
  clusters: number;
  counts: Record<string, number>;
  rssMb: number;
  heapMb: number;
}> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const ex = new Explorer(kc, { requestTimeoutMs: 120000 });
  const st = await ex.connect(ex.currentContext);
  if (st.s !== 'ready') throw new Error(`explorer not ready: ${JSON.stringify(st)}`);
  const root = ex.roots()[0];
  let clusters = 0;
  for (const n of ex.children(root)) {
    if (n.kind === 'namespace') clusters += ex.children(n).filter((k) => k.kind === 'cluster').length;
    else if (n.kind === 'cluster') clusters++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const counts: Record<string, number> = {};
  for (const scope of ex.session(ex.currentContext)?.caches ?? []) {
    for (const c of COLLECTIONS) {
      const lw = scope[c.key as keyof typeof scope];
      if (lw && typeof lw === 'object') counts[c.key] = (counts[c.key] ?? 0) + [...lw.values()].length;
    }
  }
  gc?.();
  const after = process.memoryUsage();
  ex.dispose();
  return {
    ms,
    clusters,
    counts,
    rssMb: (after.rss - before.rss) / 1048576,
    heapMb: (after.heapUsed - before.heapUsed) / 1048576,
  };
}

async function main(): Promise<void> {
  const what = process.argv[2];
  const out = what === 'raw' ? await rawList() : what === 'explorer' ? await explorerLoad() : undefined;
  if (!out) throw new Error('usage: once.ts raw|explorer');
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

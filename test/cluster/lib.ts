// Shared helpers for cluster-tier tests: the ground's kubeconfig, object creation through the
// real API server, and polling waits with a deadline (waits observe; they never fake a result).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, collectionPath, objectPath, type KubeObject, type ResourceKind } from '../../src/core/k8s/resources';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import { example, licenseFile } from '../fixtures/paths';
import { dialectFor, simModeFromEnv, type SimMode } from '../sim-operator/dialect';
import { ROLES, type RoleName } from '../sim-operator/spec';
import { applyMetricsApi, readState, removeMetricsApi } from '../ground/ground';
import { request } from '../ground/http';

export const repoRoot = path.resolve(__dirname, '../..');
export { examplesDir } from '../fixtures/paths';

export function groundKubeconfig(): string {
  const p = process.env.KUBECONFIG;
  if (!p || !fs.existsSync(p))
    throw new Error('KUBECONFIG must point at the test ground (run through npm test or test/ground/cli.ts up)');
  return p;
}

export function loadGroundConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(groundKubeconfig());
  return kc;
}

export function adminHttp(): KubeHttp {
  return new KubeHttp(loadGroundConfig(), 15000);
}

export function kindFor(o: KubeObject): ResourceKind {
  const k = Object.values(KINDS).find((x) => x.kind === o.kind);
  if (!k) throw new Error(`unknown kind ${o.kind}`);
  return k;
}

/** Server-side apply as the test's own field manager. */
export async function apply(http: KubeHttp, o: KubeObject, namespace?: string): Promise<KubeObject> {
  const kind = kindFor(o);
  const ns = kind.namespaced ? (o.metadata.namespace ?? namespace) : undefined;
  const body = { ...o, metadata: { ...o.metadata, namespace: ns } };
  const r = await http.request<KubeObject>(objectPath(kind, o.metadata.name, ns), {
    method: 'PATCH',
    body,
    contentType: 'application/apply-patch+yaml',
    query: { fieldManager: 'cluster-tests', force: true },
  });
  if (!r.ok) throw new Error(`apply ${o.kind}/${o.metadata.name}: ${r.error.reason}`);
  return r.value;
}

export async function remove(http: KubeHttp, kind: ResourceKind, name: string, namespace?: string): Promise<void> {
  const r = await http.request(objectPath(kind, name, namespace), {
    method: 'DELETE',
    query: { propagationPolicy: 'Background' },
  });
  if (!r.ok && r.error.kind !== 'notFound') throw new Error(`delete ${kind.plural}/${name}: ${r.error.reason}`);
}

export async function list(
  http: KubeHttp,
  kind: ResourceKind,
  namespace?: string,
  labelSelector?: string,
): Promise<KubeObject[]> {
  const r = await http.request<{ items: KubeObject[] }>(collectionPath(kind, namespace), { query: { labelSelector } });
  if (!r.ok) throw new Error(`list ${kind.plural}: ${r.error.reason}`);
  return r.value.items;
}

export async function ensureNamespace(http: KubeHttp, name: string): Promise<void> {
  // A rerun on a kept ground may find the namespace still terminating from the last run; writing
  // into it fails then, or it vanishes mid-test. Wait until it is gone and create it afresh.
  await waitFor(
    `namespace ${name} to finish terminating`,
    async () => {
      const r = await http.request<KubeObject>(objectPath(KINDS.namespace, name));
      if (!r.ok) return r.error.kind === 'notFound';
      return !r.value.metadata.deletionTimestamp;
    },
    180_000,
    500,
  );
  await apply(http, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** The suite's license ConfigMap, which the (simulated) operator copies into each new cluster. */
export async function ensureSuiteLicense(http: KubeHttp): Promise<void> {
  await ensureNamespace(http, 'dolphindb');
  const lic = fs.readFileSync(licenseFile('fake-valid-2042.lic'), 'utf8');
  await apply(http, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'dolphindb-license', namespace: 'dolphindb' },
    data: { 'dolphindb.lic': lic },
  });
}

export function fixture(rel: string): KubeObject[] {
  const text = fs.readFileSync(example(rel), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject)
    .filter((o) => o && typeof o === 'object');
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The simulated operator's dialect for this test process: DDB_SIM_MODE=strict|inferred (default
 * inferred). Read at call time, so a `*-strict.test.ts` file can set it before the suite runs.
 * Every operator a test starts (startOperator or startSimOperator) reads the same variable.
 */
export function simMode(): SimMode {
  return simModeFromEnv();
}

/** '' or '-strict': keeps the names of fixed namespaces apart when a suite runs in both modes. */
export function simSuffix(): string {
  return simMode() === 'strict' ? '-strict' : '';
}

/** The DolphinDB server container's name the simulation gives a role's pods in this mode. */
export function simServerContainer(role: RoleName): string {
  return dialectFor(simMode()).containers.server(role);
}

/** Every server container name of this mode (for rules that must match any role's pod). */
export function simServerContainers(): string[] {
  return [...new Set(ROLES.map(simServerContainer))];
}

/** The simulated operator, in-process, watching every namespace. */
export async function startOperator(): Promise<SimOperator> {
  const op = startSimOperator(loadGroundConfig(), {
    allNamespaces: true,
    log: () => undefined,
    statusMinIntervalMs: 200,
    mode: simMode(),
  });
  await op.ready;
  return op;
}

/** The ground's state dir (set by `cli.ts up` and npm test). */
export function groundDir(): string {
  const dir = process.env.DDB_GROUND_DIR;
  if (!dir) throw new Error('DDB_GROUND_DIR must name the test ground (run through npm test or test/ground/cli.ts up)');
  return dir;
}

/** GET on the API server as admin, raw status and body (for answers KubeHttp would classify). */
export async function adminGet(urlPath: string): Promise<{ status: number; body: string }> {
  const st = readState(groundDir());
  const pki = (f: string) => path.join(st.dir, 'pki', f);
  return request(`${st.server}${urlPath}`, { ca: pki('ca.crt'), cert: pki('admin.crt'), key: pki('admin.key') });
}

/** Waits until the metrics API answers (APIService registered and metrics-server reachable). */
export async function waitMetricsApi(timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'metrics.k8s.io/v1beta1 to answer',
    async () => (await adminGet('/apis/metrics.k8s.io/v1beta1/nodes')).status === 200,
    timeoutMs,
    250,
  );
}

/**
 * Runs fn on a ground without the metrics API (its APIService deleted: /apis/metrics.k8s.io
 * answers 404, as on a cluster without metrics-server), then registers it again and waits until
 * it answers, even when fn throws.
 */
export async function withoutMetricsApi<T>(fn: () => Promise<T>): Promise<T> {
  const dir = groundDir();
  await removeMetricsApi(dir);
  await waitFor(
    'metrics.k8s.io to be gone',
    async () => (await adminGet('/apis/metrics.k8s.io/v1beta1/nodes')).status === 404,
    30_000,
    250,
  );
  try {
    return await fn();
  } finally {
    await applyMetricsApi(dir);
    await waitMetricsApi();
  }
}

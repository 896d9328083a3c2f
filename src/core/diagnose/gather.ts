// Reads everything diagnose and the cluster summary look at, in one pass of parallel requests
// through KubeHttp. Whatever the user may not read (nodes, StorageClasses, CoreDNS, the suite in
// another namespace) is left undefined and the rules skip it; only a failure to read the cluster
// itself fails the gathering. The license is inspected here and only its expiry is kept.
import { reasonOf } from '../i18n/text';
import { belongsTo } from '../explorer/membership';
import { arr, num, str } from '../explorer/objects';
import { clusterLabelSelector, configMapName, DDB_CRD_NAME, SUITE } from '../dolphindb/names';
import { inspectLicense } from '../dolphindb/license';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject, type ResourceKind } from '../k8s/resources';
import { english, type Translate } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { defaultContainer } from '../logs/containers';
import { readLogTail } from '../logs/readTail';
import { corefileDomain } from './rules/dns';
import type { CrashLog, DiagnoseInputs, SuiteState } from './types';

export interface LicenseState {
  /** `license.lic` exists and is non-empty in ConfigMap ddb-<name>. */
  readonly present: boolean;
  /** It looks like a DolphinDB license (header + signature). */
  readonly wellFormed: boolean;
  readonly expiry?: string;
  readonly expired?: boolean;
}

export interface ClusterSnapshot extends DiagnoseInputs {
  /** undefined: ConfigMap not readable. */
  readonly license?: LicenseState;
}

export interface GatherTarget {
  readonly namespace: string;
  readonly cluster: string;
  /** Where to look for the suite first after the cluster's namespace (default `dolphindb`). */
  readonly suiteNamespace?: string;
}

export interface GatherOptions {
  readonly t?: Translate;
  /** Read the last lines of crashing containers (default true). */
  readonly crashLogs?: boolean;
  readonly crashLogLines?: number;
  readonly signal?: AbortSignal;
}

type Read<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function get(http: KubeHttp, path: string, signal?: AbortSignal): Promise<Read<KubeObject | undefined>> {
  const r = await http.request<KubeObject>(path, { signal });
  if (r.ok) return { ok: true, value: r.value };
  if (r.error.kind === 'notFound') return { ok: true, value: undefined };
  return { ok: false, failure: r.error };
}

async function list(
  http: KubeHttp,
  kind: ResourceKind,
  namespace?: string,
  query: Record<string, string | undefined> = {},
  signal?: AbortSignal,
): Promise<Read<KubeObject[]>> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(kind, namespace), { query: { ...query }, signal });
  if (!r.ok) return { ok: false, failure: r.error };
  return { ok: true, value: (r.value.items ?? []).map((o) => (o.kind ? o : { ...o, kind: kind.kind })) };
}

/** Children of the cluster: by label, falling back to exact name patterns when nothing is labelled. */
async function children(
  http: KubeHttp,
  kind: ResourceKind,
  namespace: string,
  cluster: string,
  signal?: AbortSignal,
): Promise<Read<KubeObject[]>> {
  const labelled = await list(http, kind, namespace, { labelSelector: clusterLabelSelector(cluster) }, signal);
  if (!labelled.ok || labelled.value.length > 0)
    return labelled.ok ? { ok: true, value: labelled.value.filter((o) => belongsTo(cluster, o)) } : labelled;
  const all = await list(http, kind, namespace, {}, signal);
  return all.ok ? { ok: true, value: all.value.filter((o) => belongsTo(cluster, o)) } : all;
}

async function crdPresent(http: KubeHttp, namespace: string, signal?: AbortSignal): Promise<boolean | undefined> {
  const crd = await get(http, objectPath(KINDS.crd, DDB_CRD_NAME), signal);
  if (crd.ok) return crd.value !== undefined;
  // Without permission on CRDs, the DolphinDB collection answers 404 only when the kind is unknown.
  const probe = await http.request(collectionPath(KINDS.dolphindb, namespace), { query: { limit: 1 }, signal });
  if (probe.ok) return true;
  return probe.error.kind === 'notFound' ? false : undefined;
}

async function findSuite(http: KubeHttp, namespaces: readonly string[], signal?: AbortSignal): Promise<SuiteState | undefined> {
  const selector = 'dolphindb.io/component.config=config';
  let envCm: KubeObject | undefined;
  for (const ns of namespaces) {
    const r = await list(http, KINDS.configmap, ns, { labelSelector: selector }, signal);
    if (r.ok && r.value.length > 0) {
      envCm = r.value.find((c) => c.metadata.name === SUITE.envConfigMap) ?? r.value[0];
      break;
    }
  }
  if (!envCm) {
    const all = await list(http, KINDS.configmap, undefined, { labelSelector: selector }, signal);
    if (all.ok) envCm = all.value.find((c) => c.metadata.name === SUITE.envConfigMap) ?? all.value[0];
  }
  if (!envCm?.metadata.namespace) return undefined;
  const ns = envCm.metadata.namespace;
  const op = await get(http, objectPath(KINDS.statefulset, 'dolphindb-operator', ns), signal);
  return { namespace: ns, operator: op.ok ? op.value : undefined, envConfig: envCm.data?.[SUITE.envConfigKey] };
}

function crashing(pods: readonly KubeObject[]): { pod: string; container: string; previous: boolean }[] {
  const out: { pod: string; container: string; previous: boolean }[] = [];
  for (const p of pods) {
    for (const s of [...arr(p, 'status', 'initContainerStatuses'), ...arr(p, 'status', 'containerStatuses')]) {
      const waiting = str(s, 'state', 'waiting', 'reason');
      const restarts = num(s, 'restartCount') ?? 0;
      const lastExit = num(s, 'lastState', 'terminated', 'exitCode');
      if (waiting === 'CrashLoopBackOff' || (restarts > 0 && lastExit !== undefined && lastExit !== 0)) {
        out.push({
          pod: p.metadata.name,
          container: str(s, 'name') ?? defaultContainer(p) ?? '',
          previous: lastExit !== undefined,
        });
      }
    }
  }
  return out.slice(0, 5);
}

export function licenseState(cm: KubeObject | undefined): LicenseState {
  const text = cm?.data?.[SUITE.clusterLicenseKey] ?? '';
  if (text.trim() === '') return { present: false, wellFormed: false };
  const info = inspectLicense(Buffer.from(text, 'utf8'));
  return info.ok
    ? { present: true, wellFormed: true, expiry: info.value.expiry, expired: info.value.expired }
    : { present: true, wellFormed: false };
}

export async function gatherClusterSnapshot(
  http: KubeHttp,
  target: GatherTarget,
  opts: GatherOptions = {},
): Promise<Result<ClusterSnapshot>> {
  const t = opts.t ?? english;
  const { namespace, cluster, signal } = { ...target, signal: opts.signal };
  const operation = t('read cluster {0}/{1}', namespace, cluster);
  const [crd, ddb, sts, pods, pvcs, svcs, events, classes, nodes, coredns, licenseCm] = await Promise.all([
    crdPresent(http, namespace, signal),
    get(http, objectPath(KINDS.dolphindb, cluster, namespace), signal),
    children(http, KINDS.statefulset, namespace, cluster, signal),
    children(http, KINDS.pod, namespace, cluster, signal),
    children(http, KINDS.pvc, namespace, cluster, signal),
    children(http, KINDS.service, namespace, cluster, signal),
    list(http, KINDS.event, namespace, {}, signal),
    list(http, KINDS.storageclass, undefined, {}, signal),
    list(http, KINDS.node, undefined, {}, signal),
    get(http, objectPath(KINDS.configmap, 'coredns', 'kube-system'), signal),
    get(http, objectPath(KINDS.configmap, configMapName(cluster), namespace), signal),
  ]);
  // The cluster's own objects must be readable; everything else is optional.
  for (const r of [pods, sts]) if (!r.ok) return fail({ ...r.failure, operation });
  const suiteNs = [
    namespace,
    ...(target.suiteNamespace && target.suiteNamespace !== namespace
      ? [target.suiteNamespace]
      : namespace !== 'dolphindb'
        ? ['dolphindb']
        : []),
  ];
  const suite = await findSuite(http, suiteNs, signal);
  const podList = pods.ok ? pods.value : [];
  const evList = events.ok
    ? events.value.filter((e) => {
        const name = str(e, 'involvedObject', 'name') ?? '';
        const kind = str(e, 'involvedObject', 'kind');
        return (kind === 'DolphinDB' && name === cluster) || (kind !== 'DolphinDB' && belongsTo(cluster, { metadata: { name } }));
      })
    : [];
  let crashLogs: CrashLog[] | undefined;
  if (opts.crashLogs !== false) {
    const targets = crashing(podList);
    crashLogs = (
      await Promise.all(
        targets.map(async (c) => {
          const r = await readLogTail(
            http.config,
            {
              namespace,
              pod: c.pod,
              container: c.container,
              tailLines: opts.crashLogLines ?? 20,
              previous: c.previous,
              timeoutMs: 10_000,
            },
            t,
          );
          return r.ok ? { ...c, lines: r.value } : { ...c, lines: [t('(log not readable: {0})', reasonOf(r.error, t))] };
        }),
      )
    ).filter((c) => c.lines.length > 0);
  }
  const corefile = coredns.ok ? coredns.value?.data?.Corefile : undefined;
  return ok({
    namespace,
    cluster,
    crdPresent: crd,
    ddb: ddb.ok ? ddb.value : undefined,
    statefulsets: sts.ok ? sts.value : [],
    pods: podList,
    pvcs: pvcs.ok ? pvcs.value : [],
    services: svcs.ok ? svcs.value : [],
    events: evList,
    storageClasses: classes.ok ? classes.value : undefined,
    nodes: nodes.ok ? nodes.value : undefined,
    suite,
    crashLogs,
    clusterDomain: corefile ? corefileDomain(corefile) : undefined,
    license: licenseCm.ok ? licenseState(licenseCm.value) : undefined,
  });
}

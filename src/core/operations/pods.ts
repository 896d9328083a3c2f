// The pods of one cluster, matched exactly by name (`^ddb-<name>-(ctr|dn|cn)-<i>-0$`), never by
// prefix, so cluster "ha" never touches the pods of "ha2". Reads and deletes go to the API
// server directly: an operation must see the state as it is now, not a cache's view of it.
import { doing } from '../i18n/text';
import { msg, type Translate } from '../i18n/translate';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../k8s/resources';
import { fail, ok, type Result } from '../result';
import { clusterPodRegExp, roleFromAbbrev, type Role } from '../dolphindb/names';
import { arr, podSummary, str } from '../explorer/objects';
import { pickDolphinDBContainer } from '../logs/containers';
import type { ClusterRef } from './outcome';

export interface PodInfo {
  readonly name: string;
  readonly uid: string;
  readonly role: Role;
  readonly index: number;
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly phase: string;
  /** Image of the DolphinDB server container (pickDolphinDBContainer: container names are not published). */
  readonly image?: string;
  readonly reason?: string;
}

export function podInfo(cluster: string, o: KubeObject): PodInfo | undefined {
  const m = clusterPodRegExp(cluster).exec(o.metadata.name);
  const role = m ? roleFromAbbrev(m[1]) : undefined;
  if (!m || !role) return undefined;
  const s = podSummary(o);
  const containers = arr(o, 'spec', 'containers');
  const server = pickDolphinDBContainer(o);
  const ddb = containers.find((c) => str(c, 'name') === server);
  return {
    name: o.metadata.name,
    uid: o.metadata.uid ?? '',
    role,
    index: Number(m[2]),
    ready: s.isReady && o.metadata.deletionTimestamp === undefined,
    terminating: o.metadata.deletionTimestamp !== undefined,
    phase: s.phase,
    image: str(ddb, 'image'),
    reason: s.reason,
  };
}

/** All DolphinDB pods of the cluster, paged so a namespace with many pods stays cheap per request. */
export async function listClusterPods(http: KubeHttp, ref: ClusterRef, signal?: AbortSignal): Promise<Result<PodInfo[]>> {
  const out: PodInfo[] = [];
  let cont: string | undefined;
  do {
    const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, ref.namespace), {
      query: { limit: 500, continue: cont },
      signal,
      ...doing(msg('list pods in {0}'), ref.namespace),
    });
    if (!r.ok) return r;
    for (const o of r.value.items ?? []) {
      const p = podInfo(ref.name, o);
      if (p) out.push(p);
    }
    cont = r.value.metadata?.continue || undefined;
  } while (cont);
  return ok(out.sort(comparePods));
}

const ROLE_ORDER: Record<Role, number> = { controller: 0, datanode: 1, computenode: 2 };
export function comparePods(a: { role: Role; index: number }, b: { role: Role; index: number }): number {
  return ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.index - b.index;
}

export async function getPod(
  t: Translate,
  http: KubeHttp,
  cluster: string,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<Result<PodInfo | undefined>> {
  const r = await http.request<KubeObject>(objectPath(KINDS.pod, name, namespace), {
    signal,
    operation: t('read pod {0} in {1}', name, namespace),
  });
  if (!r.ok) return r.error.kind === 'notFound' ? ok(undefined) : r;
  const p = podInfo(cluster, r.value);
  return p
    ? ok(p)
    : fail({
        kind: 'internal',
        operation: t('read pod {0}', name),
        reason: t('{0} is not a pod of cluster {1}.', name, cluster),
      });
}

/**
 * Removes the pod only if it is still the same object, so a pod the StatefulSet already replaced
 * is never removed a second time. It asks through the Eviction API: that is a POST, so the uid
 * precondition travels in a properly framed body, and it honours PodDisruptionBudgets. A user
 * who may delete pods but not evict them gets a plain delete after a uid check instead.
 * `gone`: it had already disappeared; `replaced`: it has another uid now.
 */
export async function deletePodIfSame(
  t: Translate,
  http: KubeHttp,
  namespace: string,
  name: string,
  uid: string,
  signal?: AbortSignal,
): Promise<Result<'deleted' | 'gone' | 'replaced'>> {
  const operation = t('restart pod {0} in {1}', name, namespace);
  const r = await http.request(`${objectPath(KINDS.pod, name, namespace)}/eviction`, {
    method: 'POST',
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions: { preconditions: { uid } } },
    signal,
    operation,
  });
  if (r.ok) return ok('deleted');
  if (r.error.kind === 'notFound') return ok('gone');
  if (r.error.kind === 'conflict' && /precondition|UID/i.test(r.error.reason)) return ok('replaced');
  if (r.error.status === 429)
    return fail({
      ...r.error,
      kind: 'conflict',
      reason: t('A PodDisruptionBudget does not allow {0} to be stopped now ({1}).', name, r.error.reason),
    });
  if (r.error.kind !== 'forbidden') return r;
  const current = await http.request<KubeObject>(objectPath(KINDS.pod, name, namespace), { signal, operation });
  if (!current.ok) return current.error.kind === 'notFound' ? ok('gone') : current;
  if (current.value.metadata.uid !== uid) return ok('replaced');
  const d = await http.request(objectPath(KINDS.pod, name, namespace), { method: 'DELETE', signal, operation });
  if (d.ok) return ok('deleted');
  return d.error.kind === 'notFound' ? ok('gone') : d;
}

// What the explorer reads from a session's watch caches: clusters per namespace, a cluster's
// members, its events, the suite's namespaces. Memory only; nothing here talks to the API server.
import { KINDS, type KubeObject } from '../k8s/resources';
import { clusterOfName, LABELS, statefulSetName, type RoleAbbrev } from '../dolphindb/names';
import type { ListWatch } from '../k8s/listWatch';
import type { ContextSession, ScopeCaches } from './session';
import type { ObjectCache } from './memberCache';
import { belongsTo, instanceOf, type StatefulSetLookup } from './membership';
import { str } from './objects';
import type { RoleStatusView } from './status';

/** The label of the suite's env-config ConfigMap: where it exists, the suite is installed. */
export const ENV_CONFIG_SELECTOR = 'dolphindb.io/component.config=config';

export function clustersByNamespace(sess: ContextSession): Map<string, KubeObject[]> {
  const byNs = new Map<string, KubeObject[]>();
  for (const scope of sess.caches) {
    for (const d of scope.dolphindbs?.values() ?? []) {
      const ns = d.metadata.namespace ?? '';
      const l = byNs.get(ns) ?? [];
      l.push(d);
      byNs.set(ns, l);
    }
  }
  return byNs;
}

export function findDolphinDB(sess: ContextSession | undefined, namespace: string, name: string): KubeObject | undefined {
  for (const scope of sess?.caches ?? []) {
    const d = scope.dolphindbs?.get(name, namespace);
    if (d) return d;
  }
  return undefined;
}

export function scopeFor(sess: ContextSession | undefined, namespace: string): ScopeCaches | undefined {
  return (sess?.caches ?? []).find((c) => c.namespace === undefined || c.namespace === namespace);
}

/** The objects of a cache that belong to the cluster (by label, owner or name). */
export function membersOf(scope: ScopeCaches, cache: ObjectCache, namespace: string, cluster: string): KubeObject[] {
  const lookup: StatefulSetLookup = (n, ns) => scope.statefulsets.get(n, ns);
  const out: KubeObject[] = [];
  for (const o of cache.values()) if ((o.metadata.namespace ?? '') === namespace && belongsTo(cluster, o, lookup)) out.push(o);
  return out;
}

/** Sort key of an instance StatefulSet name: controllers, then data nodes, then compute nodes. */
export function instIndex(inst: string): number {
  const m = /-(ctr|dn|cn)-(\d+)$/.exec(inst);
  return m ? (m[1] === 'ctr' ? 0 : m[1] === 'dn' ? 10000 : 20000) + Number(m[2]) : 99999;
}

/** A role's instances: the desired ones, the ones with a status, the StatefulSets that exist. */
export function instanceNames(
  scope: ScopeCaches,
  namespace: string,
  name: string,
  role: RoleAbbrev,
  rs: RoleStatusView | undefined,
): string[] {
  const names = new Set<string>();
  for (let i = 0; i < (rs?.desired ?? 0); i++) names.add(statefulSetName(name, role, i));
  for (const k of Object.keys(rs?.instances ?? {})) names.add(k);
  for (const sts of membersOf(scope, scope.statefulsets, namespace, name)) {
    if (instanceOf(name, sts)?.abbrev === role) names.add(sts.metadata.name);
  }
  return [...names].sort((a, b) => instIndex(a) - instIndex(b));
}

/** The events watch that holds a namespace's events (one across all namespaces when the scope allows). */
export function eventsCache(sess: ContextSession, namespace: string): ListWatch {
  return sess.lazy(KINDS.event, sess.probed?.scope.all ? undefined : namespace);
}

/** The cluster an event is about: the DolphinDB object itself or one of its children, by name. */
export function eventBelongsTo(cluster: string, e: KubeObject): boolean {
  const involved = str(e, 'involvedObject', 'name') ?? '';
  if (str(e, 'involvedObject', 'kind') === 'DolphinDB') return involved === cluster;
  return belongsTo(cluster, { metadata: { name: involved } });
}

/** Events of the cluster object and its children, unordered (eventHealth.ts judges and orders them). */
export function clusterEvents(sess: ContextSession | undefined, namespace: string, name: string): KubeObject[] {
  if (!sess) return [];
  const out: KubeObject[] = [];
  for (const e of eventsCache(sess, namespace).values())
    if ((e.metadata.namespace ?? '') === namespace && eventBelongsTo(name, e)) out.push(e);
  return out;
}

/** Namespaces where the suite's env-config ConfigMap exists. */
export function suiteNamespaces(sess: ContextSession | undefined): string[] {
  if (!sess) return [];
  const out = new Set<string>();
  for (const ns of sess.watchedNamespaces()) {
    for (const cm of sess.lazy(KINDS.configmap, ns, ENV_CONFIG_SELECTOR).values())
      if (cm.metadata.namespace) out.add(cm.metadata.namespace);
  }
  return [...out].sort();
}

/** The cluster a changed pod/Service/PVC/StatefulSet/ConfigMap belongs to, if any. */
export function clusterOfChild(o: KubeObject, scope: ScopeCaches): string | undefined {
  const label = o.metadata.labels?.[LABELS.name];
  if (label) return label;
  const owner = o.metadata.ownerReferences?.find((r) => r.kind === 'DolphinDB');
  if (owner) return owner.name;
  const lookup: StatefulSetLookup = (n, ns) => scope.statefulsets.get(n, ns);
  // Names are ambiguous when one cluster name is a prefix of another; prefer a known cluster.
  const ns = o.metadata.namespace;
  for (const d of scope.dolphindbs?.values() ?? [])
    if (d.metadata.namespace === ns && belongsTo(d.metadata.name, o, lookup)) return d.metadata.name;
  return clusterOfName(o.metadata.name);
}

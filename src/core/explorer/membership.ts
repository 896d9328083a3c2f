// Which watched objects belong to which DolphinDB cluster. The reference confirms the cluster
// label only on the cluster's ConfigMap (§4.6), so membership is decided, in this order, by:
// the label; an owner reference to the DolphinDB object; an owner reference to a StatefulSet
// that belongs to the cluster (DolphinDB → StatefulSet → pod); the operator's naming scheme
// (§4.1), anchored on the exact cluster name so cluster "ha" never claims the pods of "ha2".
import type { KubeObject } from '../k8s/resources';
import { DDB_KIND, isClusterObjectName, LABELS, parseMemberName, type InstanceRef } from '../dolphindb/names';

export type { InstanceRef };

/** Looks a StatefulSet up by name in the object's namespace (for the second link of the owner chain). */
export type StatefulSetLookup = (name: string, namespace: string) => KubeObject | undefined;

export function belongsTo(cluster: string, o: KubeObject, statefulSet?: StatefulSetLookup): boolean {
  const label = o.metadata.labels?.[LABELS.name];
  if (label !== undefined) return label === cluster;
  const owners = o.metadata.ownerReferences ?? [];
  const ddbOwner = owners.find((r) => r.kind === DDB_KIND);
  if (ddbOwner) return ddbOwner.name === cluster;
  if (statefulSet) {
    const stsOwner = owners.find((r) => r.kind === 'StatefulSet');
    const sts = stsOwner ? statefulSet(stsOwner.name, o.metadata.namespace ?? '') : undefined;
    // Only a StatefulSet that itself names a DolphinDB owner decides; otherwise the name does.
    const owner = sts?.metadata.ownerReferences?.find((r) => r.kind === DDB_KIND);
    if (owner) return owner.name === cluster;
  }
  return isClusterObjectName(cluster, o.metadata.name);
}

/** The instance a pod, StatefulSet, per-instance Service or PVC belongs to, if any. */
export function instanceOf(cluster: string, o: KubeObject): InstanceRef | undefined {
  return parseMemberName(cluster, o.metadata.name);
}

/** StatefulSets of one cluster: owned by its DolphinDB object, or named like its instances. */
export function clusterStatefulSets(cluster: string, namespace: string, statefulSets: Iterable<KubeObject>): KubeObject[] {
  const out: KubeObject[] = [];
  for (const s of statefulSets) if ((s.metadata.namespace ?? '') === namespace && belongsTo(cluster, s)) out.push(s);
  return out;
}

function matchLabels(sts: KubeObject): Record<string, string> | undefined {
  const spec = (sts as { spec?: { selector?: { matchLabels?: unknown } } }).spec;
  const ml = spec?.selector?.matchLabels;
  if (!ml || typeof ml !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ml as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

const selectorText = (labels: Record<string, string>): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

/**
 * Label selectors that find the pods (and PVCs: the StatefulSet controller copies its selector's
 * labels onto the claims it makes) of a cluster's StatefulSets, read from their own
 * `spec.selector.matchLabels`, whatever keys the operator chose. The labels all the StatefulSets
 * share give one selector for the whole cluster; without common labels, one per StatefulSet.
 * Empty when no StatefulSet has a plain-label selector.
 */
export function memberSelectors(statefulSets: readonly KubeObject[]): string[] {
  const all = statefulSets.map(matchLabels).filter((m): m is Record<string, string> => m !== undefined);
  if (all.length === 0) return [];
  const common: Record<string, string> = { ...all[0] };
  for (const m of all.slice(1)) for (const k of Object.keys(common)) if (m[k] !== common[k]) delete common[k];
  if (Object.keys(common).length > 0) return [selectorText(common)];
  return [...new Set(all.map(selectorText))].sort();
}

/** True when a selector already requires `dolphindb.io/dolphindb.name=<cluster>` (the label watch covers it). */
export function selectorHasClusterLabel(selector: string, cluster: string): boolean {
  return selector.split(',').includes(`${LABELS.name}=${cluster}`);
}

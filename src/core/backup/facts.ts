// What the tree reads from a Backup or Restore object. Their schema is not documented
// (docs/domain.md §8, §14.14), so every reading is tolerant: the cluster an object is for is taken from the cluster
// label or an owner reference to the DolphinDB object (as for every other member, membership.ts),
// else from a spec field that names it under one of the few names such a field plausibly has.
// An object that names no cluster is listed under none. Status: `status.phase`, else
// `status.state` or `status.status`, else the Ready condition; shown verbatim.
import { DDB_KIND, LABELS } from '../dolphindb/names';
import type { KubeObject } from '../k8s/resources';
import { arr, field, str } from '../explorer/objects';

/** Spec fields (or `<field>.name`) that may name the DolphinDB cluster, in the order asked. */
const CLUSTER_FIELDS = ['dolphindbName', 'dolphindb', 'clusterName', 'cluster', 'instanceName', 'ddbName'];

function specCluster(o: KubeObject): string | undefined {
  const spec = field(o, 'spec');
  for (const f of CLUSTER_FIELDS) {
    const v = str(spec, f) ?? str(spec, f, 'name');
    if (v) return v;
  }
  return undefined;
}

/** The DolphinDB cluster (in the object's namespace) a Backup or Restore is for. */
export function clusterOfBackup(o: KubeObject): string | undefined {
  const label = o.metadata.labels?.[LABELS.name];
  if (label) return label;
  const owner = (o.metadata.ownerReferences ?? []).find((r) => r.kind === DDB_KIND);
  if (owner) return owner.name;
  return specCluster(o);
}

/** The object's status word, if it reports one. */
export function backupStatus(o: KubeObject): string | undefined {
  const s = str(o, 'status', 'phase') ?? str(o, 'status', 'state') ?? str(o, 'status', 'status');
  if (s) return s;
  const ready = arr(o, 'status', 'conditions').find((c) => str(c, 'type') === 'Ready');
  if (!ready) return undefined;
  return str(ready, 'status') === 'True' ? 'Ready' : (str(ready, 'reason') ?? 'NotReady');
}

/** The status message, if any (a failed backup's reason). */
export function backupMessage(o: KubeObject): string | undefined {
  return str(o, 'status', 'message') ?? str(o, 'status', 'reason');
}

// Delete a cluster (docs/domain.md §2.8): the stored data goes with it, because the operator's owner
// references let the garbage collector remove the PVCs too. The user must type the cluster's
// name, and the operation waits until the object and every one of its pods are gone. The
// license backup ConfigMap that Replace license made for the cluster (licenseBackup.ts) is deleted
// last: it holds license text and belongs to nothing once the cluster is gone. A ConfigMap of that
// name that is not our backup is not touched.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { deleteObject } from '../k8s/apply';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../k8s/resources';
import { ok } from '../result';
import { clusterPvcRegExp } from '../dolphindb/names';
import { checkRef, crFailure, readCluster } from './cluster';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { listClusterPods } from './pods';
import { readLicenseBackup } from './licenseBackup';
import { waitUntil } from './wait';

export interface DeleteOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

export interface DeleteResult {
  readonly durationMs: number;
  readonly podsRemoved: number;
  /** The license backup ConfigMap deleted with the cluster, when there was one. */
  readonly backupDeleted?: string;
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
): Promise<Outcome<{ plan: Plan; pods: string[]; backup?: string }>> {
  const op = ctx.t('delete {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  const pods = await listClusterPods(http, ref, ctx.signal);
  if (!pods.ok) return unchanged(pods.error);
  const pvcs = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pvc, ref.namespace), {
    signal: ctx.signal,
    operation: ctx.t('list {0} in {1}', 'persistentvolumeclaims', ref.namespace),
  });
  const pvcNames = pvcs.ok ? pvcs.value.items.map((p) => p.metadata.name).filter((n) => clusterPvcRegExp(ref.name).test(n)) : [];
  const podNames = pods.value.map((p) => p.name);
  const changes = [
    ctx.t('Delete DolphinDB {0}.', refText(ref)),
    ctx.t(
      'Kubernetes then removes its pods ({0}), Services, ConfigMap ddb-{1} and StatefulSets.',
      podNames.join(', ') || ctx.t('none'),
      ref.name,
    ),
  ];
  if (pvcNames.length > 0) changes.push(ctx.t('Its volumes and the data on them are deleted too: {0}.', pvcNames.join(', ')));
  const backup = await readLicenseBackup(ctx, http, ref);
  if (!backup.ok) return unchanged(backup.error);
  const backupName = backup.value?.configMap;
  if (backupName)
    changes.push(ctx.t('Then delete ConfigMap {0}, the license backup that Replace license made for this cluster.', backupName));
  const warnings = [ctx.t('This deletes the data stored by the cluster and cannot be undone.')];
  if (cluster.value.deleting) warnings.push(ctx.t('The cluster is already being deleted; this waits for it to finish.'));
  return done({
    plan: { title: ctx.t('Delete DolphinDB {0}', refText(ref)), changes, warnings },
    pods: podNames,
    ...(backupName ? { backup: backupName } : {}),
  });
}

export async function planDeleteCluster(ctx: OperationContext, http: KubeHttp, ref: ClusterRef): Promise<Outcome<Plan>> {
  const p = await prepare(ctx, http, ref);
  return p.ok ? done(p.value.plan) : p;
}

/** `typedName` is what the user typed to confirm; it must equal the cluster name exactly. */
export async function deleteCluster(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  typedName: string,
  opts: DeleteOptions = {},
): Promise<Outcome<DeleteResult>> {
  const op = ctx.t('delete {0}', `${ref.namespace}/${ref.name}`);
  // The names first: the mismatch message quotes ref.name, which must be a valid name by then.
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  if (typedName !== ref.name)
    return refusedOutcome(
      'invalid',
      op,
      ctx.t('The typed name does not match the cluster name "{0}"; nothing was deleted.', ref.name),
    );
  const p = await prepare(ctx, http, ref);
  if (!p.ok) return p;
  if (ctx.signal.aborted) return refusedOutcome('cancelled', op, ctx.t('Cancelled before anything was changed.'));
  const started = Date.now();
  const del = await deleteObject(http, KINDS.dolphindb, ref.name, ref.namespace, {
    signal: ctx.signal,
    propagation: 'Background',
  });
  if (!del.ok && del.error.kind !== 'notFound') return unchanged(crFailure(ctx.t, del.error, ref.name));
  ctx.log(ctx.t('Deleted DolphinDB {0}; waiting for it and its pods to disappear.', refText(ref)));

  let remaining: string[] = [];
  let objectGone = false;
  const waited = await waitUntil<true>(
    ctx,
    { timeoutMs: opts.timeoutMs ?? 5 * 60_000, intervalMs: opts.pollMs, what: ctx.t('deletion of {0}', refText(ref)) },
    async () => {
      const o = await http.request(objectPath(KINDS.dolphindb, ref.name, ref.namespace), {
        signal: ctx.signal,
        operation: ctx.t('read {0}', `dolphindbs/${ref.name}`),
      });
      if (!o.ok && o.error.kind !== 'notFound') return o;
      if (!o.ok && !objectGone) ctx.log(ctx.t('DolphinDB {0} is gone.', refText(ref)));
      objectGone = !o.ok;
      const pods = await listClusterPods(http, ref, ctx.signal);
      if (!pods.ok) return pods;
      const names = pods.value.map((x) => x.name);
      if (names.join() !== remaining.join())
        ctx.log(names.length > 0 ? ctx.t('Pods still present: {0}', names.join(', ')) : ctx.t('All pods are gone.'));
      remaining = names;
      ctx.progress.report(ctx.t('{0} pod(s) left', names.length));
      return ok(objectGone && names.length === 0 ? true : undefined);
    },
  );
  if (!waited.ok) {
    const left = objectGone
      ? ctx.t('DolphinDB {0} is deleted; these pods were still shutting down: {1}.', refText(ref), remaining.join(', '))
      : ctx.t(
          'The delete request was accepted, but DolphinDB {0} still exists (a finalizer may hold it); pods left: {1}.',
          refText(ref),
          remaining.join(', ') || ctx.t('none'),
        );
    return afterChange(waited.error, left);
  }
  const backup = p.value.backup;
  if (backup) {
    const gone = await deleteObject(http, KINDS.configmap, backup, ref.namespace, { signal: ctx.signal });
    if (!gone.ok && gone.error.kind !== 'notFound')
      return afterChange(
        gone.error,
        ctx.t('DolphinDB {0} is deleted; its license backup ConfigMap {1} is still there.', refText(ref), backup),
      );
    ctx.log(ctx.t('Deleted the license backup ConfigMap {0}.', backup));
  }
  return done({
    durationMs: Date.now() - started,
    podsRemoved: p.value.pods.length,
    ...(backup ? { backupDeleted: backup } : {}),
  });
}

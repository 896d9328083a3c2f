// Rolling restart of a whole cluster or one instance: pods are deleted one at a time and each
// must be Ready again before the next. Controllers go first with the Raft leader last, so the
// leadership moves once; then datanodes, then computenodes.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { podName, ROLES, type Role } from '../dolphindb/names';
import { checkRef, masterPod, readCluster, replicasOf, instanceMeta, type ClusterObject } from './cluster';
import { isInteger } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { comparePods, listClusterPods, type PodInfo } from './pods';
import { describeRolling, rollPods, type PodTarget, type RollingOptions, type RollingReport } from './rolling';

export type RestartScope =
  { readonly kind: 'cluster' } | { readonly kind: 'instance'; readonly role: Role; readonly index: number };

export interface RestartPlan extends Plan {
  readonly order: readonly PodTarget[];
}

/** Restart order: controllers (leader last), datanodes, computenodes; by index within a role. */
export function restartOrder<P extends { name: string; role: Role; index: number }>(pods: readonly P[], leader?: string): P[] {
  return [...pods].sort((a, b) => {
    if (a.role === 'controller' && b.role === 'controller' && leader) {
      if (a.name === leader) return 1;
      if (b.name === leader) return -1;
    }
    return comparePods(a, b);
  });
}

function selectPods(
  t: Translate,
  cluster: ClusterObject,
  pods: readonly PodInfo[],
  scope: RestartScope,
): { targets: PodInfo[]; error?: string } {
  if (scope.kind === 'cluster') return { targets: restartOrder(pods, masterPod(cluster.status)) };
  if (!ROLES.includes(scope.role) || !isInteger(scope.index) || scope.index < 0)
    return { targets: [], error: t('Unknown instance.') };
  const name = podName(cluster.ref.name, scope.role, scope.index);
  if (scope.index >= replicasOf(cluster.spec, scope.role))
    return { targets: [], error: t('{0} has no {1} instance {2}.', refText(cluster.ref), scope.role, scope.index) };
  if (instanceMeta(cluster.spec, scope.role, scope.index)?.paused === true)
    return { targets: [], error: t('Instance {0} is paused; resume it instead of restarting it.', name) };
  const pod = pods.find((p) => p.name === name);
  if (!pod) return { targets: [], error: t('Pod {0} does not exist right now; the operator is still creating it.', name) };
  return { targets: [pod] };
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  scope: RestartScope,
): Promise<Outcome<RestartPlan>> {
  const op = ctx.t('restart {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const pods = await listClusterPods(http, ref, ctx.signal);
  if (!pods.ok) return unchanged(pods.error);
  const { targets, error } = selectPods(
    ctx.t,
    cluster.value,
    pods.value.filter((p) => !p.terminating),
    scope,
  );
  if (error) return refusedOutcome('invalid', op, error);
  if (targets.length === 0) return refusedOutcome('invalid', op, ctx.t('{0} has no running pods to restart.', refText(ref)));
  const warnings: string[] = [];
  const notReady = targets.filter((p) => !p.ready).map((p) => p.name);
  if (notReady.length > 0)
    warnings.push(
      ctx.t('Not Ready now: {0}. The restart stops at the first pod that does not become Ready.', notReady.join(', ')),
    );
  if (scope.kind === 'cluster') warnings.push(ctx.t('Each instance is briefly unavailable while its pod restarts.'));
  return done({
    title: scope.kind === 'cluster' ? ctx.t('Restart DolphinDB {0}', refText(ref)) : ctx.t('Restart {0}', targets[0].name),
    changes: targets.map((p, i) => ctx.t('{0}. Delete pod {1} and wait until it is Ready again.', i + 1, p.name)),
    warnings,
    order: targets.map((p) => ({ name: p.name, uid: p.uid })),
  });
}

export function planRestart(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  scope: RestartScope = { kind: 'cluster' },
): Promise<Outcome<RestartPlan>> {
  return prepare(ctx, http, ref, scope);
}

export async function restart(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  scope: RestartScope = { kind: 'cluster' },
  opts: RollingOptions = {},
): Promise<Outcome<RollingReport, RollingReport>> {
  const plan = await prepare(ctx, http, ref, scope);
  if (!plan.ok) return plan;
  for (const w of plan.value.warnings) ctx.log(ctx.t('Warning: {0}', w));
  const report = await rollPods(ctx, http, ref.name, ref.namespace, plan.value.order, opts);
  if (!report.failure) return done(report);
  const touched = report.restarted.length > 0 || report.unfinished !== undefined;
  if (!touched) return { ok: false, error: { ...report.failure, changed: false, partial: report } };
  return afterChange(report.failure, describeRolling(ctx.t, report), report);
}

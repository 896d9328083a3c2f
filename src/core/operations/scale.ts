// Scale one role: merge-patch spec.<role>.replicas (docs/domain.md §2.8), after the replica rules of
// §2.6 (DDB-E005/E006/W006/E007/E021), then follow until the new instances are Ready and the
// removed ones are gone.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { podName, ROLES, statefulSetName, type Role } from '../dolphindb/names';
import type { DolphinDBSpec } from '../dolphindb/types';
import { checkRef, expectedInstances, isStandalone, readCluster, replicasOf, roleSpec, type ClusterObject } from './cluster';
import { clip, isInteger } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { patchCluster } from './patchCluster';
import { describeRollout, followRollout, type RolloutOptions, type RolloutReport } from './rollout';

/** Guards against a typo such as 300 for 3; far above any documented cluster. */
export const MAX_REPLICAS = 256;

export interface ScaleCheck {
  readonly errors: string[];
  readonly warnings: string[];
}

export interface ScalePlan extends Plan {
  readonly role: Role;
  readonly from: number;
  readonly to: number;
}

export interface ScaleResult {
  readonly role: Role;
  readonly from: number;
  readonly to: number;
  readonly changed: boolean;
  readonly rollout?: RolloutReport;
}

export interface ScaleOptions extends RolloutOptions {
  readonly wait?: boolean;
}

/** The replica rules, without I/O. */
export function checkScale(t: Translate, spec: DolphinDBSpec, role: Role, replicas: unknown): ScaleCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!ROLES.includes(role)) return { errors: [t('Unknown role "{0}".', clip(String(role), 32))], warnings };
  if (!isInteger(replicas) || replicas < 0)
    return { errors: [t('The number of instances must be a whole number of 0 or more.')], warnings };
  if (replicas > MAX_REPLICAS)
    return { errors: [t('{0} instances is more than the limit of {1}.', replicas, MAX_REPLICAS)], warnings };

  if (isStandalone(spec)) {
    if (role !== 'datanode') errors.push(t('A standalone cluster has no {0}.', role));
    else if (replicas !== 1)
      errors.push(t('A standalone cluster has exactly one datanode (DDB-E007); switch to cluster mode to add more.'));
    return { errors, warnings };
  }
  const current = replicasOf(spec, role);
  if (role === 'controller') {
    if (replicas < 1) errors.push(t('A cluster needs at least one controller (DDB-E021).'));
    else if (spec.clusterType === 'singlecontroller' && replicas !== 1)
      errors.push(
        t('A singlecontroller cluster has exactly one controller (DDB-E005); use clusterType multicontroller for more.'),
      );
    else if (spec.clusterType === 'multicontroller' && replicas < 3)
      errors.push(t('A multicontroller cluster needs at least 3 controllers for a Raft quorum (DDB-E006).'));
    else if (spec.clusterType === 'multicontroller' && replicas % 2 === 0)
      warnings.push(
        t('{0} controllers tolerate no more failures than {1} (DDB-W006); an odd number is recommended.', replicas, replicas - 1),
      );
  }
  if (role === 'datanode' && replicas < 1) errors.push(t('A cluster needs at least one datanode (DDB-E021).'));
  if (roleSpec(spec, role) === undefined) {
    if (role === 'computenode')
      warnings.push(
        t(
          'The cluster has no computenode section yet; it is created with only replicas set, so the operator defaults apply (port, sizes, resources).',
        ),
      );
    else errors.push(t('The cluster spec has no {0} section.', role));
  }
  if (replicas < current) {
    warnings.push(
      t(
        'Scaling in removes the highest-numbered instances. What happens to their data and PVCs is not documented; make sure no data lives only on them.',
      ),
    );
    if (role === 'datanode')
      warnings.push(
        t(
          'Datanodes hold data: without replicas elsewhere (dfsReplicationFactor), data on removed datanodes becomes unavailable.',
        ),
      );
  }
  return { errors, warnings };
}

function buildPlan(t: Translate, cluster: ClusterObject, role: Role, replicas: number, check: ScaleCheck): ScalePlan {
  const { ref } = cluster;
  const from = replicasOf(cluster.spec, role);
  const changes: string[] = [];
  if (from !== replicas || roleSpec(cluster.spec, role) === undefined) {
    changes.push(t('Set spec.{0}.replicas of DolphinDB {1} from {2} to {3}.', role, refText(ref), from, replicas));
    for (let i = from; i < replicas; i++)
      changes.push(
        t(
          'Create instance {0} (pod {1}, new data/log/core volumes).',
          statefulSetName(ref.name, role, i),
          podName(ref.name, role, i),
        ),
      );
    for (let i = replicas; i < from; i++)
      changes.push(t('Remove instance {0} (pod {1}).', statefulSetName(ref.name, role, i), podName(ref.name, role, i)));
  }
  return {
    title: t('Scale {0} of DolphinDB {1} to {2}', role, refText(ref), replicas),
    changes,
    warnings: check.warnings,
    role,
    from,
    to: replicas,
  };
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  role: Role,
  replicas: number,
): Promise<Outcome<{ plan: ScalePlan; cluster: ClusterObject }>> {
  const op = ctx.t('scale {0} of {1}', role, `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const check = checkScale(ctx.t, cluster.value.spec, role, replicas);
  if (check.errors.length > 0) return refusedOutcome('invalid', op, check.errors.join(' '));
  return done({ plan: buildPlan(ctx.t, cluster.value, role, replicas, check), cluster: cluster.value });
}

export async function planScale(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  role: Role,
  replicas: number,
): Promise<Outcome<ScalePlan>> {
  const p = await prepare(ctx, http, ref, role, replicas);
  return p.ok ? done(p.value.plan) : p;
}

export async function scale(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  role: Role,
  replicas: number,
  opts: ScaleOptions = {},
): Promise<Outcome<ScaleResult>> {
  const p = await prepare(ctx, http, ref, role, replicas);
  if (!p.ok) return p;
  const { plan, cluster } = p.value;
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  const base = { role, from: plan.from, to: replicas };
  if (plan.changes.length === 0) {
    ctx.log(ctx.t('{0} already has {1} {2} instance(s); nothing to do.', refText(ref), replicas, role));
    return done({ ...base, changed: false });
  }
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', `scale ${refText(ref)}`, ctx.t('Cancelled before anything was changed.'));
  const patched = await patchCluster(ctx, http, cluster, { [role]: { replicas } });
  if (!patched.ok) return unchanged(patched.error);
  if (opts.wait === false) return done({ ...base, changed: true });

  const newSpec: DolphinDBSpec = { ...cluster.spec, [role]: { ...(roleSpec(cluster.spec, role) ?? {}), replicas } };
  const gone: string[] = [];
  for (let i = replicas; i < plan.from; i++) gone.push(podName(ref.name, role, i));
  const followed = await followRollout(
    ctx,
    http,
    ref,
    { instances: expectedInstances(newSpec), podDone: (pod) => pod.ready, gone },
    opts,
  );
  if (followed.failure) {
    const left = ctx.t(
      'spec.{0}.replicas is now {1} (was {2}); the operator keeps working towards it. {3}',
      role,
      replicas,
      plan.from,
      describeRollout(ctx.t, followed.report),
    );
    return afterChange(followed.failure, left);
  }
  return done({ ...base, changed: true, rollout: followed.report });
}

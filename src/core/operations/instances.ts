// Per-instance switches (docs/domain.md §2.5, §2.8): pause/resume via `instances.<i>.paused`, and a
// Service of the instance's own via `instances.<i>.service: {}` (removed with null). Instance
// keys are the decimal index as a string, which is how the API server stores them.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { KINDS, objectPath } from '../k8s/resources';
import { ok } from '../result';
import { instanceServiceName, podName, ROLES, statefulSetName, type Role } from '../dolphindb/names';
import { checkRef, expectedInstances, instanceMeta, isStandalone, readCluster, replicasOf, type ClusterObject } from './cluster';
import { isInteger } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { patchCluster } from './patchCluster';
import { describeRollout, followRollout, type RolloutOptions } from './rollout';
import { waitUntil } from './wait';

export type InstanceAction = 'pause' | 'resume' | 'addService' | 'removeService';

export interface InstanceTarget {
  readonly role: Role;
  readonly index: number;
}

export interface InstanceChangeResult {
  readonly action: InstanceAction;
  readonly changed: boolean;
}

export interface InstanceOptions extends RolloutOptions {
  readonly wait?: boolean;
}

interface Check {
  readonly error?: string;
  readonly warnings: string[];
  readonly changes: string[];
  readonly patch?: Record<string, unknown>;
}

/** What the action would change, without I/O. */
export function checkInstanceAction(t: Translate, cluster: ClusterObject, target: InstanceTarget, action: InstanceAction): Check {
  const { ref, spec } = cluster;
  const warnings: string[] = [];
  if (!ROLES.includes(target.role) || !isInteger(target.index) || target.index < 0)
    return { error: t('Unknown instance.'), warnings, changes: [] };
  const replicas = isStandalone(spec) ? (target.role === 'datanode' ? 1 : 0) : replicasOf(spec, target.role);
  const sts = statefulSetName(ref.name, target.role, target.index);
  if (target.index >= replicas)
    return {
      error: t('{0} has no {1} instance {2} (it has {3}).', refText(ref), target.role, target.index, replicas),
      warnings,
      changes: [],
    };
  const meta = instanceMeta(spec, target.role, target.index) ?? {};
  const at = `spec.${target.role}.instances."${target.index}"`;
  const patchOf = (v: Record<string, unknown>): Record<string, unknown> => ({
    [target.role]: { instances: { [String(target.index)]: v } },
  });
  switch (action) {
    case 'pause': {
      if (meta.paused === true) return { warnings, changes: [] };
      if (target.role === 'controller' && spec.clusterType === 'multicontroller') {
        const pausedCtr = expectedInstances(spec).filter((i) => i.role === 'controller' && i.paused).length + 1;
        if (pausedCtr > Math.floor((replicas - 1) / 2))
          warnings.push(
            t(
              'With {0} of {1} controllers paused the Raft group loses its quorum and the cluster stops accepting changes.',
              pausedCtr,
              replicas,
            ),
          );
      } else if (target.role === 'controller' || isStandalone(spec)) {
        warnings.push(t('This is the only {0}: the whole cluster stops serving while it is paused.', target.role));
      }
      warnings.push(t('The pod stops; its volumes and Services stay.'));
      return {
        warnings,
        changes: [t('Set {0}.paused = true: pod {1} of {2} stops.', at, podName(ref.name, target.role, target.index), sts)],
        patch: patchOf({ paused: true }),
      };
    }
    case 'resume':
      if (meta.paused !== true) return { warnings, changes: [] };
      return {
        warnings,
        changes: [t('Remove {0}.paused: pod {1} starts again.', at, podName(ref.name, target.role, target.index))],
        patch: patchOf({ paused: null }),
      };
    case 'addService':
      if (meta.service !== undefined && meta.service !== null) return { warnings, changes: [] };
      warnings.push(
        t(
          "The operator creates the Service with the suite's service type (NodePort by default), which opens a port on every node.",
        ),
      );
      return {
        warnings,
        changes: [
          t(
            'Set {0}.service = {}: the operator creates Service {1}.',
            at,
            instanceServiceName(ref.name, target.role, target.index),
          ),
        ],
        patch: patchOf({ service: {} }),
      };
    case 'removeService':
      if (meta.service === undefined || meta.service === null) return { warnings, changes: [] };
      warnings.push(t('Clients that connect through this Service lose their connection.'));
      return {
        warnings,
        changes: [
          t(
            'Remove {0}.service: the operator deletes Service {1}.',
            at,
            instanceServiceName(ref.name, target.role, target.index),
          ),
        ],
        patch: patchOf({ service: null }),
      };
    default:
      return { error: t('Unknown action.'), warnings, changes: [] };
  }
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  action: InstanceAction,
): Promise<Outcome<{ plan: Plan; check: Check; cluster: ClusterObject }>> {
  const op = `${action} ${ref.namespace}/${ref.name}`;
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const check = checkInstanceAction(ctx.t, cluster.value, target, action);
  if (check.error) return refusedOutcome('invalid', op, check.error);
  const titles: Record<InstanceAction, string> = {
    pause: ctx.t('Pause {0}', statefulSetName(ref.name, target.role, target.index)),
    resume: ctx.t('Resume {0}', statefulSetName(ref.name, target.role, target.index)),
    addService: ctx.t('Add a Service for {0}', statefulSetName(ref.name, target.role, target.index)),
    removeService: ctx.t('Remove the Service of {0}', statefulSetName(ref.name, target.role, target.index)),
  };
  return done({
    plan: { title: titles[action], changes: check.changes, warnings: check.warnings },
    check,
    cluster: cluster.value,
  });
}

export async function planInstanceChange(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  action: InstanceAction,
): Promise<Outcome<Plan>> {
  const p = await prepare(ctx, http, ref, target, action);
  return p.ok ? done(p.value.plan) : p;
}

async function change(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  action: InstanceAction,
  opts: InstanceOptions,
): Promise<Outcome<InstanceChangeResult>> {
  const p = await prepare(ctx, http, ref, target, action);
  if (!p.ok) return p;
  const { check, cluster } = p.value;
  if (!check.patch) {
    ctx.log(
      ctx.t('Nothing to change: {0} is already in the requested state.', statefulSetName(ref.name, target.role, target.index)),
    );
    return done({ action, changed: false });
  }
  for (const w of check.warnings) ctx.log(ctx.t('Warning: {0}', w));
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', `${action} ${refText(ref)}`, ctx.t('Cancelled before anything was changed.'));
  const patched = await patchCluster(ctx, http, cluster, check.patch);
  if (!patched.ok) return unchanged(patched.error);
  if (opts.wait === false) return done({ action, changed: true });

  const pod = podName(ref.name, target.role, target.index);
  if (action === 'pause' || action === 'resume') {
    // A paused instance may not count against `Available` in every operator version, so only the pod is followed.
    const goal =
      action === 'pause'
        ? { instances: [], podDone: () => true, gone: [pod], requireAvailable: false }
        : { instances: [{ ...target, paused: false }], podDone: (x: { ready: boolean }) => x.ready, requireAvailable: false };
    const followed = await followRollout(ctx, http, ref, goal, opts);
    if (followed.failure)
      return afterChange(
        followed.failure,
        ctx.t(
          '{0} is stored in the cluster spec; the operator has not finished applying it. {1}',
          p.value.plan.changes.join(' '),
          describeRollout(ctx.t, followed.report),
        ),
      );
    return done({ action, changed: true });
  }
  const svc = instanceServiceName(ref.name, target.role, target.index);
  const want = action === 'addService';
  const waited = await waitUntil<true>(
    ctx,
    {
      timeoutMs: opts.timeoutMs ?? 120_000,
      intervalMs: opts.pollMs,
      what: want ? ctx.t('Service {0} created', svc) : ctx.t('Service {0} deleted', svc),
    },
    async () => {
      const r = await http.request(objectPath(KINDS.service, svc, ref.namespace), {
        signal: ctx.signal,
        operation: ctx.t('read {0}', `services/${svc}`),
      });
      if (!r.ok && r.error.kind !== 'notFound') return r;
      return ok(r.ok === want ? true : undefined);
    },
  );
  if (!waited.ok)
    return afterChange(
      waited.error,
      ctx.t(
        '{0} is stored in the cluster spec, but Service {1} was not {2} in time.',
        p.value.plan.changes.join(' '),
        svc,
        want ? ctx.t('created') : ctx.t('deleted'),
      ),
    );
  ctx.log(want ? ctx.t('Service {0} exists.', svc) : ctx.t('Service {0} is gone.', svc));
  return done({ action, changed: true });
}

export const pauseInstance = (
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  opts: InstanceOptions = {},
): Promise<Outcome<InstanceChangeResult>> => change(ctx, http, ref, target, 'pause', opts);
export const resumeInstance = (
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  opts: InstanceOptions = {},
): Promise<Outcome<InstanceChangeResult>> => change(ctx, http, ref, target, 'resume', opts);
export const addInstanceService = (
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  opts: InstanceOptions = {},
): Promise<Outcome<InstanceChangeResult>> => change(ctx, http, ref, target, 'addService', opts);
export const removeInstanceService = (
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: InstanceTarget,
  opts: InstanceOptions = {},
): Promise<Outcome<InstanceChangeResult>> => change(ctx, http, ref, target, 'removeService', opts);

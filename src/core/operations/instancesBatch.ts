// One per-instance change (pause, resume, own Service) for several instances in one go: the guide
// gives each of three data nodes its own Service. One plan lists every instance's change; the
// changes run one after another, and a failure midway says which instances were already changed.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { statefulSetName } from '../dolphindb/names';
import {
  addInstanceService,
  pauseInstance,
  planInstanceChange,
  removeInstanceService,
  resumeInstance,
  type InstanceAction,
  type InstanceChangeResult,
  type InstanceOptions,
  type InstanceTarget,
} from './instances';
import { afterChange, done, type ClusterRef, type Outcome, type Plan } from './outcome';

const OPS = {
  pause: pauseInstance,
  resume: resumeInstance,
  addService: addInstanceService,
  removeService: removeInstanceService,
};

export interface BatchResult {
  readonly action: InstanceAction;
  /** StatefulSet names of the instances whose spec was changed (the others already were as asked). */
  readonly changed: readonly string[];
}

export async function planInstancesChange(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  targets: readonly InstanceTarget[],
  action: InstanceAction,
  title: string,
): Promise<Outcome<Plan>> {
  const changes: string[] = [];
  const warnings: string[] = [];
  for (const target of targets) {
    const p = await planInstanceChange(ctx, http, ref, target, action);
    if (!p.ok) return p;
    changes.push(...p.value.changes);
    for (const w of p.value.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  return done({ title, changes, warnings });
}

export async function changeInstances(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  targets: readonly InstanceTarget[],
  action: InstanceAction,
  opts: InstanceOptions = {},
): Promise<Outcome<BatchResult>> {
  const changed: string[] = [];
  for (const [i, target] of targets.entries()) {
    const name = statefulSetName(ref.name, target.role, target.index);
    ctx.progress.report(name, i / targets.length);
    const r: Outcome<InstanceChangeResult> = await OPS[action](ctx, http, ref, target, opts);
    if (!r.ok) {
      if (changed.length === 0) return r;
      const before = ctx.t('Already changed: {0}.', changed.join(', '));
      return afterChange(r.error, r.error.leftState ? `${before} ${r.error.leftState}` : before);
    }
    if (r.value.changed) changed.push(name);
  }
  return done({ action, changed });
}

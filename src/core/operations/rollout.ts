// Follows a cluster after a spec change until every instance is done and the operator reports
// `Available`, logging each instance as it changes and when it finishes. "Done" is decided by
// the caller (new image, new pod, pod gone), so upgrade, scale, configure and pause share it.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import type { Failure } from '../result';
import { podName, statefulSetName } from '../dolphindb/names';
import { clusterPhase, readCluster, type ExpectedInstance } from './cluster';
import type { ClusterRef } from './outcome';
import { listClusterPods, type PodInfo } from './pods';
import { seconds, waitUntil } from './wait';

export interface RolloutGoal {
  /** Instances that must end with a pod for which `podDone` holds (paused ones are skipped). */
  readonly instances: readonly ExpectedInstance[];
  readonly podDone: (pod: PodInfo) => boolean;
  /** Pods that must disappear (scale-in, pause). */
  readonly gone?: readonly string[];
  /** Also wait for status.phase `Available`. Default true. */
  readonly requireAvailable?: boolean;
}

export interface RolloutOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

export interface RolloutReport {
  /** Instance (StatefulSet) name → ms from the start until it was done. */
  readonly done: Readonly<Record<string, number>>;
  /** Instances or pods not done when the wait ended. */
  readonly notDone: readonly string[];
  readonly phase?: string;
  readonly durationMs: number;
}

export interface RolloutResult {
  readonly report: RolloutReport;
  readonly failure?: Failure;
}

export const DEFAULT_ROLLOUT_TIMEOUT_MS = 10 * 60_000;

export async function followRollout(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  goal: RolloutGoal,
  opts: RolloutOptions = {},
): Promise<RolloutResult> {
  const started = Date.now();
  const active = goal.instances.filter((i) => !i.paused);
  const total = active.length + (goal.gone?.length ?? 0);
  const done: Record<string, number> = {};
  const lastSeen = new Map<string, string>();
  let phase: string | undefined;
  let notDone: string[] = [];

  const r = await waitUntil<true>(
    ctx,
    {
      timeoutMs: opts.timeoutMs ?? DEFAULT_ROLLOUT_TIMEOUT_MS,
      intervalMs: opts.pollMs,
      what: ctx.t('rollout of {0}', `${ref.namespace}/${ref.name}`),
    },
    async () => {
      const cr = await readCluster(ctx, http, ref);
      if (!cr.ok) return cr;
      const pods = await listClusterPods(http, ref, ctx.signal);
      if (!pods.ok) return pods;
      phase = clusterPhase(cr.value.status);
      const byName = new Map(pods.value.map((p) => [p.name, p]));
      notDone = [];
      for (const inst of active) {
        const key = statefulSetName(ref.name, inst.role, inst.index);
        const pod = byName.get(podName(ref.name, inst.role, inst.index));
        const state = pod
          ? `${pod.phase}${pod.reason ? ` (${pod.reason})` : ''}${pod.ready ? ', Ready' : ''}`
          : ctx.t('no pod yet');
        if (lastSeen.get(key) !== state) {
          lastSeen.set(key, state);
          ctx.log(ctx.t('{0}: {1}', key, state));
        }
        if (pod && goal.podDone(pod)) {
          if (done[key] === undefined) {
            done[key] = Date.now() - started;
            ctx.log(ctx.t('{0} done after {1} s.', key, seconds(done[key])));
          }
        } else {
          delete done[key];
          notDone.push(key);
        }
      }
      for (const name of goal.gone ?? []) {
        if (byName.has(name)) notDone.push(name);
        else if (done[name] === undefined) {
          done[name] = Date.now() - started;
          ctx.log(ctx.t('{0} removed after {1} s.', name, seconds(done[name])));
        }
      }
      const finished = Object.keys(done).length;
      ctx.progress.report(
        ctx.t('{0} of {1} instances done; cluster phase {2}', finished, total, phase ?? '?'),
        total > 0 ? finished / total : undefined,
      );
      const available = goal.requireAvailable === false || phase === 'Available';
      return { ok: true, value: notDone.length === 0 && available ? true : undefined };
    },
  );
  const report: RolloutReport = { done, notDone, phase, durationMs: Date.now() - started };
  return r.ok ? { report } : { report, failure: r.error };
}

export function describeRollout(t: Translate, r: RolloutReport): string {
  const done = Object.keys(r.done);
  const parts = [
    done.length > 0 ? t('Done: {0}.', done.join(', ')) : t('No instance has finished yet.'),
    r.notDone.length > 0 ? t('Still in progress: {0}.', r.notDone.join(', ')) : t('Every instance has finished.'),
    t('Cluster phase: {0}.', r.phase ?? t('not reported')),
  ];
  return parts.join(' ');
}

// Rolling restart: delete one pod, wait until its StatefulSet has recreated it and it is Ready,
// then the next. One pod at a time keeps the rest of the cluster serving. Every pod is deleted
// with a uid precondition taken before the operation started, so a pod the operator already
// replaced (e.g. because a config hash changed) is waited for, never deleted twice.
import { reasonOf } from '../i18n/text';
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { sleep } from '../operation';
import type { Failure, Result } from '../result';
import { deletePodIfSame, getPod, type PodInfo } from './pods';
import { seconds, waitUntil } from './wait';

export interface PodTarget {
  readonly name: string;
  /** uid before the operation; empty when the pod did not exist then. */
  readonly uid: string;
}

export interface RollingOptions {
  /** Per pod: how long a recreated pod may take to become Ready. Default 5 min. */
  readonly readyTimeoutMs?: number;
  readonly pollMs?: number;
  /**
   * How long a lost connection to the API server may last before the roll stops. A rolling
   * restart that stopped at a short blip would leave pods on mixed configuration for nothing;
   * every step is safe to repeat (reads, and deletes with a uid precondition). Default 2 min.
   */
  readonly outageBudgetMs?: number;
}

export interface RollingReport {
  /** Recreated and Ready, in order. */
  readonly restarted: readonly string[];
  /** Deleted (or found replaced) but not seen Ready before the operation stopped. */
  readonly unfinished?: string;
  /** Never touched by this operation. */
  readonly pending: readonly string[];
  /** Of `pending`: pods recreated meanwhile by someone else (the operator rolling its StatefulSets). */
  readonly replacedMeanwhile?: readonly string[];
  readonly failure?: Failure;
  readonly durationsMs: Readonly<Record<string, number>>;
}

export const DEFAULT_READY_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_OUTAGE_BUDGET_MS = 2 * 60_000;

const TRANSIENT: ReadonlySet<Failure['kind']> = new Set(['unreachable', 'timeout']);

/** Repeats `step` while it fails with a connection problem, within the budget; says so in the log. */
async function throughOutage<T>(ctx: OperationContext, budgetMs: number, step: () => Promise<Result<T>>): Promise<Result<T>> {
  const deadline = Date.now() + budgetMs;
  let lost = false;
  let delay = 250;
  for (;;) {
    const r = await step();
    if (r.ok || !TRANSIENT.has(r.error.kind) || Date.now() + delay > deadline || ctx.signal.aborted) {
      if (lost && r.ok) ctx.log(ctx.t('The API server answers again; continuing.'));
      return r;
    }
    if (!lost)
      ctx.log(
        ctx.t(
          'Lost the connection to the API server ({0}); nothing is changed meanwhile, retrying for up to {1} s.',
          reasonOf(r.error, ctx.t),
          Math.round(budgetMs / 1000),
        ),
      );
    lost = true;
    try {
      await sleep(delay, ctx.signal);
    } catch {
      return r;
    }
    delay = Math.min(delay * 2, 5000);
  }
}

export async function rollPods(
  ctx: OperationContext,
  http: KubeHttp,
  cluster: string,
  namespace: string,
  targets: readonly PodTarget[],
  opts: RollingOptions = {},
): Promise<RollingReport> {
  const restarted: string[] = [];
  const durationsMs: Record<string, number> = {};
  const readyTimeoutMs = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const budgetMs = opts.outageBudgetMs ?? DEFAULT_OUTAGE_BUDGET_MS;
  const stop = async (i: number, failure: Failure, unfinished?: string): Promise<RollingReport> => {
    const pending = targets.slice(unfinished ? i + 1 : i);
    const replacedMeanwhile = await replacedSince(ctx.t, http, cluster, namespace, pending);
    return {
      restarted,
      pending: pending.map((p) => p.name),
      failure,
      durationsMs,
      ...(unfinished ? { unfinished } : {}),
      ...(replacedMeanwhile.length > 0 ? { replacedMeanwhile } : {}),
    };
  };

  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (ctx.signal.aborted)
      return await stop(i, { kind: 'cancelled', operation: ctx.t('restart pod {0}', target.name), reason: ctx.t('cancelled') });
    ctx.progress.report(ctx.t('Restarting {0} ({1} of {2})', target.name, i + 1, targets.length), i / targets.length);
    const started = Date.now();

    const current = await throughOutage(ctx, budgetMs, () => getPod(ctx.t, http, cluster, namespace, target.name, ctx.signal));
    if (!current.ok) return await stop(i, current.error);
    if (current.value && current.value.uid === target.uid && target.uid !== '') {
      const d = await throughOutage(ctx, budgetMs, () =>
        deletePodIfSame(ctx.t, http, namespace, target.name, target.uid, ctx.signal),
      );
      if (!d.ok) return await stop(i, d.error);
      ctx.log(
        d.value === 'deleted'
          ? ctx.t('Stopped pod {0}; waiting for its StatefulSet to recreate it and for it to be Ready.', target.name)
          : ctx.t('Pod {0} was already being replaced; waiting for it to come back Ready.', target.name),
      );
    } else {
      ctx.log(ctx.t('Pod {0} was already replaced since the operation started; waiting for it to be Ready.', target.name));
    }

    const ready = await waitUntil<PodInfo>(
      ctx,
      { timeoutMs: readyTimeoutMs, intervalMs: opts.pollMs, what: `pod ${target.name} Ready` },
      async () => {
        const p = await getPod(ctx.t, http, cluster, namespace, target.name, ctx.signal);
        if (!p.ok) return p;
        return { ok: true, value: p.value && p.value.uid !== target.uid && p.value.ready ? p.value : undefined };
      },
    );
    if (!ready.ok) return await stop(i, ready.error, target.name);
    durationsMs[target.name] = Date.now() - started;
    restarted.push(target.name);
    ctx.log(ctx.t('Pod {0} is Ready again after {1} s.', target.name, seconds(durationsMs[target.name])));
  }
  ctx.progress.report(ctx.t('All {0} pods restarted', targets.length), 1);
  return { restarted, pending: [], durationsMs };
}

/**
 * Which untouched pods now have another uid (or are gone): the operator may roll pods itself, for
 * instance when a config hash changes. Read without the operation's signal, so a cancelled
 * operation still reports the truth.
 */
async function replacedSince(
  t: Translate,
  http: KubeHttp,
  cluster: string,
  namespace: string,
  pods: readonly PodTarget[],
): Promise<string[]> {
  const out: string[] = [];
  for (const p of pods) {
    const r = await getPod(t, http, cluster, namespace, p.name);
    if (r.ok && (r.value === undefined || r.value.uid !== p.uid)) out.push(p.name);
  }
  return out;
}

/** One paragraph for the user: which pods were restarted, which one stopped, which were not touched. */
export function describeRolling(t: Translate, r: RollingReport): string {
  const parts: string[] = [];
  parts.push(
    r.restarted.length > 0 ? t('Restarted and Ready: {0}.', r.restarted.join(', ')) : t('No pod was restarted successfully.'),
  );
  if (r.unfinished) parts.push(t('Restarted but not Ready: {0}.', r.unfinished));
  const replaced = new Set(r.replacedMeanwhile ?? []);
  const untouched = r.pending.filter((p) => !replaced.has(p));
  if (untouched.length > 0) parts.push(t('Not restarted: {0}.', untouched.join(', ')));
  if (replaced.size > 0) parts.push(t('Recreated meanwhile by the operator: {0}.', [...replaced].join(', ')));
  return parts.join(' ');
}

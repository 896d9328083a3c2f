// Polling with a deadline and cancellation. Operations watch the API server's current state
// rather than a cache, so a wait observes what really happened; transient read errors are
// retried until the deadline, permission errors end the wait at once.
import { reasonOf } from '../i18n/text';
import type { OperationContext } from '../operation';
import { sleep } from '../operation';
import { fail, ok, type Failure, type Result } from '../result';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Names the wait in failures, e.g. "pod ddb-x-dn-0-0 Ready". */
  readonly what: string;
}

/** `undefined` from the probe means "not yet". */
export type Probe<T> = () => Promise<Result<T | undefined>>;

const FATAL: ReadonlySet<Failure['kind']> = new Set(['forbidden', 'unauthorized', 'cancelled', 'crdMissing', 'invalid']);

export async function waitUntil<T>(ctx: OperationContext, opts: WaitOptions, probe: Probe<T>): Promise<Result<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 1000;
  let lastError: Failure | undefined;
  for (;;) {
    if (ctx.signal.aborted) return fail({ kind: 'cancelled', operation: opts.what, reason: ctx.t('cancelled') });
    const r = await probe();
    if (r.ok && r.value !== undefined) return ok(r.value);
    if (!r.ok) {
      if (FATAL.has(r.error.kind)) return r;
      lastError = r.error;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const seconds = Math.round(opts.timeoutMs / 1000);
      const reason = lastError
        ? ctx.t('not reached within {0} s (last error: {1})', seconds, reasonOf(lastError, ctx.t))
        : ctx.t('not reached within {0} s', seconds);
      return fail({ kind: 'timeout', operation: opts.what, reason });
    }
    try {
      await sleep(Math.min(interval, left), ctx.signal);
    } catch {
      return fail({ kind: 'cancelled', operation: opts.what, reason: ctx.t('cancelled') });
    }
  }
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

// Runs one core cluster operation under a cancellable progress notification, with its lines in
// the extension's log, and turns the Outcome into a Step: the value, or the CommandResult of the
// failure (see failures.ts) together with the failure itself (its `partial` data, e.g. a license
// backup, is for the caller).
import * as vscode from 'vscode';
import type { OperationFailure, Outcome } from '../../../core/operations';
import type { OperationContext } from '../../../core/operation';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from './deps';
import { failedResult } from './failures';

/** A context for read-only work before the confirmation (plans, version lists): logs, no UI. */
export function quietContext(deps: CommandDeps, signal?: AbortSignal): OperationContext {
  return {
    signal: signal ?? new AbortController().signal,
    progress: { report: () => undefined },
    log: (l) => deps.log.info(l),
    t,
  };
}

/** A Step that also carries the operation's failure, for callers that keep its partial data. */
export type OperationStep<T, P> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly result: CommandResult; readonly error: OperationFailure<P> };

export async function runOperation<T, P>(
  deps: CommandDeps,
  title: string,
  run: (ctx: OperationContext) => Promise<Outcome<T, P>>,
): Promise<OperationStep<T, P>> {
  deps.log.info(t('Started: {0}', title));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => {
        deps.log.warn(t('Cancel requested: {0}', title));
        abort.abort();
      });
      let done = 0;
      const ctx: OperationContext = {
        signal: abort.signal,
        t,
        log: (line) => deps.log.info(line),
        progress: {
          report: (message, fraction) => {
            // VS Code wants increments; the core reports the share done so far.
            const pct = fraction === undefined ? undefined : Math.max(0, Math.min(100, fraction * 100));
            const increment = pct === undefined || pct <= done ? undefined : pct - done;
            if (pct !== undefined && pct > done) done = pct;
            progress.report({ message, increment });
          },
        },
      };
      try {
        return await run(ctx);
      } catch (e) {
        // A bug in an operation must still say whether anything was changed: we cannot know.
        const reason = e instanceof Error ? e.message : String(e);
        return {
          ok: false,
          error: {
            kind: 'internal',
            operation: title,
            reason,
            changed: true,
            leftState: t('Unknown: the operation stopped unexpectedly; check the cluster before retrying.'),
          },
        } as Outcome<T, P>;
      } finally {
        sub.dispose();
      }
    },
  );
  if (outcome.ok) {
    deps.log.info(t('Finished: {0}', title));
    return outcome;
  }
  return { ok: false, result: failedResult(deps, outcome.error), error: outcome.error };
}

// Runs one core lifecycle operation under a cancellable progress notification, with its lines
// in the extension's log, and turns the Outcome into a CommandResult. Failures go through
// showFailure (the one place that words them); when something was already changed, the state
// that is left is part of the message so a half-done change is never silent.
import * as vscode from 'vscode';
import type { LifecycleFailure, Outcome } from '../../../core/operations';
import type { OperationContext } from '../../../core/operation';
import type { Failure, FailureKind } from '../../../core/result';
import { t } from '../../localize';
import { showFailure } from '../../ui/errors';
import type { CommandResult, LifecycleDeps } from './deps';

/** Reports a failure without waiting for the user to close the message (commands must return). */
export function report(deps: LifecycleDeps, f: Failure & { changed?: boolean; leftState?: string }): CommandResult {
  const withState = f.changed && f.leftState ? { ...f, reason: `${f.reason} ${t('What is left: {0}', f.leftState)}` } : f;
  void showFailure(withState, deps.log);
  return { ok: false, kind: f.kind, reason: withState.reason, changed: f.changed === true, ...(f.leftState ? { leftState: f.leftState } : {}) };
}

export function refuse(deps: LifecycleDeps, operation: string, kind: FailureKind, reason: string): CommandResult {
  return report(deps, { kind, operation, reason, changed: false });
}

/** Restricted Mode: nothing that runs helm or writes to a cluster may run. */
export function untrusted(deps: LifecycleDeps, operation: string): CommandResult | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return refuse(deps, operation, 'unsupported', t('This workspace is in Restricted Mode, where the extension does not run helm or change clusters. Trust the workspace to use this command.'));
}

/** A context for read-only work before the confirmation (plans, version lists): logs, no UI. */
export function quietContext(deps: LifecycleDeps, signal?: AbortSignal): OperationContext {
  return { signal: signal ?? new AbortController().signal, progress: { report: () => undefined }, log: (l) => deps.log.info(l), t };
}

export async function runOperation<T, P>(
  deps: LifecycleDeps,
  title: string,
  run: (ctx: OperationContext) => Promise<Outcome<T, P>>,
): Promise<{ ok: true; value: T } | { ok: false; result: CommandResult; error: LifecycleFailure<P> }> {
  deps.log.info(t('Started: {0}', title));
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
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
      return { ok: false, error: { kind: 'internal', operation: title, reason, changed: true, leftState: t('Unknown: the operation stopped unexpectedly; check the cluster before retrying.') } } as Outcome<T, P>;
    } finally {
      sub.dispose();
    }
  });
  if (outcome.ok) {
    deps.log.info(t('Finished: {0}', title));
    return outcome;
  }
  return { ok: false, result: report(deps, outcome.error), error: outcome.error };
}

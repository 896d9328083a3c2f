// Turns a failure into the CommandResult a command returns. The message goes through showFailure
// (the one place that words failures) without waiting for the user to close it: commands must
// return. When something was already changed, the state that is left is part of the message, so
// a half-done change is never silent.
import type { Failure, FailureKind } from '../../../core/result';
import { t } from '../../localize';
import { showFailure } from '../../ui/errors';
import type { CommandDeps, CommandResult } from './deps';

/** Shows the failure and returns it as the command's result. */
export function failedResult(deps: CommandDeps, f: Failure & { changed?: boolean; leftState?: string }): CommandResult {
  const withState = f.changed && f.leftState ? { ...f, reason: `${f.reason} ${t('What is left: {0}', f.leftState)}` } : f;
  void showFailure(withState, deps.log);
  return {
    ok: false,
    kind: f.kind,
    reason: withState.reason,
    changed: f.changed === true,
    ...(f.leftState ? { leftState: f.leftState } : {}),
  };
}

/** A refusal before anything was changed, shown and returned as the command's result. */
export function refusedResult(deps: CommandDeps, kind: FailureKind, operation: string, reason: string): CommandResult {
  return failedResult(deps, { kind, operation, reason, changed: false });
}

// The sequence every change runs: plan (read-only), show the plan and confirm it, an optional
// extra gate (a typed name), then run the operation under progress and refresh the view.
import * as vscode from 'vscode';
import type { OperationFailure, Outcome, Plan } from '../../../core/operations';
import type { OperationContext } from '../../../core/operation';
import { t } from '../../localize';
import type { Answers } from '../common/answers';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { quietContext, runOperation } from '../common/runOperation';
import type { Step } from '../common/step';
import { confirmPlan } from './confirm';

export interface Change<T, P> {
  readonly title: string;
  /** Button label in the confirmation dialog. */
  readonly action: string;
  readonly plan: (ctx: OperationContext) => Promise<Outcome<Plan>>;
  readonly run: (ctx: OperationContext) => Promise<Outcome<T, P>>;
  readonly result: (value: T) => Readonly<Record<string, unknown>>;
  /** Extra confirmation after the dialog (typed name); a stopped Step ends the command. */
  readonly gate?: () => Promise<Step<void>>;
  readonly onFailure?: (error: OperationFailure<P>) => void;
}

export async function planConfirmRun<T, P>(deps: CommandDeps, answers: Answers, change: Change<T, P>): Promise<CommandResult> {
  const plan = await change.plan(quietContext(deps));
  if (!plan.ok) return failedResult(deps, plan.error);
  if (plan.value.changes.length === 0) {
    deps.log.info(t('{0}: nothing to change.', change.title));
    void vscode.window.showInformationMessage(t('{0}: nothing to change.', change.title));
    return { ok: true, changed: false, plan: plan.value };
  }
  deps.log.info(`${plan.value.title}: ${plan.value.changes.join(' | ')}`);
  if (!(await confirmPlan(plan.value, answers, change.action))) return dismissed();
  if (change.gate) {
    const passed = await change.gate();
    if (!passed.ok) return passed.result;
  }
  const r = await runOperation(deps, change.title, change.run);
  if (!r.ok) {
    change.onFailure?.(r.error);
    return r.result;
  }
  void vscode.commands.executeCommand('dolphindbK8s.refresh');
  return { ok: true, changed: true, ...change.result(r.value) };
}

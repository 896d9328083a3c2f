// Confirmation before a change: a modal dialog that lists exactly what the plan will change,
// and, for deletions, the typed name. A scripted `confirm: true` skips the dialog, but a typed
// name is always compared with the real one.
import * as vscode from 'vscode';
import type { Plan } from '../../../core/operations';
import { t } from '../../localize';
import type { Answers } from '../common/answers';

export function planText(plan: Plan): string {
  const lines = plan.changes.map((c) => `• ${c}`);
  if (plan.warnings.length > 0) lines.push('', ...plan.warnings.map((w) => `⚠ ${w}`));
  return lines.join('\n');
}

/** True when the user (or the script) accepted the plan. */
export async function confirmPlan(plan: Plan, answers: Answers, action: string): Promise<boolean> {
  if (answers.confirm === true) return true;
  const choice = await vscode.window.showWarningMessage(plan.title, { modal: true, detail: planText(plan) }, action);
  return choice === action;
}

export type TypedName = { readonly ok: true } | { readonly ok: false; readonly reason: 'dismissed' | 'mismatch' };

/**
 * The user must type `expected`; the scripted `typedName` is checked the same way. `prompt` says
 * what is lost; by default that the stored data is deleted too (Delete cluster).
 */
export async function confirmTypedName(expected: string, answers: Answers, what: string, prompt?: string): Promise<TypedName> {
  let typed = answers.typedName;
  if (typed === undefined) {
    typed = await vscode.window.showInputBox({
      title: what,
      prompt: prompt ?? t('Type "{0}" to confirm. The stored data is deleted too.', expected),
      ignoreFocusOut: true,
      validateInput: (v) => (v === expected || v === '' ? undefined : t('Type exactly "{0}".', expected)),
    });
    if (typed === undefined || typed === '') return { ok: false, reason: 'dismissed' };
  }
  return typed === expected ? { ok: true } : { ok: false, reason: 'mismatch' };
}

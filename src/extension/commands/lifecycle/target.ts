// Resolves the cluster a command acts on (trust check, context, API client, cluster pick) and
// runs the common plan → confirm → run sequence of the cluster commands.
import * as vscode from 'vscode';
import type { KubeHttp } from '../../../core/k8s/http';
import { readCluster, type ClusterObject } from '../../../core/operations/cluster';
import type { ClusterRef, LifecycleFailure, Outcome, Plan } from '../../../core/operations';
import type { OperationContext } from '../../../core/operation';
import { t } from '../../localize';
import type { Answers } from './answers';
import { confirmPlan } from './confirm';
import { dismissed, httpFor, type CommandResult, type LifecycleDeps } from './deps';
import { pickCluster, pickContext } from './prompts';
import { quietContext, refuse, report, runOperation, untrusted } from './runOperation';

export interface ClusterTarget {
  readonly context: string;
  readonly http: KubeHttp;
  readonly ref: ClusterRef;
  readonly cluster: ClusterObject;
}

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly result: CommandResult };

export async function resolveContext(deps: LifecycleDeps, answers: Answers, operation: string, write = true): Promise<Resolved<{ context: string; http: KubeHttp }>> {
  const refused = write ? untrusted(deps, operation) : undefined;
  if (refused) return { ok: false, result: refused };
  const context = await pickContext(deps, answers);
  if (!context) return { ok: false, result: dismissed() };
  const http = await httpFor(deps, context);
  if (!http) return { ok: false, result: refuse(deps, operation, 'noKubeconfig', t('No kubeconfig context "{0}" is loaded.', context)) };
  return { ok: true, value: { context, http } };
}

export async function resolveCluster(deps: LifecycleDeps, answers: Answers, operation: string): Promise<Resolved<ClusterTarget>> {
  const c = await resolveContext(deps, answers, operation);
  if (!c.ok) return c;
  const picked = await pickCluster(c.value.http, answers);
  if (!picked.ok) return { ok: false, result: report(deps, picked.error) };
  if (!picked.value) return { ok: false, result: dismissed() };
  const cluster = await readCluster(quietContext(deps), c.value.http, picked.value);
  if (!cluster.ok) return { ok: false, result: report(deps, cluster.error) };
  return { ok: true, value: { ...c.value, ref: picked.value, cluster: cluster.value } };
}

export interface Change<T, P> {
  readonly title: string;
  /** Button label in the confirmation dialog. */
  readonly action: string;
  readonly plan: (ctx: OperationContext) => Promise<Outcome<Plan>>;
  readonly run: (ctx: OperationContext) => Promise<Outcome<T, P>>;
  readonly result: (value: T) => Readonly<Record<string, unknown>>;
  /** Extra confirmation after the dialog (typed name); returns a result to stop. */
  readonly gate?: () => Promise<CommandResult | undefined>;
  readonly onFailure?: (error: LifecycleFailure<P>) => void;
}

export async function planConfirmRun<T, P>(deps: LifecycleDeps, answers: Answers, change: Change<T, P>): Promise<CommandResult> {
  const plan = await change.plan(quietContext(deps));
  if (!plan.ok) return report(deps, plan.error);
  if (plan.value.changes.length === 0) {
    deps.log.info(t('{0}: nothing to change.', change.title));
    void vscode.window.showInformationMessage(t('{0}: nothing to change.', change.title));
    return { ok: true, changed: false, plan: plan.value };
  }
  deps.log.info(`${plan.value.title}: ${plan.value.changes.join(' | ')}`);
  if (!(await confirmPlan(plan.value, answers, change.action))) return dismissed();
  if (change.gate) {
    const stop = await change.gate();
    if (stop) return stop;
  }
  const r = await runOperation(deps, change.title, change.run);
  if (!r.ok) {
    change.onFailure?.(r.error);
    return r.result;
  }
  void vscode.commands.executeCommand('dolphindbK8s.refresh');
  return { ok: true, changed: true, ...change.result(r.value) };
}

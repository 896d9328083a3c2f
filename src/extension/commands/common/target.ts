// Resolves what a command acts on, from the answers (tree node, palette, a script's object) and
// pickers for what they lack: the kube context and its API client, then the DolphinDB cluster,
// then (for changes) the cluster object itself. Commands that change clusters first require a
// trusted workspace. Each step stops the command with its result when something is missing.
import * as vscode from 'vscode';
import type { InformerHub } from '../../../core/k8s/hub';
import type { KubeHttp } from '../../../core/k8s/http';
import { readCluster, type ClusterObject } from '../../../core/operations/cluster';
import type { ClusterRef } from '../../../core/operations';
import { t } from '../../localize';
import type { Answers } from './answers';
import { dismissed, type CommandDeps } from './deps';
import { failedResult, refusedResult } from './failures';
import { pickCluster, pickContext } from './prompts';
import { quietContext } from './runOperation';
import { proceed, stop, type Step } from './step';

export interface ContextTarget {
  readonly context: string;
  readonly http: KubeHttp;
  readonly hub?: InformerHub;
}

export interface ClusterRefTarget extends ContextTarget {
  readonly ref: ClusterRef;
}

export interface ClusterTarget extends ClusterRefTarget {
  readonly cluster: ClusterObject;
}

/**
 * `write`: the command runs helm or changes a cluster, so Restricted Mode refuses it. `read`:
 * the command only reads, and runs in Restricted Mode too.
 */
export type Access = 'read' | 'write';

/** Restricted Mode: nothing that runs helm or writes to a cluster may run. */
export function requireTrust(deps: CommandDeps, operation: string): Step<void> {
  if (vscode.workspace.isTrusted) return proceed(undefined);
  return stop(refusedResult(deps, 'unsupported', operation, t('This workspace is in Restricted Mode, where the extension does not run helm or change clusters. Trust the workspace to use this command.')));
}

/** The kube context and its API client, connecting the context first when the view has not yet. */
export async function resolveContext(deps: CommandDeps, answers: Answers, access: Access, operation?: string): Promise<Step<ContextTarget>> {
  if (access === 'write') {
    const trusted = requireTrust(deps, operation ?? '');
    if (!trusted.ok) return trusted;
  }
  const context = await pickContext(deps, answers);
  if (!context) return stop(dismissed());
  const session = await deps.kube.sessionFor(context);
  if (!session) {
    // Without a kubeconfig there is no context to name; with one, this context is not in it.
    const reason = deps.kube.explorer ? t('No kubeconfig context "{0}" is loaded.', context) : t('No kubeconfig is loaded.');
    return stop(failedResult(deps, { kind: 'noKubeconfig', operation: operation ?? t('connect to {0}', context), reason }));
  }
  return proceed({ context, http: session.http, hub: session.hub });
}

/** The context plus the namespace/name of a DolphinDB cluster, picked when the answers lack it. */
export async function resolveClusterRef(deps: CommandDeps, answers: Answers, access: Access, operation?: string): Promise<Step<ClusterRefTarget>> {
  const c = await resolveContext(deps, answers, access, operation);
  if (!c.ok) return c;
  const picked = await pickCluster(c.value.http, answers);
  if (!picked.ok) return stop(failedResult(deps, picked.error));
  if (!picked.value) return stop(dismissed());
  return proceed({ ...c.value, ref: picked.value });
}

/** The cluster a change acts on, with its object as it is now. */
export async function resolveCluster(deps: CommandDeps, answers: Answers, operation: string): Promise<Step<ClusterTarget>> {
  const c = await resolveClusterRef(deps, answers, 'write', operation);
  if (!c.ok) return c;
  const cluster = await readCluster(quietContext(deps), c.value.http, c.value.ref);
  if (!cluster.ok) return stop(failedResult(deps, cluster.error));
  return proceed({ ...c.value, cluster: cluster.value });
}

// Resolves what a command acts on, from the answers (tree node, palette, a script's object) and
// pickers for what they lack: the kube context and its API client, then the DolphinDB cluster,
// then (for changes) the cluster object itself and one of its instances. Commands that change
// clusters first require a trusted workspace. Each step stops the command with its result when
// something is missing.
import * as vscode from 'vscode';
import type { InformerHub } from '../../../core/k8s/hub';
import type { KubeHttp } from '../../../core/k8s/http';
import type { Role } from '../../../core/dolphindb/names';
import { isStandalone, readCluster, replicasOf, rolesOf, type ClusterObject } from '../../../core/operations/cluster';
import type { ClusterRef, InstanceTarget } from '../../../core/operations';
import { t } from '../../localize';
import type { Answers } from './answers';
import { dismissed, type CommandDeps } from './deps';
import { failedResult, refusedResult } from './failures';
import { pickCluster, pickContext, pickIndex, pickRole } from './prompts';
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

/** Restricted Mode: nothing that runs helm or writes to a cluster may run. */
export function requireTrust(deps: CommandDeps, operation: string): Step<void> {
  if (vscode.workspace.isTrusted) return proceed(undefined);
  return stop(
    refusedResult(
      deps,
      'unsupported',
      operation,
      t(
        'This workspace is in Restricted Mode, where the extension does not run helm or change clusters. Trust the workspace to use this command.',
      ),
    ),
  );
}

/**
 * The kube context and its API client, connecting the context first when the view has not yet.
 * Only reads: Restricted Mode does not stop it. `operation` words a failure ("Failed to …").
 */
export async function resolveContext(deps: CommandDeps, answers: Answers, operation?: string): Promise<Step<ContextTarget>> {
  const context = await pickContext(deps, answers);
  if (!context) return stop(dismissed());
  const session = await deps.kube.sessionFor(context);
  if (!session) {
    // Without a kubeconfig there is no context to name; with one, this context is not in it.
    const reason = deps.kube.registry ? t('No kubeconfig context "{0}" is loaded.', context) : t('No kubeconfig is loaded.');
    return stop(failedResult(deps, { kind: 'noKubeconfig', operation: operation ?? t('connect to {0}', context), reason }));
  }
  return proceed({ context, http: session.http, hub: session.hub });
}

/** The context of a command that runs helm or changes a cluster: refused in Restricted Mode. */
export async function resolveContextToChange(
  deps: CommandDeps,
  answers: Answers,
  operation: string,
): Promise<Step<ContextTarget>> {
  const trusted = requireTrust(deps, operation);
  if (!trusted.ok) return trusted;
  return resolveContext(deps, answers, operation);
}

/** The context plus the namespace/name of a DolphinDB cluster, picked when the answers lack it. */
export async function resolveClusterRef(
  deps: CommandDeps,
  answers: Answers,
  operation?: string,
): Promise<Step<ClusterRefTarget>> {
  return withClusterRef(deps, answers, await resolveContext(deps, answers, operation));
}

async function withClusterRef(deps: CommandDeps, answers: Answers, c: Step<ContextTarget>): Promise<Step<ClusterRefTarget>> {
  if (!c.ok) return c;
  const picked = await pickCluster(c.value.http, answers);
  if (!picked.ok) return stop(failedResult(deps, picked.error));
  if (!picked.value) return stop(dismissed());
  return proceed({ ...c.value, ref: picked.value });
}

/** The cluster a change acts on, with its object as it is now; refused in Restricted Mode. */
export async function resolveCluster(deps: CommandDeps, answers: Answers, operation: string): Promise<Step<ClusterTarget>> {
  const c = await withClusterRef(deps, answers, await resolveContextToChange(deps, answers, operation));
  if (!c.ok) return c;
  const cluster = await readCluster(quietContext(deps), c.value.http, c.value.ref);
  if (!cluster.ok) return stop(failedResult(deps, cluster.error));
  return proceed({ ...c.value, cluster: cluster.value });
}

/** The role and index of one instance of the cluster, picked when the answers lack them. */
export async function resolveInstance(
  deps: CommandDeps,
  answers: Answers,
  target: ClusterTarget,
  operation: string,
): Promise<Step<InstanceTarget>> {
  const roles: Role[] = isStandalone(target.cluster.spec) ? ['datanode'] : rolesOf(target.cluster.spec);
  const role = await pickRole(answers, roles);
  if (!role)
    return stop(
      answers.role !== undefined
        ? refusedResult(deps, 'invalid', operation, t('Unknown role "{0}".', answers.role))
        : dismissed(),
    );
  const replicas = isStandalone(target.cluster.spec) ? 1 : replicasOf(target.cluster.spec, role);
  const index = await pickIndex(answers, replicas);
  if (index === undefined) return stop(dismissed());
  return proceed({ role, index });
}

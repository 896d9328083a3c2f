// What every observe command shares: the deps from the composition root, turning any command
// argument (tree node, context string, scripted answers) into one target, reaching the API of
// a context, and the observe settings.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../core/explorer/nodes';
import type { InformerHub } from '../../../core/k8s/hub';
import type { KubeHttp } from '../../../core/k8s/http';
import type { Failure } from '../../../core/result';
import { t } from '../../localize';
import { toAnswers, type Answers } from '../lifecycle/answers';
import { report } from '../lifecycle/runOperation';
import { dismissed, type CommandResult, type LifecycleDeps } from '../lifecycle/deps';
import { pickCluster, pickContext } from '../lifecycle/prompts';

export type ObserveDeps = LifecycleDeps;
export type { CommandResult };
export { dismissed };

/** Answers plus what observe commands read from a tree node: the object and container picked. */
export interface ObserveAnswers extends Answers {
  /** Kind of the object the node stands for (`pod`, `statefulset`, `service`, `pvc`, …). */
  readonly objectKind?: string;
  /** Name of that object (pod name for pods and containers). */
  readonly objectName?: string;
  readonly container?: string;
  /** true when a script or test passed an answers object: no prompts beyond what is missing. */
  readonly scripted: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isNode(v: unknown): v is ExplorerNode {
  return isRecord(v) && isRecord(v.key) && typeof v.kind === 'string' && typeof v.id === 'string';
}

export function observeAnswers(arg: unknown): ObserveAnswers {
  const base = toAnswers(arg);
  if (isNode(arg)) {
    const ref = arg.ref;
    // A container node carries its pod as ref and the container name as label.
    const container = arg.kind === 'container' ? arg.label : undefined;
    // An instance node stands for the StatefulSet; its pod is `<instance>-0`.
    const podName = arg.kind === 'instance' && ref ? `${ref.name}-0` : ref?.name;
    return { ...base, context: base.context ?? ref?.context, namespace: base.namespace ?? ref?.namespace, objectKind: arg.kind === 'instance' ? 'pod' : ref?.kind, objectName: podName, container, scripted: false };
  }
  const extra = base.extra;
  const s = (k: string): string | undefined => (typeof extra[k] === 'string' ? (extra[k] as string) : undefined);
  return { ...base, objectKind: s('kind'), objectName: s('pod') ?? s('object'), container: s('container'), scripted: isRecord(arg) };
}

export interface ContextApi {
  readonly context: string;
  readonly http: KubeHttp;
  readonly hub?: InformerHub;
}

/** Observe commands only read, so Restricted Mode does not stop them. */
export async function contextApi(deps: ObserveDeps, answers: Answers): Promise<ContextApi | CommandResult> {
  const context = await pickContext(deps, answers);
  if (!context) return dismissed();
  if (!deps.kube.registry) return fail(deps, { kind: 'noKubeconfig', operation: t('connect to {0}', context), reason: t('No kubeconfig is loaded.') });
  const session = await deps.kube.sessionFor(context);
  if (!session) return fail(deps, { kind: 'noKubeconfig', operation: t('connect to {0}', context), reason: t('No kubeconfig context "{0}" is loaded.', context) });
  return { context, http: session.http, hub: session.hub };
}

export function isApi(v: ContextApi | CommandResult): v is ContextApi {
  return 'http' in v;
}

export interface ClusterPick extends ContextApi {
  readonly namespace: string;
  readonly name: string;
}

export async function clusterApi(deps: ObserveDeps, answers: Answers): Promise<ClusterPick | CommandResult> {
  const api = await contextApi(deps, answers);
  if (!isApi(api)) return api;
  const picked = await pickCluster(api.http, answers);
  if (!picked.ok) return report(deps, picked.error);
  if (!picked.value) return dismissed();
  return { ...api, ...picked.value };
}

export function fail(deps: ObserveDeps, f: Failure): CommandResult {
  return report(deps, f);
}

export interface ObserveSettings {
  readonly tailLines: number;
  readonly maxLines: number;
  readonly forwardPorts: Readonly<Record<string, number>>;
}

export function observeSettings(): ObserveSettings {
  const c = vscode.workspace.getConfiguration('dolphindbK8s');
  const raw = c.get<unknown>('portForward.ports', {});
  const forwardPorts: Record<string, number> = {};
  if (isRecord(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 65536) forwardPorts[k] = v;
  return {
    tailLines: Math.max(0, c.get<number>('logs.tailLines', 500)),
    maxLines: Math.max(100, c.get<number>('logs.maxLines', 10_000)),
    forwardPorts,
  };
}

// What the lifecycle commands need from the composition root, the plain result every command
// returns (so scripts and tests can assert), and the lifecycle settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KubeHttp } from '../../../core/k8s/http';
import type { KubeTarget } from '../../../core/lifecycle';
import type { FailureKind } from '../../../core/result';
import type { ExplorerHost } from '../../explorerHost';
import type { Logger } from '../../log';

export interface LifecycleDeps {
  readonly kube: ExplorerHost;
  readonly log: Logger;
}

/** What a command hands back: ok with details, or why it stopped and what it left behind. */
export type CommandResult =
  | ({ readonly ok: true } & Readonly<Record<string, unknown>>)
  | { readonly ok: false; readonly kind: FailureKind | 'dismissed'; readonly reason: string; readonly changed: boolean; readonly leftState?: string };

export const dismissed = (): CommandResult => ({ ok: false, kind: 'dismissed', reason: 'dismissed by the user', changed: false });

export interface LifecycleSettings {
  readonly helmPath: string;
  readonly chartRepository: string;
  readonly chartVersion: string;
  readonly suiteNamespace: string;
  readonly timeoutMs: number;
}

export const DEFAULT_CHART_REPOSITORY = 'https://dolphindbit.github.io/helm-chart/';

export function lifecycleSettings(): LifecycleSettings {
  const c = vscode.workspace.getConfiguration('dolphindbK8s');
  return {
    helmPath: c.get<string>('helmPath', ''),
    chartRepository: c.get<string>('chart.repository', DEFAULT_CHART_REPOSITORY),
    chartVersion: c.get<string>('chart.version', ''),
    suiteNamespace: c.get<string>('suite.namespace', 'dolphindb') || 'dolphindb',
    timeoutMs: Math.max(1, c.get<number>('lifecycle.timeoutMinutes', 10)) * 60_000,
  };
}

/** Helm must talk to the same cluster as the view: the same kubeconfig files and context. */
export function helmTarget(deps: LifecycleDeps, context: string): KubeTarget & { helmPath?: string } {
  const files = deps.kube.kubeconfig?.files ?? [];
  const helmPath = lifecycleSettings().helmPath;
  return { kubeconfig: files.length > 0 ? files.join(path.delimiter) : undefined, kubeContext: context, ...(helmPath ? { helmPath } : {}) };
}

/** The API client of a context, connecting it first when the view has not yet. */
export async function httpFor(deps: LifecycleDeps, context: string): Promise<KubeHttp | undefined> {
  return (await deps.kube.sessionFor(context))?.http;
}

// The settings commands read, one reader per group: lifecycle (helm, chart, suite namespace,
// timeouts) and observe (log sizes, preferred forward ports).
import * as vscode from 'vscode';

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

export interface ObserveSettings {
  readonly tailLines: number;
  readonly maxLines: number;
  readonly forwardPorts: Readonly<Record<string, number>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function observeSettings(): ObserveSettings {
  const c = vscode.workspace.getConfiguration('dolphindbK8s');
  const raw = c.get<unknown>('portForward.ports', {});
  const forwardPorts: Record<string, number> = {};
  if (isRecord(raw))
    for (const [k, v] of Object.entries(raw))
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 65536) forwardPorts[k] = v;
  return {
    tailLines: Math.max(0, c.get<number>('logs.tailLines', 500)),
    maxLines: Math.max(100, c.get<number>('logs.maxLines', 10_000)),
    forwardPorts,
  };
}

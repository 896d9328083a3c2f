// Typed access to the extension's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';

export interface Settings {
  readonly kubeconfigPaths: string[];
  readonly context: string;
  readonly namespaces: string[];
  readonly requestTimeoutMs: number;
  readonly childSelector: string;
  /** How often resource use is read from the metrics API while the view is visible; 0: never. */
  readonly resourceUseMs: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('dolphindbK8s');
  return {
    kubeconfigPaths: c.get<string[]>('kubeconfigPaths', []),
    context: c.get<string>('context', ''),
    namespaces: c.get<string[]>('namespaces', []),
    requestTimeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds', 15)) * 1000,
    childSelector: c.get<string>('explorer.childSelector', 'dolphindb.io/dolphindb.name'),
    resourceUseMs: Math.max(0, c.get<number>('explorer.resourceUseSeconds', 15)) * 1000,
  };
}

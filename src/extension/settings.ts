// Typed access to the extension's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';

export interface Settings {
  readonly kubeconfigPaths: string[];
  readonly context: string;
  readonly namespaces: string[];
  readonly requestTimeoutMs: number;
  readonly childSelector: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('dolphindbK8s');
  return {
    kubeconfigPaths: c.get<string[]>('kubeconfigPaths', []),
    context: c.get<string>('context', ''),
    namespaces: c.get<string[]>('namespaces', []),
    requestTimeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds', 15)) * 1000,
    childSelector: c.get<string>('explorer.childSelector', 'dolphindb.io/dolphindb.name'),
  };
}

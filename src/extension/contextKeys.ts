// Every context key the extension sets, named in one place. `when` clauses in package.json use
// these exact names.
import * as vscode from 'vscode';

export const ContextKeys = {
  /** 'loading' | 'noKubeconfig' | 'kubeconfigInvalid' | 'unreachable' | 'ready' */
  explorerState: 'dolphindb.explorerState',
  /** true when the current context has no DolphinDB CRD */
  crdMissing: 'dolphindb.crdMissing',
  /** true when the current context has the CRD but no cluster */
  noClusters: 'dolphindb.noClusters',
  /** true when the current context's probe was refused */
  forbidden: 'dolphindb.forbidden',
  /** true when the user may write DolphinDB objects in the current context (SelfSubjectAccessReview) */
  canWrite: 'dolphindb.canWrite',
  /** true when the active editor holds a DolphinDB YAML document: editor title actions show only then */
  dolphindbDocument: 'dolphindb.dolphindbDocument',
} as const;

export type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys];

const lastValues = new Map<ContextKey, unknown>();

export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  lastValues.set(key, value);
  return vscode.commands.executeCommand('setContext', key, value);
}

/** The value last set (VS Code offers no way to read a context key back; tests use this). */
export function contextValue(key: ContextKey): unknown {
  return lastValues.get(key);
}

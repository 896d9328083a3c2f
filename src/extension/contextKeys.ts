// Every context key the extension sets, named in one place. `when` clauses in package.json use
// these exact names.
import * as vscode from 'vscode';

export const ContextKeys = {
  /** 'loading' | 'noKubeconfig' | 'kubeconfigInvalid' | 'unreachable' | 'ready' */
  explorerState: 'dolphindbK8s.explorerState',
  /** true when the current context has no DolphinDB CRD */
  crdMissing: 'dolphindbK8s.crdMissing',
  /** true when the current context has the CRD but no cluster */
  noClusters: 'dolphindbK8s.noClusters',
  /** true when the current context's probe was refused */
  forbidden: 'dolphindbK8s.forbidden',
  /** true when the user may write DolphinDB objects in the current context (SelfSubjectAccessReview) */
  canWrite: 'dolphindbK8s.canWrite',
  /** true when the active editor holds a DolphinDB YAML document: editor title actions show only then */
  dolphindbDocument: 'dolphindbK8s.dolphindbDocument',
  /** true while at least one port forward runs: the Port Forwards view shows only then */
  hasPortForwards: 'dolphindbK8s.hasPortForwards',
  /** true while a DolphinDB log channel is open: the log viewer's buttons show on the Output view then */
  hasLogs: 'dolphindbK8s.hasLogs',
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

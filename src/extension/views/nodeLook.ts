// The one place the explorer's semantic node fields become VS Code's: icon names → codicons,
// tones → theme colours, actions → command ids. The core says what a node is; this says how
// VS Code draws it.
import * as vscode from 'vscode';
import type { NodeAction, NodeIcon, NodeTone } from '../../core/explorer/nodes';

const CODICON: Record<NodeIcon, string> = {
  context: 'vm-outline',
  currentContext: 'vm-active',
  disconnected: 'debug-disconnect',
  loading: 'loading~spin',
  error: 'error',
  warning: 'warning',
  info: 'info',
  forbidden: 'lock',
  missing: 'circle-slash',
  namespace: 'symbol-namespace',
  healthy: 'pass-filled',
  cluster: 'database',
  role: 'server',
  instance: 'server-process',
  leader: 'star-full',
  paused: 'debug-pause',
  progress: 'sync~spin',
  unknownPhase: 'question',
  noPhase: 'circle-large-outline',
  pod: 'symbol-field',
  container: 'package',
  initContainer: 'debug-start',
  services: 'plug',
  volume: 'database',
  config: 'settings-gear',
  history: 'history',
  resolved: 'pass',
  backup: 'archive',
  restore: 'history',
};

const THEME_COLOR: Record<NodeTone, string> = {
  ok: 'testing.iconPassed',
  progress: 'charts.yellow',
  warning: 'list.warningForeground',
  error: 'errorForeground',
  muted: 'disabledForeground',
};

const COMMAND: Record<NodeAction, string> = {
  retry: 'dolphindbK8s.retry',
  installSuite: 'dolphindbK8s.installSuite',
  createCluster: 'dolphindbK8s.createCluster',
};

export function codiconOf(icon: NodeIcon): string {
  return CODICON[icon];
}

export function themeColorOf(tone: NodeTone): string {
  return THEME_COLOR[tone];
}

export function commandOf(action: NodeAction): string {
  return COMMAND[action];
}

export function themeIcon(icon: NodeIcon, tone: NodeTone | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon(codiconOf(icon), tone ? new vscode.ThemeColor(themeColorOf(tone)) : undefined);
}

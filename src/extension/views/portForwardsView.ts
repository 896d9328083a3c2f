// The "Port forwards" view: every active forward with its local URL, the pod it reaches now and
// its state; inline actions open, copy or stop it. Refreshed on every forward event, so a
// forward that moved to a restarted pod shows the new pod at once.
import * as vscode from 'vscode';
import type { ContextForward, Forwards } from '../commands/observe/forwards';
import { ContextKeys, setContext } from '../contextKeys';
import { t } from '../localize';

export class PortForwardsProvider implements vscode.TreeDataProvider<ContextForward>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContextForward | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly forwards: Forwards) {
    this.sub = forwards.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: ContextForward): ContextForward[] {
    if (element) return [];
    return this.forwards.list().sort((a, b) => a.context.localeCompare(b.context) || a.label.localeCompare(b.label));
  }

  getTreeItem(f: ContextForward): vscode.TreeItem {
    // Both ends in the row: the local address and the remote port it reaches.
    const remotePort = f.podPort ?? f.target.port;
    const remote = /:[\w-]+$/.test(f.label) ? f.label : `${f.label}:${remotePort}`;
    const item = new vscode.TreeItem(`${f.address}:${f.localPort} → ${remote}`, vscode.TreeItemCollapsibleState.None);
    item.id = f.key;
    const target = `${f.target.namespace}/${f.target.kind === 'service' ? 'svc/' : ''}${f.target.name}:${f.target.port}`;
    const where = f.state === 'ready' ? (f.pod ? `${f.pod}:${f.podPort ?? ''}` : '') : t('waiting for a pod');
    const failing = f.failing ? t('failing: {0}', f.lastError ?? '?') : '';
    item.description = [failing, f.context, where, f.reestablished > 0 ? t('re-established {0}×', f.reestablished) : '']
      .filter((x) => x)
      .join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${f.url}**\n\n`);
    md.appendText(
      `${t('Target')}: ${target}\n${t('Context')}: ${f.context}\n${t('Connections')}: ${f.openConnections} / ${f.totalConnections}`,
    );
    if (f.lastError) md.appendText(`\n${t('Last error')}: ${f.lastError}`);
    item.tooltip = md;
    item.iconPath = f.failing
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : new vscode.ThemeIcon(
          f.state === 'ready' ? 'plug' : 'debug-disconnect',
          f.state === 'ready' ? undefined : new vscode.ThemeColor('charts.yellow'),
        );
    item.contextValue = ';portForward;';
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

export function createPortForwardsView(forwards: Forwards): { provider: PortForwardsProvider; disposables: vscode.Disposable[] } {
  const provider = new PortForwardsProvider(forwards);
  const view = vscode.window.createTreeView('dolphindbK8s.portForwards', { treeDataProvider: provider });
  // An empty view took half the side bar: it shows only while a forward runs.
  const showWhenUsed = (): void => void setContext(ContextKeys.hasPortForwards, forwards.list().length > 0);
  showWhenUsed();
  const sub = forwards.onDidChange(showWhenUsed);
  return { provider, disposables: [provider, view, sub] };
}

// Commands on the explorer: refresh, retry, copy name, show YAML, switch the view's context.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import { t } from '../localize';
import type { Logger } from '../log';
import type { ExplorerHost } from '../explorerHost';
import type { ExplorerTreeProvider } from '../views/explorerTree';
import { LiveYamlProvider } from '../views/liveYaml';
import { LiveObjectFileSystem } from '../editing/liveObjectFs';
import type { ModalPrompts } from '../ui/modal';
import { filterNamespacesCommand } from './filterNamespaces';
import { registerMemberCommands } from './memberCommands';

export function registerExplorerCommands(
  kube: ExplorerHost,
  tree: ExplorerTreeProvider,
  view: vscode.TreeView<ExplorerNode>,
  log: Logger,
  prompts: ModalPrompts,
): vscode.Disposable[] {
  const yaml = new LiveYamlProvider(kube, log);
  const liveFs = new LiveObjectFileSystem(kube, log, prompts);
  return [
    yaml,
    liveFs,
    ...registerMemberCommands(),
    vscode.workspace.registerFileSystemProvider(LiveObjectFileSystem.scheme, liveFs, { isCaseSensitive: true }),
    vscode.commands.registerCommand('dolphindbK8s.edit', async (node?: ExplorerNode) => {
      if (!node?.ref) return;
      const doc = await vscode.workspace.openTextDocument(LiveObjectFileSystem.uriFor(node.ref));
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    vscode.workspace.registerTextDocumentContentProvider(LiveYamlProvider.scheme, yaml),
    vscode.commands.registerCommand('dolphindbK8s.refresh', (node?: ExplorerNode) => {
      kube.engage();
      const reg = kube.registry;
      if (!reg) return kube.reload();
      if (node?.key.t === 'context') {
        void reg.reconnect(node.key.context);
        return;
      }
      reg.session(reg.currentContext)?.hub.relistAll();
      tree.refresh();
    }),
    vscode.commands.registerCommand('dolphindbK8s.retry', (context?: string) => {
      kube.engage();
      const reg = kube.registry;
      if (!reg) return kube.reload();
      void reg.reconnect(typeof context === 'string' ? context : reg.currentContext);
    }),
    vscode.commands.registerCommand('dolphindbK8s.revealOwner', async (node?: ExplorerNode) => {
      const owner = node ? tree.getParent(node) : undefined;
      if (owner) await view.reveal(owner, { select: true, focus: true });
    }),
    vscode.commands.registerCommand('dolphindbK8s.revealChildren', async (node?: ExplorerNode) => {
      if (node) await view.reveal(node, { select: true, focus: true, expand: 2 });
    }),
    vscode.commands.registerCommand('dolphindbK8s.copyName', async (node?: ExplorerNode) => {
      const name = node?.ref?.name ?? node?.label;
      if (name) await vscode.env.clipboard.writeText(name);
    }),
    vscode.commands.registerCommand('dolphindbK8s.showYaml', async (node?: ExplorerNode) => {
      if (!node?.ref) return;
      const uri = LiveYamlProvider.uriFor(node.ref);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('dolphindbK8s.filterNamespaces', (arg?: unknown) => {
      kube.engage();
      return kube.namespaceFilters ? filterNamespacesCommand({ kube, log }, kube.namespaceFilters, arg) : undefined;
    }),
    vscode.commands.registerCommand('dolphindbK8s.switchContext', async () => {
      const cfg = kube.kubeconfig?.config;
      if (!cfg) return;
      const current = kube.activeContext;
      const items = cfg
        .getContexts()
        .map((c) => ({ label: c.name, description: c.name === current ? t('current') : (c.namespace ?? '') }));
      const pick = await vscode.window.showQuickPick(items, {
        placeHolder: t('Kube context to show (your kubeconfig is not changed)'),
      });
      if (!pick) return;
      kube.engage();
      kube.useContext(pick.label);
    }),
  ];
}

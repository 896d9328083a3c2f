// The composition root: builds every object, wires dependencies, registers every disposable.
// Nothing runs at import time.
import * as vscode from 'vscode';
import { Permissions } from './access';
import { startLanguageClient } from './client';
import { clusterFactsProvider } from './clusterFactsProvider';
import { registerAuthoringCommands } from './commands/authoringCommands';
import { registerBackupCommands } from './commands/backupCommands';
import { registerExplorerCommands } from './commands/explorerCommands';
import { registerLifecycleCommands } from './commands/lifecycle';
import { registerNewFileCommands } from './commands/newFileCommands';
import { registerObserveCommands } from './commands/observe';
import { contextValue, ContextKeys, setContext, type ContextKey } from './contextKeys';
import { ExplorerHost } from './explorerHost';
import { NamespaceFilters } from './namespaceFilters';
import { DisposableStore } from './disposables';
import { createLogger } from './log';
import { migrateSettings } from './migration/migrateSettings';
import { trackActiveDolphinDBDocument } from './editing/activeDocumentKey';
import { KubernetesToolsFollower } from './integrations/kubernetesTools';
import { watchSyntaxProblems } from './integrations/redhatYaml';
import { KubeStatusBar } from './statusBar';
import { ModalPrompts } from './ui/modal';
import { ExplorerTreeProvider } from './views/explorerTree';
import { followResourceUse } from './views/resourceUseNotices';

export interface ExtensionApi {
  /** For tests: the live model behind the tree. */
  readonly kube: ExplorerHost;
  readonly tree: ExplorerTreeProvider;
  /** For tests: the access reviews behind the menus. */
  readonly permissions: Permissions;
  /** For tests: scripted answers to the modals a save asks, and what they showed. */
  readonly prompts: ModalPrompts;
  /** For tests: the last value of each context key the extension set. */
  readonly contextKey: (key: ContextKey) => unknown;
}

let store: DisposableStore | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  store = new DisposableStore();
  context.subscriptions.push(store);
  const log = store.add(createLogger('DolphinDB'));
  // Our keys moved from dolphindb.* (DolphinDB's own extension's namespace) to dolphindbK8s.*;
  // copying a changed value fires onDidChangeConfiguration below, which reloads what it affects.
  void migrateSettings(context, log);
  void setContext(ContextKeys.explorerState, 'loading');

  const kube = store.add(new ExplorerHost(log, new NamespaceFilters(context.globalState)));
  const access = store.add(new Permissions(kube));
  const tree = store.add(new ExplorerTreeProvider((node) => access.granted(node)));
  store.add(access.onDidChange(() => tree.refresh()));
  const view = store.add(
    vscode.window.createTreeView('dolphindbK8s.clusters', { treeDataProvider: tree, showCollapseAll: true }),
  );
  store.add(kube.onDidChangeExplorer((ex) => tree.setModel(ex?.model)));
  // The first look at the view is what connects (not activation: any YAML file activates us).
  if (view.visible) kube.engage();
  store.add(view.onDidChangeVisibility((e) => e.visible && kube.engage()));
  store.add(followResourceUse(kube, view, context.globalState, log));
  const prompts = new ModalPrompts();
  for (const d of registerExplorerCommands(kube, tree, view, log, prompts)) store.add(d);
  for (const d of registerNewFileCommands()) store.add(d);
  for (const d of registerAuthoringCommands(kube, log)) store.add(d);
  for (const d of registerLifecycleCommands({ kube, log })) store.add(d);
  for (const d of registerObserveCommands({ kube, log }, context.workspaceState)) store.add(d);
  for (const d of registerBackupCommands({ kube, log }, prompts)) store.add(d);
  store.add(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Only the settings the explorer reads; others (log sizes, ports, connections) must not
      // tear down the live watches.
      if (
        [
          'kubeconfigPaths',
          'context',
          'namespaces',
          'requestTimeoutSeconds',
          'explorer.childSelector',
          'explorer.resourceUseSeconds',
        ].some((k) => e.affectsConfiguration(`dolphindbK8s.${k}`))
      )
        kube.reload();
    }),
  );
  // Red Hat YAML reports YAML syntax problems itself: ours would show each one twice.
  const syntaxProblems = store.add(watchSyntaxProblems());
  store.add(
    startLanguageClient(context, {
      clusterFacts: clusterFactsProvider(kube),
      onDidChangeClusterFacts: kube.onDidChangeExplorer,
      log,
      syntaxProblems,
    }),
  );
  store.add(new KubeStatusBar(kube));
  store.add(trackActiveDolphinDBDocument());
  // Loads the kubeconfig only; nothing is sent to an API server until engage().
  kube.reload();
  // Microsoft's Kubernetes extension, if installed: follow its kubeconfig path and context switches.
  const k8sTools = store.add(new KubernetesToolsFollower(kube, log));
  void k8sTools.refresh();
  return { kube, tree, permissions: access, prompts, contextKey: contextValue };
}

export function deactivate(): void {
  store?.dispose();
  store = undefined;
}

// The composition root: builds every object, wires dependencies, registers every disposable.
// Nothing runs at import time.
import * as vscode from 'vscode';
import { WriteAccess } from './access';
import { startLanguageClient } from './client';
import { clusterFactsProvider } from './clusterFactsProvider';
import { registerAuthoringCommands } from './commands/authoringCommands';
import { registerExplorerCommands } from './commands/explorerCommands';
import { registerLifecycleCommands } from './commands/lifecycle';
import { registerNewFileCommands } from './commands/newFileCommands';
import { registerObserveCommands } from './commands/observe';
import { ContextKeys, setContext } from './contextKeys';
import { KubeService } from './kube';
import { DisposableStore } from './lifecycle';
import { createLogger } from './log';
import { KubeStatusBar } from './statusBar';
import { ExplorerTreeProvider } from './views/explorerTree';

export interface ExtensionApi {
  /** For tests: the live model behind the tree. */
  readonly kube: KubeService;
  readonly tree: ExplorerTreeProvider;
}

let store: DisposableStore | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  store = new DisposableStore();
  context.subscriptions.push(store);
  const log = store.add(createLogger('DolphinDB'));
  void setContext(ContextKeys.explorerState, 'loading');

  const kube = store.add(new KubeService(log));
  const access = store.add(new WriteAccess(kube));
  const tree = store.add(new ExplorerTreeProvider((ctx, ns) => access.canWrite(ctx, ns)));
  store.add(access.onDidChange(() => tree.refresh()));
  const view = store.add(vscode.window.createTreeView('dolphindb.clusters', { treeDataProvider: tree, showCollapseAll: true }));
  store.add(kube.onDidChangeExplorer((ex) => tree.setExplorer(ex)));
  for (const d of registerExplorerCommands(kube, tree, view, log)) store.add(d);
  for (const d of registerNewFileCommands()) store.add(d);
  for (const d of registerAuthoringCommands(kube, log)) store.add(d);
  for (const d of registerLifecycleCommands({ kube, log })) store.add(d);
  for (const d of registerObserveCommands({ kube, log })) store.add(d);
  store.add(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Only the settings the explorer reads; others (log sizes, ports, connections) must not
      // tear down the live watches.
      if (['kubeconfigPaths', 'context', 'namespaces', 'requestTimeoutSeconds', 'explorer.childSelector'].some((k) => e.affectsConfiguration(`dolphindb.${k}`))) kube.reload();
    }),
  );
  store.add(startLanguageClient(context, { clusterFacts: clusterFactsProvider(kube), onDidChangeClusterFacts: kube.onDidChangeExplorer, log }));
  store.add(new KubeStatusBar(kube));
  kube.reload();
  return { kube, tree };
}

export function deactivate(): void {
  store?.dispose();
  store = undefined;
}

// The composition root: builds every object, wires dependencies, registers every disposable.
// Nothing runs at import time.
import * as vscode from 'vscode';
import { FactsGatherer } from '../core/facts/clusterFacts';
import { WriteAccess } from './access';
import { startLanguageClient } from './client';
import { registerExplorerCommands } from './commands/explorerCommands';
import { registerLifecycleCommands } from './commands/lifecycle';
import { registerNewFileCommands } from './commands/newFileCommands';
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
  for (const d of registerExplorerCommands(kube, tree, log)) store.add(d);
  for (const d of registerNewFileCommands()) store.add(d);
  for (const d of registerLifecycleCommands({ kube, log })) store.add(d);
  store.add(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dolphindb')) kube.reload();
    }),
  );
  void view;
  // Cluster-aware checks of the language server read facts of the view's current context.
  let facts: { ctx: string; gatherer: FactsGatherer } | undefined;
  const clusterFacts = async (namespace?: string) => {
    const ex = kube.explorer;
    const session = ex?.session(ex.currentContext);
    if (!ex || !session || ex.stateOf(ex.currentContext).s !== 'ready') return null;
    if (facts?.ctx !== ex.currentContext) facts = { ctx: ex.currentContext, gatherer: new FactsGatherer(session.http) };
    return facts.gatherer.gather(namespace);
  };
  store.add(startLanguageClient(context, { clusterFacts, onDidChangeClusterFacts: kube.onDidChangeExplorer, log }));
  store.add(new KubeStatusBar(kube));
  kube.reload();
  return { kube, tree };
}

export function deactivate(): void {
  store?.dispose();
  store = undefined;
}

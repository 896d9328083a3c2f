// Decides which actions a tree item offers: the workspace must be trusted and the API server
// must say (SelfSubjectAccessReview, per the verb table in core) that the user may do what the
// action needs in that namespace. Answers arrive asynchronously; until then actions stay hidden.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../core/explorer/nodes';
import { PermissionCache } from '../core/k8s/accessCache';
import { permissionsOf, type Permission } from '../core/k8s/accessVerbs';
import { contextNamespace } from '../core/k8s/kubeconfig';
import { lifecycleSettings } from './commands/common/settings';
import type { ExplorerHost } from './explorerHost';

export class Permissions implements vscode.Disposable {
  private readonly cache: PermissionCache;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly kube: ExplorerHost) {
    // Only a connected context is asked: rendering must not be what connects a context.
    this.cache = new PermissionCache(
      (contextName) => kube.registry?.session(contextName)?.http,
      () => this.emitter.fire(),
    );
    this.subs.push(kube.onDidChangeExplorer(() => this.reset()));
    this.subs.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()));
  }

  /** The permission tokens known to be granted for this node; synchronous, for rendering. */
  granted(node: ExplorerNode): ReadonlySet<Permission> {
    const out = new Set<Permission>();
    if (!vscode.workspace.isTrusted) return out;
    const context = node.ref?.context ?? (node.key.t !== 'leaf' ? node.key.context : undefined);
    if (!context) return out;
    for (const p of permissionsOf(node.kind, node.caps)) {
      if (this.cache.allowed(context, this.namespaceFor(node, context, p), p, node.ref?.kind)) out.add(p);
    }
    return out;
  }

  /** Resolves when every access review asked so far has answered. */
  settled(): Promise<void> {
    return this.cache.settled();
  }

  private namespaceFor(node: ExplorerNode, context: string, p: Permission): string | undefined {
    const ns = node.ref?.namespace ?? ('namespace' in node.key ? node.key.namespace : undefined);
    if (ns) return ns;
    // A context node: the suite goes to the configured namespace, a new cluster to the context's.
    if (p === 'suiteInstall' || p === 'suiteUninstall' || p === 'coreDumps') return lifecycleSettings().suiteNamespace;
    const cfg = this.kube.kubeconfig?.config;
    return (cfg ? contextNamespace(cfg, context) : undefined) ?? 'default';
  }

  private reset(): void {
    this.cache.clear();
    this.emitter.fire();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}

// The DolphinDB clusters view: a TreeDataProvider over the core ExplorerModel. Refreshes only
// the nodes whose data changed (the model reports their ids, debounced).
import * as vscode from 'vscode';
import type { ExplorerModel } from '../../core/explorer/model';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { Permission } from '../../core/k8s/accessVerbs';
import { parseNodeId } from '../../core/explorer/ids';
import { toTreeItem } from './treeItem';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The last node object handed out per id: VS Code refreshes by element identity. */
  private readonly known = new Map<string, ExplorerNode>();
  private readonly parents = new Map<string, ExplorerNode | undefined>();
  private model: ExplorerModel | undefined;
  private sub: { dispose(): void } | undefined;

  constructor(private readonly granted: (node: ExplorerNode) => ReadonlySet<Permission>) {}

  setModel(model: ExplorerModel | undefined): void {
    this.sub?.dispose();
    this.model = model;
    this.known.clear();
    this.parents.clear();
    this.sub = model?.onDidChange((ids) => this.refresh(ids));
    this.emitter.fire();
  }

  refresh(ids?: readonly string[]): void {
    if (!ids) {
      this.emitter.fire();
      return;
    }
    for (const id of ids) {
      const node = this.known.get(id);
      if (node) this.emitter.fire(node);
      // A context not shown yet (no node object to refresh): redraw from the roots.
      else if (parseNodeId(id)?.kind === 'context') this.emitter.fire();
    }
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    const node = this.model ? this.model.current(element) : element;
    return toTreeItem(node, this.granted(node));
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    if (!this.model) return [];
    const children = this.model.children(node);
    for (const c of children) {
      this.known.set(c.id, c);
      this.parents.set(c.id, node);
    }
    return children;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node.id);
  }

  /** For tests and Reveal: the node with this id if it has been shown. */
  find(id: string): ExplorerNode | undefined {
    return this.known.get(id);
  }

  dispose(): void {
    this.sub?.dispose();
    this.emitter.dispose();
  }
}

// Turns an explorer node descriptor into a TreeItem; its contextValue comes from contextValue.ts.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { Permission } from '../../core/k8s/accessVerbs';
import { contextValueOf } from './contextValue';
import { commandOf, themeIcon } from './nodeLook';

export function toTreeItem(node: ExplorerNode, granted: ReadonlySet<Permission>): vscode.TreeItem {
  const state =
    node.collapsible === 'none'
      ? vscode.TreeItemCollapsibleState.None
      : node.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
  if (node.icon) item.iconPath = themeIcon(node.icon, node.tone);
  item.contextValue = contextValueOf(node, granted);
  if (node.action)
    item.command = {
      command: commandOf(node.action.name),
      title: node.action.title,
      arguments: node.action.args ? [...node.action.args] : [],
    };
  return item;
}

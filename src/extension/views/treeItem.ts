// Turns an explorer node descriptor into a TreeItem. The contextValue is the node kind followed
// by `;cap;` tokens, so menus match with exact tokens (viewItem =~ /;edit;/) instead of guessing.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';

export function contextValueOf(node: ExplorerNode, writable: boolean): string {
  const writeCaps = new Set(['edit', 'delete']);
  const caps = node.caps.filter((c) => writable || !writeCaps.has(c));
  return `${node.kind};${caps.join(';')};`;
}

export function toTreeItem(node: ExplorerNode, writable: boolean): vscode.TreeItem {
  const state =
    node.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None : node.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
  if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
  item.contextValue = contextValueOf(node, writable);
  if (node.command) item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args ? [...node.command.args] : [] };
  return item;
}

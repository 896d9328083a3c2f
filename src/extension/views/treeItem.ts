// Turns an explorer node descriptor into a TreeItem. The contextValue is the node kind followed
// by `;cap;` tokens, so menus match with exact tokens (viewItem =~ /;edit;/) instead of guessing.
// Write tokens (edit, delete, restart, services, …) appear only when the access review granted
// them (core/k8s/accessVerbs.ts).
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { Permission } from '../../core/k8s/accessVerbs';
import { commandOf, themeIcon } from './nodeLook';

export function contextValueOf(node: ExplorerNode, granted: ReadonlySet<Permission>): string {
  const writeCaps = new Set<string>(['edit', 'delete']);
  const caps: string[] = node.caps.filter((c) => !writeCaps.has(c) || granted.has(c as Permission));
  for (const p of granted) if (!caps.includes(p)) caps.push(p);
  // State tokens (`;paused;`, `;hasService;`, …) let a menu offer only the action that applies.
  for (const s of node.states ?? []) caps.push(s);
  return `${node.kind};${caps.join(';')};`;
}

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

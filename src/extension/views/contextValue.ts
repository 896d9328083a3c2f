// A tree item's contextValue: the node kind, then `;token;` for each capability, granted
// permission and state, so menus match exact tokens (viewItem =~ /;edit;/) instead of guessing.
// Write tokens (edit, delete, restart, services, …) appear only when the access review granted
// them (core/k8s/accessVerbs.ts). No vscode import: the manifest's menus are unit-tested against it.
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { Permission } from '../../core/k8s/accessVerbs';

export function contextValueOf(node: ExplorerNode, granted: ReadonlySet<Permission>): string {
  const writeCaps = new Set<string>(['edit', 'delete']);
  const caps: string[] = node.caps.filter((c) => !writeCaps.has(c) || granted.has(c as Permission));
  for (const p of granted) if (!caps.includes(p)) caps.push(p);
  // State tokens (`;paused;`, `;hasService;`, …) let a menu offer only the action that applies.
  for (const s of node.states ?? []) caps.push(s);
  return `${node.kind};${caps.join(';')};`;
}

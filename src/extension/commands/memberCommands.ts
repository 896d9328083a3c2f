// Menu commands of the folded instance row and of container rows: the instance's pod (its YAML,
// its name) and a container's logs and image. The pod is folded into the instance's row
// (core/explorer/render/members.ts), so these reach it from there.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import { LiveYamlProvider } from '../views/liveYaml';

export function registerMemberCommands(): vscode.Disposable[] {
  return [
    // The pod-logs command reads the container from a container node and asks for nothing else.
    vscode.commands.registerCommand('dolphindbK8s.containerLogs', (node?: ExplorerNode) =>
      node?.kind === 'container' ? vscode.commands.executeCommand('dolphindbK8s.podLogs', node) : undefined,
    ),
    // Both return what they copied, so scripts (and tests where the host has no clipboard) see it.
    vscode.commands.registerCommand('dolphindbK8s.copyImage', async (node?: ExplorerNode) => {
      if (!node?.image) return undefined;
      await vscode.env.clipboard.writeText(node.image);
      return node.image;
    }),
    vscode.commands.registerCommand('dolphindbK8s.copyPodName', async (node?: ExplorerNode) => {
      if (!node?.podRef) return undefined;
      await vscode.env.clipboard.writeText(node.podRef.name);
      return node.podRef.name;
    }),
    vscode.commands.registerCommand('dolphindbK8s.showPodYaml', async (node?: ExplorerNode) => {
      if (!node?.podRef) return;
      const doc = await vscode.workspace.openTextDocument(LiveYamlProvider.uriFor(node.podRef));
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  ];
}

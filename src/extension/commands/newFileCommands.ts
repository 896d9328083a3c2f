// "New DolphinDB cluster file": an untitled YAML document from one of the shipped snippets, so
// the templates and the snippets are one source.
import * as vscode from 'vscode';
import snippets from '../../../snippets/dolphindb.code-snippets';
import { t } from '../localize';

interface Snippet {
  readonly prefix: string[];
  readonly description: string;
  readonly body: string[];
}

const TEMPLATES = [
  'DolphinDB standalone',
  'DolphinDB single-controller cluster',
  'DolphinDB multi-controller HA cluster',
] as const;

export function registerNewFileCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.newClusterFile', async (template?: string) => {
      const all = snippets as Record<string, Snippet>;
      let key = TEMPLATES.find((k) => k === template);
      if (!key) {
        const pick = await vscode.window.showQuickPick(
          TEMPLATES.map((k) => ({ label: t(k), description: all[k].description, key: k })),
          { placeHolder: t('Template for the new DolphinDB cluster') },
        );
        if (!pick) return;
        key = pick.key;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      await editor.insertSnippet(new vscode.SnippetString(all[key].body.join('\n')));
    }),
  ];
}

// Sets the `dolphindbK8s.dolphindbDocument` context key from the active editor, so the editor title
// actions (apply, validate against cluster, diff) show on DolphinDB documents only, not on every
// YAML file the user opens (a Helm values file, an application config).
import * as vscode from 'vscode';
import { DOLPHINDB_MARKER_LINE_RE } from '../../protocol/messages';
import { ContextKeys, setContext } from '../contextKeys';

export function isDolphinDBDocument(doc: vscode.TextDocument | undefined): boolean {
  return doc !== undefined && doc.languageId === 'yaml' && DOLPHINDB_MARKER_LINE_RE.test(doc.getText());
}

export function trackActiveDolphinDBDocument(): vscode.Disposable {
  let last: boolean | undefined;
  const update = (): void => {
    const value = isDolphinDBDocument(vscode.window.activeTextEditor?.document);
    if (value === last) return;
    last = value;
    void setContext(ContextKeys.dolphindbDocument, value);
  };
  const subs = [
    vscode.window.onDidChangeActiveTextEditor(update),
    // Typing the apiVersion into a new file makes it a DolphinDB document; a language change too.
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && update()),
    vscode.workspace.onDidOpenTextDocument((d) => d === vscode.window.activeTextEditor?.document && update()),
  ];
  update();
  return vscode.Disposable.from(...subs);
}

// Opens the YAML of a new cluster as an untitled document titled `<name>.yaml`, so the tab and the
// save prompt name the cluster (an untitled document from content alone is titled by its first line).
import * as vscode from 'vscode';

function untitledUri(name: string, n: number): vscode.Uri {
  return vscode.Uri.parse(`untitled:${n === 1 ? name : `${name}-${n}`}.yaml`);
}

/** The document of `name`, holding `yaml`: an open untitled one with other edits is not overwritten. */
export async function openNewClusterDocument(name: string, yaml: string): Promise<vscode.TextDocument> {
  for (let n = 1; ; n++) {
    const uri = untitledUri(name, n);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // A second create with the same answers shows the same document; different text gets a new name.
    if (open && open.getText() !== '' && open.getText() !== yaml) continue;
    const doc = open ?? (await vscode.workspace.openTextDocument(uri));
    if (doc.getText() !== yaml) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), yaml);
      await vscode.workspace.applyEdit(edit);
    }
    if (doc.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }
}

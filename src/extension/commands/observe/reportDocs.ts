// Reports (events, describe, diagnose, summary) open as read-only virtual documents: they are
// snapshots of the cluster, and an editable untitled buffer would invite edits that go nowhere.
import * as vscode from 'vscode';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'dolphindb-report';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` under a readable title; `.md` titles get the Markdown language. */
  async open(title: string, content: string, opts: { preview?: boolean } = {}): Promise<vscode.Uri> {
    // The sequence keeps two reports of the same object apart (e.g. before and after a fix).
    const safe = title.replace(/[\\/:*?"<>|#%]+/g, '-');
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${safe}`, query: String(++this.seq) });
    // Bound memory: only the recent reports stay retrievable.
    if (this.contents.size >= 50) this.contents.delete(this.contents.keys().next().value as string);
    this.contents.set(uri.toString(), content);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (title.endsWith('.md')) await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: false });
    if (opts.preview) await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return uri;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}

// Describe output opens as a read-only virtual document: a snapshot of the object, and an editable
// untitled buffer would invite edits that go nowhere. (Summary, diagnose and events are rendered in
// report tabs, reportPanels.ts.) The same object keeps one URI, so describing it again refreshes that
// tab instead of adding one.
import * as vscode from 'vscode';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'dolphindb-report';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` under a readable title in one tab. */
  async open(title: string, content: string): Promise<vscode.Uri> {
    const safe = title.replace(/[\\/:*?"<>|#%]+/g, '-');
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${safe}` });
    const key = uri.toString();
    // Bound memory: only the recent reports stay retrievable.
    if (!this.contents.has(key) && this.contents.size >= 50) this.contents.delete(this.contents.keys().next().value as string);
    const before = this.contents.get(key);
    this.contents.set(key, content);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open && before !== undefined && open.getText() !== content) await this.refresh(open, content);
    const doc = open ?? (await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(doc, { preview: false });
    return uri;
  }

  /** Tells VS Code the content changed and waits (briefly) until the open document holds it. */
  private async refresh(doc: vscode.TextDocument, content: string): Promise<void> {
    const key = doc.uri.toString();
    const updated = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.document.getText() === content) done();
      });
      const timer = setTimeout(done, 3000);
    });
    this.changed.fire(doc.uri);
    await updated;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}

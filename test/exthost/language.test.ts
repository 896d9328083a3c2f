// Inside a real VS Code: the DolphinDB language server publishes rule-coded diagnostics,
// completes keys and values, and explains fields on hover.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const INVALID = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: two-ctr
  namespace: dolphindb
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.16
  controller:
    replicas: 2
  datanode:
    replicas: 3
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
data:
  clustertype: "not ours"
`;

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('DolphinDB YAML in VS Code', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: INVALID });
    await vscode.window.showTextDocument(doc);
  });

  it('shows DDB-E006 on the controller replicas and nothing on the other document', async () => {
    const diags = await until('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'dolphindb');
      return d.length > 0 ? d : undefined;
    });
    const e006 = diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'DDB-E006');
    assert.ok(e006, diags.map((d) => `${String(d.code)} ${d.message}`).join('\n'));
    assert.equal(e006.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(e006.range.start.line, 10);
    assert.ok(
      diags.every((d) => d.range.start.line < 14),
      'the ConfigMap document is left alone',
    );
  });

  it('completes spec keys and enum values', async () => {
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(9, 2),
    );
    const labels = keys.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['storageClassName', 'logMode', 'computenode']) assert.ok(labels.includes(k), `${k} in ${labels.join(',')}`);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(7, 15),
    );
    const v = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(v.includes('singlecontroller') && v.includes('multicontroller'), v.join(','));
  });

  it('explains a field on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(7, 4),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(text, /multicontroller/i);
  });

  it('offers a quick fix that sets three controllers: exactly the replicas value, 2 → 3', async () => {
    const diags = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'DDB-E006');
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diags[0].range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to 3');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);
    // One edit, in this document only: the scalar `2` of `    replicas: 2` (line 10, columns 14–15) becomes `3`.
    assert.deepEqual(
      fix.edit.entries().map(([uri]) => uri.toString()),
      [doc.uri.toString()],
    );
    const edits = fix.edit.get(doc.uri).map((e) => ({
      start: [e.range.start.line, e.range.start.character],
      end: [e.range.end.line, e.range.end.character],
      newText: e.newText,
    }));
    assert.deepEqual(edits, [{ start: [10, 14], end: [10, 15], newText: '3' }]);
    assert.equal(doc.getText(fix.edit.get(doc.uri)[0].range), '2');
    // Applied, it clears the problem and touches nothing else.
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), before.replace('controller:\n    replicas: 2', 'controller:\n    replicas: 3'));
    await until('DDB-E006 cleared', () => {
      const left = vscode.languages
        .getDiagnostics(doc.uri)
        .filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'DDB-E006');
      return left.length === 0 ? true : undefined;
    });
  });
});

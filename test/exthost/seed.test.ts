// A seed-style document (kind DolphinDB with `apiVersion: v1`, as the guide's snippets print it)
// starts the language server by itself and gets DDB-E001 with the quick fix that corrects the
// apiVersion. Run alone (DDB_TEST_GREP='seed-style') it is the first DolphinDB-ish document the
// window sees, so the server start is due to it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const SEED = `apiVersion: v1
kind: DolphinDB
metadata:
  name: seed-demo
  namespace: dolphindb
spec:
  mode: standalone
  version: v2.00.16
  datanode:
    replicas: 1
`;

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('seed-style DolphinDB document', () => {
  it('gets DDB-E001 on apiVersion v1 and a quick fix to dolphindb.dolphindb.io/v1', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: SEED });
    await vscode.window.showTextDocument(doc);
    const e001 = await until('DDB-E001', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'dolphindb' && codeOf(d) === 'DDB-E001'),
    );
    assert.equal(e001.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(e001.range.start.line, 0);
    assert.equal(doc.getText(e001.range), 'v1');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      e001.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.edit?.get(doc.uri).some((e) => e.newText === 'dolphindb.dolphindb.io/v1'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(0).text, 'apiVersion: dolphindb.dolphindb.io/v1');
    await until('DDB-E001 gone', () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'DDB-E001') ? undefined : true,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

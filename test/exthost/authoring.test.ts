// Inside a real VS Code: Validate against cluster (dry run → diagnostics) and Diff with cluster.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const doc = (name: string, replicas: number) => `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: ${name}
  namespace: dolphindb
spec:
  mode: standalone
  version: v2.00.16
  datanode:
    replicas: ${replicas}
`;

async function openYaml(content: string): Promise<vscode.TextDocument> {
  const d = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(d);
  return d;
}

describe('validate and diff against the cluster in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension('ddb-k8s-tools.dolphindb-kubernetes');
    await ext?.activate();
    // The explorer connects at activation; wait until a dry run can reach the cluster.
    for (let i = 0; i < 100; i++) {
      const probe = await openYaml(doc('solo', 1));
      const r = await vscode.commands.executeCommand<{ reason?: string }>('dolphindbK8s.validateAgainstCluster', probe.uri);
      if (r?.reason !== 'not connected') return;
      await new Promise((res) => setTimeout(res, 300));
    }
  });

  it('accepts a valid document and reports a rejected one as a diagnostic', async () => {
    const good = await openYaml(doc('dry-run-new', 1));
    const ok = await vscode.commands.executeCommand<{ ok: boolean; documents: number }>(
      'dolphindbK8s.validateAgainstCluster',
      good.uri,
    );
    assert.deepEqual([ok.ok, ok.documents], [true, 1]);
    const bad = await openYaml(doc('Not_A_Name', 1));
    const r = await vscode.commands.executeCommand<{ ok: boolean; rejected: number }>(
      'dolphindbK8s.validateAgainstCluster',
      bad.uri,
    );
    assert.equal(r.rejected, 1);
    const diags = vscode.languages.getDiagnostics(bad.uri).filter((d) => d.source === 'dolphindb (cluster)');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 0);
  });

  it('opens a diff between the live object and the document', async () => {
    const d = await openYaml(doc('solo', 1).replace('v2.00.16', 'v2.00.14'));
    const r = await vscode.commands.executeCommand<{ ok: boolean; name: string }>('dolphindbK8s.diffWithCluster', d.uri);
    assert.deepEqual(r, { ok: true, name: 'solo' });
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(
      tabs.some((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.original.scheme === 'dolphindb-diff'),
      'a diff editor is open',
    );
  });
});

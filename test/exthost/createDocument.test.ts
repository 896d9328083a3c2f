// Inside a real VS Code: Create Cluster opens its YAML as an untitled document titled `<name>.yaml`
// (not after its first line, `apiVersion: …`), holding plain YAML: no anchors, no `None` (issue 17).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, until } from './util';

const NAME = 'e2e-titled';

describe('Create Cluster document', function () {
  this.timeout(120_000);
  after(async () => {
    // Close without saving: revert the untitled document, then close its editor.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === `untitled:${NAME}.yaml`);
    if (doc) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('opens untitled:<name>.yaml with plain YAML; the same answers again show the same document', async () => {
    const a = await api();
    await until('a connected session', () => {
      const ex = a.kube.explorer;
      return ex && ex.stateOf(ex.currentContext).s === 'ready' ? true : undefined;
    });
    const answers = {
      name: NAME,
      namespace: 'dolphindb',
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.14',
      controllers: 1,
      datanodes: 1,
      computenodes: 0,
      cpu: '500m',
      memory: '512Mi',
      storageClass: 'standard',
      dataSize: '1Gi',
      logSize: '1Gi',
      confirm: true,
    };
    const r = await vscode.commands.executeCommand<{ ok: boolean; uri?: string; yaml?: string }>(
      'dolphindbK8s.createCluster',
      answers,
    );
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.uri, `untitled:${NAME}.yaml`);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), `untitled:${NAME}.yaml`);
    assert.equal(editor?.document.languageId, 'yaml');
    assert.equal(editor?.document.getText(), r.yaml);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal(tab?.label, `${NAME}.yaml`);
    assert.doesNotMatch(String(r.yaml), /&a\d|\*a\d|None/);

    const tabsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    const again = await vscode.commands.executeCommand<{ ok: boolean; uri?: string }>('dolphindbK8s.createCluster', answers);
    assert.equal(again.uri, r.uri, 'the same document');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, tabsBefore, 'no second tab');
  });
});

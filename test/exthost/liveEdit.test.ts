// Inside a real VS Code: editing a live DolphinDB object (Edit in the tree) gets the same
// diagnostics as a file, and saving goes through the same gate as Apply — DolphinDB errors
// refuse the save unless the user applies anyway, then a modal plan (changed fields, pods that
// restart) must be confirmed. The modal answers are scripted through the extension's API; the
// object is read back from the test ground's API server after each save.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { KubeHttp } from '../../src/core/k8s/http';
import type { ExtensionApi } from '../../src/extension/main';
import { api, until } from './util';

const NS = 'dolphindb';
const NAME = 'solo';
type Solo = { spec: { datanode: { resources: { limits: { cpu: string } } } } };

describe('saving a live object goes through validation, the plan and a confirmation', function () {
  this.timeout(180_000);
  let a: ExtensionApi;
  let http: KubeHttp;
  let context: string;
  let doc: vscode.TextDocument;
  /** The sample as seeded, to put back under the seeding field manager (so a rerun meets the same ownership). */
  let original: Record<string, unknown> | undefined;

  const storedCpu = async (): Promise<string> => {
    const r = await http.request<Solo>(`/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs/${NAME}`);
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    return r.value.spec.datanode.resources.limits.cpu;
  };

  /** Replaces the datanode's cpu limit in the editor (the first `cpu:` under `limits:`). */
  const setCpu = async (value: string): Promise<void> => {
    const text = doc.getText();
    const at = text.indexOf('cpu:', text.indexOf('limits:'));
    assert.ok(at > 0, 'the document has limits.cpu');
    const lineEnd = text.indexOf('\n', at);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(lineEnd)), `cpu: "${value}"`);
    assert.ok(await vscode.workspace.applyEdit(edit));
  };

  const lastModal = () => a.prompts.shown[a.prompts.shown.length - 1];

  /**
   * Saves with scripted answers and waits until the save has used them all. doc.save() alone is
   * not enough: on a loaded machine it was seen to resolve before the provider's write ran.
   */
  const saveWith = async (...answers: (string | undefined)[]): Promise<number> => {
    const asked = a.prompts.shown.length;
    a.prompts.script(...answers);
    await doc.save();
    await until('the save to ask its questions', () => (a.prompts.unanswered === 0 ? true : undefined), 30_000);
    return asked;
  };

  before(async () => {
    a = await api();
    const s = await until('a connected session', () => {
      const ex = a.kube.explorer;
      return ex && ex.stateOf(ex.currentContext).s === 'ready'
        ? { ctx: ex.currentContext, session: ex.session(ex.currentContext) }
        : undefined;
    });
    assert.ok(s.session);
    context = s.ctx;
    http = s.session.http;
    assert.equal(await storedCpu(), '2', 'the sample starts with cpu 2');
    const o = await http.request<{
      apiVersion: string;
      kind: string;
      metadata: { name: string; namespace: string };
      spec: unknown;
    }>(`/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs/${NAME}`);
    assert.ok(o.ok);
    original = {
      apiVersion: o.value.apiVersion,
      kind: o.value.kind,
      metadata: { name: NAME, namespace: NS },
      spec: o.value.spec,
    };
    await vscode.commands.executeCommand('dolphindbK8s.edit', { ref: { context, kind: 'dolphindb', name: NAME, namespace: NS } });
    doc = await until('the live object editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'dolphindb-live'
        ? vscode.window.activeTextEditor.document
        : undefined,
    );
    assert.match(doc.getText(), /kind: DolphinDB/);
  });

  after(async () => {
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (http && original) {
      const r = await http.request(`/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs/${NAME}`, {
        method: 'PATCH',
        contentType: 'application/apply-patch+yaml',
        body: original,
        query: { fieldManager: 'ddb-samples', force: true },
      });
      assert.ok(r.ok, r.ok ? '' : r.error.reason);
    }
  });

  it('shows DolphinDB diagnostics in the live editor and refuses to save a typo', async () => {
    await setCpu('lots');
    const diags = await until('a DolphinDB error in the live editor', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
      return d.length > 0 ? d : undefined;
    });
    assert.ok(
      diags.some((d) => String(d.source).startsWith('dolphindb')),
      JSON.stringify(diags.map((d) => d.source)),
    );
    const asked = await saveWith(undefined); // the user closes the "DolphinDB errors" dialog
    assert.equal(a.prompts.shown.length, asked + 1, 'one dialog: the errors');
    assert.match(lastModal().message, /DolphinDB error/);
    assert.match(lastModal().detail, /DDB-E\d+/);
    assert.deepEqual(lastModal().buttons, ['Apply anyway']);
    assert.equal(await storedCpu(), '2', 'nothing was stored');
    assert.equal(doc.isDirty, true);
  });

  it('"Apply anyway" still leads to the plan, and cancelling it stores nothing', async () => {
    const asked = await saveWith('Apply anyway', undefined);
    assert.equal(a.prompts.shown.length, asked + 2, 'errors, then the plan');
    assert.match(lastModal().message, /Apply your changes to dolphindbs\/solo/);
    assert.match(lastModal().detail, /spec\.datanode\.resources\.limits\.cpu/);
    assert.equal(await storedCpu(), '2');
  });

  it('a valid change shows the changed field and the pod that restarts; applied only when confirmed', async () => {
    await setCpu('3');
    await until('the error gone from the live editor', () =>
      vscode.languages.getDiagnostics(doc.uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error) ? undefined : true,
    );
    let asked = await saveWith(undefined);
    assert.equal(a.prompts.shown.length, asked + 1, 'only the plan: no DolphinDB error');
    const plan = lastModal();
    assert.match(plan.message, /Apply your changes to dolphindbs\/solo/);
    assert.match(plan.detail, /• spec\.datanode\.resources\.limits\.cpu/);
    assert.match(plan.detail, /restart: ddb-solo-dn-0-0/);
    assert.deepEqual(plan.buttons, ['Apply']);
    assert.equal(await storedCpu(), '2', 'not confirmed: nothing stored');

    // The samples were applied by another field manager: after the plan, the conflict is explained and forced.
    asked = await saveWith('Apply', 'Force');
    assert.equal(a.prompts.shown.length, asked + 2, 'the plan, then the field-manager conflict');
    assert.match(a.prompts.shown[asked].message, /Apply your changes to dolphindbs\/solo/);
    assert.match(lastModal().message, /Other managers own some of these fields/);
    await until('the editor saved', () => (doc.isDirty ? undefined : true), 30_000);
    assert.equal(await storedCpu(), '3', 'confirmed: stored');
  });
});

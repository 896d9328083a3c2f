// "Validate against cluster" (server-side dry-run; the API server's answer becomes diagnostics)
// and "Diff with cluster" (VS Code's diff between the live object and the document).
import { reasonOf } from '../../core/i18n/text';
import { verbatim } from '../../core/i18n/translate';
import * as vscode from 'vscode';
import { dolphindbDocuments, dryRunDocuments, liveYamlFor } from '../../core/authoring/clusterCheck';
import type { KubeHttp } from '../../core/k8s/http';
import { contextNamespace } from '../../core/k8s/kubeconfig';
import type { ExplorerHost } from '../explorerHost';
import { t } from '../localize';
import type { Logger } from '../log';
import { formatFailure, showFailure } from '../ui/errors';

const DIFF_SCHEME = 'dolphindb-diff';

export function registerAuthoringCommands(kube: ExplorerHost, log: Logger): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('dolphindb-cluster');
  const liveTexts = new Map<string, string>();
  const connection = async (): Promise<{ http: KubeHttp; ns?: string } | undefined> => {
    const session = await kube.sessionFor();
    const reg = kube.registry;
    const cfg = kube.kubeconfig?.config;
    if (!reg || !session || !cfg) return undefined;
    return { http: session.http, ns: contextNamespace(cfg, reg.currentContext) ?? 'default' };
  };
  const notConnected = (): void => {
    void vscode.window.showWarningMessage(t('Not connected to a cluster: open the DolphinDB view and check the connection.'));
  };
  return [
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
      provideTextDocumentContent: (uri) => liveTexts.get(uri.path) ?? '',
    }),
    vscode.workspace.onDidChangeTextDocument((e) => diagnostics.delete(e.document.uri)),
    vscode.commands.registerCommand('dolphindbK8s.validateAgainstCluster', async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      const conn = await connection();
      if (!doc) return { ok: false, reason: verbatim('no document') };
      if (!conn) {
        notConnected();
        return { ok: false, reason: verbatim('not connected') };
      }
      const results = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: t('Validating against the cluster (dry run)…'),
          cancellable: true,
        },
        (_p, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          return dryRunDocuments(conn.http, doc.getText(), { defaultNamespace: conn.ns, signal: ac.signal });
        },
      );
      const diags = results
        .filter((r) => r.failure)
        .map((r) => {
          const line = doc.lineAt(Math.min(r.doc.line, doc.lineCount - 1));
          const d = new vscode.Diagnostic(
            line.range,
            t('The API server rejects {0}: {1}', r.doc.object.metadata.name, r.failure ? reasonOf(r.failure, t) : ''),
            vscode.DiagnosticSeverity.Error,
          );
          d.source = 'dolphindb (cluster)';
          d.code = 'dry-run';
          return d;
        });
      diagnostics.set(doc.uri, diags);
      for (const r of results)
        log.info(
          `dry-run ${r.doc.object.metadata.namespace}/${r.doc.object.metadata.name}: ${r.failure ? `${r.failure.kind}: ${r.failure.reason}` : 'accepted'}`,
        );
      if (results.length === 0) void vscode.window.showInformationMessage(t('This file has no DolphinDB document.'));
      else if (diags.length === 0)
        void vscode.window.showInformationMessage(
          t('The API server accepts {0} DolphinDB document(s) (dry run, nothing was changed).', results.length),
        );
      return {
        ok: diags.length === 0,
        documents: results.length,
        rejected: diags.length,
        reasons: results.flatMap((r) => (r.failure ? [r.failure.reason] : [])),
      };
    }),
    vscode.commands.registerCommand('dolphindbK8s.diffWithCluster', async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      const conn = await connection();
      if (!doc) return { ok: false, reason: verbatim('no document') };
      if (!conn) {
        notConnected();
        return { ok: false, reason: verbatim('not connected') };
      }
      const docs = dolphindbDocuments(doc.getText(), conn.ns);
      const cursor = editor?.document === doc ? editor.selection.active.line : 0;
      const target = [...docs].reverse().find((d) => d.line <= cursor) ?? docs[0];
      if (!target) {
        void vscode.window.showInformationMessage(t('This file has no DolphinDB document.'));
        return { ok: false, reason: verbatim('no DolphinDB document') };
      }
      const live = await liveYamlFor(conn.http, target);
      if (!live.ok) {
        if (live.failure.kind === 'notFound')
          void vscode.window.showInformationMessage(
            t('{0} does not exist in the cluster yet: applying creates it.', target.object.metadata.name),
          );
        else void showFailure(live.failure, log);
        return { ok: false, reason: formatFailure(live.failure) };
      }
      const key = `/${target.object.metadata.namespace}/${target.object.metadata.name}.yaml`;
      liveTexts.set(key, live.yaml);
      const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: key });
      await vscode.commands.executeCommand('vscode.diff', left, doc.uri, t('{0}: cluster ↔ file', target.object.metadata.name));
      return { ok: true, name: target.object.metadata.name };
    }),
  ];
}

// Test stand-in for redhat.vscode-yaml (the real one cannot be downloaded here): like it, reports
// YAML syntax errors and duplicate keys of every YAML document in a diagnostic collection named
// "yaml", source "YAML", unless `yaml.validate` is false. Plain JS; `yaml` is copied next to it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, loaded by VS Code with require() */
const vscode = require('vscode');
const YAML = require('yaml');

function problems(doc) {
  const out = [];
  for (const d of YAML.parseAllDocuments(doc.getText(), { uniqueKeys: true, prettyErrors: false })) {
    for (const e of d.errors) {
      const range = new vscode.Range(doc.positionAt(e.pos[0]), doc.positionAt(Math.max(e.pos[0] + 1, e.pos[1])));
      const diag = new vscode.Diagnostic(range, e.message.split('\n')[0], vscode.DiagnosticSeverity.Error);
      diag.source = 'YAML';
      out.push(diag);
    }
  }
  return out;
}

exports.activate = function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('yaml');
  const check = (doc) => {
    if (doc.languageId !== 'yaml') return;
    const on = vscode.workspace.getConfiguration('yaml').get('validate', true) !== false;
    collection.set(doc.uri, on ? problems(doc) : []);
  };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('yaml.validate') && vscode.workspace.textDocuments.forEach(check),
    ),
  );
  vscode.workspace.textDocuments.forEach(check);
};

exports.deactivate = function deactivate() {};

// Test stand-in for ms-kubernetes-tools.vscode-kubernetes-tools. Its exports are the same API
// broker as the real one's (vscode-kubernetes-tools-api): get('configuration', 'v1' | 'v1_1') →
// {available, api} with getKubeconfigPath(), onDidChangeKubeconfigPath, onDidChangeContext.
// Like the real one, the kubeconfig path is the `vs-kubernetes.kubeconfig` key of the
// `vs-kubernetes` setting (else KUBECONFIG, else ~/.kube/config). `useContext(name)` plays
// "Set as current cluster" (the real one rewrites current-context and fires the event).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, loaded by VS Code with require() */
const vscode = require('vscode');
const os = require('os');
const path = require('path');

exports.activate = function activate(context) {
  const pathChanged = new vscode.EventEmitter();
  const contextChanged = new vscode.EventEmitter();
  const kubeconfigPath = () => {
    const configured = vscode.workspace.getConfiguration('vs-kubernetes')['vs-kubernetes.kubeconfig'];
    const hostPath = configured || process.env.KUBECONFIG || path.join(os.homedir(), '.kube', 'config');
    return { pathType: 'host', hostPath };
  };
  context.subscriptions.push(
    pathChanged,
    contextChanged,
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('vs-kubernetes') && pathChanged.fire(kubeconfigPath()),
    ),
  );
  const configuration = {
    getKubeconfigPath: kubeconfigPath,
    onDidChangeKubeconfigPath: pathChanged.event,
    onDidChangeContext: contextChanged.event,
  };
  return {
    get(component, version) {
      if (component === 'configuration' && (version === 'v1' || version === 'v1_1'))
        return { available: true, api: configuration };
      return { available: false, reason: 'APIVersionNoLongerSupported' };
    },
    // Test handle (not in the real API): switch the current context as its tree view would.
    useContext(name) {
      contextChanged.fire(name);
    },
  };
};

exports.deactivate = function deactivate() {};

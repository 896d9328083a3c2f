// Inside a real VS Code with stand-ins of two other publishers' extensions installed next to ours
// (stubs/, installed by run-suites.ts / run-exthost.ts --with-extension): Red Hat YAML reports
// YAML syntax problems, so each shows once (theirs) while the DolphinDB rules stay ours; and our
// view follows Microsoft's Kubernetes extension's kubeconfig path and context switches.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, until } from '../exthost/util';

const REDHAT_YAML = 'redhat.vscode-yaml';
const K8S_TOOLS = 'ms-kubernetes-tools.vscode-kubernetes-tools';

// A duplicate key (line 4: metadata.name twice; a broken document gets no rule checks) and, in a
// second document, DDB-E006 (2 controllers) for the DolphinDB rules.
const DOC = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: dup-key
  name: dup-key-again
  namespace: dolphindb
---
apiVersion: dolphindb.dolphindb.io/v1
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
`;
const DUP_LINE = 4;

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const describeAll = (ds: readonly vscode.Diagnostic[]): string =>
  ds.map((d) => `${d.source}:${codeOf(d)}@${d.range.start.line} ${d.message}`).join('\n');

describe('coexist: Red Hat YAML', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    assert.ok(vscode.extensions.getExtension(REDHAT_YAML), 'the Red Hat YAML stand-in is installed (run with stubs/redhat-yaml)');
    await api();
    doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: DOC });
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('yaml').update('validate', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reports the duplicate key once (theirs) and still the DolphinDB rule (ours)', async () => {
    const ours = await until('DDB-E006 from our server', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'dolphindb');
      return d.some((x) => codeOf(x) === 'DDB-E006') ? d : undefined;
    });
    const theirs = await until("the stand-in's duplicate-key problem", () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'YAML');
      return d.length > 0 ? d : undefined;
    });
    const all = vscode.languages.getDiagnostics(doc.uri);
    assert.ok(!ours.some((d) => codeOf(d) === 'yaml-syntax'), `no YAML syntax problem of ours:\n${describeAll(all)}`);
    assert.equal(theirs.filter((d) => d.range.start.line === DUP_LINE).length, 1, describeAll(all));
    assert.equal(
      all.filter((d) => d.range.start.line === DUP_LINE).length,
      1,
      `one problem on the duplicate key in Problems:\n${describeAll(all)}`,
    );
  });

  it('reports YAML syntax again while their validation is off, and stops when it is back on', async () => {
    await vscode.workspace.getConfiguration('yaml').update('validate', false, vscode.ConfigurationTarget.Global);
    await until('our yaml-syntax problem on the duplicate key', () => {
      const all = vscode.languages.getDiagnostics(doc.uri);
      return all.some((d) => d.source === 'dolphindb' && codeOf(d) === 'yaml-syntax' && d.range.start.line === DUP_LINE) &&
        !all.some((d) => d.source === 'YAML')
        ? all
        : undefined;
    });
    await vscode.workspace.getConfiguration('yaml').update('validate', true, vscode.ConfigurationTarget.Global);
    const all = await until('theirs back and ours gone', () => {
      const a = vscode.languages.getDiagnostics(doc.uri);
      return a.some((d) => d.source === 'YAML') && !a.some((d) => codeOf(d) === 'yaml-syntax') ? a : undefined;
    });
    assert.equal(all.filter((d) => d.range.start.line === DUP_LINE).length, 1, describeAll(all));
    assert.ok(
      all.some((d) => codeOf(d) === 'DDB-E006'),
      describeAll(all),
    );
  });
});

interface StubKubernetesExports {
  useContext(name: string): void;
}

function kubeconfig(file: string, contexts: string[]): void {
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    // Nothing listens on port 1: these tests look at which contexts are loaded, not at clusters.
    'clusters:',
    ...contexts.flatMap((c) => [`- name: ${c}`, '  cluster:', '    server: https://127.0.0.1:1']),
    'users:',
    '- name: u',
    '  user:',
    '    token: not-a-secret',
    'contexts:',
    ...contexts.flatMap((c) => [`- name: ${c}`, '  context:', `    cluster: ${c}`, '    user: u']),
    `current-context: ${contexts[0]}`,
  ];
  fs.writeFileSync(file, yaml.join('\n') + '\n');
}

describe('coexist: Microsoft Kubernetes extension', () => {
  let dir: string;
  let fileA: string;
  let fileB: string;
  const k8sSetting = () => vscode.workspace.getConfiguration();

  before(() => {
    assert.ok(
      vscode.extensions.getExtension(K8S_TOOLS),
      'the Kubernetes extension stand-in is installed (run with stubs/kubernetes-tools)',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-coexist-'));
    fileA = path.join(dir, 'a.kubeconfig');
    fileB = path.join(dir, 'b.kubeconfig');
    kubeconfig(fileA, ['coexist-a1', 'coexist-a2']);
    kubeconfig(fileB, ['coexist-b']);
  });

  after(async () => {
    await k8sSetting().update('vs-kubernetes', undefined, vscode.ConfigurationTarget.Global);
    await k8sSetting().update('dolphindbK8s.followKubernetesExtension', undefined, vscode.ConfigurationTarget.Global);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows its kubeconfig path setting and its context switches', async () => {
    const { kube } = await api();
    const ext = vscode.extensions.getExtension<StubKubernetesExports>(K8S_TOOLS);
    assert.ok(ext);
    const stub = ext.isActive ? ext.exports : await ext.activate();
    await k8sSetting().update('vs-kubernetes', { 'vs-kubernetes.kubeconfig': fileA }, vscode.ConfigurationTarget.Global);
    await until(
      'our view on kubeconfig A',
      () => kube.kubeconfig?.files.includes(fileA) && kube.explorer?.currentContext === 'coexist-a1',
    );
    stub.useContext('coexist-a2');
    await until(
      'our view on context coexist-a2',
      () => kube.explorer?.currentContext === 'coexist-a2' && kube.activeContext === 'coexist-a2',
    );
    await k8sSetting().update('vs-kubernetes', { 'vs-kubernetes.kubeconfig': fileB }, vscode.ConfigurationTarget.Global);
    await until(
      'our view on kubeconfig B',
      () =>
        kube.kubeconfig?.files.includes(fileB) &&
        kube.explorer?.currentContext === 'coexist-b' &&
        kube.activeContext === 'coexist-b',
    );
    assert.ok(!kube.kubeconfig?.files.includes(fileA));
  });

  it('stops following when dolphindbK8s.followKubernetesExtension is false', async () => {
    const { kube } = await api();
    await k8sSetting().update('vs-kubernetes', { 'vs-kubernetes.kubeconfig': fileA }, vscode.ConfigurationTarget.Global);
    await until('our view on kubeconfig A', () => kube.kubeconfig?.files.includes(fileA));
    await k8sSetting().update('dolphindbK8s.followKubernetesExtension', false, vscode.ConfigurationTarget.Global);
    await until('our view off kubeconfig A', () => kube.kubeconfig === undefined || !kube.kubeconfig.files.includes(fileA));
    // While off, its changes are not followed.
    await k8sSetting().update('vs-kubernetes', { 'vs-kubernetes.kubeconfig': fileB }, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(!kube.kubeconfig?.files.includes(fileB), `still on ${kube.kubeconfig?.files.join(', ')}`);
  });
});

// Inside a real VS Code: the DolphinDB view lists the clusters of the test ground.
// The suite runner (test/vscode-rig/run-suites.ts) has created them and runs the simulated
// operator; KUBECONFIG reaches this extension host through code-server's environment.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/main';
import type { ExplorerNode } from '../../src/core/explorer/nodes';

const EXT_ID = 'ddb-k8s-tools.dolphindb-kubernetes';

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
  assert.ok(ext, 'extension is installed');
  return ext.activate();
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function flatClusters(a: ExtensionApi): ExplorerNode[] {
  const roots = a.tree.getChildren();
  if (roots.length === 0) return [];
  return a.tree.getChildren(roots[0]).flatMap((n) => (n.kind === 'namespace' ? a.tree.getChildren(n) : [n]));
}

describe('DolphinDB explorer in VS Code', () => {
  it('shows the current kube context as the first, expanded root', async () => {
    const a = await api();
    const roots = await until('a root node', () => {
      const r = a.tree.getChildren();
      return r.length > 0 ? r : undefined;
    });
    assert.equal(roots[0].kind, 'context');
    assert.equal(roots[0].label, 'ddb-ground');
    const item = a.tree.getTreeItem(roots[0]);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('lists the sample clusters with phase and ready counts first, the mode in the tooltip', async () => {
    const a = await api();
    const ha = await until('cluster ha Available', () =>
      flatClusters(a).find((n) => n.label === 'ha' && /Available/.test(a.tree.getTreeItem(n).description as string)),
    );
    const item = a.tree.getTreeItem(ha);
    assert.match(String(item.description), /^Available · ctr 3\/3 dn 3\/3 · v2\.00\.5$/);
    const tip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tip, /Mode: cluster\/multicontroller/);
    assert.match(tip, /Ready: ctr 3\/3 · dn 3\/3/);
    assert.ok(item.contextValue?.startsWith('cluster;'));
    assert.ok(item.contextValue?.includes(';showYaml;'));
    const standalone = flatClusters(a).find((n) => n.label === 'solo');
    assert.ok(standalone, 'standalone cluster listed');
    const soloTip = a.tree.getTreeItem(standalone).tooltip;
    assert.match(soloTip instanceof vscode.MarkdownString ? soloTip.value : String(soloTip), /Mode: standalone/);
  });

  it('expands a cluster into its members', async () => {
    const a = await api();
    const ha = flatClusters(a).find((n) => n.label === 'ha');
    assert.ok(ha);
    const kids = a.tree.getChildren(ha);
    const ctr = kids.find((k) => k.kind === 'role' && k.key.t === 'role' && k.key.role === 'ctr');
    assert.ok(ctr);
    const instances = a.tree.getChildren(ctr);
    assert.equal(instances.length, 3);
    assert.ok(
      instances.some((i) => /leader/.test(String(a.tree.getTreeItem(i).description))),
      'the leader is marked',
    );
  });

  it('folds the pod into its instance: containers are its children, with menus of their own', async () => {
    const a = await api();
    const ha = flatClusters(a).find((n) => n.label === 'ha');
    assert.ok(ha);
    const dn = a.tree.getChildren(ha).find((k) => k.kind === 'role' && k.key.t === 'role' && k.key.role === 'dn');
    assert.ok(dn);
    const inst = await until('dn-0 with its pod', () =>
      a.tree.getChildren(dn).find((i) => i.label === 'ddb-ha-dn-0' && i.podRef),
    );
    const cv = String(a.tree.getTreeItem(inst).contextValue);
    assert.match(cv, /^instance;/);
    assert.match(cv, /;podYaml;/);
    assert.match(cv, /;running;/);
    assert.doesNotMatch(cv, /;paused;/);
    const containers = a.tree.getChildren(inst);
    assert.ok(containers.length > 0 && containers.every((c) => c.kind === 'container'));
    const app = containers.find((c) => c.caps.includes('logs'));
    assert.ok(app);
    const ccv = String(a.tree.getTreeItem(app).contextValue);
    assert.match(ccv, /^container;/);
    assert.match(ccv, /;logs;/);
    assert.match(ccv, /;copyImage;/);

    // The menu commands do what they say: the pod's name and the container's image on the
    // clipboard, the pod's YAML in an editor.
    // A host without a clipboard (VS Code 1.90's web server, headless) reads back nothing: the
    // clipboard is checked where a probe round-trips, the returned text everywhere.
    await vscode.env.clipboard.writeText('ddb-clipboard-probe');
    const clipboard = (await vscode.env.clipboard.readText()) === 'ddb-clipboard-probe';
    const podName = await vscode.commands.executeCommand<string>('dolphindbK8s.copyPodName', inst);
    assert.equal(podName, 'ddb-ha-dn-0-0');
    if (clipboard) assert.equal(await vscode.env.clipboard.readText(), 'ddb-ha-dn-0-0');
    assert.ok(app.image, 'the container row knows its image');
    const image = await vscode.commands.executeCommand<string>('dolphindbK8s.copyImage', app);
    assert.equal(image, app.image);
    if (clipboard) assert.equal(await vscode.env.clipboard.readText(), app.image);
    assert.match(app.image ?? '', /dolphindb|ddb/i, 'an image of the pod spec');
    await vscode.commands.executeCommand('dolphindbK8s.showPodYaml', inst);
    const text = await until('the pod YAML', () => {
      const t = vscode.window.activeTextEditor?.document.getText() ?? '';
      return /^kind: Pod$/m.test(t) ? t : undefined;
    });
    assert.match(text, /^  name: ddb-ha-dn-0-0$/m);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('registers its commands', async () => {
    await api();
    const cmds = await vscode.commands.getCommands(true);
    for (const c of [
      'dolphindbK8s.refresh',
      'dolphindbK8s.showYaml',
      'dolphindbK8s.switchContext',
      'dolphindbK8s.edit',
      'dolphindbK8s.containerLogs',
      'dolphindbK8s.copyImage',
      'dolphindbK8s.showPodYaml',
      'dolphindbK8s.copyPodName',
    ])
      assert.ok(cmds.includes(c), c);
  });
});

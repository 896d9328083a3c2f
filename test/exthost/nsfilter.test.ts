// Inside a real VS Code: dolphindbK8s.filterNamespaces narrows a context to chosen namespaces,
// the tree shows only their clusters and says "1 of N namespaces", and the choice survives a
// reload of the explorer (it lives in globalState). The samples: solo and single in dolphindb,
// ha in ddb-prod (test/fixtures/samples.ts).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { ExtensionApi } from '../../src/extension/main';
import { api, until } from './util';

const CTX = 'ddb-ground';

function shownClusters(a: ExtensionApi): string[] | undefined {
  const root = a.tree.getChildren().find((n) => n.label === CTX);
  if (!root) return undefined;
  const kids = a.tree.getChildren(root);
  if (kids.some((k) => k.kind === 'message' && /Connecting/.test(k.label))) return undefined;
  const flat = kids.flatMap((n: ExplorerNode) => (n.kind === 'namespace' ? a.tree.getChildren(n) : [n]));
  return flat
    .filter((n) => n.kind === 'cluster')
    .map((n) => n.label)
    .sort();
}

function contextDescription(a: ExtensionApi): string {
  const root = a.tree.getChildren().find((n) => n.label === CTX);
  return root ? String(a.tree.getTreeItem(root).description ?? '') : '';
}

describe('namespace filter', () => {
  after(async () => {
    // Later suites expect every namespace: clear the remembered choice whatever happened above.
    await vscode.commands.executeCommand('dolphindbK8s.filterNamespaces', { context: CTX, namespaces: 'all' });
  });

  it('shows only the chosen namespaces and remembers them across an explorer reload', async () => {
    const a = await api();
    await until('all sample clusters', () => {
      const s = shownClusters(a);
      return s && ['ha', 'single', 'solo'].every((c) => s.includes(c)) ? s : undefined;
    });
    const res = (await vscode.commands.executeCommand('dolphindbK8s.filterNamespaces', {
      context: CTX,
      namespaces: ['ddb-prod'],
    })) as { ok: boolean; namespaces?: unknown };
    assert.equal(res.ok, true, JSON.stringify(res));
    assert.deepEqual(res.namespaces, ['ddb-prod']);

    await until('only ha shown', () => {
      const s = shownClusters(a);
      return s && s.length > 0 && s.every((c) => c === 'ha') ? s : undefined;
    });
    assert.deepEqual(
      a.kube.explorer?.session(CTX)?.caches.map((c) => c.namespace),
      ['ddb-prod'],
    );
    // The total shows once the namespace list has loaded (before that: "1 namespaces (filtered)").
    const desc = await until('the namespace count', () =>
      /1 of ([2-9]|\d\d+) namespaces/.test(contextDescription(a)) ? contextDescription(a) : undefined,
    );
    assert.match(desc, /1 of ([2-9]|\d\d+) namespaces/);
    const root = a.tree.getChildren().find((n) => n.label === CTX);
    assert.ok(
      root && a.tree.getTreeItem(root).contextValue?.includes(';filterNamespaces;'),
      'the filter action is offered on the context',
    );

    // A new Explorer (kubeconfig or settings change) reads the remembered choice again.
    const before = a.kube.explorer;
    a.kube.reload();
    assert.notEqual(a.kube.explorer, before);
    await until('only ha shown after the reload', () => {
      const s = shownClusters(a);
      return s && s.length > 0 && s.every((c) => c === 'ha') ? s : undefined;
    });
    assert.deepEqual(
      a.kube.explorer?.session(CTX)?.caches.map((c) => c.namespace),
      ['ddb-prod'],
    );

    const cleared = (await vscode.commands.executeCommand('dolphindbK8s.filterNamespaces', {
      context: CTX,
      namespaces: 'all',
    })) as { ok: boolean; namespaces?: unknown };
    assert.equal(cleared.namespaces, 'all');
    await until('every sample cluster again', () => {
      const s = shownClusters(a);
      return s && ['ha', 'single', 'solo'].every((c) => s.includes(c)) ? s : undefined;
    });
    assert.doesNotMatch(contextDescription(a), /namespaces/);
  });
});

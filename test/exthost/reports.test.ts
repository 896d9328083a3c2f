// Inside a real VS Code: each report (summary, diagnose, events) opens exactly one editor tab, its
// rendered preview (no raw Markdown source next to it), and opening the same report again reuses
// that tab (issue 17: Diagnose used to open three). Runs against the seeded `ha` cluster.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, until } from './util';

const HA_NS = 'ddb-prod';
type Result = { ok: boolean; uri?: string; text?: string } & Record<string, unknown>;

const allTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const tabName = (tab: vscode.Tab): string =>
  tab.input instanceof vscode.TabInputWebview
    ? `webview:${tab.input.viewType}:${tab.label}`
    : tab.input instanceof vscode.TabInputText
      ? `text:${tab.input.uri.toString()}`
      : `other:${tab.label}`;

async function context(): Promise<string> {
  const a = await api();
  return until('a connected session', () => {
    const ex = a.kube.explorer;
    return ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.currentContext : undefined;
  });
}

describe('reports open in one tab', function () {
  this.timeout(120_000);
  before(async () => {
    await context();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('no editor tabs', () => allTabs().length === 0 || undefined);
  });

  for (const [command, title] of [
    ['clusterSummary', 'summary'],
    ['diagnose', 'diagnose'],
    ['events', 'events'],
  ] as const) {
    it(`${command}: one preview tab, reused when opened again`, async () => {
      const ctx = await context();
      const before = allTabs().map(tabName);
      const r = await vscode.commands.executeCommand<Result>(`dolphindbK8s.${command}`, {
        context: ctx,
        namespace: HA_NS,
        name: 'ha',
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      // The preview opens asynchronously inside the Markdown extension: wait for the tab.
      const added = await until(`the ${command} tab`, () => {
        const now = allTabs().map(tabName);
        const extra = now.filter((n) => !before.includes(n));
        return extra.length > 0 ? extra : undefined;
      });
      await new Promise((res) => setTimeout(res, 1500)); // a late second tab would show up here
      const afterFirst = allTabs().map(tabName);
      const newTabs = afterFirst.filter((n) => !before.includes(n));
      assert.equal(newTabs.length, 1, `one new tab, got: ${JSON.stringify(newTabs)} (first seen ${JSON.stringify(added)})`);
      assert.match(newTabs[0] ?? '', /^webview:.*markdown\.preview.*:/, `a Markdown preview: ${newTabs[0]}`);
      assert.match(newTabs[0] ?? '', new RegExp(`${title} ${HA_NS}-ha\\.md`));
      assert.ok(!afterFirst.some((n) => n === `text:${r.uri}`), 'no raw Markdown source tab');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
      assert.ok(doc, 'the report document is loaded');
      assert.equal(doc.getText(), r.text);

      const again = await vscode.commands.executeCommand<Result>(`dolphindbK8s.${command}`, {
        context: ctx,
        namespace: HA_NS,
        name: 'ha',
      });
      assert.equal(again.ok, true, JSON.stringify(again));
      assert.equal(again.uri, r.uri, 'the same report keeps its URI');
      await new Promise((res) => setTimeout(res, 1500));
      assert.deepEqual(allTabs().map(tabName).sort(), [...afterFirst].sort(), 'reopening adds no tab');
      const doc2 = vscode.workspace.textDocuments.find((d) => d.uri.toString() === again.uri);
      assert.equal(doc2?.getText(), again.text, 'the reused tab shows the new report');
    });
  }
});

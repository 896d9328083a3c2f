// Inside a real VS Code: each report (summary, diagnose, events) opens exactly one editor tab, a
// report webview (no raw Markdown source, no side preview), and opening the same report again (the
// command or the tab's Refresh) reuses that tab (issue 17: Diagnose used to open three). Runs
// against the seeded `ha` cluster.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, until } from './util';

const HA_NS = 'ddb-prod';
type Result = { ok: boolean; report?: string; text?: string } & Record<string, unknown>;
type OpenReport = { key: string; title: string; markdown: string };

const allTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const tabName = (tab: vscode.Tab): string =>
  tab.input instanceof vscode.TabInputWebview
    ? `webview:${tab.input.viewType}:${tab.label}`
    : tab.input instanceof vscode.TabInputText
      ? `text:${tab.input.uri.toString()}`
      : `other:${tab.label}`;
const openReports = (): Thenable<OpenReport[]> => vscode.commands.executeCommand<OpenReport[]>('dolphindb._reportPanels');

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
    ['clusterSummary', 'Summary'],
    ['diagnose', 'Diagnosis'],
    ['events', 'Events'],
  ] as const) {
    it(`${command}: one report tab, reused when opened again`, async () => {
      const ctx = await context();
      const before = allTabs().map(tabName);
      const args = { context: ctx, namespace: HA_NS, name: 'ha' };
      const r = await vscode.commands.executeCommand<Result>(`dolphindbK8s.${command}`, args);
      assert.equal(r.ok, true, JSON.stringify(r));
      await until(`the ${command} tab`, () => allTabs().length > before.length || undefined);
      await new Promise((res) => setTimeout(res, 1500)); // a late second tab would show up here
      const afterFirst = allTabs().map(tabName);
      const newTabs = afterFirst.filter((n) => !before.includes(n));
      assert.equal(newTabs.length, 1, `one new tab, got: ${JSON.stringify(newTabs)}`);
      assert.match(newTabs[0] ?? '', /^webview:.*dolphindbK8s\.report/, `a report tab: ${newTabs[0]}`);
      assert.match(newTabs[0] ?? '', new RegExp(`:${title} of ${HA_NS}/ha$`));
      const shown = (await openReports()).find((o) => o.key === r.report);
      assert.equal(shown?.markdown, r.text, 'the tab shows the report the command returned');

      const again = await vscode.commands.executeCommand<Result>(`dolphindbK8s.${command}`, args);
      assert.equal(again.ok, true, JSON.stringify(again));
      assert.equal(again.report, r.report, 'the same report of the same cluster');
      await new Promise((res) => setTimeout(res, 1500));
      assert.deepEqual(allTabs().map(tabName).sort(), [...afterFirst].sort(), 'reopening adds no tab');
      assert.equal((await openReports()).filter((o) => o.key === r.report).length, 1);
    });
  }

  it('one tab per report: three reports, three tabs; closing a tab forgets it', async () => {
    const reports = await openReports();
    assert.equal(reports.length, 3, JSON.stringify(reports.map((o) => o.key)));
    assert.equal(allTabs().filter((t) => t.input instanceof vscode.TabInputWebview).length, 3);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the reports closed', async () => ((await openReports()).length === 0 ? true : undefined));
  });
});

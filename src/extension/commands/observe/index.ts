// Registers the observe commands (logs, shells, events, describe, diagnose, connection info,
// port-forwards, suite UIs, summary) and the Port forwards view; main.ts adds the returned
// disposables to its store, so streams and forwards stop on deactivate.
import * as vscode from 'vscode';
import type { CommandDeps } from '../common/deps';
import { connectionInfo, openSuiteUi, portForward, stopPortForward } from './connect';
import { diagnoseCommand } from './diagnose';
import { describeCommand, eventsCommand } from './events';
import { Forwards, type ContextForward } from './forwards';
import { clusterLogs, podLogs, stopLogs } from './logs';
import { LogSessions } from './logSessions';
import { filterLog, logFirstError, previousContainerLog, saveLog, toggleLogFollow } from './logViewer';
import { ReportDocuments } from './reportDocs';
import { ReportPanels } from './reportPanels';
import { resourceUseCommand } from './resourceUse';
import { summaryCommand } from './summary';
import { openShell } from './shell';
import { Shells } from './shellTerminal';
import { createPortForwardsView } from '../../views/portForwardsView';

export function registerObserveCommands(deps: CommandDeps, workspaceState?: vscode.Memento): vscode.Disposable[] {
  const sessions = new LogSessions();
  const forwards = new Forwards(deps.log, workspaceState);
  const docs = new ReportDocuments();
  const panels = new ReportPanels();
  const shells = new Shells();
  const view = createPortForwardsView(forwards);
  const reg = (id: string, fn: (arg: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn);
  return [
    sessions,
    forwards,
    docs,
    panels,
    shells,
    ...view.disposables,
    vscode.workspace.registerTextDocumentContentProvider(ReportDocuments.scheme, docs),
    reg('dolphindbK8s.podLogs', (arg) => podLogs(deps, sessions, arg)),
    reg('dolphindbK8s.clusterLogs', (arg) => clusterLogs(deps, sessions, arg)),
    reg('dolphindbK8s.stopLogs', (arg) => stopLogs(sessions, arg)),
    reg('dolphindbK8s.filterLog', (arg) => filterLog(deps, sessions, arg)),
    reg('dolphindbK8s.toggleLogFollow', (arg) => toggleLogFollow(sessions, arg)),
    reg('dolphindbK8s.logFirstError', (arg) => logFirstError(docs, sessions, arg)),
    reg('dolphindbK8s.saveLog', (arg) => saveLog(deps, sessions, arg)),
    reg('dolphindbK8s.previousContainerLog', (arg) => previousContainerLog(deps, sessions, arg)),
    reg('dolphindbK8s.openShell', (arg) => openShell(deps, shells, arg)),
    reg('dolphindbK8s.events', (arg) => eventsCommand(deps, panels, arg)),
    reg('dolphindbK8s.describe', (arg) => describeCommand(deps, docs, arg)),
    reg('dolphindbK8s.diagnose', (arg) => diagnoseCommand(deps, panels, arg)),
    reg('dolphindbK8s.clusterSummary', (arg) => summaryCommand(deps, panels, arg)),
    reg('dolphindbK8s.resourceUse', (arg) => resourceUseCommand(deps, arg)),
    reg('dolphindbK8s.connectionInfo', (arg) => connectionInfo(deps, arg)),
    reg('dolphindbK8s.portForward', (arg) => portForward(deps, forwards, arg)),
    reg('dolphindbK8s.stopPortForward', (arg) => stopPortForward(forwards, arg)),
    reg('dolphindbK8s.openGrafana', (arg) => openSuiteUi(deps, forwards, arg, ['grafana'], 'Grafana')),
    reg('dolphindbK8s.openPrometheus', (arg) => openSuiteUi(deps, forwards, arg, ['prometheus'], 'Prometheus')),
    reg('dolphindbK8s.openLoki', (arg) => openSuiteUi(deps, forwards, arg, ['loki'], 'Loki')),
    reg('dolphindbK8s.openAlertmanager', (arg) => openSuiteUi(deps, forwards, arg, ['alertmanager'], 'Alertmanager')),
    reg('dolphindbK8s.openPortal', (arg) => openSuiteUi(deps, forwards, arg, ['portal', 'webserver'], 'DolphinDB Cloud portal')),
    reg('dolphindbK8s.copyForwardAddress', async (arg) => {
      const f = arg as ContextForward | undefined;
      if (f?.url) await vscode.env.clipboard.writeText(f.url);
    }),
    reg('dolphindbK8s.openForward', async (arg) => {
      const f = arg as ContextForward | undefined;
      if (f?.url) await vscode.env.openExternal(vscode.Uri.parse(f.url));
    }),
    // For tests: the open shells' transcripts and exits (not contributed).
    reg('dolphindb._shells', () => shells.list()),
    // For tests: which report tabs are open and what they show (not contributed).
    reg('dolphindb._reportPanels', () => panels.list()),
    // For tests: what the Port forwards view shows (not contributed, so not in the palette).
    reg('dolphindb._portForwardsViewItems', () =>
      view.provider.getChildren().map((f) => ({
        key: f.key,
        label: view.provider.getTreeItem(f).label,
        description: view.provider.getTreeItem(f).description,
        failing: f.failing,
        localPort: f.localPort,
        pod: f.pod,
        state: f.state,
      })),
    ),
  ];
}

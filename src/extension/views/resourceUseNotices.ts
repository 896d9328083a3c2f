// Resource use in the DolphinDB view: polls only while the view is visible, and says once per
// context and reason (remembered across windows) why no numbers are shown: no metrics API,
// metrics-server down, or reading metrics refused. Never a modal, never repeated.
import * as vscode from 'vscode';
import type { MetricsNotice } from '../../core/explorer/metrics';
import type { Explorer } from '../../core/explorer/explorer';
import { reasonOf } from '../../core/i18n/text';
import type { ExplorerHost } from '../explorerHost';
import { t } from '../localize';
import type { Logger } from '../log';

const KEY = 'dolphindbK8s.resourceUseNotices';

export function noticeText(context: string, n: MetricsNotice): string {
  switch (n.s) {
    case 'absent':
      return t(
        'Resource use is not shown for context {0}: its API server does not serve the metrics API (metrics.k8s.io). Install metrics-server to see CPU and memory against requests and limits.',
        context,
      );
    case 'unavailable':
      return t(
        'Resource use is not shown for context {0}: the metrics API (metrics.k8s.io) does not answer ({1}). Check metrics-server.',
        context,
        reasonOf(n.failure, t),
      );
    case 'forbidden':
      return t(
        'Resource use is not shown for namespace {0} in context {1}: you may not list pods.metrics.k8s.io there.',
        n.namespace,
        context,
      );
  }
}

export function followResourceUse(
  kube: ExplorerHost,
  view: vscode.TreeView<unknown>,
  globalState: vscode.Memento,
  log: Logger,
): vscode.Disposable {
  let sub: { dispose(): void } | undefined;
  const attach = (ex: Explorer | undefined): void => {
    sub?.dispose();
    sub = undefined;
    if (!ex) return;
    ex.model.setMetricsActive(view.visible);
    sub = ex.model.onMetricsNotice(({ context, notice }) => {
      const text = noticeText(context, notice);
      log.info(text);
      const id = `${context}|${notice.s}${notice.s === 'forbidden' ? `|${notice.namespace}` : ''}`;
      const seen = globalState.get<string[]>(KEY, []);
      if (seen.includes(id)) return;
      void globalState.update(KEY, [...seen, id].slice(-200));
      void vscode.window.showInformationMessage(text);
    });
  };
  attach(kube.explorer);
  const a = kube.onDidChangeExplorer((ex) => attach(ex));
  const b = view.onDidChangeVisibility((e) => kube.explorer?.model.setMetricsActive(e.visible));
  return {
    dispose: () => {
      sub?.dispose();
      a.dispose();
      b.dispose();
    },
  };
}

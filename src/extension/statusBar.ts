// Status bar: the view's kube context, its namespace, and the suite's health; click to switch.
import { reasonOf } from '../core/i18n/text';
import * as vscode from 'vscode';
import { contextNamespace } from '../core/k8s/kubeconfig';
import { overallHealth } from '../core/explorer/suite';
import type { Explorer } from '../core/explorer/explorer';
import type { ExplorerHost } from './explorerHost';
import { t } from './localize';

export class KubeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dolphindbK8s.context', vscode.StatusBarAlignment.Left, 50);
  private sub: { dispose(): void } | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly kube: ExplorerHost) {
    this.item.name = t('DolphinDB: Kubernetes context');
    this.item.command = 'dolphindbK8s.switchContext';
    this.subs.push(kube.onDidChangeExplorer((ex) => this.bind(ex)));
    this.bind(kube.explorer);
  }

  private bind(ex: Explorer | undefined): void {
    this.sub?.dispose();
    this.sub = ex?.onDidChange(() => this.render());
    this.render();
  }

  render(): void {
    const ex = this.kube.explorer;
    const cfg = this.kube.kubeconfig?.config;
    if (!ex || !cfg) {
      this.item.text = `$(debug-disconnect) ${t('No kubeconfig')}`;
      this.item.tooltip = this.kube.failure ? reasonOf(this.kube.failure, t) : undefined;
      this.item.show();
      return;
    }
    const contextName = ex.currentContext;
    const ns = contextNamespace(cfg, contextName) ?? 'default';
    const st = ex.stateOf(contextName);
    let health = '';
    const suiteNs = st.s === 'ready' ? ex.model.suiteNamespaces(contextName) : [];
    if (suiteNs.length > 0) {
      const h = overallHealth(ex.model.suiteComponents(contextName, suiteNs[0]));
      health = h === 'ok' ? ' $(pass-filled)' : h === 'degraded' ? ' $(warning)' : ' $(error)';
    }
    // idle: not connected yet (nothing connects until the view, a command or a DolphinDB document needs it).
    const icon =
      st.s === 'error'
        ? '$(debug-disconnect)'
        : st.s === 'connecting'
          ? '$(loading~spin)'
          : st.s === 'idle'
            ? '$(vm-outline)'
            : '$(vm-active)';
    this.item.text = `${icon} ${contextName} · ${ns}${health}`;
    this.item.tooltip =
      st.s === 'error'
        ? t('Cannot reach the cluster: {0}', reasonOf(st.failure, t))
        : t('DolphinDB: context {0}, namespace {1}. Click to switch.', contextName, ns);
    this.item.show();
  }

  dispose(): void {
    this.sub?.dispose();
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}

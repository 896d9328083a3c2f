// Reports (summary, diagnose, events) open in ONE webview tab each: rendered, full width, with a
// Refresh button (runs the report's command again into the same tab), Copy buttons on blocks meant to
// be pasted (fenced blocks such as host commands; every `code` span such as endpoints and pod names,
// shown on hover) and code that never wraps inside a pod name. Opening a report again reuses its tab.
// Strict CSP: no remote content, only this panel's own style and script (nonce); all text is escaped.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { t } from '../../localize';
import { escapeHtml, reportHtml } from './reportHtml';

export interface ReportView {
  /** Identifies the report and its object, e.g. `summary ddb-prod/ha`; the same key reuses the tab. */
  readonly key: string;
  readonly title: string;
  readonly markdown: string;
  /** The command (and its answers) that makes this report again: the Refresh button runs it. */
  readonly refresh: { readonly command: string; readonly args: Record<string, unknown> };
}

interface Open {
  readonly panel: vscode.WebviewPanel;
  view: ReportView;
}

export class ReportPanels implements vscode.Disposable {
  static readonly viewType = 'dolphindbK8s.report';
  private readonly open = new Map<string, Open>();

  show(view: ReportView): void {
    const existing = this.open.get(view.key);
    if (existing) {
      existing.view = view;
      existing.panel.title = view.title;
      existing.panel.webview.html = page(existing.panel.webview, view);
      existing.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(ReportPanels.viewType, view.title, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    const entry: Open = { panel, view };
    this.open.set(view.key, entry);
    panel.onDidDispose(() => this.open.delete(view.key));
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(entry, m));
    panel.webview.html = page(panel.webview, view);
  }

  /** What is open (for tests): key, title and the Markdown each tab shows. */
  list(): { key: string; title: string; markdown: string }[] {
    return [...this.open.values()].map((o) => ({ key: o.view.key, title: o.view.title, markdown: o.view.markdown }));
  }

  private async onMessage(entry: Open, m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { type?: unknown; text?: unknown };
    if (msg.type === 'copy' && typeof msg.text === 'string') {
      await vscode.env.clipboard.writeText(msg.text);
      const shown = msg.text.length > 60 ? `${msg.text.slice(0, 57)}…` : msg.text;
      vscode.window.setStatusBarMessage(t('Copied {0}', shown.replace(/\s*\n\s*/g, ' ')), 3000);
    } else if (msg.type === 'refresh') {
      await vscode.commands.executeCommand(entry.view.refresh.command, entry.view.refresh.args);
    }
  }

  dispose(): void {
    for (const o of this.open.values()) o.panel.dispose();
    this.open.clear();
  }
}

/** JSON for a <script>: `<` escaped so text cannot close the script element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

function page(webview: vscode.Webview, view: ReportView): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const labels = { copy: t('Copy'), copied: t('Copied') };
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 24px; line-height: 1.45; }
.bar { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; display: flex; gap: 12px; align-items: center; border-bottom: 1px solid var(--vscode-panel-border); }
.stamp { opacity: .7; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: .6; cursor: default; }
code { font-family: var(--vscode-editor-font-family); font-size: .95em; white-space: nowrap; background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
pre { overflow-x: auto; background: var(--vscode-textCodeBlock-background); padding: 8px 10px; margin: 0; }
pre code { white-space: pre; background: none; padding: 0; }
.block { position: relative; margin: 8px 0; }
.block > .copy { position: absolute; top: 4px; right: 4px; }
.copy.inline { visibility: hidden; padding: 0 4px; margin-left: 4px; font-size: .8em; }
td:hover .copy.inline, p:hover .copy.inline, li:hover .copy.inline, .copy.inline:focus { visibility: visible; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 3px 8px; text-align: left; vertical-align: top; }
th { white-space: nowrap; }
</style></head>
<body>
<div class="bar"><button id="refresh">${escapeHtml(t('Refresh'))}</button><span class="stamp">${escapeHtml(
    t('Read at {0}', new Date().toLocaleTimeString()),
  )}</span></div>
<main>${reportHtml(view.markdown)}</main>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const labels = ${scriptJson(labels)};
  const copy = (button, text) => {
    vscode.postMessage({ type: 'copy', text });
    const was = button.textContent;
    button.textContent = labels.copied;
    setTimeout(() => (button.textContent = was), 1200);
  };
  const refresh = document.getElementById('refresh');
  refresh.addEventListener('click', () => {
    refresh.disabled = true;
    vscode.postMessage({ type: 'refresh' });
  });
  for (const b of document.querySelectorAll('button.copy')) {
    b.textContent = labels.copy;
    b.addEventListener('click', () => copy(b, b.dataset.copy || ''));
  }
  for (const c of document.querySelectorAll('code.copyable')) {
    const b = document.createElement('button');
    b.className = 'copy inline';
    b.title = labels.copy;
    b.textContent = labels.copy;
    b.addEventListener('click', () => copy(b, c.dataset.copy || ''));
    c.after(b);
  }
})();
</script>
</body></html>`;
}

// Helpers shared by the extension-host suites.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { KubeHttp } from '../../src/core/k8s/http';
import type { ExtensionApi } from '../../src/extension/main';

export const EXT_ID = 'ddb-k8s-tools.dolphindb-kubernetes';

/** The extension's API, with the DolphinDB view shown: that is what connects (activation does not). */
export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
  assert.ok(ext, 'the extension is installed');
  const a = await ext.activate();
  if (!a.kube.engaged) await vscode.commands.executeCommand('workbench.view.extension.dolphindbK8s');
  return a;
}

/** Polls until `probe` returns something truthy; fails with `what` after the deadline. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The current context's connected session (its name and API client), once the view has connected. */
export async function connectedSession(): Promise<{ context: string; http: KubeHttp }> {
  const a = await api();
  return until('a connected session', () => {
    const ex = a.kube.explorer;
    const s = ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext) : undefined;
    return s && ex ? { context: ex.currentContext, http: s.http } : undefined;
  });
}

/** GET over plain HTTP (a port-forward's local end): status and body, or an error after 15 s. */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
  });
}

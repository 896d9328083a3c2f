// Shared bits of the UI tests that take the README's pictures. Not a test file itself
// (run-suites.ts only runs *.ui.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Page } from 'playwright-core';
import { KubeHttp } from '../../src/core/k8s/http';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { ANNOTATION_UNMANAGED } from '../sim-operator/constants';

/** Copies a screenshot into docs/screenshots/ when DDB_UPDATE_DOCS=1 (the README's pictures). */
export function publish(shot: string, name: string): void {
  if (process.env.DDB_UPDATE_DOCS !== '1') return;
  const dir = path.join(REPO_ROOT, 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(shot, path.join(dir, name));
}

/** The visible quick pick / input box of the workbench. */
export function quickInput(page: Page) {
  return page.locator('.quick-input-widget:visible');
}

/** Text with its runs of white space made one space, trimmed. */
export const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Waits until the quick input's title matches `re` (e.g. `/\(1\/2\)$/`) and returns it. */
export async function waitTitle(page: Page, re: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = clean(
      await quickInput(page)
        .locator('.quick-input-title')
        .innerText({ timeout: 2000 })
        .catch(() => ''),
    );
    if (re.test(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`expected a title matching ${re}, the title is "${last}"`);
}

/**
 * Waits for a quick pick or input box (the first prompt of a command), returns its placeholder
 * and makes sure it is dismissed.
 */
export async function dismissQuickInput(page: Page, timeoutMs = 20_000): Promise<string> {
  const widget = quickInput(page);
  await widget.waitFor({ timeout: timeoutMs });
  const input = widget.locator('input').first();
  const placeholder = (await input.getAttribute('placeholder', { timeout: 2000 }).catch(() => null)) ?? '';
  // Escape closes the quick input only while the focus is in it; otherwise it reaches the editor
  // behind, e.g. the walkthrough, which goes back to its list on Escape. The walkthrough takes the
  // focus back when the command marks its step done, which may happen after the widget showed,
  // and a quick pick that loses the focus closes by itself (the command sees a dismissal). So let
  // that pass, and press Escape only into a widget that is still open.
  await page.waitForTimeout(500);
  if (await widget.isVisible()) {
    await input.focus({ timeout: 5000 });
    await input.press('Escape');
  }
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  return placeholder;
}

/** The extension's manifest and its NLS tables, so tests compare against the shipped strings. */
export interface Manifest {
  contributes: {
    walkthroughs: Array<{
      id: string;
      title: string;
      description: string;
      steps: Array<{ id: string; title: string; description: string; completionEvents?: string[] }>;
    }>;
    commands: Array<{ command: string; title: string; category?: string }>;
  };
  publisher: string;
  name: string;
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** package.nls.json for 'en', package.nls.<locale>.json otherwise. */
export function readNls(locale: string): Record<string, string> {
  const file = locale === 'en' ? 'package.nls.json' : `package.nls.${locale}.json`;
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
}

/** Resolves a `%key%` manifest string with `table`; throws when the key is missing. */
export function localized(value: string, table: Record<string, string>): string {
  const m = /^%(.+)%$/.exec(value);
  if (!m) return value;
  const s = table[m[1]];
  if (s === undefined) throw new Error(`no NLS entry for ${m[1]}`);
  return s;
}

/**
 * Expands the side-bar row whose text matches. Live updates re-render rows (a status change
 * refreshes the cluster), so the row is looked up again on every try instead of holding an
 * element handle (as explorer.ui.ts does).
 */
export async function expandLive(page: Page, text: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    if ((await row.count()) > 0) {
      const state = await row.getAttribute('aria-expanded', { timeout: 2000 }).catch(() => null);
      if (state === 'true') return;
      if (state === 'false')
        await row
          .locator('.monaco-tl-twistie')
          .click({ timeout: 5000 })
          .catch(() => undefined);
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`row ${text} did not expand within ${timeoutMs} ms`);
}

/** Widens the side bar so the rows' descriptions (version, phase) are readable in the picture. */
export async function widenSideBar(page: Page, x: number): Promise<void> {
  // The sash straddles the side bar's right edge; grab it there (other vertical sashes exist).
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(x, box.y + 300, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(1300, 850);
}

/** An API client for the test ground the workbench uses (KUBECONFIG); dispose it when done. */
export function groundHttp(): KubeHttp {
  if (!process.env.KUBECONFIG) throw new Error('KUBECONFIG points at the test ground');
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG);
  return new KubeHttp(kc);
}

/** POSTs an object; one that exists already (a rerun) is fine. */
export async function create(http: KubeHttp, collection: string, body: unknown): Promise<void> {
  const r = await http.request(collection, { method: 'POST', body });
  if (!r.ok && r.error.kind !== 'conflict') throw new Error(`create in ${collection}: ${r.error.reason}`);
}

export interface StandalonePod {
  readonly annotations?: Record<string, string>;
  readonly containers: readonly Record<string, unknown>[];
}

/**
 * A namespace holding a standalone DolphinDB object that no operator manages (the simulated one
 * skips it) and its one hand-written pod: the cluster label makes the pod the cluster's member
 * (membership.ts), as the operator's are.
 */
export async function standaloneCluster(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  version: string,
  pod: { readonly name: string } & StandalonePod,
): Promise<void> {
  await create(http, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await create(http, `/apis/dolphindb.dolphindb.io/v1/namespaces/${namespace}/dolphindbs`, {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    // The exthost tier runs the simulated operator over every namespace: without this, it would
    // shadow the hand-written pod below with a StatefulSet pod of the same name.
    metadata: { name: cluster, annotations: { [ANNOTATION_UNMANAGED]: 'true' } },
    spec: { mode: 'standalone', version, storageClassName: 'standard', datanode: { replicas: 1, port: 32210 } },
  });
  await create(http, `/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      labels: { 'dolphindb.io/dolphindb.name': cluster },
      ...(pod.annotations ? { annotations: pod.annotations } : {}),
    },
    spec: { containers: pod.containers },
  });
}

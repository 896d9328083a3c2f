// UI test in Chromium: Show Cluster Logs asks in one flow (issue 17). On the standalone sample
// `solo` the instance filter offers only "All instances" and dn (a standalone cluster has no
// controller or compute node); on `ha` it offers exactly the roles its spec has (read from the
// API). The title names the command, the cluster and the context with "1/2"; Escape at step 2
// cancels without opening a log.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { SAMPLES } from '../fixtures/samples';
import { runCommand, withWorkbench } from '../vscode-rig/ui';
import { clean, groundHttp, quickInput, waitTitle } from './docs';

async function labels(page: Page): Promise<string[]> {
  const rows = quickInput(page).locator('.monaco-list-row .label-name');
  await rows.first().waitFor({ timeout: 10_000 });
  return (await rows.allInnerTexts()).map(clean);
}

/** The role abbreviations a cluster's spec has, as the API stores it. */
async function rolesInSpec(http: KubeHttp, namespace: string, name: string): Promise<string[]> {
  const r = await http.request<KubeObject & { spec?: Record<string, unknown> }>(objectPath(KINDS.dolphindb, name, namespace));
  if (!r.ok) throw new Error(`read ${namespace}/${name}: ${r.error.reason}`);
  const spec = r.value.spec ?? {};
  if (spec.mode === 'standalone') return ['dn'];
  return (
    [
      ['controller', 'ctr'],
      ['datanode', 'dn'],
      ['computenode', 'cn'],
    ] as const
  )
    .filter(([k]) => spec[k] !== undefined && spec[k] !== null)
    .map(([, a]) => a);
}

describe('Show Cluster Logs offers only the roles the cluster has, in Chromium', { timeout: 300_000 }, () => {
  let http: KubeHttp | undefined;

  before(() => {
    http = groundHttp();
  });

  after(() => http?.dispose());

  it('lists dn only for a standalone cluster and the spec roles for ha; Escape cancels', async () => {
    assert.ok(http);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-logs-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          for (const name of ['solo', 'ha']) {
            const s = SAMPLES.find((x) => x.name === name);
            assert.ok(s, `sample ${name}`);
            const expected = await rolesInSpec(http!, s.namespace, s.name);
            await runCommand(page, 'Show Cluster Logs');
            await quickInput(page).locator('.monaco-list-row', { hasText: s.name }).first().waitFor({ timeout: 60_000 });
            await quickInput(page).locator('input').fill(s.name);
            await quickInput(page).locator('.monaco-list-row.focused', { hasText: s.name }).first().waitFor();
            await page.keyboard.press('Enter');

            const title = await waitTitle(page, /\(1\/2\)$/);
            assert.match(title, new RegExp(`Cluster logs of ${s.namespace}/${s.name} in ddb-ground`));
            const offered = await labels(page);
            assert.deepEqual(offered, ['All instances', ...expected], `instances offered for ${name}`);
            if (name === 'solo') assert.deepEqual(expected, ['dn'], 'solo is standalone');
            await page.keyboard.press('Enter');

            await waitTitle(page, /\(2\/2\)$/);
            assert.ok((await labels(page)).includes('Follow'), 'how to read the log');
            await quickInput(page).locator('input').press('Escape');
            await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
            await page.waitForTimeout(1500);
            assert.equal(await quickInput(page).count(), 0, 'no further prompt after Escape');
          }
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

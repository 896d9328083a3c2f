// UI test in Chromium: Replace License checks the file right after it is picked (issue 17). The
// palette command on the sample `single`: an expired license file gets a modal warning at once
// (issue 16: use it anyway, or Cancel); after Cancel the file dialog opens again with the reason
// in its title (the flow does not restart: no cluster pick again); a valid file moves on to the
// suite question, whose title names the cluster and context with "2/2"; Escape there cancels, and
// the cluster's license ConfigMap is unchanged (read from the API). Saves
// .screenshots/license-flow-refused.png and license-flow-override-warning.png.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { licenseFile } from '../fixtures/paths';
import { SAMPLES } from '../fixtures/samples';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { clean, groundHttp, quickInput, waitTitle } from './docs';

const sample = SAMPLES.find((s) => s.name === 'single');
async function licenseText(http: KubeHttp, namespace: string, name: string): Promise<string | undefined> {
  const r = await http.request<KubeObject & { data?: Record<string, string> }>(
    objectPath(KINDS.configmap, `ddb-${name}`, namespace),
  );
  if (!r.ok) throw new Error(`read ConfigMap ddb-${name}: ${r.error.reason}`);
  return r.value.data?.['license.lic'];
}

/**
 * Types a path into VS Code's file dialog and accepts it. The dialog fills its input with a folder
 * once it has read it; typing before that is overwritten, so wait for it, and for the typed file
 * to be listed, before Enter.
 */
async function typePath(page: Page, file: string): Promise<void> {
  const input = quickInput(page).locator('input').first();
  const deadline = Date.now() + 20_000;
  while ((await input.inputValue()) === '' && Date.now() < deadline) await page.waitForTimeout(200);
  await page.waitForTimeout(300);
  await input.fill(file);
  await quickInput(page)
    .locator('.monaco-list-row', { hasText: path.basename(file) })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('Replace License checks the file when it is picked, in Chromium', { timeout: 300_000 }, () => {
  let http: KubeHttp | undefined;

  before(() => {
    http = groundHttp();
  });

  after(() => http?.dispose());

  it('asks again for the file with the reason, then cancels at the next step without a change', async () => {
    assert.ok(sample && http);
    // The operator writes ddb-<name> with the license; wait for it (the sample is seeded by run-suites).
    let before: string | undefined;
    for (let i = 0; i < 60 && before === undefined; i++) {
      before = await licenseText(http, sample.namespace, sample.name).catch(() => undefined);
      if (before === undefined) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(before !== undefined, `ConfigMap ddb-${sample.name} exists`);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-license-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await runCommand(page, 'Replace License');
          // The cluster (one context, so none is asked).
          await quickInput(page).locator('.monaco-list-row', { hasText: sample.name }).first().waitFor({ timeout: 60_000 });
          await quickInput(page).locator('input').fill(sample.name);
          await page.keyboard.press('Enter');

          // The file dialog (VS Code's own in the browser): an expired file fails the check at once.
          // A modal warning says what failed and that the operator may reject it, and offers to use
          // it anyway (issue 16); Cancel there asks for the file again, with the reason.
          await waitTitle(page, /^DolphinDB license file/);
          await typePath(page, licenseFile('fake-expired-2021.lic'));
          const warning = page.locator('.monaco-dialog-box');
          await warning.waitFor({ timeout: 30_000 });
          const said = clean(await warning.innerText());
          assert.match(said, /The license file failed a check: .*expired/);
          assert.match(said, /may still reject it/);
          assert.match(said, /Use It Anyway/);
          await screenshot(page, 'license-flow-override-warning.png');
          await warning.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
          const refused = await waitTitle(page, /refused: .*expired/);
          assert.match(refused, /^DolphinDB license file/, 'the same step again, not the start of the flow');
          await screenshot(page, 'license-flow-refused.png');

          await typePath(page, licenseFile('fake-valid-2042.lic'));
          const suite = await waitTitle(page, /\(2\/2\)$/);
          assert.match(suite, new RegExp(`${sample.namespace}/${sample.name} in ddb-ground`));
          const rows = clean(await quickInput(page).locator('.quick-input-list').innerText());
          assert.match(rows, /No/);
          assert.match(rows, /Yes/);

          await quickInput(page).locator('input').press('Escape');
          await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
          await page.waitForTimeout(3000);
          assert.equal(await quickInput(page).count(), 0, 'no further prompt or dialog after Escape');
          assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation dialog');
        },
      );
      assert.equal(await licenseText(http, sample.namespace, sample.name), before, 'the license is unchanged');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

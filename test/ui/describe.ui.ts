// UI test in Chromium: Describe from the command palette asks for a namespace from those that
// exist (not free text) and then offers the objects there, grouped under their Kubernetes kind
// names (Pod, StatefulSet, Service, PersistentVolumeClaim), and opens the description.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { quickInput, waitTitle } from './docs';

const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('Describe from the palette in Chromium', { timeout: 300_000 }, () => {
  it('picks the namespace from a list and the object under its kind', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground (samples seeded)');
    await withWorkbench({}, async ({ page }) => {
      await runCommand(page, `DolphinDB: ${nls['cmd.describe']}`);
      const rows = quickInput(page).locator('.monaco-list-row');
      // Namespaces that exist are listed: ddb-prod (the HA sample) among them.
      await rows
        .filter({ hasText: /^ddb-prod$/ })
        .first()
        .waitFor({ timeout: 60_000 });
      // A long list renders only its visible rows: filter to reach the last item.
      await quickInput(page).locator('input').fill('Other namespace');
      await rows.filter({ hasText: 'Other namespace…' }).first().waitFor({ timeout: 10_000 });
      await quickInput(page).locator('input').fill('ddb-prod');
      await rows
        .filter({ hasText: /^ddb-prod$/ })
        .first()
        .click();
      // The objects, grouped under kind names as Kubernetes writes them.
      await rows.filter({ hasText: 'ddb-ha-dn-0-0' }).first().waitFor({ timeout: 30_000 });
      const separators = await quickInput(page).locator('.quick-input-list-separator').allInnerTexts();
      assert.ok(
        separators.some((x) => x.trim() === 'Pod'),
        separators.join(' | '),
      );
      assert.ok(!separators.some((x) => x.trim() === 'pod' || x.trim() === 'pvc'), separators.join(' | '));
      await screenshot(page, 'describe-pick.png');
      // One flow: the title names the namespace and context with the step; Back leads to the
      // namespaces and choosing again lists the objects again.
      const title = async (): Promise<string> =>
        (await quickInput(page).locator('.quick-input-title').innerText({ timeout: 5000 })).replace(/\s+/g, ' ').trim();
      assert.match(await title(), /Describe an object in ddb-prod \(ddb-ground\) \(2\/2\)$/);
      await quickInput(page).locator('.quick-input-titlebar .action-label[aria-label^="Back"]').click();
      // The namespaces again, once the first step is back: until then the rows and the input are
      // still the objects step's, and typing there is lost when the step changes (a CI failure).
      await waitTitle(page, /\(1\/2\)$/);
      await quickInput(page).locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
      // A long list renders only its visible rows: filter to reach ddb-prod.
      await quickInput(page).locator('input').fill('ddb-prod');
      await rows
        .filter({ hasText: /^ddb-prod$/ })
        .first()
        .waitFor({ timeout: 30_000 });
      await quickInput(page).locator('input').fill('ddb-prod');
      await quickInput(page)
        .locator('.monaco-list-row.focused', { hasText: /^ddb-prod$/ })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: 'ddb-ha-dn-0-0' }).first().waitFor({ timeout: 30_000 });
      await quickInput(page).locator('input').fill('ddb-ha-dn-0-0');
      await rows.filter({ hasText: 'ddb-ha-dn-0-0' }).first().click();
      // The description opens in an editor tab named after the pod.
      await page.locator('.tabs-container .tab', { hasText: 'ddb-ha-dn-0-0' }).first().waitFor({ timeout: 30_000 });
    });
  });
});

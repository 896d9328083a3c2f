// UI test in Chromium: a report opens as ONE readable tab (issue 17). Show Cluster Summary from the
// palette opens a single "Summary of ddb-prod/ha" tab whose pod names stay on one line in a narrow
// window; Refresh reads the cluster again into the same tab; a pod name's Copy button copies it; running
// the command again adds no tab. Saves .screenshots/report-summary.png.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openViewContainer, runCommand, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';
import { REPO_ROOT } from '../vscode-rig/code-server';

const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

async function summaryOfHa(page: Page, title: string): Promise<void> {
  await runCommand(page, title);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^ha/ }).first().waitFor({ timeout: 30_000 });
  await input.fill('ha');
  await page.keyboard.press('Enter');
}

const editorTabs = async (page: Page): Promise<string[]> =>
  (await page.locator('.part.editor .tabs-container .tab').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

describe('reports in Chromium', { timeout: 300_000 }, () => {
  it('the summary opens in one tab: no wrapped pod names, Refresh and Copy work, reopening reuses it', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const title = nls['cmd.clusterSummary'];
    assert.ok(title, 'the summary command has an English title');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-ws-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1000, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openViewContainer(page, 'DolphinDB');
          await waitForRow(page, /^ha/, 120_000);
          const before = await editorTabs(page);
          await summaryOfHa(page, title);
          const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
          await frame.locator('h1', { hasText: 'DolphinDB cluster ddb-prod/ha' }).waitFor({ timeout: 60_000 });
          await page.waitForTimeout(1000);
          const tabs = await editorTabs(page);
          assert.deepEqual(
            tabs.filter((t) => !before.includes(t)),
            ['Summary of ddb-prod/ha'],
            tabs.join(' | '),
          );

          // A pod name is one line: its box is no taller than a one-word code span.
          const pod = frame.locator('td code', { hasText: 'ddb-ha-ctr-0-0' }).first();
          const word = frame.locator('td code', { hasText: /^\d+$|^[a-z]+$/ }).first();
          const podBox = await pod.boundingBox();
          const lineBox = (await word.count()) > 0 ? await word.boundingBox() : await frame.locator('h1').boundingBox();
          assert.ok(podBox && lineBox, 'the pod name is shown');
          assert.ok(podBox.height <= Math.max(lineBox.height, 24) * 1.2, `pod name height ${podBox.height}`);

          // Refresh: the same tab shows a new reading.
          const stamp = frame.locator('.stamp');
          const first = await stamp.innerText();
          await page.waitForTimeout(1100);
          await frame.locator('#refresh').click();
          await page.waitForFunction(() => true); // yield to the workbench
          const deadline = Date.now() + 30_000;
          let now = first;
          while (now === first && Date.now() < deadline) {
            await page.waitForTimeout(300);
            now = await stamp.innerText().catch(() => first);
          }
          assert.notEqual(now, first, 'Refresh read the cluster again');
          assert.deepEqual(await editorTabs(page), tabs, 'Refresh adds no tab');

          // Copy: the pod name's button (shown on hover) copies it; the status bar says so.
          const cell = frame.locator('td', { has: frame.locator('code', { hasText: 'ddb-ha-ctr-0-0' }) }).first();
          await cell.hover();
          await cell.locator('button.copy').first().click();
          await page.locator('.part.statusbar', { hasText: 'Copied ddb-ha-ctr-0-0' }).first().waitFor({ timeout: 15_000 });

          await summaryOfHa(page, title);
          await page.waitForTimeout(1500);
          assert.deepEqual(await editorTabs(page), tabs, 'reopening the summary reuses its tab');
          await screenshot(page, 'report-summary.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

// UI test in Chromium: the DolphinDB view in a real VS Code lists the ground's clusters; the
// HA cluster expands into 3 controllers (leader marked) and 3 data nodes. Saves the picture the
// README shows (.screenshots/tree.png; docs/screenshots/ is refreshed with DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openViewContainer, readTreeRows, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';
import { publish, widenSideBar } from './docs';

/**
 * Expands the row whose text matches. Live updates re-render rows (a status change refreshes the
 * cluster), so the row is looked up again on every try instead of holding an element handle.
 */
async function expand(page: Page, text: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    if ((await row.count()) > 0) {
      const state = await row.getAttribute('aria-expanded').catch(() => null);
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

describe('DolphinDB view in Chromium', { timeout: 300_000 }, () => {
  it('shows the clusters and an expanded 3-controller / 3-data-node cluster', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-ws-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1400, height: 900 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openViewContainer(page, 'DolphinDB');
          await waitForRow(page, /ha.*Available/, 120_000);
          const rows = await readTreeRows(page, { min: 3 });
          assert.ok(
            rows.some((r) => r.startsWith('ddb-ground')),
            rows.join('\n'),
          );
          // A row's text is its label followed directly by its description, which leads with the phase.
          for (const c of ['ha', 'single', 'solo'])
            assert.ok(
              rows.some((r) => new RegExp(`^${c}(Available|Progressing|Unknown) · `).test(r)),
              `${c} in\n${rows.join('\n')}`,
            );
          await expand(page, /^haAvailable · ctr/);
          await expand(page, /^Controllers/);
          await waitForRow(page, /ddb-ha-ctr-2/);
          await expand(page, /^Data nodes/);
          await waitForRow(page, /ddb-ha-dn-2/);
          const expanded = await readTreeRows(page, { min: 8 });
          assert.equal(expanded.filter((r) => /^ddb-ha-ctr-\d/.test(r)).length, 3, expanded.join('\n'));
          assert.equal(expanded.filter((r) => /^ddb-ha-dn-\d/.test(r)).length, 3, expanded.join('\n'));
          assert.equal(expanded.filter((r) => /^ddb-ha-ctr-\d.*leader/.test(r)).length, 1, 'exactly one leader');
          await widenSideBar(page, 760);
          await page.waitForTimeout(500);
          const shot = await screenshot(page, 'tree.png');
          assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
          publish(shot, 'tree.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

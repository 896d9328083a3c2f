// UI test in Chromium: a folder the user does not trust opens in Restricted Mode. The DolphinDB
// view still shows the clusters (reading is safe), while every command that runs helm or writes
// to a cluster is unavailable: VS Code hides commands whose `enablement` is false from the
// command palette, and the manifest declares limited support for untrusted workspaces.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { openViewContainer, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string | boolean } };
  contributes: { commands: Array<{ command: string; title: string; category?: string; enablement?: string }> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const title = (cmd: string): string => {
  const c = manifest.contributes.commands.find((x) => x.command === cmd);
  assert.ok(c, `${cmd} is contributed`);
  return nls[c.title.replace(/^%|%$/g, '')] ?? c.title;
};

/**
 * Rows the command palette lists for `query`, once it has answered and its list has stopped
 * changing. A palette that shows no row at all (VS Code lists "No matching commands" as a row
 * when nothing matches) or never settles fails the test: an empty read must not pass for "hidden".
 */
async function paletteRows(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${query}`);
  const rowLocator = page.locator('.quick-input-list .monaco-list-row');
  await rowLocator.first().waitFor({ timeout: 15_000 });
  const read = async (): Promise<string[]> => (await rowLocator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  // The list is filtered as the query arrives: read until two reads 300 ms apart agree.
  let rows = await read();
  for (let settled = false, deadline = Date.now() + 10_000; !settled;) {
    assert.ok(Date.now() < deadline, `the palette for "${query}" kept changing: ${rows.join(' | ')}`);
    await page.waitForTimeout(300);
    const again = await read();
    settled = again.join('\n') === rows.join('\n');
    rows = again;
  }
  await page.keyboard.press('Escape');
  return rows;
}

describe('Restricted Mode in Chromium', { timeout: 300_000 }, () => {
  it('keeps the tree readable and hides every helm or cluster-writing command', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const gated = manifest.contributes.commands.filter((c) => c.enablement === 'isWorkspaceTrusted').map((c) => c.command);
    for (const cmd of [
      'dolphindbK8s.installSuite',
      'dolphindbK8s.uninstallSuite',
      'dolphindbK8s.applyFile',
      'dolphindbK8s.deleteCluster',
      'dolphindbK8s.swapLicense',
      'dolphindbK8s.upgradeCluster',
      'dolphindbK8s.scaleCluster',
    ]) {
      assert.ok(gated.includes(cmd), `${cmd} requires a trusted workspace`);
    }
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-untrusted-'));
    try {
      await withWorkbench(
        {
          folder,
          viewport: { width: 1400, height: 900 },
          server: { workspaceTrust: true, env: { KUBECONFIG: process.env.KUBECONFIG } },
        },
        async ({ page }) => {
          // Depending on the build, VS Code asks whether to trust the folder or opens it restricted
          // straight away; answer no if asked.
          const no = page.locator('.monaco-dialog-box .monaco-button', { hasText: /don't trust|Don’t Trust|No,/i }).first();
          if (
            await no.waitFor({ timeout: 5000 }).then(
              () => true,
              () => false,
            )
          )
            await no.click();
          await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

          await openViewContainer(page, 'DolphinDB');
          await waitForRow(page, /^ha/, 120_000);

          // The read-only Refresh stays: its exact palette label, not any row that mentions "Refresh".
          const refresh = `DolphinDB: ${title('dolphindbK8s.refresh')}`;
          const withRefresh = await paletteRows(page, refresh);
          assert.ok(
            withRefresh.some((r) => r === refresh || r.startsWith(`${refresh} `)),
            `read-only commands stay: ${withRefresh.join(' | ')}`,
          );
          for (const cmd of ['dolphindbK8s.installSuite', 'dolphindbK8s.deleteCluster', 'dolphindbK8s.swapLicense']) {
            const name = title(cmd);
            assert.ok(name.length > 0, `${cmd} has a title`);
            const rows = await paletteRows(page, `DolphinDB: ${name}`);
            assert.ok(
              !rows.some((r) => r.includes(name)),
              `${cmd} is unavailable in Restricted Mode, palette shows: ${rows.join(' | ')}`,
            );
          }
          const shot = await screenshot(page, 'restricted.png');
          assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

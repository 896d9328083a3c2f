// UI test in Chromium: the VS Code the demo starts behaves as a user's does. VS Code's smoke-test
// driver (which the other UI tests need) hides every notification toast and answers modal dialogs
// by itself; the demo starts code-server without it (`testDriver: false`, see test/demo/demo.ts),
// and here a message from the extension must appear as a toast, not only behind the bell.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';

const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe("notifications in the demo's VS Code (no test driver)", { timeout: 300_000 }, () => {
  it('shows an information message from the extension as a toast', async () => {
    const title = nls['cmd.stopLogs'];
    assert.ok(title, 'the Stop Logs command has an English title');
    await withWorkbench({ server: { testDriver: false } }, async ({ page }) => {
      await runCommand(page, title);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No log stream is running.' });
      await toast.waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot(page, 'demo-notification-toast.png');
      assert.equal(await toast.count(), 1);
    });
  });
});

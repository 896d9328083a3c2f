// UI test in Chromium: Open Shell from the palette asks cluster → instance → container (the
// DolphinDB container offered first), then opens an integrated terminal into it (KWOK runs the
// exec as a local process on the ground). Typing into the terminal reaches the remote TTY, whose
// size follows the panel. Takes the README's picture: `.screenshots/shell.png`; with
// DDB_UPDATE_DOCS=1 also media/screenshots/shell.png.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { openViewContainer, runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { quickInput, standaloneCluster } from './docs';

// A fresh namespace per run: the last run's may still be terminating.
const NS = `ddb-shell-ui-${Date.now().toString(36)}`;
const CLUSTER = 'shellui';
const POD = `${CLUSTER}-dn-0-0`;
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('Open Shell in Chromium', { timeout: 300_000 }, () => {
  let http: KubeHttp | undefined;

  before(async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG);
    http = new KubeHttp(kc);
    await standaloneCluster(http, NS, CLUSTER, 'v2.00.16', {
      name: POD,
      containers: [
        { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
        { name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16' },
      ],
    });
  });

  after(async () => {
    await http?.request(`/api/v1/namespaces/${NS}`, { method: 'DELETE' });
    http?.dispose();
  });

  it('picks cluster, instance and the DolphinDB container, then runs commands in the terminal', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-shell-'));
    try {
      await withWorkbench(
        {
          folder,
          viewport: { width: 1280, height: 800 },
          // The DOM renderer puts the terminal's text in the page, where the test can read it.
          server: { env: { KUBECONFIG: process.env.KUBECONFIG }, settings: { 'terminal.integrated.gpuAcceleration': 'off' } },
        },
        async ({ page }) => {
          await openViewContainer(page, 'DolphinDB');
          await runCommand(page, 'Open Shell');
          const qi = quickInput(page);
          await qi.locator('.monaco-list-row', { hasText: CLUSTER }).first().waitFor({ timeout: 60_000 });
          await qi.locator('input').fill(CLUSTER);
          await qi.locator('.monaco-list-row.focused', { hasText: CLUSTER }).first().waitFor();
          await page.keyboard.press('Enter');
          await qi.locator('.monaco-list-row', { hasText: POD }).first().waitFor({ timeout: 30_000 });
          await page.keyboard.press('Enter');
          // The container question: the DolphinDB server container first, though the pod lists the exporter first.
          await qi.locator('.monaco-list-row', { hasText: 'exporter' }).first().waitFor({ timeout: 30_000 });
          const first = qi.locator('.monaco-list-row').first();
          assert.match(clean(await first.innerText()), /^dolphindb\s*DolphinDB server/);
          await page.keyboard.press('Enter');

          const term = page.locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: `${POD}/dolphindb` });
          await term.first().waitFor({ timeout: 30_000 });
          const xterm = page.locator('.xterm').first();
          await xterm.waitFor({ timeout: 30_000 });
          await xterm.click();
          // A neutral prompt: the ground's exec runs in a temp dir whose path is this machine's.
          await page.keyboard.type(`PS1='$ '; clear\n`);
          await page.waitForTimeout(800);
          await page.keyboard.type('echo "connected to $((6*7))"; stty size\n');
          const rows = page.locator('.xterm-rows');
          const deadline = Date.now() + 30_000;
          let text = '';
          while (Date.now() < deadline) {
            text = clean(
              await rows
                .first()
                .innerText()
                .catch(() => ''),
            );
            if (/connected to 42/.test(text) && /\d+ \d+/.test(text.split('connected to 42')[1] ?? '')) break;
            await page.waitForTimeout(300);
          }
          assert.match(text, /connected to 42/, `the terminal shows: ${text}`);
          // `stty size` prints the remote TTY's rows and columns: the panel's size arrived.
          const size = /connected to 42 (\d+) (\d+)/.exec(text);
          assert.ok(size, `stty size in: ${text}`);
          assert.ok(Number(size[1]) > 5 && Number(size[2]) > 40, `a real terminal size: ${size[0]}`);
          await page.waitForTimeout(500);
          const shot = await screenshot(page, 'shell.png');
          if (process.env.DDB_UPDATE_DOCS === '1') {
            const dest = path.join(REPO_ROOT, 'media', 'screenshots', 'shell.png');
            fs.mkdirSync(path.dirname(dest), { recursive: true });
            fs.copyFileSync(shot, dest);
          }
          await page.keyboard.type('exit 3\n');
          const done = Date.now() + 20_000;
          while (Date.now() < done) {
            text = clean(
              await rows
                .first()
                .innerText()
                .catch(() => ''),
            );
            if (/exited with code 3/.test(text)) break;
            await page.waitForTimeout(300);
          }
          assert.match(text, /The shell exited with code 3/);
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
  it('is refused, with the reason, in Restricted Mode', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-shell-untrusted-'));
    try {
      await withWorkbench(
        {
          folder,
          viewport: { width: 1280, height: 800 },
          server: { workspaceTrust: true, env: { KUBECONFIG: process.env.KUBECONFIG } },
        },
        async ({ page }) => {
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
          await runCommand(page, 'Open Shell');
          // The error may come as a toast or straight into the notification centre: read it there.
          await page.waitForTimeout(2000);
          assert.equal(await quickInput(page).count(), 0, 'nothing was asked before the refusal');
          await runCommand(page, 'Notifications: Show Notifications');
          const item = page.locator('.notifications-center .notification-list-item', { hasText: 'Failed to open a shell.' });
          await item.first().waitFor({ timeout: 30_000 });
          const text = clean(await item.first().innerText());
          assert.match(text, /Restricted Mode/);
          assert.match(text, /Trust the workspace/);
          await screenshot(page, 'shell-restricted.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

// UI test in Chromium: Port-Forward asks in one flow (issue 17): the target, then the local port,
// with "n/2" in a title naming the cluster and context; a bad port is refused while typing; Back
// from the port leads to the target and keeps the typed port; Enter starts a forward that really
// carries bytes through that port and shows both ends in the Port forwards view; Escape at the port step
// starts nothing; the next time the same target proposes the port it had.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { SAMPLES } from '../fixtures/samples';
import { setPortForward } from '../ground/ground';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { clean, quickInput, waitTitle } from './docs';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends a line through 127.0.0.1:port and returns what comes back (the echo server behind the pod). */
function roundTrip(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      resolve(got);
    }, 5000);
    s.once('connect', () => s.write(line));
    s.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.includes(line)) {
        clearTimeout(timer);
        s.destroy();
        resolve(got);
      }
    });
    s.once('error', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

/** A TCP echo server standing in for DolphinDB behind the pods (KWOK routes port-forwards by PortForward objects). */
async function echoBehindPods(namespace: string, prefix: string): Promise<net.Server> {
  const server = net.createServer((c) => c.pipe(c));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const echoPort = (server.address() as net.AddressInfo).port;
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG as string);
  const http = new KubeHttp(kc);
  try {
    const pods = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, namespace));
    assert.ok(pods.ok, 'list pods');
    const mine = pods.value.items.filter((p) => p.metadata.name.startsWith(prefix));
    assert.ok(mine.length > 0, `pods of ${prefix} exist`);
    const dir = process.env.DDB_GROUND_DIR ?? path.dirname(process.env.KUBECONFIG as string);
    for (const p of mine) await setPortForward(dir, namespace, p.metadata.name, { port: echoPort });
  } finally {
    http.dispose();
  }
  return server;
}

const input = (page: Page) => quickInput(page).locator('input').first();

/** Runs Port-Forward… on the sample and answers the cluster question; leaves the flow at step 1. */
async function openFlow(page: Page, namespace: string, name: string): Promise<void> {
  await runCommand(page, 'DolphinDB: Port-Forward…');
  await quickInput(page).locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
  await input(page).fill(name);
  await quickInput(page).locator('.monaco-list-row.focused', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  const title = await waitTitle(page, /\(1\/2\)$/);
  assert.match(title, new RegExp(`Port forward \\(${namespace}/${name}, ddb-ground\\)`), title);
}

describe('Port-Forward as one flow in Chromium', { timeout: 300_000 }, () => {
  it('target then port, validation, Back keeps the port, Escape starts nothing, the port is proposed again', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const s = SAMPLES.find((x) => x.name === 'solo');
    assert.ok(s, 'sample solo');
    const port = await freePort();
    const echo = await echoBehindPods(s.namespace, `ddb-${s.name}-`);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-forward-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openFlow(page, s.namespace, s.name);
          const target = clean(await quickInput(page).locator('.monaco-list-row.focused .label-name').first().innerText());
          await page.keyboard.press('Enter');

          // Step 2: the port, titled with the target.
          const t2 = await waitTitle(page, /\(2\/2\)$/);
          assert.ok(t2.includes(`Port forward to ${target}`), t2);
          await input(page).fill('70000');
          await quickInput(page).locator('.quick-input-message', { hasText: '1 to 65535' }).waitFor({ timeout: 10_000 });
          await page.keyboard.press('Enter');
          assert.match(await waitTitle(page, /\(2\/2\)$/), /Port forward to/, 'a bad port does not move on');
          await input(page).fill(String(port));
          await screenshot(page, 'forward-flow-port.png');

          // Back: the target list again; choosing it once more shows the typed port.
          await quickInput(page).locator('.quick-input-titlebar .action-label[aria-label^="Back"]').click();
          await waitTitle(page, /\(1\/2\)$/);
          await quickInput(page).locator('.monaco-list-row.focused', { hasText: target }).first().waitFor({ timeout: 10_000 });
          await page.keyboard.press('Enter');
          await waitTitle(page, /\(2\/2\)$/);
          assert.equal(await input(page).inputValue(), String(port), 'Back keeps the typed port');
          await page.keyboard.press('Enter');

          // The forward listens on that port and the view shows both ends.
          await quickInput(page).waitFor({ state: 'hidden', timeout: 30_000 });
          const deadline = Date.now() + 30_000;
          let echoed = '';
          while (!echoed.includes('ping') && Date.now() < deadline) {
            echoed = await roundTrip(port, 'ping\n');
            if (!echoed.includes('ping')) await page.waitForTimeout(500);
          }
          assert.ok(echoed.includes('ping'), `bytes go through 127.0.0.1:${port} to the pod and back (got "${echoed}")`);
          await runCommand(page, 'Focus on Port Forwards View');
          const row = page.locator('.monaco-list-row', { hasText: `127.0.0.1:${port} → ${target}` }).first();
          await row.waitFor({ timeout: 30_000 });
          await screenshot(page, 'forward-flow-row.png');

          // Escape at the port step: nothing else starts. The proposed port is the one it had.
          await openFlow(page, s.namespace, s.name);
          await input(page).fill(target);
          await quickInput(page).locator('.monaco-list-row.focused', { hasText: target }).first().waitFor();
          await page.keyboard.press('Enter');
          await waitTitle(page, /\(2\/2\)$/);
          assert.equal(await input(page).inputValue(), String(port), 'the port this target had is proposed');
          await input(page).press('Escape');
          await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
          // One line says so (the test driver keeps toasts hidden; the notification list has it).
          await runCommand(page, 'Notifications: Show Notifications');
          await page
            .locator('.notifications-center .notification-list-item', {
              hasText: 'Port forward: cancelled. Nothing was changed.',
            })
            .first()
            .waitFor({ timeout: 10_000 });
          await runCommand(page, 'Notifications: Hide Notifications');
          await page.waitForTimeout(1000);
          assert.equal(await quickInput(page).count(), 0, 'no further prompt after Escape');
          assert.equal(
            await page.locator('.monaco-list-row', { hasText: /127\.0\.0\.1:\d+ → / }).count(),
            1,
            'still exactly one forward',
          );
        },
      );
    } finally {
      echo.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

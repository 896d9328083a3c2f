// UI test in Chromium: the log viewer colours DolphinDB's level markers. A standalone cluster of
// our own with one pod whose dolphindb container log (a KWOK `Logs` object over a file we write,
// in the CRI format KWOK reads) holds INFO, WARNING and ERROR lines; Show Pod Logs opens it in an
// output channel of language `dolphindb-log`, and the theme paints `<ERROR>` and `<WARNING>` in
// colours of their own, different from the plain text. Takes the README's picture
// (docs/screenshots/log-viewer.png with DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { KubeHttp } from '../../src/core/k8s/http';
import { ddbLine } from '../sim-operator/logwriter';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { clean, create, groundHttp, publish, quickInput, standaloneCluster } from './docs';

const NS = `ddb-logview-ui-${Date.now().toString(36)}`;
const CLUSTER = 'logview';
const POD = `${CLUSTER}-dn-0-0`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-logview-'));
const LOG = path.join(dir, 'dolphindb.log');

function logLines(): string {
  const t0 = Date.now() - 60_000;
  const at = (i: number): Date => new Date(t0 + i * 1000);
  const lines = [
    ddbLine(at(0), 'INFO', 'DolphinDB server version 3.00.2 starting, mode single'),
    ddbLine(at(1), 'INFO', 'Listening on port 8848'),
    ddbLine(at(2), 'WARNING', 'Slow disk flush took 1200 ms on /data/ddb'),
    ddbLine(at(3), 'INFO', 'Node heartbeat #1: running jobs 0, memory used 64 MB'),
    ddbLine(at(4), 'ERROR', 'Failed to open chunk /data/ddb/storage/CHUNKS/db1/20261206: disk full'),
    ddbLine(at(5), 'INFO', 'Node heartbeat #2: running jobs 1, memory used 72 MB'),
  ];
  return lines.map((l, i) => `${at(i).toISOString()} stdout F ${l}\n`).join('');
}

/** The computed colour of the first token span in the Output view whose text contains `text`. */
async function colourOf(page: Page, text: string): Promise<string> {
  const span = page.locator('.part.panel .monaco-editor .view-line span span', { hasText: text }).first();
  await span.waitFor({ timeout: 30_000 });
  return span.evaluate(
    (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { color: string } }).getComputedStyle(e).color,
  );
}

describe('the log viewer colours DolphinDB levels, in Chromium', { timeout: 300_000 }, () => {
  let http: KubeHttp | undefined;

  before(async () => {
    http = groundHttp();
    fs.writeFileSync(LOG, logLines());
    await standaloneCluster(http, NS, CLUSTER, 'v3.00.2', {
      name: POD,
      containers: [{ name: 'dolphindb', image: 'dolphindb/dolphindb:v3.00.2' }],
    });
    await create(http, `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${NS}/logs`, {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: { name: POD },
      spec: { logs: [{ containers: ['dolphindb'], logsFile: LOG, follow: true }] },
    });
  });

  after(async () => {
    await http?.request(`/api/v1/namespaces/${NS}`, { method: 'DELETE' });
    http?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('paints <ERROR> and <WARNING> apart from the plain text', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-logview-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await runCommand(page, 'Show Pod Logs');
          // Cluster, then pod: each filtered to our own and taken with Enter. The pod has one
          // container, so the next step is how to read; its first item is Follow.
          for (const want of [CLUSTER, POD]) {
            await quickInput(page).locator('.monaco-list-row', { hasText: want }).first().waitFor({ timeout: 60_000 });
            await quickInput(page).locator('input').fill(want);
            await quickInput(page).locator('.monaco-list-row.focused', { hasText: want }).first().waitFor();
            await page.keyboard.press('Enter');
          }
          await quickInput(page).locator('.monaco-list-row.focused', { hasText: 'Follow' }).first().waitFor({ timeout: 30_000 });
          await page.keyboard.press('Enter');
          await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
          // The panel opens before the Output view has painted in it (a fresh-clone run read "Drag a view
          // here to display."): wait for the view, then read what it says.
          await page
            .locator('.part.panel', { hasText: /OUTPUT|Output/i })
            .first()
            .waitFor({ timeout: 30_000 });
          const title = await page.locator('.part.panel').innerText({ timeout: 30_000 }).then(clean);
          assert.match(title, /OUTPUT|Output/i);
          await page
            .locator('.part.panel .monaco-editor .view-line', { hasText: '<ERROR>' })
            .first()
            .waitFor({ timeout: 30_000 });
          await page.waitForTimeout(1000);
          // Taken before the checks, so a failure leaves the picture behind; published after them.
          const shot = await screenshot(page, 'log-viewer.png');
          const error = await colourOf(page, '<ERROR>');
          const warning = await colourOf(page, '<WARNING>');
          const plain = await colourOf(page, 'heartbeat');
          assert.notEqual(error, plain, `<ERROR> has a colour of its own (${error} vs ${plain})`);
          assert.notEqual(warning, plain, `<WARNING> has a colour of its own (${warning} vs ${plain})`);
          assert.notEqual(error, warning, 'errors and warnings differ');
          // The error's message is painted with its marker, so a long line reads as one error.
          assert.equal(await colourOf(page, 'disk full'), error);
          assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
          // The viewer's own buttons sit on the Output view's title while a DolphinDB log is open.
          const filterButton = page.locator('.part.panel .title-actions .action-label[aria-label^="Filter Log"]');
          await filterButton.waitFor({ timeout: 10_000 });
          assert.equal(
            await page.locator('.part.panel .title-actions .action-label[aria-label^="Pause or Resume Log"]').count(),
            1,
          );
          await filterButton.click();
          const filterTitle = await quickInput(page).locator('.quick-input-title').innerText({ timeout: 10_000 });
          assert.match(clean(filterTitle), /^Filter log/);
          await page.keyboard.press('Escape');
          publish(shot, 'log-viewer.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

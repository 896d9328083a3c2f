// UI test in Chromium: resource use in the DolphinDB view, from the ground's real metrics-server
// (KWOK's simulated usage, set with annotations on the pod). A standalone cluster of our own with
// one pod of two containers: the instance row shows used/request/limit and is painted as a
// warning at 88% of the memory limit; Show Resource Use lists the containers, the one nearest its
// memory limit first. Takes the README's pictures (docs/screenshots/resource-use*.png with
// DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeHttp } from '../../src/core/k8s/http';
import { usageAnnotation } from '../ground/metrics';
import { expandRow, openViewContainer, runCommand, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';
import { clean, groundHttp, publish, quickInput, standaloneCluster, waitTitle, widenSideBar } from './docs';

const NS = `ddb-use-ui-${Date.now().toString(36)}`;
const CLUSTER = 'usage';
const POD = `ddb-${CLUSTER}-dn-0-0`;

describe('resource use in the DolphinDB view, in Chromium', { timeout: 400_000 }, () => {
  let http: KubeHttp | undefined;

  before(async () => {
    http = groundHttp();
    await standaloneCluster(http, NS, CLUSTER, 'v3.00.2', {
      name: POD,
      annotations: {
        [usageAnnotation('cpu', 'dolphindb')]: '1250m',
        [usageAnnotation('memory', 'dolphindb')]: '3584Mi',
        [usageAnnotation('cpu', 'exporter')]: '20m',
        [usageAnnotation('memory', 'exporter')]: '48Mi',
      },
      containers: [
        {
          name: 'dolphindb',
          image: 'dolphindb/dolphindb:v3.00.2',
          resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
        },
        {
          name: 'exporter',
          image: 'dolphindb/dolphindb-exporter:v1.1.7',
          resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    });
  });

  after(async () => {
    await http?.request(`/api/v1/namespaces/${NS}`, { method: 'DELETE' });
    http?.dispose();
  });

  it('shows used / request / limit in the tree and sorts the containers by memory share', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-use-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1400, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openViewContainer(page, 'DolphinDB');
          await widenSideBar(page, 900);
          // With clusters in one namespace only, the context lists them directly.
          const nsRow = page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(`^${NS}`) });
          const clusterRow = page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(`^${CLUSTER}`) });
          await nsRow.or(clusterRow).first().waitFor({ timeout: 90_000 });
          if ((await clusterRow.count()) === 0) await expandRow(page, new RegExp(`^${NS}`), 30_000);
          await expandRow(page, new RegExp(`^${CLUSTER}`), 60_000);
          await expandRow(page, /^Data nodes/, 60_000);
          // metrics-server needs two scrapes for a CPU rate; the view reads every 15 s.
          const inst = await waitForRow(page, /ddb-usage-dn-0.*Mem 3\.55Gi/, 120_000);
          const text = clean(await inst.innerText());
          assert.match(text, /CPU 1\.2\d\/510m\/2\.1 · Mem 3\.55Gi\/2\.06Gi\/4\.13Gi/);
          await expandRow(page, /^ddb-usage-dn-0/, 30_000);
          const ddb = clean(await (await waitForRow(page, /^dolphindb.*Mem 3\.5Gi\/2Gi\/4Gi \(88%\)/, 60_000)).innerText());
          assert.match(ddb, /CPU 1\.2\d\/500m\/2/);
          // The warning colour: the row's icon carries the tone (a theme colour of its own).
          const colour = (re: RegExp) =>
            page
              .locator('.part.sidebar .monaco-list-row', { hasText: re })
              .first()
              .locator('.codicon')
              .first()
              .evaluate(
                (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { color: string } }).getComputedStyle(e).color,
              );
          assert.notEqual(await colour(/^dolphindb.*\(88%\)/), await colour(/^exporter.*\(38%\)/), 'near the limit is painted');
          await page.waitForTimeout(500);
          const shot = await screenshot(page, 'resource-use.png');
          assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');

          await runCommand(page, 'Show Resource Use');
          await quickInput(page).locator('.monaco-list-row', { hasText: CLUSTER }).first().waitFor({ timeout: 60_000 });
          await quickInput(page).locator('input').fill(CLUSTER);
          await quickInput(page).locator('.monaco-list-row.focused', { hasText: CLUSTER }).first().waitFor();
          await page.keyboard.press('Enter');
          const title = await waitTitle(page, /sorted by memory$/);
          assert.match(title, new RegExp(`Resource use of ${NS}/${CLUSTER}`));
          const rows = (await quickInput(page).locator('.monaco-list-row').allInnerTexts()).map(clean);
          assert.equal(rows.length, 2, rows.join('\n'));
          assert.match(rows[0], /ddb-usage-dn-0-0 · dolphindb.*\(88%\)/);
          assert.match(rows[1], /ddb-usage-dn-0-0 · exporter.*\(38%\)/);
          const pick = await screenshot(page, 'resource-use-pick.png');
          await page.keyboard.press('Escape');
          publish(shot, 'resource-use.png');
          publish(pick, 'resource-use-pick.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

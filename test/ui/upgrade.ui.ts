// UI test in Chromium: an upgrade driven the way a user does it. Command palette → "Upgrade
// Version…" → the sample cluster `single` → a newer version → the confirmation dialog; the
// DolphinDB view then shows the cluster Progressing on the new version while its pods roll, and
// Available again at the end. Saves .screenshots/upgrade.png (docs/screenshots/ with
// DDB_UPDATE_DOCS=1). Afterwards the sample is applied again as seeded and the test waits until it
// is Available, so UI files that run later find the ground as before.
//
// On the ground a rollout takes 1–3 s, often less than taking and checking the picture. So the
// nodes are cordoned while the upgrade starts: the replaced pods wait unscheduled, as on a busy
// cluster, until the picture is taken; then the nodes are uncordoned and the rollout finishes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { SAMPLES, seedSamples } from '../fixtures/samples';
import { openViewContainer, runCommand, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';
import { expandLive, publish, quickInput, widenSideBar } from './docs';

// `single` (not `ha`, which the explorer test expects untouched): a cluster with several roles,
// so the rollout takes long enough to be seen.
const sample = SAMPLES.find((s) => s.name === 'single');

interface Cluster extends KubeObject {
  spec?: { version?: string };
  status?: { phase?: string };
}

async function readCluster(http: KubeHttp, name: string, namespace: string): Promise<Cluster> {
  const r = await http.request<Cluster>(objectPath(KINDS.dolphindb, name, namespace));
  if (!r.ok) throw new Error(`read ${namespace}/${name}: ${r.error.reason}`);
  return r.value;
}

async function waitPhase(
  http: KubeHttp,
  name: string,
  namespace: string,
  ok: (phase: string | undefined) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ok((await readCluster(http, name, namespace)).status?.phase)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${namespace}/${name}: phase condition not met within ${timeoutMs} ms`);
}

async function waitAvailable(
  http: KubeHttp,
  name: string,
  namespace: string,
  version: string | undefined,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Cluster | undefined;
  while (Date.now() < deadline) {
    last = await readCluster(http, name, namespace);
    if (last.status?.phase === 'Available' && (version === undefined || last.spec?.version === version)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `${namespace}/${name} not Available on ${version ?? 'any version'} within ${timeoutMs} ms (phase ${last?.status?.phase}, version ${last?.spec?.version})`,
  );
}

/** Cordons (false) or uncordons (true) every node of the ground. */
async function setSchedulable(http: KubeHttp, schedulable: boolean): Promise<void> {
  const nodes = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.node));
  if (!nodes.ok) throw new Error(`list nodes: ${nodes.error.reason}`);
  for (const n of nodes.value.items) {
    const r = await http.request(objectPath(KINDS.node, n.metadata.name), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { unschedulable: schedulable ? null : true } },
    });
    if (!r.ok) throw new Error(`${schedulable ? 'uncordon' : 'cordon'} ${n.metadata.name}: ${r.error.reason}`);
  }
}

describe('upgrade from the command palette in Chromium', { timeout: 420_000 }, () => {
  let http: KubeHttp | undefined;

  before(() => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG);
    http = new KubeHttp(kc);
  });

  after(async () => {
    if (http) await setSchedulable(http, true);
    if (http && sample) {
      // Back to the seeded spec (server-side apply by the seeding field manager, forced).
      const changed = (await readCluster(http, sample.name, sample.namespace)).spec?.version;
      await seedSamples(http, [sample]);
      const seeded = await readCluster(http, sample.name, sample.namespace);
      // Right after the apply the status still says Available (the operator has not looked yet):
      // when the version changed, wait for the rollout to start before waiting for its end.
      if (seeded.spec?.version !== changed)
        await waitPhase(http, sample.name, sample.namespace, (p) => p !== 'Available', 30_000).catch(() => undefined);
      await waitAvailable(http, sample.name, sample.namespace, seeded.spec?.version);
    }
    http?.dispose();
  });

  it('shows the cluster Progressing on the new version, then Available', async () => {
    assert.ok(sample && http);
    await waitAvailable(http, sample.name, sample.namespace, undefined);
    const before = (await readCluster(http, sample.name, sample.namespace)).spec?.version;
    assert.ok(before, 'the sample has a version');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-upgrade-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1400, height: 900 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openViewContainer(page, 'DolphinDB');
          // A row's text is its label followed directly by its description: phase and ready
          // counts first, the version after them.
          const row = new RegExp(`^${sample.name}\\s?[A-Z][a-z]+ · `);
          await waitForRow(page, new RegExp(`^${sample.name}\\s?Available.*${before.replace(/\./g, '\\.')}`), 120_000);
          await widenSideBar(page, 700);
          await expandLive(page, row);

          const esc = (v: string): string => v.replace(/\./g, '\\.');
          await runCommand(page, 'Upgrade Version');
          // First prompt: the cluster (the ground's kubeconfig has one context, so none is asked).
          await quickInput(page).locator('.monaco-list-row', { hasText: sample.name }).first().waitFor({ timeout: 30_000 });
          await quickInput(page).locator('input').fill(sample.name);
          // The filter leaves only this sample (the others are `solo` and `ha`): Enter takes it.
          await page.keyboard.press('Enter');

          // Second prompt: the versions the suite supports, newest first; the current one is marked.
          const versions = quickInput(page).locator('.monaco-list-row', { hasText: /^v\d/ });
          await versions.first().waitFor({ timeout: 30_000 });
          const items = await versions.evaluateAll((rows) =>
            rows.map((r) => ({
              label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
              description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
            })),
          );
          const listing = items.map((i) => `${i.label} ${i.description}`).join('\n');
          assert.ok(
            items.some((i) => i.label === before && /current/.test(i.description)),
            `current version ${before} marked in\n${listing}`,
          );
          const target = items.find((i) => i.label !== before && !/older/.test(i.description))?.label;
          assert.ok(target, `a newer version is offered:\n${listing}`);
          await quickInput(page).locator('input').fill(target);
          await quickInput(page).locator('.monaco-list-row', { hasText: target }).first().waitFor();
          await page.keyboard.press('Enter');

          // The confirmation shows the plan; accept it, with the nodes cordoned (see the top).
          const dialog = page.locator('.monaco-dialog-box');
          await dialog.waitFor({ timeout: 30_000 });
          const dialogText = (await dialog.innerText()).replace(/\s+/g, ' ');
          assert.ok(dialogText.includes(sample.name) && dialogText.includes(target), dialogText);
          await setSchedulable(http!, false);
          try {
            await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Upgrade$/ }).click();
            // While the pods roll the view shows the new version, Progressing.
            await waitForRow(page, new RegExp(`^${sample.name}\\s?Progressing.*${esc(target)}`), 60_000);
            await page.waitForTimeout(1000); // let the role rows below catch up
            const shot = await screenshot(page, 'upgrade.png');
            assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
            // Progressing turns into Available once: still Progressing after the shot means the
            // picture shows the rollout.
            const clusterRow = page.locator('.part.sidebar .monaco-list-row', { hasText: row }).first();
            const text = (await clusterRow.innerText({ timeout: 5000 })).replace(/\s+/g, ' ');
            assert.match(text, /Progressing/, `the picture shows the rollout (row now: ${text})`);
            publish(shot, 'upgrade.png');
          } finally {
            await setSchedulable(http!, true);
          }

          await waitForRow(page, new RegExp(`^${sample.name}\\s?Available.*${esc(target)}`), 180_000);
          const now = await readCluster(http!, sample.name, sample.namespace);
          assert.equal(now.spec?.version, target, 'the cluster runs the new version');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

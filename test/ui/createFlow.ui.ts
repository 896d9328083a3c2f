// UI test in Chromium: Create Cluster as one guided flow (issue 17). Walks the palette command the
// way a user does: the title names the command, the cluster and the kube context with VS Code's
// "n/m" step counter; typing an invalid name shows the reason while typing; the topology items
// explain themselves and multicontroller adds the controller step (the total grows); Back keeps
// the typed answer; Escape in the middle cancels the whole flow (nothing stored, no editor, no
// further prompt, one line saying nothing changed). A second run with singlecontroller is not
// asked for controllers, ends in the document for review, and "Apply DolphinDB File to Cluster"
// stores the cluster (read back from the API). Saves .screenshots/create-flow-step-*.png (step 3,
// the README's picture, also in docs/screenshots/ with DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { Page } from 'playwright-core';
import { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { runCommand, screenshot, SCREENSHOT_DIR, withWorkbench } from '../vscode-rig/ui';
import { publish, quickInput } from './docs';

const NS = 'dolphindb';
const NAME = 'flow-ui';
const CONTEXT = 'ddb-ground';

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function clustersNamed(http: KubeHttp, name: string): Promise<KubeObject[]> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.dolphindb));
  if (!r.ok) throw new Error(`list DolphinDB: ${r.error.reason}`);
  return r.value.items.filter((o) => o.metadata.name === name);
}

/** The quick input's title bar text, e.g. "Create DolphinDB cluster in ddb-ground (1/11)". */
async function titleOf(page: Page): Promise<string> {
  return clean(await quickInput(page).locator('.quick-input-title').innerText({ timeout: 10_000 }));
}

/** Waits until the title ends with "(step/total)" and returns the whole title. */
async function waitStep(page: Page, step: number, total: number, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await titleOf(page).catch(() => '');
    if (last.endsWith(`(${step}/${total})`)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`expected step ${step}/${total}, the title is "${last}"`);
}

const input = (page: Page) => quickInput(page).locator('input').first();

async function type(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await page.keyboard.press('Enter');
}

/** The label of the highlighted item of a quick pick. */
async function activeLabel(page: Page): Promise<string> {
  const row = quickInput(page).locator('.monaco-list-row.focused .label-name').first();
  return clean(await row.innerText({ timeout: 10_000 }));
}

/** Picks the item whose label is exactly `label` (by filtering, then Enter). */
async function pick(page: Page, label: string): Promise<void> {
  await input(page).fill(label);
  const row = quickInput(page).locator('.monaco-list-row.focused .label-name', { hasText: label }).first();
  await row.waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function prompt(page: Page): Promise<string> {
  return clean(await quickInput(page).locator('.quick-input-message').innerText({ timeout: 5000 }));
}

describe('Create Cluster as one guided flow in Chromium', { timeout: 420_000 }, () => {
  let http: KubeHttp | undefined;

  before(async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG);
    http = new KubeHttp(kc);
    // The namespace the flow offers first (the suite namespace setting); seeded by run-suites.
    await http.request(collectionPath(KINDS.namespace), {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    });
    assert.equal((await clustersNamed(http, NAME)).length, 0, `no cluster ${NAME} before the test`);
  });

  after(async () => {
    if (http) await http.request(objectPath(KINDS.dolphindb, NAME, NS), { method: 'DELETE' });
    http?.dispose();
  });

  it('titles, counts and checks each step; Back keeps answers; Escape cancels; then creates', async () => {
    assert.ok(http);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-create-'));
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          // --- First run: walk to the middle, go Back, then Escape. ---
          await runCommand(page, 'Create DolphinDB Cluster');
          const first = await waitStep(page, 1, 11, 60_000);
          assert.match(first, new RegExp(`Create DolphinDB cluster in ${CONTEXT} \\(1/11\\)`));
          await input(page).fill('Bad_Name');
          await quickInput(page)
            .locator('.quick-input-message', { hasText: /not a valid Kubernetes name/ })
            .waitFor();
          await page.keyboard.press('Enter'); // refused: the step stays
          await page.waitForTimeout(500);
          assert.ok((await titleOf(page)).endsWith('(1/11)'), 'an invalid name does not move on');
          await screenshot(page, 'create-flow-step-1.png');
          await type(page, NAME);

          // Namespace: a pick of the existing namespaces plus "New namespace…".
          const second = await waitStep(page, 2, 11);
          assert.match(second, new RegExp(`Create DolphinDB cluster ${NAME} in ${CONTEXT}`));
          assert.equal(await activeLabel(page), NS, 'the suite namespace is proposed');
          // The list is long on a shared ground (other tests' namespaces) and only its visible rows
          // are rendered: filter to reach "New namespace…" at its end, then back to the proposal.
          await input(page).fill('New namespace');
          await quickInput(page).locator('.monaco-list-row', { hasText: 'New namespace' }).first().waitFor();
          await input(page).fill(NS);
          await quickInput(page).locator('.monaco-list-row', { hasText: NS }).first().waitFor();
          assert.equal(await activeLabel(page), NS, 'the suite namespace is listed');
          await page.keyboard.press('Enter');

          // Topology: three items, each with a line of explanation.
          const third = await waitStep(page, 3, 11);
          assert.match(third, new RegExp(`${NS}/${NAME}`), 'the title names namespace/name once known');
          const topoText = clean((await quickInput(page).locator('.quick-input-list').innerText()).toString());
          assert.match(topoText, /Raft/, `multicontroller explains itself:\n${topoText}`);
          assert.match(topoText, /One data node/, 'standalone explains itself');
          await screenshot(page, 'create-flow-step-3.png');
          await pick(page, 'multicontroller');

          // multicontroller adds the controllers step: 12 in all.
          await waitStep(page, 4, 12);
          await screenshot(page, 'create-flow-step-4.png');
          const version = await activeLabel(page);
          assert.match(version, /^v\d/, `a version is highlighted (got "${version}")`);
          await page.keyboard.press('Enter');
          await waitStep(page, 5, 12);
          assert.match(await prompt(page), /Controllers/);
          await input(page).fill('2');
          await quickInput(page)
            .locator('.quick-input-message', { hasText: /from 3 to 256/ })
            .waitFor();
          await type(page, '5');
          await waitStep(page, 6, 12);
          assert.match(await prompt(page), /Data nodes/);

          // Back: the controllers step again, with the 5 typed before.
          await quickInput(page).locator('.quick-input-titlebar .action-label[aria-label^="Back"]').click();
          await waitStep(page, 5, 12);
          assert.equal(await input(page).inputValue(), '5', 'Back keeps the typed answer');
          await screenshot(page, 'create-flow-step-5-back.png');
          await page.keyboard.press('Enter');
          await waitStep(page, 6, 12);
          await page.keyboard.press('Enter'); // data nodes: the default
          await waitStep(page, 7, 12);

          // Escape in the middle: the whole flow ends, nothing is asked or created.
          await input(page).press('Escape');
          await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
          await page.waitForTimeout(3000);
          assert.equal(await quickInput(page).count(), 0, 'no further prompt after Escape');
          assert.equal((await clustersNamed(http!, NAME)).length, 0, 'nothing was created');
          const tabs = clean((await page.locator('.tabs-container').allInnerTexts()).join(' '));
          assert.doesNotMatch(tabs, /Untitled/, `no document was opened (tabs: ${tabs})`);
          // One line says so (the test driver keeps toasts hidden; the notification list has it).
          await runCommand(page, 'Notifications: Show Notifications');
          const said = page.locator('.notifications-center .notification-list-item', {
            hasText: 'Create DolphinDB cluster: cancelled. Nothing was changed.',
          });
          await said.first().waitFor({ timeout: 10_000 });
          assert.equal(await said.count(), 1, 'one information line');
          await runCommand(page, 'Notifications: Hide Notifications');

          // --- Second run: singlecontroller, not asked for controllers, to the end. ---
          await runCommand(page, 'Create DolphinDB Cluster');
          await waitStep(page, 1, 11, 60_000);
          await type(page, NAME);
          await waitStep(page, 2, 11);
          await page.keyboard.press('Enter');
          await waitStep(page, 3, 11);
          await pick(page, 'singlecontroller');
          await waitStep(page, 4, 11);
          const chosen = await activeLabel(page);
          await page.keyboard.press('Enter');
          await waitStep(page, 5, 11);
          assert.match(await prompt(page), /Data nodes/, 'singlecontroller is not asked for controllers');
          await type(page, '1');
          await waitStep(page, 6, 11);
          await type(page, '0'); // compute nodes
          await waitStep(page, 7, 11);
          await type(page, '500m');
          await waitStep(page, 8, 11);
          await type(page, '512Mi');
          await waitStep(page, 9, 11);
          assert.equal(await activeLabel(page), 'standard', 'the default StorageClass first');
          await page.keyboard.press('Enter');
          await waitStep(page, 10, 11);
          await type(page, '1Gi');
          await waitStep(page, 11, 11);
          await type(page, '1Gi');
          await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });

          // The document for review, then applied from the palette.
          const editor = page.locator('.editor-instance .view-lines').first();
          await editor.waitFor({ timeout: 30_000 });
          const text = clean(await editor.innerText());
          assert.match(text, /kind: DolphinDB/);
          assert.match(text, new RegExp(`name: ${NAME}`));
          assert.match(text, /clusterType: singlecontroller/);
          await runCommand(page, 'Apply DolphinDB File to Cluster');
          const dialog = page.locator('.monaco-dialog-box');
          await dialog.waitFor({ timeout: 60_000 });
          await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Apply$/ }).click();
          const deadline = Date.now() + 60_000;
          let stored: KubeObject | undefined;
          while (!stored && Date.now() < deadline) {
            stored = (await clustersNamed(http!, NAME))[0];
            if (!stored) await page.waitForTimeout(500);
          }
          assert.ok(stored, `${NS}/${NAME} was created`);
          const spec = (stored as KubeObject & { spec?: { version?: string; clusterType?: string } }).spec;
          assert.equal(spec?.version, chosen);
          assert.equal(spec?.clusterType, 'singlecontroller');
        },
      );
      for (const shot of ['create-flow-step-3.png', 'create-flow-step-5-back.png'])
        publish(path.join(SCREENSHOT_DIR, shot), shot);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Escape at every step of the singlecontroller flow cancels it: nothing asked, stored or opened afterwards', async () => {
    assert.ok(http);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-create-esc-'));
    // The answers of the second run above, one per step; undefined: Enter on the proposed answer.
    const answers: ({ kind: 'type' | 'pick'; text: string } | undefined)[] = [
      { kind: 'type', text: `${NAME}-esc` },
      undefined,
      { kind: 'pick', text: 'singlecontroller' },
      undefined,
      { kind: 'type', text: '1' },
      { kind: 'type', text: '0' },
      { kind: 'type', text: '500m' },
      { kind: 'type', text: '512Mi' },
      undefined,
      { kind: 'type', text: '1Gi' },
    ];
    const total = 11;
    try {
      await withWorkbench(
        { folder, viewport: { width: 1280, height: 800 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          for (let at = 1; at <= total; at++) {
            await runCommand(page, 'Create DolphinDB Cluster');
            await waitStep(page, 1, total, 60_000);
            for (let k = 1; k < at; k++) {
              const a = answers[k - 1];
              if (!a) await page.keyboard.press('Enter');
              else if (a.kind === 'type') await type(page, a.text);
              else await pick(page, a.text);
              await waitStep(page, k + 1, total);
            }
            await input(page).press('Escape');
            await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
            await page.waitForTimeout(800);
            assert.equal(await quickInput(page).count(), 0, `no further prompt after Escape at step ${at}`);
          }
          assert.equal((await clustersNamed(http!, `${NAME}-esc`)).length, 0, 'nothing was created');
          const tabs = clean((await page.locator('.tabs-container').allInnerTexts()).join(' '));
          assert.doesNotMatch(tabs, /Untitled|flow-ui-esc/, `no document was opened (tabs: ${tabs})`);
          await runCommand(page, 'Notifications: Show Notifications');
          const said = page.locator('.notifications-center .notification-list-item', {
            hasText: 'Create DolphinDB cluster: cancelled. Nothing was changed.',
          });
          await said.first().waitFor({ timeout: 10_000 });
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

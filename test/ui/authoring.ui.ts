// UI test in Chromium: writing a DolphinDB YAML file. A multicontroller cluster with 2
// controllers gets rule DDB-E006 as a squiggle, in the Problems view and in the hover; Ctrl+Space
// inside `spec:` suggests the schema's keys. Saves .screenshots/diagnostics.png and
// completion.png (docs/screenshots/ with DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { runCommand, screenshot, withWorkbench } from '../vscode-rig/ui';
import { publish, quickInput } from './docs';

const FILE = 'quorum.yaml';
// The last line is two spaces: with the cursor at its end, a completion is one of spec's keys.
const TEXT = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: quorum
  namespace: dolphindb
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.16
  controller:
    replicas: 2
  datanode:
    replicas: 2
  `;

/** The keys of spec in the shipped schema: what completion has to offer. */
function specKeys(): string[] {
  interface Schema {
    definitions: Record<string, { properties?: Record<string, unknown> }>;
  }
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'dolphindb.schema.json'), 'utf8')) as Schema;
  return Object.keys(schema.definitions['ddb.Spec']?.properties ?? {});
}

async function openFile(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Go to File');
  await quickInput(page).locator('input').fill(name);
  await quickInput(page).locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page
    .locator(
      `.tabs-container .tab[data-resource-name=${JSON.stringify(name)}], .tabs-container .tab[aria-label^=${JSON.stringify(name)}]`,
    )
    .first()
    .waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
}

describe('authoring a DolphinDB YAML file in Chromium', { timeout: 300_000 }, () => {
  it('shows DDB-E006 as a squiggle, in Problems and on hover, and completes spec keys', async () => {
    const keys = specKeys();
    assert.ok(keys.includes('storageClassName'), 'the schema knows spec.storageClassName');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-author-'));
    fs.writeFileSync(path.join(folder, FILE), TEXT);
    try {
      await withWorkbench(
        { folder, viewport: { width: 1400, height: 900 }, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } },
        async ({ page }) => {
          await openFile(page, FILE);
          const editor = page.locator('.editor-instance .monaco-editor').first();
          const squiggle = editor.locator('.squiggly-error').first();
          await squiggle.waitFor({ timeout: 90_000 });

          // The Problems view lists the rule with its code.
          await runCommand(page, 'Focus on Problems View');
          const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'DDB-E006' }).first();
          await problem.waitFor({ timeout: 30_000 });
          const problemText = (await problem.innerText()).replace(/\s+/g, ' ');
          assert.match(problemText, /multicontroller/i, problemText);

          // Hovering the squiggle shows the message; it sits on `replicas: 2` of the controller.
          const box = await squiggle.boundingBox();
          assert.ok(box, 'the squiggle is on screen');
          const hover = page.locator('.monaco-hover:visible', { hasText: 'DDB-E006' }).first();
          for (let i = 0; i < 5 && !(await hover.isVisible()); i++) {
            await page.mouse.move(box.x + box.width / 2 - 5, box.y + box.height / 2 - 4);
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4, { steps: 3 });
            await hover.waitFor({ timeout: 5000 }).catch(() => undefined);
          }
          await hover.waitFor({ timeout: 5000 });
          assert.match((await hover.innerText()).replace(/\s+/g, ' '), /controller/i);
          await page.waitForTimeout(300);
          const diag = await screenshot(page, 'diagnostics.png');
          assert.ok(fs.statSync(diag).size > 10_000, 'a real picture was saved');
          publish(diag, 'diagnostics.png');

          // Completion at the end of the file: two spaces in, inside spec.
          await page.mouse.move(1350, 880);
          await editor.locator('.view-lines').click();
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+End');
          await page.keyboard.press('Control+Space');
          const suggest = editor.locator('.suggest-widget.visible');
          await suggest.waitFor({ timeout: 30_000 });
          const rows = suggest.locator('.monaco-list-row');
          await rows.first().waitFor({ timeout: 30_000 });
          const labels = (await suggest.locator('.monaco-list-row .label-name').allInnerTexts()).map((l) => l.trim());
          const fromSchema = labels.filter((l) => keys.includes(l));
          assert.ok(fromSchema.length >= 3, `spec keys offered: ${labels.join(', ')}`);
          assert.ok(labels.includes('storageClassName'), `storageClassName among ${labels.join(', ')}`);
          // For the picture: Ctrl+Space again opens the selected key's documentation beside the list.
          // The pane is sized before the documentation arrives; moving the selection down and back
          // lays it out again with the text.
          await page.keyboard.press('Control+Space');
          await page.waitForTimeout(800);
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('ArrowUp');
          await page.waitForTimeout(800);
          const comp = await screenshot(page, 'completion.png');
          assert.ok(fs.statSync(comp).size > 10_000, 'a real picture was saved');
          publish(comp, 'completion.png');
        },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

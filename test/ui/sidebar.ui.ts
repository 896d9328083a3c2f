// UI test in Chromium: the side bar at the workbench's default size. Every cluster row shows its
// phase uncut (the phase's text box, measured in the page, ends inside the row's label box and the
// side bar); the context menu of a running instance offers Pause and not Resume, of a paused one
// Resume and not Pause (the instance is paused from its own menu, as a user does); a container
// row offers its logs and its image. Saves .screenshots/sidebar.png, and with
// DDB_UPDATE_DOCS=1 copies it to media/screenshots/sidebar.png (the README's picture).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { Locator, Page } from 'playwright-core';
import { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { pauseInstance, resumeInstance } from '../../src/core/operations';
import { testContext } from '../unit/operations/ctx';
import { REPO_ROOT } from '../vscode-rig/code-server';
import { openViewContainer, screenshot, waitForRow, withWorkbench } from '../vscode-rig/ui';
import { expandLive, localized, readManifest, readNls } from './docs';

const NS = 'dolphindb';
const CLUSTER = 'single';
const RUNNING = `ddb-${CLUSTER}-dn-0`;
const PAUSED = `ddb-${CLUSTER}-dn-1`;
const REF = { namespace: NS, name: CLUSTER };
const TARGET = { role: 'datanode' as const, index: 1 };
const FAST = { pollMs: 300, timeoutMs: 120_000 };

const kc = new KubeConfig();
kc.loadFromFile(process.env.KUBECONFIG ?? '');
const http = new KubeHttp(kc);

/** The English title of a command, as its menu item shows it. */
function title(command: string): string {
  const c = readManifest().contributes.commands.find((x) => x.command === command);
  assert.ok(c, command);
  return localized(c.title, readNls('en'));
}

/** The row whose label (not description) is exactly `label`. */
function rowLabelled(page: Page, label: string): Locator {
  return page
    .locator('.part.sidebar .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.-]/g, '\\$&')}$`) }) })
    .first();
}

/** Opens the row's context menu and returns the titles of its items; closes it again. */
async function menuOf(page: Page, label: string | Locator): Promise<string[]> {
  const row = typeof label === 'string' ? rowLabelled(page, label) : label;
  await row.waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor({ timeout: 10_000 });
  const items = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter((t) => t);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: 10_000 });
  return items;
}

/** Waits until the row's menu satisfies `ok` (menus follow the access reviews and the watch). */
async function menuUntil(page: Page, label: string, what: string, ok: (items: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await menuOf(page, label);
    if (ok(last)) return last;
    await page.waitForTimeout(1000);
  }
  throw new Error(`${label}: ${what}; its menu: ${last.join(' | ')}`);
}

// What the page functions below touch of the DOM (this project compiles without the DOM library).
interface DomNode {
  readonly textContent: string | null;
  readonly nodeType: number;
}
interface DomBox {
  readonly right: number;
}
interface DomRange {
  setStart(n: DomNode, offset: number): void;
  setEnd(n: DomNode, offset: number): void;
  getBoundingClientRect(): DomBox;
}
interface DomElement extends DomNode {
  readonly firstChild: DomNode | null;
  readonly ownerDocument: { createRange(): DomRange };
  querySelector(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): DomBox;
}

interface PhaseBox {
  readonly label: string;
  readonly description: string;
  /** Where the phase starts in the description; -1 when it is not there. */
  readonly at: number;
  readonly phaseRight: number;
  readonly labelRight: number;
}

/** For each row labelled with a cluster's name: where the cluster's phase (as the API says it) ends on screen. */
async function phaseBoxes(page: Page, phases: Readonly<Record<string, string>>): Promise<PhaseBox[]> {
  return page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows, byName) => {
    const out: PhaseBox[] = [];
    for (const row of rows as unknown as DomElement[]) {
      const label = row.querySelector('.label-name')?.textContent?.trim() ?? '';
      const phase = byName[label];
      if (phase === undefined) continue;
      const desc = row.querySelector('.label-description');
      const container = row.querySelector('.monaco-icon-label-container') ?? row.querySelector('.monaco-icon-label');
      const text = desc?.firstChild;
      // 3: a text node.
      if (!desc || !container || !text || text.nodeType !== 3) continue;
      const description = text.textContent ?? '';
      const at = description.indexOf(phase);
      let phaseRight = Number.POSITIVE_INFINITY;
      if (at >= 0) {
        // The laid-out box of the phase's characters; text-overflow only paints an ellipsis over
        // what lies beyond the container's right edge, so a cut phase ends past that edge.
        const range = row.ownerDocument.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + phase.length);
        phaseRight = range.getBoundingClientRect().right;
      }
      out.push({ label, description, at, phaseRight, labelRight: container.getBoundingClientRect().right });
    }
    return out;
  }, phases);
}

describe('the side bar at its default width', { timeout: 420_000 }, () => {
  after(async () => {
    // Leave the sample as seeded for the UI files that run later.
    await resumeInstance(testContext(), http, REF, TARGET, FAST);
    http.dispose();
  });

  it('shows every cluster phase uncut, state-aware instance menus and container menus', async () => {
    assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
    const clusters = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.dolphindb));
    assert.ok(clusters.ok);
    const names = clusters.value.items.map((d) => d.metadata.name);
    assert.ok(names.includes(CLUSTER), names.join(','));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-ws-'));
    try {
      await withWorkbench({ folder, server: { env: { KUBECONFIG: process.env.KUBECONFIG } } }, async ({ page }) => {
        await openViewContainer(page, 'DolphinDB');
        await waitForRow(page, new RegExp(`^${CLUSTER}.*Available`), 120_000);

        // 1. The phase of every cluster row is visible at the default width.
        const side = await page.locator('.part.sidebar').boundingBox();
        assert.ok(side, 'the side bar is shown');
        const sideBarRight = side.x + side.width;
        // The phases as the API server has them now (read after the rows show, so they agree).
        const now = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.dolphindb));
        assert.ok(now.ok);
        const phases = Object.fromEntries(
          now.value.items.map((d) => [
            d.metadata.name,
            String((d as { status?: { phase?: string } }).status?.phase ?? 'Unknown'),
          ]),
        );
        const boxes = await phaseBoxes(page, phases);
        assert.ok(boxes.length >= 3, `cluster rows found: ${JSON.stringify(boxes)}`);
        for (const b of boxes) {
          assert.equal(b.at, 0, `${b.label} leads with its phase ${phases[b.label]}: ${b.description}`);
          assert.ok(
            b.phaseRight <= b.labelRight + 0.5,
            `${b.label}: the phase ends at x=${b.phaseRight}, past the label box (x=${b.labelRight}): cut off`,
          );
          assert.ok(b.labelRight <= sideBarRight + 0.5, `${b.label}: label box inside the side bar`);
        }

        // 2. A running instance offers Pause, not Resume; Give Service, not Remove.
        await expandLive(page, new RegExp(`^${CLUSTER}.*Available`));
        await expandLive(page, /^Data nodes/);
        const pause = title('dolphindbK8s.pauseInstance');
        const resume = title('dolphindbK8s.resumeInstance');
        const give = title('dolphindbK8s.addInstanceService');
        const remove = title('dolphindbK8s.removeInstanceService');
        const running = await menuUntil(page, RUNNING, 'Pause offered', (m) => m.includes(pause));
        assert.ok(!running.includes(resume), `no Resume on a running instance: ${running.join(' | ')}`);
        assert.ok(running.includes(give) && !running.includes(remove), running.join(' | '));

        // 3. Paused through the operation the Pause command runs (the confirmation dialog is the
        // command's business, tested with the command): then the row offers Resume, not Pause.
        await menuUntil(page, PAUSED, 'Pause offered', (m) => m.includes(pause));
        const paused = await pauseInstance(testContext(), http, REF, TARGET, FAST);
        assert.ok(paused.ok, JSON.stringify(paused));
        await waitForRow(page, new RegExp(`^${PAUSED}.*paused`, 'i'), 60_000);
        const menu = await menuUntil(page, PAUSED, 'Resume offered', (m) => m.includes(resume));
        assert.ok(!menu.includes(pause), `no Pause on a paused instance: ${menu.join(' | ')}`);

        // 4. A container row: its logs and its image.
        await expandLive(page, new RegExp(`^${RUNNING}`));
        const containerLabel = await rowsUnder(page, RUNNING);
        assert.ok(containerLabel, 'a container row under the instance');
        // By its icon: a namespace row may carry the same name as a container (`dolphindb`).
        const containerRow = page
          .locator('.part.sidebar .monaco-list-row:has(.codicon-package)')
          .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${containerLabel}$`) }) })
          .first();
        const cm = await menuOf(page, containerRow);
        for (const item of [title('dolphindbK8s.containerLogs'), title('dolphindbK8s.copyImage')])
          assert.ok(cm.includes(item), `${item} in ${cm.join(' | ')}`);

        const shot = path.join(REPO_ROOT, '.screenshots', 'sidebar.png');
        fs.mkdirSync(path.dirname(shot), { recursive: true });
        await page.mouse.move(1200, 700);
        await page.locator('.part.sidebar').screenshot({ path: shot });
        assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
        if (process.env.DDB_UPDATE_DOCS === '1') {
          assert.ok(fs.statSync(shot).size < 150_000, 'small enough for the README');
          const dest = path.join(REPO_ROOT, 'media', 'screenshots', 'sidebar.png');
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.copyFileSync(shot, dest);
        }
        await screenshot(page, 'sidebar-workbench.png');
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** The label of the first app container row right below the instance row (one level deeper). */
async function rowsUnder(page: Page, instance: string): Promise<string | undefined> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = await page.locator('.part.sidebar .monaco-list-row').evaluateAll((all, inst) => {
      const rows = all as unknown as DomElement[];
      const i = rows.findIndex((r) => r.querySelector('.label-name')?.textContent?.trim() === inst);
      if (i < 0) return undefined;
      const level = Number(rows[i].getAttribute('aria-level'));
      for (const r of rows.slice(i + 1)) {
        const l = Number(r.getAttribute('aria-level'));
        if (l <= level) break;
        // Init containers say "init" first; an app container's row is one level below.
        const desc = r.querySelector('.label-description')?.textContent ?? '';
        if (l === level + 1 && !desc.startsWith('init')) return r.querySelector('.label-name')?.textContent?.trim();
      }
      return undefined;
    }, instance);
    if (found) return found;
    await page.waitForTimeout(500);
  }
  return undefined;
}

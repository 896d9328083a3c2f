// UI test in Chromium: the "Get started" walkthrough, in English and in Simplified Chinese.
// Opens it from the command palette, checks its title and every step title against the shipped
// NLS tables, selects each step and clicks its button (every button's command starts with a
// prompt, which is dismissed, so nothing changes on the ground), and checks that the steps whose
// completion events fired are marked done and the others are not. Saves
// .screenshots/walkthrough-<locale>.png (docs/screenshots/ with DDB_UPDATE_DOCS=1).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openViewContainer, runCommand, screenshot, waitForViewContent, withWorkbench } from '../vscode-rig/ui';
import { dismissQuickInput, localized, publish, quickInput, readManifest, readNls } from './docs';

const manifest = readManifest();
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'dolphindbK8s.gettingStarted');
const extensionId = `${manifest.publisher}.${manifest.name}`;
/** The explorer sets this context key once the kubeconfig is loaded (src/extension/kube.ts). */
const READY_EVENT = 'onContext:dolphindbK8s.explorerState == ready';

/** `[label](command:id)` on a line of its own: the walkthrough renders it as a button. */
function buttonOf(description: string): { label: string; command: string } | undefined {
  const m = /^\[([^\]]+)\]\(command:([\w.]+)\)\s*$/m.exec(description);
  return m ? { label: m[1], command: m[2] } : undefined;
}

/** The step's entry in the step list (its id on the page is qualified by the walkthrough's). */
function stepButton(page: Page, stepId: string): Locator {
  return page.locator(`button.getting-started-step[data-step-id$=${JSON.stringify(`#${stepId}`)}]`);
}

/** The step's done checkbox; VS Code updates its aria-checked when the step's progress changes. */
async function isDone(page: Page, stepId: string): Promise<boolean> {
  const box = page.locator(`[data-done-step-id$=${JSON.stringify(`#${stepId}`)}]`).first();
  return (await box.getAttribute('aria-checked', { timeout: 5000 })) === 'true';
}

async function waitDone(page: Page, stepId: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isDone(page, stepId)) return true;
    await page.waitForTimeout(300);
  }
  return false;
}

async function selectStep(page: Page, stepId: string): Promise<void> {
  const button = stepButton(page, stepId);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await button.elementHandle(), {
    timeout: 10_000,
  });
}

/** Welcome: Open Walkthrough... lists the walkthroughs by their (localized) titles. */
async function openWalkthrough(page: Page, title: string): Promise<Locator> {
  await runCommand(page, 'Open Walkthrough');
  await quickInput(page).locator('input').fill(title);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 30_000 });
  // Click our row: Enter takes the active row, which can be VS Code's own "Get Started with VS Code
  // for the Web" (it matches the typed words too, and ranks first while the filter catches up).
  await row.click();
  const heading = page.locator(
    `h2.category-title[x-category-title-for=${JSON.stringify(`${extensionId}#${walkthrough?.id ?? ''}`)}]`,
  );
  try {
    await heading.waitFor({ timeout: 30_000 });
  } catch (e) {
    await screenshot(page, 'walkthrough-failed.png').catch(() => undefined);
    throw e;
  }
  return heading;
}

for (const locale of ['en', 'zh-cn']) {
  describe(`walkthrough in Chromium (${locale})`, { timeout: 300_000 }, () => {
    it('shows the title and the 7 steps in this language, runs each step button and marks steps done', async () => {
      assert.ok(process.env.KUBECONFIG, 'KUBECONFIG points at the test ground');
      assert.ok(walkthrough, 'package.json contributes the dolphindbK8s.gettingStarted walkthrough');
      assert.equal(walkthrough.steps.length, 7);
      const nls = readNls(locale);
      const title = localized(walkthrough.title, nls);
      const steps = walkthrough.steps.map((s) => {
        const description = localized(s.description, nls);
        const button = buttonOf(description);
        assert.ok(button, `step ${s.id} has a button line in ${locale}`);
        return { id: s.id, title: localized(s.title, nls), button, events: s.completionEvents ?? [] };
      });
      if (locale !== 'en') {
        // The comparison below proves the language only if the tables differ.
        const en = readNls('en');
        assert.notEqual(title, localized(walkthrough.title, en), `${locale} title differs from English`);
      }
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-walk-'));
      try {
        await withWorkbench(
          {
            folder,
            viewport: { width: 1400, height: 1000 },
            server: { env: { KUBECONFIG: process.env.KUBECONFIG }, ...(locale === 'en' ? {} : { locale }) },
          },
          async ({ page }) => {
            // Nothing activates the extension before the walkthrough is open (no view, no YAML):
            // VS Code 1.139 marks an onContext step done only when the context changes after the
            // walkthrough was registered, not when it already matched then.
            const heading = await openWalkthrough(page, title);
            assert.equal((await heading.innerText()).trim(), title);

            // Every step is listed with its title in this language, in manifest order.
            const listed = await page.locator('button.getting-started-step h3.step-title').allInnerTexts();
            assert.deepEqual(
              listed.map((t) => t.trim()),
              steps.map((s) => s.title),
            );

            // Fresh user data: no command of the walkthrough has run yet.
            for (const s of steps.filter((x) => x.events.some((e) => e.startsWith('onCommand:')))) {
              assert.equal(await isDone(page, s.id), false, `${s.id} not done before its command ran`);
            }

            const ran = new Set<string>();
            for (const s of steps) {
              await selectStep(page, s.id);
              const button = page
                .locator(
                  `.step-description-container[x-step-description-for$=${JSON.stringify(`#${s.id}`)}] .button-container .monaco-button`,
                )
                .first();
              await button.waitFor({ timeout: 10_000 });
              assert.equal((await button.innerText()).trim(), s.button.label, `button of ${s.id}`);
              await button.click();
              // Each of these commands first asks (context, cluster, namespace...) or, for the
              // prerequisites check that asks nothing, answers in a dialog: dismissing either stops
              // it before it changes anything.
              await dismissFirstPrompt(page, s.id);
              ran.add(s.button.command);
            }

            // Steps complete on their events: the explorer's context key, or a command that ran.
            for (const s of steps) {
              const expected = s.events.some(
                (e) => e === READY_EVENT || (e.startsWith('onCommand:') && ran.has(e.slice('onCommand:'.length))),
              );
              if (expected) assert.ok(await waitDone(page, s.id), `${s.id} is marked done (${s.events.join(', ')})`);
              else assert.equal(await isDone(page, s.id), false, `${s.id} stays open (${s.events.join(', ')})`);
            }
            assert.ok(
              steps.some((s) => s.events.includes(READY_EVENT)),
              'one step completes when the view is ready',
            );

            // The picture: the first step open, next to the DolphinDB view. Should the Welcome page
            // have gone back to its list of walkthroughs meanwhile, open ours again.
            await openViewContainer(page, localized('%container.title%', nls));
            await waitForViewContent(page);
            if (!(await stepButton(page, steps[0].id).isEnabled())) await openWalkthrough(page, title);
            await selectStep(page, steps[0].id);
            await page.mouse.move(1350, 980);
            await page.waitForTimeout(500);
            const shot = await screenshot(page, `walkthrough-${locale}.png`);
            assert.ok(fs.statSync(shot).size > 10_000, 'a real picture was saved');
            publish(shot, `walkthrough-${locale}.png`);
          },
        );
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}

/** Dismisses the first thing a command shows: a quick input (its question) or a modal dialog. */
async function dismissFirstPrompt(page: Page, step: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  // Playwright's own waits poll on every frame: a prompt that shows briefly is still seen.
  const seen = await Promise.race([
    quickInput(page)
      .waitFor({ timeout: 45_000 })
      .then(
        () => 'question' as const,
        () => undefined,
      ),
    dialog.waitFor({ timeout: 45_000 }).then(
      () => 'dialog' as const,
      () => undefined,
    ),
  ]);
  assert.ok(seen, `step ${step}: the command showed neither a question nor a dialog within 45 s`);
  if (seen === 'question') {
    await dismissQuickInput(page);
    return;
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
}

// UI smoke test: code-server with the built extension installed (an unpacked copy in a
// temp extensions dir), headless Chromium on the workbench, open the "DolphinDB" view
// container, read its tree rows and save .screenshots/tree.png.
//
// usage: npm run build && KUBECONFIG=... node --import tsx test/vscode-rig/ui-smoke.ts
// env:   KUBECONFIG            handed to the extension host (via code-server's environment)
//        DDB_UI_EXTENSION_PATH extension folder (default: the repository root)
//        DDB_UI_MODE           installed (default) | development (extensionDevelopmentPath)
//        DDB_UI_LOCALE         e.g. zh-cn (workbench --locale)
//        DDB_UI_EXPAND         text of a tree row to expand before the screenshot
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './code-server';
import { expandRow, openViewContainer, readTreeRows, screenshot, waitForViewContent, withWorkbench } from './ui';

const CONTAINER_TITLE = 'DolphinDB';

async function main(): Promise<number> {
  const t0 = Date.now();
  const extensionPath = path.resolve(process.env.DDB_UI_EXTENSION_PATH || REPO_ROOT);
  const main = (JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { main?: string }).main;
  if (main && !fs.existsSync(path.join(extensionPath, main))) {
    console.error(`${main} is missing in ${extensionPath}: run \`npm run build\` first`);
    return 2;
  }
  if (!process.env.KUBECONFIG) console.warn('[ui] KUBECONFIG is not set; the extension sees no cluster config');
  const mode = process.env.DDB_UI_MODE === 'development' ? 'development' : 'installed';
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ui-ws-'));
  const serverLog: string[] = [];
  try {
    return await withWorkbench(
      {
        extensionPath,
        mode,
        folder,
        server: { ...(process.env.DDB_UI_LOCALE ? { locale: process.env.DDB_UI_LOCALE } : {}) },
        onLog: (l) => serverLog.push(l),
      },
      async ({ page, session }) => {
        console.log(`[ui] workbench ready after ${Date.now() - t0} ms`);
        try {
          await openViewContainer(page, CONTAINER_TITLE);
          const view = await waitForViewContent(page, 60_000);
          console.log(`[ui] view content after ${Date.now() - t0} ms: ${JSON.stringify(view)}`);
          if (process.env.DDB_UI_EXPAND) {
            await expandRow(page, process.env.DDB_UI_EXPAND);
            console.log(`[ui] expanded: ${JSON.stringify(await readTreeRows(page))}`);
          }
        } catch (e) {
          console.log(
            `[ui] screenshot of the failure: ${path.relative(process.cwd(), await screenshot(page, 'tree-failure.png'))}`,
          );
          throw e;
        }
        await page.mouse.move(800, 600); // no hover tooltip in the picture
        await page.waitForTimeout(500); // let icons/decorations settle
        const shot = await screenshot(page, 'tree.png');
        console.log(`[ui] screenshot ${path.relative(process.cwd(), shot)}`);
        const errors = session.consoleErrors.filter((e) => /dolphindb|ddb-k8s/i.test(e));
        if (errors.length) console.log(`[ui] console errors mentioning the extension:\n  ${errors.join('\n  ')}`);
        return 0;
      },
    );
  } catch (e) {
    console.error('[ui] FAILED:', e instanceof Error ? e.message : e);
    console.error('[ui] last code-server lines:\n' + serverLog.slice(-20).join('\n'));
    return 1;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    console.log(`[ui] total ${Date.now() - t0} ms`);
  }
}

main().then((code) => process.exit(code));

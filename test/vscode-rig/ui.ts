// Helpers for UI tests: drive code-server's workbench in headless Chromium with
// playwright-core. Selectors follow VS Code 1.139's DOM (activity bar, pane headers,
// monaco list rows in tree views).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, REPO_ROOT, resolveRig, startCodeServer, type CodeServer, type StartOptions } from './code-server';

export { startCodeServer, type CodeServer };

export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.screenshots');

export interface UiSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console errors seen so far (trimmed). */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium (Debian's) and opens one page. */
export async function launchBrowser(
  opts: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<UiSession> {
  const rig = resolveRig();
  const browser = await chromium.launch({ executablePath: rig.chromium, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${String(e).slice(0, 300)}`));
  return {
    browser,
    context,
    page,
    consoleErrors,
    close: async () => {
      await browser.close().catch(() => {});
    },
  };
}

/**
 * Copies a built extension (package.json, dist/, l10n/, media/, ...: what .vscodeignore
 * ships) into `extensionsDir/<publisher>.<name>-<version>` so code-server loads it as an
 * installed extension. Returns the extension id.
 */
export function installUnpackedExtension(extensionPath: string, extensionsDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
    main?: string;
  };
  const id = `${pkg.publisher}.${pkg.name}`;
  const dest = path.join(extensionsDir, `${id}-${pkg.version}`);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  // What ships is what .vscodeignore allows (`!name` or `!name/**`): one list, so a folder added
  // to the package (syntaxes/, say) is installed here too.
  const ship = [
    ...new Set(
      fs
        .readFileSync(path.join(extensionPath, '.vscodeignore'), 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.startsWith('!'))
        .map((l) => l.slice(1).split('/')[0])
        .filter((l) => l && !l.includes('*')),
    ),
  ];
  if (pkg.main && !pkg.main.replace(/^\.\//, '').startsWith('dist/')) ship.push(pkg.main.replace(/^\.\//, ''));
  for (const entry of ship) {
    const src = path.join(extensionPath, entry);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dest, entry), { recursive: true });
  }
  return id;
}

export interface OpenOptions {
  /** Folder to open as the workspace. */
  folder?: string;
  /** Load this folder as extensionDevelopmentPath (instead of an installed copy). */
  extensionDevelopmentPath?: string;
  timeoutMs?: number;
}

/** Opens the workbench of `server` and waits until the activity bar is rendered. */
export async function openWorkbench(page: Page, server: CodeServer, opts: OpenOptions = {}): Promise<void> {
  const payload: Array<[string, string]> = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', server.remoteUri(opts.extensionDevelopmentPath)]);
  await page.goto(server.workbenchUrl(opts.folder, payload), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await waitForWorkbench(page, opts.timeoutMs);
}

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.activitybar .action-item', { timeout: timeoutMs });
}

/** The activity-bar entry whose title (aria-label) starts with `title`. */
export function activityBarItem(page: Page, title: string): Locator {
  const t = JSON.stringify(title);
  return page
    .locator(`.part.activitybar .action-item a[aria-label^=${t}], .part.activitybar li.action-item[aria-label^=${t}]`)
    .first();
}

/** Opens the view container titled `title` (e.g. "DolphinDB"); no-op if already open. */
export async function openViewContainer(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const item = activityBarItem(page, title);
  await item.waitFor({ timeout: timeoutMs });
  const li = page
    .locator(
      `.part.activitybar li.action-item:has(a[aria-label^=${JSON.stringify(title)}]), .part.activitybar li.action-item[aria-label^=${JSON.stringify(title)}]`,
    )
    .first();
  const checked =
    (await li.getAttribute('aria-checked').catch(() => null)) ?? (await li.getAttribute('aria-selected').catch(() => null));
  if (checked !== 'true') await item.click();
  await page.locator('.part.sidebar .composite.title, .part.sidebar .title-label').first().waitFor({ timeout: timeoutMs });
}

/** Tree/list rows in the side bar (optionally inside the pane whose header starts with `pane`). */
export function treeRowLocator(page: Page, pane?: string): Locator {
  const scope = pane
    ? page.locator('.part.sidebar .pane', {
        has: page.locator(`.pane-header[aria-label^=${JSON.stringify(pane)}], .pane-header :text-is(${JSON.stringify(pane)})`),
      })
    : page.locator('.part.sidebar');
  return scope.locator('.monaco-list-row');
}

/** Texts of the visible tree rows, waiting until at least `min` rows exist. */
export async function readTreeRows(
  page: Page,
  opts: { pane?: string; min?: number; timeoutMs?: number } = {},
): Promise<string[]> {
  const rows = treeRowLocator(page, opts.pane);
  const min = opts.min ?? 1;
  if (min > 0) await rows.nth(min - 1).waitFor({ timeout: opts.timeoutMs ?? 30_000 });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

export interface ViewContent {
  /** Texts of the tree rows. */
  rows: string[];
  /** A tree view's message (TreeView.message) or welcome content (viewsWelcome), if shown. */
  messages: string[];
}

/**
 * Waits until the side bar shows something: tree rows, a tree message or welcome content
 * (for a view that has no rows, e.g. without a cluster), and returns it.
 */
export async function waitForViewContent(page: Page, timeoutMs = 30_000): Promise<ViewContent> {
  const messages = page.locator(
    '.part.sidebar .pane-body .message:visible, .part.sidebar .pane-body .welcome-view-content:visible',
  );
  const rows = page.locator('.part.sidebar .monaco-list-row');
  const clean = (t: string) => t.replace(/\s+/g, ' ').trim();
  const deadline = Date.now() + timeoutMs;
  await rows.first().or(messages.first()).waitFor({ timeout: timeoutMs });
  for (;;) {
    await page.waitForTimeout(300); // rows arrive in one batch; let the batch finish
    const content = {
      rows: (await rows.allInnerTexts()).map(clean),
      messages: (await messages.allInnerTexts()).map(clean).filter(Boolean),
    };
    // Shown until the extension has activated and registered its TreeDataProvider.
    const pending = content.rows.length === 0 && content.messages.every((m) => /no data provider registered/i.test(m));
    if (!pending || Date.now() > deadline) return content;
  }
}

/** Waits for a row containing `text`. */
export async function waitForRow(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: timeoutMs });
  return row;
}

/**
 * Expands the row containing `text` (if collapsed) and waits for it to report expanded. The row is
 * looked up afresh on every try: a tree refresh (a status write, say) may re-render the list and
 * leave an element handle pointing at a row that now shows something else.
 */
export async function expandRow(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const row = () => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  await row().waitFor({ timeout: timeoutMs });
  const source = typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source;
  const flags = typeof text === 'string' ? '' : text.flags;
  for (;;) {
    const left = () => Math.max(1, deadline - Date.now());
    const expanded = await row()
      .getAttribute('aria-expanded', { timeout: left() })
      .catch(() => null);
    if (expanded === 'true') return;
    if (expanded === 'false') {
      await row()
        .locator('.monaco-tl-twistie')
        .click({ timeout: left() })
        .catch(() => undefined);
      const ok = await page
        .waitForFunction(
          ([sel, src, fl]) => {
            type El = { textContent: string | null; getAttribute(n: string): string | null };
            const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
            const re = new RegExp(src, fl);
            const r = Array.from(doc.querySelectorAll(sel)).find((e) => re.test(e.textContent ?? ''));
            return r?.getAttribute('aria-expanded') === 'true';
          },
          ['.part.sidebar .monaco-list-row', source, flags] as const,
          { timeout: Math.min(5_000, left()) },
        )
        .then(
          () => true,
          () => false,
        );
      if (ok) return;
    }
    if (Date.now() >= deadline) throw new Error(`row ${String(text)} did not expand within ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

/** Runs a command through the command palette (by its title as shown there). */
export async function runCommand(page: Page, title: string, attempts = 3): Promise<void> {
  // On a loaded machine the palette sometimes opens before its command list is ready, or the
  // keystroke lands while another widget has focus: reopen it rather than wait on a dead one.
  for (let i = 1; ; i++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const found = await row.waitFor({ timeout: i < attempts ? 10_000 : 30_000 }).then(
      () => true,
      (e: unknown) => (i < attempts ? false : Promise.reject(e)),
    );
    if (found) break;
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
}

/** Saves a screenshot into <repo>/.screenshots/<name> (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.isAbsolute(name) ? name : path.join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/**
 * Everything a UI test usually needs: code-server with the extension (installed copy by
 * default, or extensionDevelopmentPath), a browser on the workbench, and one cleanup.
 */
export async function withWorkbench<T>(
  opts: {
    extensionPath?: string;
    mode?: 'installed' | 'development';
    folder?: string;
    server?: StartOptions;
    viewport?: { width: number; height: number };
    onLog?: (line: string) => void;
  },
  body: (ctx: { page: Page; server: CodeServer; session: UiSession }) => Promise<T>,
): Promise<T> {
  const extensionPath = opts.extensionPath ?? REPO_ROOT;
  const mode = opts.mode ?? 'installed';
  let extDir: string | undefined;
  if (mode === 'installed') {
    extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-exts-'));
    installUnpackedExtension(extensionPath, extDir);
  }
  const server = await startCodeServer({
    ...opts.server,
    ...(extDir ? { extensionsDir: extDir } : {}),
    onLog: opts.onLog ?? opts.server?.onLog,
  });
  let session: UiSession | undefined;
  try {
    session = await launchBrowser(opts.viewport ? { viewport: opts.viewport } : {});
    await openWorkbench(session.page, server, {
      ...(opts.folder ? { folder: opts.folder } : {}),
      ...(mode === 'development' ? { extensionDevelopmentPath: extensionPath } : {}),
    });
    return await body({ page: session.page, server, session });
  } finally {
    await session?.close();
    await server.stop();
    if (extDir) fs.rmSync(extDir, { recursive: true, force: true });
  }
}

// Runs a mocha suite inside a real VS Code extension host (code-server's VS Code server),
// the way VS Code's own browser integration tests do: the workbench is opened in headless
// Chromium with a payload naming extensionDevelopmentPath and extensionTestsPath, and the
// smoke-test driver reports the test run's exit code through window.codeAutomationExit.
//
// CLI:  node --import tsx test/vscode-rig/run-exthost.ts [--ext DIR] [--tests out/exthost/index.js]
//          [--workspace DIR] [--timeout MS] [--log FILE] [--screenshot PNG] [--locale zh-cn]
//          [--env KEY=VALUE ...] [--with-extension DIR ...] [--keep] [--build] [--quiet]
//       The caller's environment (KUBECONFIG, DDB_*, ...) reaches the extension host, less
//       VSCODE_*, ELECTRON_*, NODE_OPTIONS and npm_* variables; --env adds or overrides.
//       Writes .test-results/exthost.log and .test-results/exthost.json (DDB_TEST_RESULTS).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, REPO_ROOT, resolveRig, startCodeServer, type CodeServer, type Rig } from './code-server';

export interface ExtensionTestOptions {
  /** Folder with the extension's package.json (extensionDevelopmentPath). */
  extensionPath: string;
  /** Compiled CommonJS module exporting run(): Promise<void> (extensionTestsPath). */
  testsEntry: string;
  /** Folder opened as the workspace; a temp folder if omitted. */
  workspace?: string;
  /** Variables for the extension host (set on the code-server process, which forks it). */
  env?: Record<string, string | undefined>;
  /** Hard limit for the whole run, start-up included. Default 180 s. */
  timeoutMs?: number;
  /** Screenshot of the workbench when the run ends (always taken on timeout if set). */
  screenshotPath?: string;
  /** Write the collected log here as well. */
  logPath?: string;
  /** Print log lines as they arrive (default: true for the CLI, false for the API). */
  echo?: boolean;
  /** Display language, e.g. 'zh-cn' (a stub language pack makes vscode.env.language follow). */
  locale?: string;
  /** User settings for the run (merged over the rig's defaults). */
  settings?: Record<string, unknown>;
  /** Test extension folders installed next to ours (code-server.ts installTestExtension). */
  extensions?: string[];
  /** Keep code-server's temp folder. */
  keepTemp?: boolean;
  /** The VS Code to run in (setup.sh's output for a CS_VERSION); resolveRig() if omitted. */
  rig?: Rig;
  /** Aborting ends the run (exit code 130) and still tears everything down. */
  signal?: AbortSignal;
}

export interface ExtensionTestResult {
  /** Exit code of the test run: 0 = passed, 1 = failed/rejected, 124 = timeout, 2 = rig error. */
  exitCode: number;
  log: string;
  durationMs: number;
  /** The JSON summary written by test/exthost/index.ts, when env.DDB_TEST_RESULTS was set. */
  summary?: { passed: number; failed: number; pending?: number; failures: Array<{ title: string; error: string }> };
}

/** Lines of workbench chatter that say nothing about our extension. */
const NOISE =
  /AgentHost|ChatModelSelection|AccountPolicyGate|authentication provider|ERR_NAME_NOT_RESOLVED|open-vsx|status of 404|Failed to load resource|\[copilot|chatSessions|Ignoring the error while validating workspace folder/i;

export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const lines: string[] = [];
  const logFd = opts.logPath
    ? (fs.mkdirSync(path.dirname(opts.logPath), { recursive: true }), fs.openSync(opts.logPath, 'w'))
    : undefined;
  let logClosed = false;
  let closing = false; // set once the outcome is known: late start-up steps undo themselves
  const log = (line: string) => {
    const stamped = `[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${line}`;
    lines.push(stamped);
    if (logFd !== undefined && !logClosed) fs.writeSync(logFd, stamped + '\n');
    if (opts.echo) console.log(stamped);
  };

  // code-server (and so the extension host) inherits this process's environment; opts.env
  // adds to it. Paths must be absolute: the extension host's cwd is a temp folder.
  const env: Record<string, string | undefined> = { ...opts.env, DDB_EXTHOST_RUNNER: '1' };
  const rawResults = 'DDB_TEST_RESULTS' in env ? env.DDB_TEST_RESULTS : process.env.DDB_TEST_RESULTS;
  const resultsPath = rawResults ? path.resolve(rawResults) : undefined;
  if (resultsPath) {
    env.DDB_TEST_RESULTS = resultsPath;
    fs.rmSync(resultsPath, { force: true });
  }
  const extensionPath = path.resolve(opts.extensionPath);
  const testsEntry = path.resolve(opts.testsEntry);
  if (!fs.existsSync(path.join(extensionPath, 'package.json'))) throw new Error(`no package.json in ${extensionPath}`);
  if (!fs.existsSync(testsEntry)) throw new Error(`tests entry ${testsEntry} not found (build it first)`);
  let tempWs: string | undefined;
  const workspace = opts.workspace ? path.resolve(opts.workspace) : (tempWs = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-ws-')));

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let settle!: (code: number) => void;
  const done = new Promise<number>((resolve) => (settle = resolve));
  const timer = setTimeout(() => {
    log(`[runner] TIMEOUT after ${timeoutMs} ms`);
    settle(124);
  }, timeoutMs);
  const onAbort = () => {
    log('[runner] aborted');
    settle(130);
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let exitCode: number;
  let bootPromise: Promise<unknown> | undefined;
  try {
    const rig = opts.rig ?? resolveRig();
    const boot = (async () => {
      server = await startCodeServer({
        rig,
        env,
        locale: opts.locale,
        settings: opts.settings,
        extensions: opts.extensions,
        keepTemp: opts.keepTemp,
        onLog: (l) => log(`[code-server] ${l}`),
      });
      if (closing) return server.stop();
      log(`[runner] code-server healthy on ${server.baseUrl} (${server.tmp})`);
      browser = await chromium.launch({ executablePath: rig.chromium, headless: true, args: CHROMIUM_ARGS });
      if (closing) return browser.close();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (e) => log(`[page error] ${String(e).slice(0, 500)}`));
      page.on('crash', () => {
        log('[runner] page crashed');
        settle(2);
      });
      // With enable-smoke-test-driver the workbench forwards its console, including the
      // extension host's (mocha's reporter), to codeAutomationLog.
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        if (!NOISE.test(line)) for (const l of line.split('\n')) log(l);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => {
        log(`[runner] codeAutomationExit(${code})`);
        settle(typeof code === 'number' ? code : 1);
      });
      const srv = server;
      const url = srv.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', srv.remoteUri(extensionPath)],
        ['extensionTestsPath', srv.remoteUri(testsEntry)],
        // Also hand the variables to the extension host directly: these take precedence over
        // both the server's environment and (if enabled) the login shell's.
        ['extensionEnvironment', JSON.stringify(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)))],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ]);
      log(`[runner] opening ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 }); // a loaded machine needs more than the 30 s default
    })();
    bootPromise = boot;
    boot.catch((e: unknown) => {
      if (closing) return;
      log(`[runner] start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      settle(2);
    });
    exitCode = await done;
    const p = page as Page | undefined;
    if (opts.screenshotPath && p) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(opts.screenshotPath)), { recursive: true });
        await p.screenshot({ path: opts.screenshotPath, timeout: 5000 });
        log(`[runner] screenshot ${opts.screenshotPath}`);
      } catch (e) {
        log(`[runner] screenshot failed: ${String(e)}`);
      }
    }
  } catch (e) {
    log(`[runner] error: ${e instanceof Error ? e.message : String(e)}`);
    exitCode = 2;
  } finally {
    closing = true;
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    const b = browser as Browser | undefined;
    await b?.close().catch(() => {});
    await (server as CodeServer | undefined)?.stop().catch(() => {});
    // A start-up step still in flight (e.g. on an early timeout) tears down what it starts;
    // wait for it so that nothing outlives this call.
    await bootPromise?.catch(() => {});
    if (tempWs) fs.rmSync(tempWs, { recursive: true, force: true });
  }
  log(`[runner] exit code ${exitCode}; total ${Date.now() - t0} ms`);
  if (logFd !== undefined) {
    logClosed = true;
    fs.closeSync(logFd);
  }
  let summary: ExtensionTestResult['summary'];
  if (resultsPath && fs.existsSync(resultsPath)) {
    try {
      summary = JSON.parse(fs.readFileSync(resultsPath, 'utf8')) as ExtensionTestResult['summary'];
    } catch {
      /* a torn file is reported as no summary */
    }
  }
  if (resultsPath && !summary && exitCode === 0) {
    // Seen with VS Code 1.90: the extension host crashed before mocha started, and the workbench
    // still reported exit code 0. A run that was asked for a summary and wrote none did not pass.
    log(`[runner] exit code 0 but no test summary in ${resultsPath}: counted as a failure`);
    exitCode = 1;
  }
  return { exitCode, log: lines.join('\n') + '\n', durationMs: Date.now() - t0, ...(summary ? { summary } : {}) };
}

// ---------------------------------------------------------------------------------------
// CLI
let build = false;

/** `--build`: bundle the extension (esbuild.mjs) and the extension-host tests first. */
function buildAll(testsEntry: string): void {
  const steps: string[][] = [
    [path.join(REPO_ROOT, 'esbuild.mjs')],
    [path.join(__dirname, 'build-exthost-tests.mjs'), '--outfile', testsEntry],
  ];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build step failed: node ${args.map((a) => path.relative(REPO_ROOT, a) || a).join(' ')}`);
  }
}

function parseCli(argv: string[]): ExtensionTestOptions {
  const o: ExtensionTestOptions = {
    extensionPath: REPO_ROOT,
    testsEntry: path.join(REPO_ROOT, 'out', 'exthost', 'index.js'),
    env: { DDB_TEST_RESULTS: process.env.DDB_TEST_RESULTS || path.join(REPO_ROOT, '.test-results', 'exthost.json') },
    logPath: path.join(REPO_ROOT, '.test-results', 'exthost.log'),
    echo: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--ext':
        o.extensionPath = val();
        break;
      case '--tests':
        o.testsEntry = val();
        break;
      case '--workspace':
        o.workspace = val();
        break;
      case '--timeout':
        o.timeoutMs = Number(val());
        break;
      case '--log':
        o.logPath = val();
        break;
      case '--screenshot':
        o.screenshotPath = val();
        break;
      case '--locale':
        o.locale = val();
        break;
      case '--keep':
        o.keepTemp = true;
        break;
      case '--with-extension':
        o.extensions = [...(o.extensions ?? []), path.resolve(val())];
        break;
      case '--build':
        build = true;
        break;
      case '--quiet':
        o.echo = false;
        break;
      case '--env': {
        const kv = val();
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new Error(`--env expects KEY=VALUE, got ${kv}`);
        o.env = { ...o.env, [kv.slice(0, eq)]: kv.slice(eq + 1) };
        break;
      }
      case '-h':
      case '--help':
        console.log(
          'usage: node --import tsx test/vscode-rig/run-exthost.ts [--build] [--ext DIR] [--tests JS] [--workspace DIR] [--timeout MS] [--log FILE] [--screenshot PNG] [--locale L] [--env K=V]... [--with-extension DIR]... [--keep] [--quiet]',
        );
        process.exit(0);
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

if (require.main === module) {
  let opts: ExtensionTestOptions;
  try {
    opts = parseCli(process.argv.slice(2));
    if (build) buildAll(opts.testsEntry);
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(2);
  }
  const abort = new AbortController();
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => abort.abort());
  runExtensionTests({ ...opts, signal: abort.signal }).then(
    (r) => {
      if (opts.logPath) {
        const rel = path.relative(process.cwd(), opts.logPath);
        console.log(`[runner] log written to ${rel.startsWith('..') ? opts.logPath : rel}`);
      }
      process.exit(r.exitCode);
    },
    (e) => {
      console.error('[runner] FAIL', e);
      process.exit(2);
    },
  );
}

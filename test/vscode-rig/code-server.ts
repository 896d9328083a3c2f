// Shared plumbing for tests that need a real VS Code: locating the rig installed by
// setup.sh (Node 24 + code-server + Chromium), starting code-server on a free loopback
// port with throw-away state, and tearing every process down again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CS_VERSION = process.env.CS_VERSION ?? '4.139.1';

/** Repository root (this file lives in <root>/test/vscode-rig). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface Rig {
  node24: string;
  codeServerEntry: string;
  chromium: string;
}

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

function rigDir(): string {
  // Same rule as setup.sh.
  const cache =
    process.env.DDB_VSCODE_RIG_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ddb-vscode-rig');
  return process.env.DDB_VSCODE_RIG_DIR || path.join(cache, `cs-${CS_VERSION}`);
}

/**
 * Finds Node 24, code-server and Chromium: from NODE24 / CODE_SERVER_ENTRY / CHROMIUM in
 * the environment, else from the env.sh that setup.sh leaves in its cache folder, else by
 * running setup.sh (which installs what is missing; minutes on a fresh machine).
 */
export function resolveRig(opts: { install?: boolean } = {}): Rig {
  let vars: Record<string, string | undefined> = {
    NODE24: process.env.NODE24,
    CODE_SERVER_ENTRY: process.env.CODE_SERVER_ENTRY,
    CHROMIUM: process.env.CHROMIUM,
  };
  const usable = () =>
    !!vars.NODE24 && fs.existsSync(vars.NODE24) && !!vars.CODE_SERVER_ENTRY && fs.existsSync(vars.CODE_SERVER_ENTRY);
  if (!usable()) {
    const envFile = path.join(rigDir(), 'env.sh');
    if (fs.existsSync(envFile)) vars = { ...parseEnvFile(fs.readFileSync(envFile, 'utf8')), ...stripUndefined(vars) };
  }
  if (!usable()) {
    if (opts.install === false) throw new Error('VS Code test rig not installed: run test/vscode-rig/setup.sh');
    const r = spawnSync('bash', [path.join(__dirname, 'setup.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`test/vscode-rig/setup.sh failed (exit ${r.status})`);
    vars = { ...parseEnvFile(r.stdout), ...stripUndefined(vars) };
  }
  if (!usable()) throw new Error('could not locate Node 24 / code-server after setup.sh');
  const chromium = vars.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!chromium) throw new Error('chromium not found (apt-get install chromium)');
  return { node24: vars.NODE24!, codeServerEntry: vars.CODE_SERVER_ENTRY!, chromium };
}

function stripUndefined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Chromium flags for a headless browser that never phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter',
];

export interface StartOptions {
  /** Extra variables for code-server, inherited by the extension host it forks. */
  env?: Record<string, string | undefined>;
  /** Use this extensions dir instead of an empty temp one. */
  extensionsDir?: string;
  /**
   * Display language, e.g. 'zh-cn'. VS Code resolves it only if a language pack for it is
   * installed; none can be downloaded here, so unless `languagePack` says otherwise an empty
   * stub pack is installed: VS Code's own UI stays English, but vscode.env.language is the
   * locale, so the extension's package.nls.<locale>.json and l10n bundle are used.
   */
  locale?: string;
  /**
   * Folders of small test extensions (plain JS, e.g. stand-ins for other publishers' extensions)
   * to install next to ours; see installTestExtension.
   */
  extensions?: string[];
  /** 'stub' (default) or the folder of a real language pack extension to install (copied). */
  languagePack?: 'stub' | string;
  /**
   * Keep VS Code's workspace trust on (default off): a folder the user has not trusted then opens
   * in Restricted Mode, which is what the restricted-mode UI test needs.
   */
  workspaceTrust?: boolean;
  /**
   * VS Code's smoke-test driver (default on): the UI tests need its hooks, but it also suppresses
   * notification toasts and answers modal dialogs by itself. The demo turns it off so that it
   * behaves as a user's VS Code does (toasts shown, confirmations asked).
   */
  testDriver?: boolean;
  /** User settings merged over the rig's defaults (settings.json of the temp user-data dir). */
  settings?: Record<string, unknown>;
  /** Loopback port to listen on (default: a free one). */
  port?: number;
  /** More code-server arguments. */
  args?: string[];
  /** Called with every line code-server prints. */
  onLog?: (line: string) => void;
  /**
   * Let VS Code merge the login shell's environment ($SHELL -ilc) into the extension host's,
   * as a desktop VS Code does. Off by default (DDB_RIG_USER_SHELL_ENV=1 turns it on): a
   * KUBECONFIG or PATH from ~/.bashrc would otherwise override what the test passes.
   */
  userShellEnv?: boolean;
  /** Keep the temp folder after stop() (for debugging). */
  keepTemp?: boolean;
  rig?: Rig;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Authority used in vscode-remote:// URIs for files on the server. */
  authority: string;
  /** The throw-away folder holding user data, extensions, XDG dirs and TMPDIR. */
  tmp: string;
  extensionsDir: string;
  userDataDir: string;
  process: ChildProcess;
  /** vscode-remote URI for a path on this machine. */
  remoteUri(p: string): string;
  /** Workbench URL opening `folder`, optionally with a smoke-test payload. */
  workbenchUrl(folder?: string, payload?: Array<[string, string]>): string;
  stop(): Promise<void>;
}

/** Variables never handed on to code-server (they would confuse a nested VS Code / Node). */
const DROP_ENV = /^(VSCODE_|ELECTRON_|NODE_OPTIONS$|NODE_PATH$|npm_|TS_NODE_|TSX_)/;

/**
 * Starts code-server on 127.0.0.1:<free port> with isolated state and waits for /healthz.
 * The server runs in its own process group; stop() kills the whole group (extension host,
 * pty host, file watcher included).
 */
export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  const rig = opts.rig ?? resolveRig();
  const port = opts.port ?? (await freePort());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-vscode-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: opts.extensionsDir ?? path.join(tmp, 'extensions'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgCache: path.join(tmp, 'xdg-cache'),
    tmpdir: path.join(tmp, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // Keep the workbench quiet and deterministic: no welcome page, no telemetry/update prompts.
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': opts.workspaceTrust === true,
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  if (opts.locale && !/^en\b/i.test(opts.locale)) {
    // The server computes a locale's NLS configuration once, from <user-data>/languagepacks.json,
    // which it otherwise writes lazily (too late for the first page load): write it up front.
    const packs = installLanguagePack(dirs.extensions, opts.locale, opts.languagePack ?? 'stub');
    fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(packs));
  }
  for (const ext of opts.extensions ?? []) installTestExtension(ext, dirs.extensions);
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const env: Record<string, string> = {
    // No extension gallery (open-vsx by default): offline its DNS failures stall start-up.
    EXTENSIONS_GALLERY: '{}',
  };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !DROP_ENV.test(k)) env[k] = v;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  Object.assign(env, {
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmpdir,
  });

  // VS Code server flags code-server does not model: 4.139 passes them through --vscode-option;
  // releases without it (4.90) learn them from a preloaded module (old-cli-flags.mjs).
  const passThrough = hasVscodeOption(rig.codeServerEntry);
  const vscodeFlag = (flag: string): string[] => (passThrough ? ['--vscode-option', flag] : [`--${flag}`]);
  const args = [
    ...(passThrough ? [] : ['--import', pathToFileURL(path.join(__dirname, 'old-cli-flags.mjs')).href]),
    rig.codeServerEntry,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    // Without this the workbench ignores the test payload and codeAutomation* hooks.
    ...(opts.testDriver === false ? [] : vscodeFlag('enable-smoke-test-driver')),
    // The extension host's env is {...server env, ...login-shell env, ...}: without this, a
    // KUBECONFIG/PATH exported in ~/.bashrc or ~/.profile would override what we pass.
    ...((opts.userShellEnv ?? process.env.DDB_RIG_USER_SHELL_ENV === '1') ? [] : vscodeFlag('force-disable-user-env')),
    ...(opts.locale ? ['--locale', opts.locale] : []),
    ...(opts.args ?? []),
  ];
  const child = spawn(rig.node24, args, { env, cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // The test runner kills the process groups listed here when it kills the script that started
  // them (a time limit): our own group would otherwise outlive the script.
  if (process.env.DDB_CHILD_GROUPS_FILE && child.pid) fs.appendFileSync(process.env.DDB_CHILD_GROUPS_FILE, `${child.pid}\n`);
  const onLog = opts.onLog ?? (() => {});
  for (const stream of [child.stdout!, child.stderr!]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLog(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  }
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const stop = async () => {
    if (!exited && child.pid) {
      killGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 1500);
      await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5000))]);
      clearTimeout(t);
    }
    // Children (extension host, pty host) may outlive the server process: sweep the group.
    if (child.pid) killGroup(child.pid, 'SIGKILL');
    keepExtensionLogs(tmp);
    if (!opts.keepTemp) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitHealthy(port, 30_000, () => exited);
  } catch (e) {
    await stop();
    throw e;
  }
  const authority = `127.0.0.1:${port}`;
  const remoteUri = (p: string) =>
    `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  return {
    port,
    baseUrl: `http://${authority}`,
    authority,
    tmp,
    extensionsDir: dirs.extensions,
    userDataDir: dirs.userData,
    process: child,
    remoteUri,
    workbenchUrl(folder, payload) {
      const q: string[] = [];
      if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
      if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `http://${authority}/${q.length ? '?' + q.join('&') : ''}`;
    },
    stop,
  };
}

/** Whether this code-server has --vscode-option (read from its CLI module: newer than 4.90). */
export function hasVscodeOption(codeServerEntry: string): boolean {
  const cli = path.join(path.dirname(codeServerEntry), 'cli.js');
  return fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('"vscode-option"');
}

/** The version of the code-server `entry` belongs to (its package.json). */
export function codeServerVersion(codeServerEntry: string): string {
  const pkg = path.resolve(path.dirname(codeServerEntry), '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * Puts a language pack for `locale` into an extensions dir: a copy of `source`, or a stub
 * whose core translation table is empty (English strings, but the locale is resolved).
 * Returns the matching languagepacks.json content for the server's user-data dir.
 */
/**
 * Copies a test extension folder into `extensionsDir` as `<publisher>.<name>-<version>`, with the
 * packages its package.json lists under `dependencies` copied from this repository's node_modules
 * (they must have no dependencies of their own). Returns the extension id.
 */
export function installTestExtension(folder: string, extensionsDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
    dependencies?: Record<string, string>;
  };
  const id = `${pkg.publisher}.${pkg.name}`;
  const dest = path.join(extensionsDir, `${id}-${pkg.version}`);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(folder, dest, { recursive: true });
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    fs.cpSync(path.join(REPO_ROOT, 'node_modules', dep), path.join(dest, 'node_modules', dep), { recursive: true });
  }
  return id;
}

export function installLanguagePack(
  extensionsDir: string,
  locale: string,
  source: 'stub' | string = 'stub',
): Record<string, unknown> {
  interface Localization {
    languageId: string;
    languageName?: string;
    localizedLanguageName?: string;
    translations: Array<{ id: string; path: string }>;
  }
  interface PackManifest {
    publisher: string;
    name: string;
    version: string;
    contributes?: { localizations?: Localization[] };
  }
  const lang = locale.toLowerCase();
  let dir: string;
  let manifest: PackManifest;
  if (source !== 'stub') {
    manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as PackManifest;
    dir = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase());
    fs.cpSync(source, dir, { recursive: true });
  } else {
    manifest = {
      name: `stub-language-pack-${lang}`,
      publisher: 'ddb-test',
      version: '0.0.1',
      contributes: {
        localizations: [
          { languageId: lang, languageName: lang, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] },
        ],
      },
    };
    dir = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ ...manifest, engines: { vscode: '*' }, categories: ['Language Packs'] }),
    );
    fs.writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  }
  const id = `${manifest.publisher}.${manifest.name}`;
  const out: Record<string, unknown> = {};
  for (const loc of manifest.contributes?.localizations ?? []) {
    out[loc.languageId.toLowerCase()] = {
      hash: crypto.createHash('md5').update(id).update(manifest.version).digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: Object.fromEntries(loc.translations.map((t) => [t.id, path.join(dir, t.path)])),
      label: loc.localizedLanguageName ?? loc.languageName ?? loc.languageId,
    };
  }
  if (!out[lang]) throw new Error(`language pack ${id} has no localization for ${lang}`);
  return out;
}

/**
 * Keeps the extension's output-channel logs (they are inside the throw-away folder) under
 * .test-results/output-channels/, so the credential-leak check can read what users would see.
 */
function keepExtensionLogs(tmp: string): void {
  const dest = path.join(REPO_ROOT, '.test-results', 'output-channels');
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/dolphindb/i.test(e.name) && e.name.endsWith('.log')) {
        fs.mkdirSync(dest, { recursive: true });
        fs.copyFileSync(p, path.join(dest, `${path.basename(tmp)}-${e.name}`));
      }
    }
  };
  walk(tmp);
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function waitHealthy(port: number, timeoutMs: number, dead: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const retry = () => {
      if (dead()) return reject(new Error('code-server exited during start-up'));
      if (Date.now() > deadline) return reject(new Error(`code-server not healthy on port ${port} after ${timeoutMs} ms`));
      setTimeout(tick, 150);
    };
    const tick = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (r) => {
        r.resume();
        if (r.statusCode === 200) resolve();
        else retry();
      });
      req.on('error', retry);
      req.on('timeout', () => req.destroy());
    };
    tick();
  });
}

// The extension in the lowest VS Code that package.json's engines.vscode admits: installs
// code-server 4.90.3 (VS Code 1.90.x, Node 20) through setup.sh, then runs a smoke subset of the
// extension-host suites in it, with the test ground up (KUBECONFIG set): the extension activates,
// the tree lists the seeded sample clusters, the language server puts a DolphinDB diagnostic on a bad
// document. Writes {passed, failed, skipped} to DDB_TEST_RESULTS (default
// .test-results/exthost-lowest.json). Assumes the extension is built (dist/; `npm run build`).
//
// Environment: DDB_LOWEST_CS_VERSION (default 4.90.3), DDB_TEST_GREP (overrides the smoke subset).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { seedSamples } from '../fixtures/samples';
import { REPO_ROOT, type Rig } from './code-server';
import { runExtensionTests } from './run-exthost';

const CS_VERSION = process.env.DDB_LOWEST_CS_VERSION || '4.90.3';
/** Full mocha titles of the smoke subset: activation, the explorer tree, the YAML diagnostics. */
const SMOKE_GREP =
  '^(smoke: extension in a real VS Code |DolphinDB explorer in VS Code |DolphinDB YAML in VS Code shows DDB-E006)';
const resultsFile = process.env.DDB_TEST_RESULTS || path.join(REPO_ROOT, '.test-results', 'exthost-lowest.json');
const log = (m: string) => console.log(`[run-lowest] ${m}`);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs a command to completion; stdout is captured, stderr goes to ours. */
function capture(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.on('error', (e) => resolve({ code: 127, out: String(e) }));
    p.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** setup.sh for CS_VERSION: installs it on first use (minutes), then only prints where it is. */
async function installRig(): Promise<Rig> {
  const t0 = Date.now();
  // DDB_VSCODE_RIG_DIR names one install folder whatever the version: it would hand back the main rig.
  const r = await capture('bash', [path.join(__dirname, 'setup.sh')], {
    ...process.env,
    CS_VERSION,
    DDB_VSCODE_RIG_DIR: undefined,
  });
  log(`setup.sh CS_VERSION=${CS_VERSION}: exit ${r.code} after ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.code !== 0) throw new Error(`setup.sh failed for code-server ${CS_VERSION}`);
  const vars = Object.fromEntries([...r.out.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  if (!vars.NODE24 || !vars.CODE_SERVER_ENTRY || !vars.CHROMIUM)
    throw new Error(`setup.sh printed no rig for ${CS_VERSION}:\n${r.out}`);
  return { node24: vars.NODE24, codeServerEntry: vars.CODE_SERVER_ENTRY, chromium: vars.CHROMIUM };
}

/** The VS Code version inside a code-server install (lib/vscode/package.json). */
function vscodeVersion(rig: Rig): string {
  const pkg = path.resolve(path.dirname(rig.codeServerEntry), '..', '..', 'lib', 'vscode', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * The point of this run is that the VS Code tested is the lowest one declared: its major.minor must
 * be engines.vscode's minimum. Returns a failure message, or undefined when they agree.
 */
function engineMismatch(tested: string): string | undefined {
  const engines = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } })
    .engines.vscode;
  const min = /(\d+)\.(\d+)/.exec(engines);
  const got = /^(\d+)\.(\d+)/.exec(tested);
  if (!min || !got) return `cannot compare engines.vscode "${engines}" with VS Code ${tested}`;
  if (min[1] !== got[1] || min[2] !== got[2])
    return `engines.vscode is "${engines}" but the lowest VS Code tested is ${tested} (code-server ${CS_VERSION})`;
  return undefined;
}

function startOperator(kubeconfig: string, logDir: string): ChildProcess {
  const out = fs.openSync(path.join(logDir, 'sim-operator.log'), 'a');
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'test/sim-operator/main.ts'),
      '--kubeconfig',
      kubeconfig,
      '--all-namespaces',
      '--log-dir',
      logDir,
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', out, out],
    },
  );
}

async function main(): Promise<Counts> {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) throw new Error('KUBECONFIG must point at the test ground');
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')))
    throw new Error('dist/extension.js missing: run `npm run build` first');
  const rig = await installRig();
  const tested = vscodeVersion(rig);
  log(`VS Code ${tested} (code-server ${CS_VERSION}) on ${rig.node24}`);
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const mismatch = engineMismatch(tested);
  if (mismatch) {
    log(`FAIL ${mismatch}`);
    counts.failed++;
  } else counts.passed++;

  const built = await capture(process.execPath, [path.join(__dirname, 'build-exthost-tests.mjs')], process.env);
  if (built.code !== 0) throw new Error('building the extension-host tests failed');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-exthost-lowest-'));
  const op = startOperator(kubeconfig, work);
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const http = new KubeHttp(kc);
  try {
    await seedSamples(http);
    const res = await runExtensionTests({
      rig,
      extensionPath: REPO_ROOT,
      testsEntry: path.join(REPO_ROOT, 'out/exthost/index.js'),
      env: {
        KUBECONFIG: kubeconfig,
        DDB_TEST_RESULTS: path.join(work, 'mocha.json'),
        DDB_TEST_GREP: process.env.DDB_TEST_GREP || SMOKE_GREP,
      },
      timeoutMs: 300_000,
      logPath: path.join(REPO_ROOT, '.test-results', 'exthost-lowest.log'),
      screenshotPath: path.join(REPO_ROOT, '.screenshots', 'exthost-lowest-end.png'),
      echo: true,
    });
    const s = res.summary;
    log(
      `mocha in VS Code ${tested}: exit ${res.exitCode}, ${s ? `${s.passed} passed, ${s.failed} failed, ${s.pending ?? 0} skipped` : 'no summary'}, ${Math.round(res.durationMs / 1000)} s`,
    );
    counts.passed += s?.passed ?? 0;
    counts.failed += s?.failed ?? 0;
    counts.skipped += s?.pending ?? 0;
    // No summary, a non-zero exit with no failure counted, or a filter that matched nothing: a failure.
    if (!s || (res.exitCode !== 0 && s.failed === 0) || s.passed + s.failed === 0) counts.failed++;
    return counts;
  } finally {
    op.kill('SIGTERM');
    http.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function finish(c: Counts): number {
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(c, null, 2));
  log(`${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped → ${path.relative(process.cwd(), resultsFile)}`);
  return c.failed > 0 ? 1 : 0;
}

const started = Date.now();
main().then(
  (c) => {
    const code = finish(c);
    log(`total ${Math.round((Date.now() - started) / 1000)} s`);
    process.exit(code);
  },
  (e: unknown) => {
    console.error('[run-lowest]', e);
    process.exit(finish({ passed: 0, failed: 1, skipped: 0 }));
  },
);

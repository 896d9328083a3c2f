// The extension-host tier: with the test ground up (KUBECONFIG set), starts the simulated
// operator as its own process, seeds the sample clusters, runs the mocha suites inside a real
// VS Code (code-server) and then the UI tests in Chromium. Writes {passed, failed, skipped} to
// DDB_TEST_RESULTS. Everything it started is stopped before it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { seedSamples } from '../fixtures/samples';
import { REPO_ROOT } from './code-server';
import { runExtensionTests } from './run-exthost';
// @ts-expect-error plain ESM helper without types
import { runTestFiles } from '../runner.mjs';

const resultsFile = process.env.DDB_TEST_RESULTS ?? path.join(REPO_ROOT, '.test-results', 'exthost.json');

function startOperator(kubeconfig: string, logDir: string): ChildProcess {
  const p = spawn(
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
      stdio: [
        'ignore',
        fs.openSync(path.join(logDir, 'sim-operator.log'), 'a'),
        fs.openSync(path.join(logDir, 'sim-operator.log'), 'a'),
      ],
    },
  );
  return p;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
    p.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) throw new Error('KUBECONFIG must point at the test ground');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-exthost-'));
  const op = startOperator(kubeconfig, work);
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const http = new KubeHttp(kc);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    await seedSamples(http);
    const built = await runNode([path.join(REPO_ROOT, 'test/vscode-rig/build-exthost-tests.mjs')], process.env);
    if (built !== 0) return finish(0, 1, 0);
    const res = await runExtensionTests({
      extensionPath: REPO_ROOT,
      testsEntry: path.join(REPO_ROOT, 'out/exthost/index.js'),
      env: { KUBECONFIG: kubeconfig, DDB_TEST_RESULTS: path.join(work, 'mocha.json') },
      timeoutMs: 300_000,
      logPath: path.join(REPO_ROOT, '.test-results', 'exthost.log'),
      screenshotPath: path.join(REPO_ROOT, '.screenshots', 'exthost-end.png'),
      echo: true,
      // A value under an old key, as a user of 0.1 would have it: migration.test.ts checks the move.
      settings: { 'dolphindb.requestTimeoutSeconds': 16 },
    });
    const s = res.summary;
    passed += s?.passed ?? 0;
    failed += s?.failed ?? 0;
    skipped += s?.pending ?? 0;
    // A summary saying "failed: 0" does not outweigh a run that exited non-zero (the mocha run was
    // killed, or VS Code failed after reporting), and no summary at all means it did not report.
    if (!s || (res.exitCode !== 0 && (s.failed ?? 0) === 0)) failed += 1;
    // The coexistence suite runs in its own VS Code: its stand-ins for Red Hat YAML and Microsoft's
    // Kubernetes extension change what every other suite sees (who reports YAML syntax, which kubeconfig).
    const coexistEntry = path.join(REPO_ROOT, 'out/exthost-coexist/index.js');
    const builtCoexist = await runNode(
      [
        path.join(REPO_ROOT, 'test/vscode-rig/build-exthost-tests.mjs'),
        '--dir',
        'test/exthost-coexist',
        '--outfile',
        coexistEntry,
      ],
      process.env,
    );
    if (builtCoexist !== 0) failed += 1;
    else {
      const stubs = path.join(REPO_ROOT, 'test/exthost-coexist/stubs');
      const co = await runExtensionTests({
        extensionPath: REPO_ROOT,
        testsEntry: coexistEntry,
        extensions: [path.join(stubs, 'redhat-yaml'), path.join(stubs, 'kubernetes-tools')],
        env: { KUBECONFIG: kubeconfig, DDB_TEST_RESULTS: path.join(work, 'mocha-coexist.json') },
        timeoutMs: 240_000,
        logPath: path.join(REPO_ROOT, '.test-results', 'exthost-coexist.log'),
        echo: true,
      });
      const cs = co.summary;
      passed += cs?.passed ?? 0;
      failed += cs?.failed ?? 0;
      skipped += cs?.pending ?? 0;
      if (!cs || (co.exitCode !== 0 && (cs.failed ?? 0) === 0)) failed += 1;
    }
    const uiFiles = fs.existsSync(path.join(REPO_ROOT, 'test/ui'))
      ? fs
          .readdirSync(path.join(REPO_ROOT, 'test/ui'))
          .filter((f) => f.endsWith('.ui.ts'))
          .map((f) => path.join('test/ui', f))
      : [];
    if (uiFiles.length > 0) {
      // One process per UI file, each with a time limit: a wedged browser cannot hang the tier.
      const r = await runTestFiles(uiFiles, {
        cwd: REPO_ROOT,
        tapDir: path.join(REPO_ROOT, '.test-results', 'tap', 'ui'),
        fileLimitMs: 600_000,
        tierLimitMs: 1_800_000,
        env: { KUBECONFIG: kubeconfig },
      });
      for (const p of r.problems) console.log(`[run-suites] ui: ${p}`);
      passed += r.passed;
      failed += r.failed;
      skipped += r.skipped;
    }
    return finish(passed, failed, skipped);
  } finally {
    op.kill('SIGTERM');
    http.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function finish(passed: number, failed: number, skipped: number): number {
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, skipped }, null, 2));
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('[run-suites]', e);
    finish(0, 1, 0);
    process.exit(1);
  },
);

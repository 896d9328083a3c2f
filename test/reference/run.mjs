#!/usr/bin/env node
// `npm run test:reference`: the fidelity tier. When the reference material is on this machine
// ($DDB_REFERENCE_DIR, else ../shared/reference beside the repository) it checks our fixtures
// against it and runs the fixture-driven tests on the real dolphindb-mgr v1.0.1/v1.1.7 charts and
// the reference example CRs, on a test ground of its own. Without that folder it says so in one
// line and exits 0 (nothing is counted, nothing skipped). This is the only code that reads it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGroup, runTestFiles } from '../runner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const refDir = path.resolve(process.env.DDB_REFERENCE_DIR ?? path.join(root, '..', 'shared', 'reference'));
const log = (m) => process.stdout.write(`[reference] ${m}\n`);

if (!fs.existsSync(path.join(refDir, 'examples')) || !fs.existsSync(path.join(refDir, 'charts'))) {
  log(`no reference material at ${refDir} (set DDB_REFERENCE_DIR); the fidelity tier has nothing to check`);
  process.exit(0);
}

// Our own fidelity checks, then the fixture-driven tests with the reference put in place of the fixtures.
const files = [
  ...fs
    .readdirSync(path.join(root, 'test', 'reference'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `test/reference/${f}`),
  'test/unit/validation/fixtures.test.ts',
  'test/unit/dolphindb/license.test.ts',
  'test/unit/dolphindb/status.test.ts',
  'test/unit/dolphindb/versions.test.ts',
  'test/sim-operator/desired.test.ts',
  'test/sim-operator/status.test.ts',
  'test/cluster/operations-helm.test.ts',
];

const run = (cmd, args, opts = {}) => runGroup(cmd, args, { cwd: root, limitMs: 3_600_000, ...opts });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-reference-'));
const groundDir = path.join(work, 'ground');
let summary = { passed: 0, failed: 1 };
try {
  log(`reference material: ${refDir}`);
  log('starting a test ground (helm and the control plane; built and cached by npm test)');
  const up = await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'up', '--dir', groundDir], { capture: true });
  if (up.code !== 0) throw new Error('the test ground did not start');
  const env = {
    DDB_REFERENCE_DIR: refDir,
    DDB_FIXTURE_EXAMPLES: path.join(refDir, 'examples'),
    DDB_FIXTURE_CHARTS: path.join(refDir, 'charts'),
  };
  for (const m of up.out.matchAll(/^export (\w+)='([^']*)'/gm)) env[m[1]] = m[2];
  const binDir = /export PATH='([^']*)'/.exec(up.out)?.[1];
  env.PATH = binDir ? `${binDir}${path.delimiter}${process.env.PATH}` : process.env.PATH;

  // One process per file with a time limit, like npm test (see test/runner.mjs).
  const r = await runTestFiles(files, {
    cwd: root,
    tapDir: path.join(work, 'tap'),
    fileLimitMs: 900_000,
    tierLimitMs: 2_400_000,
    env,
  });
  for (const p of r.problems) log(p);
  summary = { passed: r.passed, failed: r.failed + r.skipped };
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
} finally {
  await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'down', '--dir', groundDir, '--purge']);
  fs.rmSync(work, { recursive: true, force: true });
}
// Not a bare "N passed, N failed" line: .ci/run ends with the total of npm test and this tier.
log(`reference tier: ${summary.passed} passed, ${summary.failed} failed`);
fs.mkdirSync(path.join(root, '.test-results'), { recursive: true });
fs.writeFileSync(path.join(root, '.test-results', 'reference.json'), JSON.stringify(summary));
process.exit(summary.failed > 0 || summary.passed === 0 ? 1 : 0);

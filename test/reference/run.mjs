#!/usr/bin/env node
// `npm run test:reference`: the fidelity tier. When the reference material is on this machine
// ($DDB_REFERENCE_DIR, else ../shared/reference beside the repository) it checks our fixtures
// against it and runs the fixture-driven tests on the real dolphindb-mgr v1.0.1/v1.1.7 charts and
// the reference example CRs, on a test ground of its own. Without that folder it says so in one
// line and exits 0 (nothing is counted, nothing skipped). This is the only code that reads it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTap } from '../tap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const refDir = path.resolve(process.env.DDB_REFERENCE_DIR ?? path.join(root, '..', 'shared', 'reference'));
const log = (m) => process.stdout.write(`[reference] ${m}\n`);

if (!fs.existsSync(path.join(refDir, 'examples')) || !fs.existsSync(path.join(refDir, 'charts'))) {
  log(`no reference material at ${refDir} (set DDB_REFERENCE_DIR); the fidelity tier has nothing to check`);
  process.exit(0);
}

// Our own fidelity checks, then the fixture-driven tests with the reference put in place of the fixtures.
const files = [
  ...fs.readdirSync(path.join(root, 'test', 'reference')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/reference/${f}`),
  'test/unit/validation/fixtures.test.ts',
  'test/unit/dolphindb/license.test.ts',
  'test/unit/dolphindb/status.test.ts',
  'test/unit/dolphindb/versions.test.ts',
  'test/sim-operator/desired.test.ts',
  'test/sim-operator/status.test.ts',
  'test/cluster/lifecycle-helm.test.ts',
];

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: root, stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...(opts.env ?? {}) } });
    let out = '';
    if (opts.capture) p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out }));
    p.on('error', (e) => resolve({ code: 127, out: String(e) }));
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-reference-'));
const groundDir = path.join(work, 'ground');
let summary = { passed: 0, failed: 1 };
try {
  log(`reference material: ${refDir}`);
  log('starting a test ground (helm and the control plane; built and cached by npm test)');
  const up = await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'up', '--dir', groundDir], { capture: true });
  if (up.code !== 0) throw new Error('the test ground did not start');
  const env = { DDB_REFERENCE_DIR: refDir, DDB_FIXTURE_EXAMPLES: path.join(refDir, 'examples'), DDB_FIXTURE_CHARTS: path.join(refDir, 'charts') };
  for (const m of up.out.matchAll(/^export (\w+)='([^']*)'/gm)) env[m[1]] = m[2];
  const binDir = /export PATH='([^']*)'/.exec(up.out)?.[1];
  env.PATH = binDir ? `${binDir}${path.delimiter}${process.env.PATH}` : process.env.PATH;

  const tap = path.join(work, 'reference.tap');
  const r = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-force-exit', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], { env });
  const c = countTap(fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '');
  summary = { passed: c.passed, failed: c.failed + c.skipped + (r.code !== 0 && c.failed === 0 ? 1 : 0) };
  if (c.unfinished.length > 0) log(`reported but never finished: ${c.unfinished.join(', ')}`);
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
} finally {
  await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'down', '--dir', groundDir, '--purge']);
  fs.rmSync(work, { recursive: true, force: true });
}
log(`reference: ${summary.passed} passed, ${summary.failed} failed`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 || summary.passed === 0 ? 1 : 0);

#!/usr/bin/env node
// `npm test`: installs what the tiers need (Go-built control plane, code-server, Chromium), builds,
// then runs the tiers against real components and prints one line `N passed, N failed`.
//   --tier unit|cluster|exthost   run one tier only (repeatable)
//   --keep-ground                 leave the control plane running afterwards
// Each test file runs in its own process group with a time limit, and each tier has a budget: a file
// that overruns is killed with its children, counted as failed and named, and the run goes on, so no
// single test can hang CI. Skipped or todo tests are never counted as passed, and a tier that could
// not run counts as a failure. Tests of the test harness (the TAP counter, the simulated operator) are
// reported on their own line, apart from the product's tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { coverageTable } from './coverage.mjs';
import { killAllGroups, runGroup, runTestFiles } from './runner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, '.test-results');
// Each run starts with an empty results folder: the leak check reads only this run's logs.
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

const argv = process.argv.slice(2);
const tiers = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--tier') tiers.push(argv[++i]);
const want = (t) => tiers.length === 0 || tiers.includes(t);
const keepGround = argv.includes('--keep-ground');

/**
 * Time limits in seconds. A file's limit is several times its slowest run seen on the 2-core CI
 * machine; a tier's budget bounds the sum, so even many slow files cannot take CI past its 90 min.
 * DDB_TEST_TIME_SCALE multiplies all of them (e.g. 2 on a slower machine).
 */
const scale = Number(process.env.DDB_TEST_TIME_SCALE) > 0 ? Number(process.env.DDB_TEST_TIME_SCALE) : 1;
const LIMITS = {
  unit: { file: 240, tier: 900 },
  harness: { file: 240, tier: 600 },
  cluster: { file: 900, tier: 2700 },
  exthost: { tier: 2700 },
  install: { ground: 3600, rig: 1200, up: 300 },
};
const secs = (s) => Math.round(s * scale * 1000);

const t0 = Date.now();
const summary = [];
const log = (m) => process.stdout.write(`[test] ${m}\n`);

/** Runs a command in its own process group from the repository root (see runner.mjs). */
const run = (cmd, args, opts = {}) => runGroup(cmd, args, { cwd: root, ...opts });

function files(dir, suffix) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

/** Tiers whose coverage of src/ is measured (the extension host runs the bundle, not src/). */
const COVERED_TIERS = ['unit', 'cluster'];
const COVERAGE_SRC = pathToFileURL(path.join(root, 'src')).href + '/';

/** Runs node:test over files, one process per file, within the tier's limits (see runner.mjs). */
async function nodeTests(tier, testFiles, env = {}, forceExit = true) {
  if (testFiles.length === 0) {
    summary.push({ tier, passed: 0, failed: 1, note: 'no test files found' });
    return;
  }
  const limits = LIMITS[tier];
  const coverage = COVERED_TIERS.includes(tier)
    ? { coverageDir: path.join(results, 'coverage-raw', tier), coverageSrc: COVERAGE_SRC }
    : {};
  const r = await runTestFiles(testFiles, {
    cwd: root,
    tapDir: path.join(results, 'tap', tier),
    fileLimitMs: secs(limits.file),
    tierLimitMs: secs(limits.tier),
    env,
    forceExit,
    ...coverage,
  });
  const s = { tier, ...r };
  if (s.skipped > 0) s.failed += s.skipped; // a skipped test is not a pass
  for (const p of s.problems) log(`${tier}: ${p}`);
  if (s.problems.length > 0) s.note = `${s.problems.length} file(s) with problems, named above`;
  summary.push(s);
  fs.writeFileSync(path.join(results, `${tier}.json`), JSON.stringify(s, null, 2));
}

let groundEnv;
let tearingDown = false;
async function teardown() {
  if (!groundEnv || keepGround || tearingDown) return;
  tearingDown = true;
  await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'down', '--purge'], { env: groundEnv, limitMs: 60_000 });
}
// An interrupted run (Ctrl-C, CI timeout) stops the test it was running and the control plane it started.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping the running test and the control plane`);
    killAllGroups();
    void teardown().finally(() => process.exit(130));
  });
}

/** Harness tests (the TAP counter, the simulated operator) are not tests of the product. */
const isHarness = (f) => f.startsWith('test/sim-operator/') || f.startsWith('test/unit/runner/');

async function main() {
  // Build first: every tier uses the bundles.
  log('building');
  const b = await run(process.execPath, ['esbuild.mjs'], { limitMs: 300_000 });
  if (b.code !== 0) {
    summary.push({ tier: 'build', passed: 0, failed: 1 });
    return;
  }

  if (want('unit')) {
    const all = [...files('test/unit', '.test.ts'), ...files('test/sim-operator', '.test.ts'), ...files('test/lsp', '.test.ts')];
    log('tier 1: unit');
    await nodeTests(
      'unit',
      all.filter((f) => !isHarness(f)),
      {},
      false,
    );
    log('test harness: TAP counter and simulated operator');
    await nodeTests('harness', all.filter(isHarness), {}, false);
  }

  if (want('cluster') || want('exthost')) {
    log('installing the test ground (cached after the first run; the first build takes 10-60 min on 2 cores)');
    const bin = await run('bash', ['test/ground/build-binaries.sh'], { capture: true, limitMs: secs(LIMITS.install.ground) });
    if (bin.code !== 0) {
      summary.push({
        tier: 'ground',
        passed: 0,
        failed: 1,
        note: bin.timedOut ? 'building the control plane ran out of time' : 'building the control plane failed',
      });
      return;
    }
    log('starting the control plane');
    const up = await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'up'], {
      capture: true,
      limitMs: secs(LIMITS.install.up),
    });
    if (up.code !== 0) {
      summary.push({ tier: 'ground', passed: 0, failed: 1, note: 'the control plane did not start' });
      return;
    }
    groundEnv = {};
    for (const m of up.out.matchAll(/^export (\w+)='([^']*)'/gm)) groundEnv[m[1]] = m[2];
    const binDir = /export PATH='([^']*)'/.exec(up.out)?.[1];
    groundEnv.PATH = binDir ? `${binDir}${path.delimiter}${process.env.PATH}` : process.env.PATH;
  }

  try {
    if (want('cluster')) {
      log('tier 2: cluster (real control plane)');
      await nodeTests('cluster', files('test/cluster', '.test.ts'), groundEnv);
    }
    if (want('exthost')) {
      log('tier 3: extension host (real VS Code) and UI');
      const rigStart = Date.now();
      const setup = await run('bash', ['test/vscode-rig/setup.sh'], { capture: true, limitMs: secs(LIMITS.install.rig) });
      log(`VS Code rig ready in ${Math.round((Date.now() - rigStart) / 1000)} s`);
      if (setup.code !== 0) {
        summary.push({
          tier: 'exthost',
          passed: 0,
          failed: 1,
          note: setup.timedOut ? 'code-server setup ran out of time' : 'code-server setup failed',
        });
      } else {
        const rigEnv = {};
        for (const m of setup.out.matchAll(/^(NODE24|CODE_SERVER_ENTRY)=(.*)$/gm)) rigEnv[m[1]] = m[2];
        const out = path.join(results, 'exthost.json');
        fs.rmSync(out, { force: true });
        const started = Date.now();
        const r = await run(process.execPath, ['--import', 'tsx', 'test/vscode-rig/run-suites.ts'], {
          env: { ...groundEnv, ...rigEnv, DDB_TEST_RESULTS: out },
          limitMs: secs(LIMITS.exthost.tier),
        });
        const s = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : { passed: 0, failed: 1 };
        if (r.code !== 0 && s.failed === 0) s.failed = 1;
        const note = r.timedOut ? `killed after ${LIMITS.exthost.tier * scale} s (time limit)` : undefined;
        summary.push({ tier: 'exthost', passed: s.passed, failed: s.failed + (s.skipped ?? 0), ms: Date.now() - started, note });
      }
    }
    if (want('exthost')) {
      // The lowest VS Code that engines.vscode admits (code-server 4.90.3: VS Code 1.90, Node 20),
      // installed by run-lowest.ts itself: a smoke subset of the extension-host suites.
      log('tier 3b: extension host in the lowest declared VS Code');
      const out = path.join(results, 'exthost-lowest.json');
      fs.rmSync(out, { force: true });
      const started = Date.now();
      // Its own install (minutes when cold) plus one mocha run in VS Code.
      const limit = LIMITS.install.rig + 600;
      const r = await run(process.execPath, ['--import', 'tsx', 'test/vscode-rig/run-lowest.ts'], {
        env: { ...groundEnv, DDB_TEST_RESULTS: out },
        limitMs: secs(limit),
      });
      const s = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : { passed: 0, failed: 1 };
      if (r.code !== 0 && s.failed === 0) s.failed = 1;
      const note = r.timedOut ? `killed after ${limit * scale} s (time limit)` : undefined;
      summary.push({
        tier: 'exthost-lowest',
        passed: s.passed,
        failed: s.failed + (s.skipped ?? 0),
        ms: Date.now() - started,
        note,
      });
    }
    if (want('cluster') && want('exthost')) {
      // The whole suite ran: no token, client key or license content may appear in its logs.
      const leak = await run(process.execPath, ['test/leak-check.mjs'], { env: groundEnv, capture: true, limitMs: 120_000 });
      process.stdout.write(leak.out);
      summary.push({ tier: 'leak-check', passed: leak.code === 0 ? 1 : 0, failed: leak.code === 0 ? 0 : 1 });
    }
  } finally {
    await teardown();
  }
}

await main().catch((e) => {
  console.error(e);
  summary.push({ tier: 'runner', passed: 0, failed: 1 });
});
const rawTiers = Object.fromEntries(COVERED_TIERS.filter(want).map((t) => [t, path.join(results, 'coverage-raw', t)]));
if (Object.keys(rawTiers).length > 0) {
  try {
    for (const line of await coverageTable(root, rawTiers, path.join(results, 'coverage'))) log(line);
  } catch (e) {
    log(`coverage report failed: ${e instanceof Error ? e.message : e}`);
  }
}
// Why each failed test failed, just above the totals: a CI log shown only by its end still says it.
for (const s of summary) {
  for (const f of s.failures ?? []) {
    log(`FAILED ${s.tier}: ${f.name} (${f.location || f.file})`);
    for (const l of f.error) log(`    ${l}`);
    if (f.more > 0) log(`    … ${f.more} more line(s) in .test-results/tap/${s.tier}/`);
  }
}
for (const s of summary)
  log(
    `${s.tier}: ${s.passed} passed, ${s.failed} failed${s.ms ? ` (${Math.round(s.ms / 1000)} s)` : ''}${s.note ? ` — ${s.note}` : ''}`,
  );
const passed = summary.reduce((a, s) => a + s.passed, 0);
const failed = summary.reduce((a, s) => a + s.failed, 0);
log(`total time ${Math.round((Date.now() - t0) / 1000)} s`);
fs.writeFileSync(path.join(results, 'total.json'), JSON.stringify({ passed, failed }));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

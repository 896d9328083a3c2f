#!/usr/bin/env node
// `npm run bench`: starts the test ground (unless KUBECONFIG and DDB_GROUND_DIR point at one), builds
// k9s into a cache outside the repo (bench/build-k9s.sh), runs each benchmark, writes
// bench/results.json, prints every figure next to its anchor and exits non-zero when a benchmark
// fails to run or a target is missed. SIGINT/SIGTERM stop everything it started: the benchmark
// processes (code-server runs in its own process group under bench/vscode.ts), k9s's tmux server, and the ground (etcd, API server, controllers, KWOK).
//   --only explorer|vscode|validation|logs   run one benchmark (repeatable; vscode needs the load explorer seeds)
//   BENCH_SCALES=100,1000,5000  BENCH_REPS=5   explorer scales and interleaved rounds
//   BENCH_FREEZE=kube-scheduler,kwok   stop these once the ground is quiet (recorded; frees memory at 3,000 clusters)
//   BENCH_SKIP_MODEL=1   no expand/update timings on the model this run (an appended run keeps the earlier ones)
//   BENCH_SKIP_KUBECTL=1   leave the kubectl anchor out (recorded);  BENCH_APPEND_SCALES=1  keep earlier smaller scales
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, printReport } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const only = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--only') only.push(argv[++i]);
const want = (b) => only.length === 0 || only.includes(b);
const TMUX_SOCKET = 'ddb-bench-k9s'; // bench/peers.ts

const children = new Set();
function run(cmd, args, env = {}, capture = false) {
  return new Promise((resolve) => {
    // own process group, so an interrupt can stop the child and everything it started
    const p = spawn(cmd, args, {
      cwd: root,
      detached: true,
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    children.add(p);
    let out = '';
    if (capture) p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code, signal) => {
      children.delete(p);
      resolve({ code: code ?? (signal ? 128 : 1), out });
    });
  });
}

let groundEnv = {};
let groundDir = process.env.DDB_GROUND_DIR && process.env.KUBECONFIG ? process.env.DDB_GROUND_DIR : '';
let ownGround = false;
async function ensureGround() {
  if (groundDir) return;
  groundDir = mkdtempSync(path.join(os.tmpdir(), 'ddb-bench-ground-'));
  ownGround = true;
  const up = await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'up', '--dir', groundDir], {}, true);
  if (up.code !== 0) throw new Error('the test ground did not start');
  for (const m of up.out.matchAll(/^export (\w+)='([^']*)'/gm)) groundEnv[m[1]] = m[2];
  const bin = /export PATH='([^']*)'/.exec(up.out)?.[1];
  if (bin) groundEnv.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
}
const ground = (...args) =>
  run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', ...args, '--dir', groundDir], groundEnv);

let stopping = false;
async function cleanup() {
  for (const p of children) {
    try {
      process.kill(-p.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  spawnSync('tmux', ['-L', TMUX_SOCKET, 'kill-server'], { stdio: 'ignore' });
  if (ownGround && groundDir) {
    await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'down', '--purge', '--dir', groundDir], groundEnv);
    ownGround = false;
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${sig}: stopping everything the bench started`);
    cleanup().finally(() => {
      // what finished before the interrupt is still worth keeping
      failures.push(`interrupted by ${sig}`);
      finish();
      process.exit(130);
    });
  });
}

const resultsFile = path.join(root, 'bench', 'results.json');
const partsDir = mkdtempSync(path.join(os.tmpdir(), 'ddb-bench-parts-'));
const part = (name) => path.join(partsDir, `${name}.json`);
const readPart = (name) => (existsSync(part(name)) ? JSON.parse(readFileSync(part(name), 'utf8')) : undefined);
const failures = [];
const startLoad = os.loadavg();
try {
  // the production bundle, as packaged into the .vsix: what a user's extension host loads
  if ((await run(process.execPath, ['esbuild.mjs', '--production'])).code !== 0) throw new Error('the build failed');
  if (want('validation')) {
    console.log('\n== validation (language server vs yaml-language-server) ==');
    if ((await run(process.execPath, ['--import', 'tsx', 'bench/validation.ts'], { BENCH_OUT: part('validation') })).code !== 0)
      failures.push('validation');
  }
  let k9s = '';
  if (want('explorer')) {
    const b = await run('bash', ['bench/build-k9s.sh'], {}, true);
    k9s = b.code === 0 ? b.out.trim().split('\n').pop() : '';
    if (!k9s) failures.push('k9s build');
  }
  if (want('explorer') || want('logs') || want('vscode')) await ensureGround();
  if (want('logs')) {
    console.log('\n== logs (real control plane, KWOK-served log) ==');
    if ((await run(process.execPath, ['--import', 'tsx', 'bench/logs.ts'], { ...groundEnv, BENCH_OUT: part('logs') })).code !== 0)
      failures.push('logs');
  }
  if (want('explorer')) {
    console.log('\n== explorer (real control plane, operator-shaped load) ==');
    // The StatefulSet controller would roll the pods the load makes, the EndpointSlice controller would
    // churn on its Services: the controller manager stays stopped while the load exists.
    await ground('stop', 'kube-controller-manager');
    const r = await run(process.execPath, ['--import', 'tsx', 'bench/explorer.ts'], {
      ...groundEnv,
      BENCH_K9S: k9s,
      BENCH_OUT: part('explorer'),
    });
    if (r.code !== 0) failures.push('explorer');
  }
  if (want('vscode')) {
    console.log('\n== explorer inside VS Code (code-server extension host, the clusters seeded above) ==');
    if (
      (await run(process.execPath, ['--import', 'tsx', 'bench/vscode.ts'], { ...groundEnv, BENCH_OUT: part('vscode') })).code !==
      0
    )
      failures.push('vscode');
  }
  if (want('explorer') && !ownGround)
    for (const c of [
      'kube-controller-manager',
      ...(process.env.BENCH_FREEZE ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ])
      await ground('restart', c);
} catch (e) {
  failures.push(e instanceof Error ? e.message : String(e));
} finally {
  if (!stopping) await cleanup();
}

/** The parts of bench/results.json, each from one benchmark. */
const SECTIONS = ['validation', 'logs', 'explorer', 'vscode'];

function finish() {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? '',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    loadAverage: { start: startLoad, end: os.loadavg() },
    validation: readPart('validation'),
    logs: readPart('logs'),
    explorer: readPart('explorer'),
    vscode: readPart('vscode'),
    failures,
  };
  // every section says which run measured it, so a later --only run cannot relabel kept figures
  for (const k of SECTIONS) if (results[k]) results[k].measuredAt ??= results.date;
  if (results.explorer?.model) results.explorer.model.measuredAt ??= results.date;
  results.targets = evaluate(results);
  // keep the figures of benchmarks not run this time (--only), so the README table stays whole
  if (only.length && existsSync(resultsFile)) {
    const old = JSON.parse(readFileSync(resultsFile, 'utf8'));
    // a kept section from before sections were stamped was measured in that run or an earlier one
    const before = `${old.date} or earlier`;
    for (const k of SECTIONS) if (!want(k) && old[k]) results[k] = { ...old[k], measuredAt: old[k].measuredAt ?? before };
    // BENCH_APPEND_SCALES=1: a run of larger scales keeps the smaller scales of an earlier run (each
    // scale carries its own date, rounds and load averages)
    if (process.env.BENCH_APPEND_SCALES === '1' && results.explorer && old.explorer?.scales) {
      const mine = new Set(results.explorer.scales.map((s) => s.clusters));
      results.explorer.scales = [
        ...old.explorer.scales.filter((s) => !mine.has(s.clusters) && !s.error),
        ...results.explorer.scales,
      ].sort((a, b) => a.clusters - b.clusters);
      if (!results.explorer.model && old.explorer.model)
        results.explorer.model = { ...old.explorer.model, measuredAt: old.explorer.model.measuredAt ?? before };
    }
    results.targets = evaluate(results);
  }
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  rmSync(partsDir, { recursive: true, force: true });
  printReport(results);
  const missed = results.targets.filter((t) => !t.met);
  if (failures.length) console.error(`benchmarks that failed to run: ${failures.join(', ')}`);
  if (missed.length) console.error(`targets missed: ${missed.map((t) => t.name).join('; ')}`);
  return failures.length || missed.length ? 1 : 0;
}
if (!stopping) process.exit(finish());

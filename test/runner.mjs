// The test runner's process handling, apart from run-all.mjs so the harness can test it: every
// command runs in its own process group with an optional time limit, and node:test files run one
// process each, so a file that hangs is killed (with its children), named and counted as failed,
// and the run goes on.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { countTap, failureDetails } from './tap.mjs';

// Absolute, so test files outside the repository (the runner's own tests) load TypeScript too.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Process groups of the children running now, so an interrupt can stop them and their children. */
export const runningGroups = new Set();
let groupFiles = 0;

function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Keeps only the coverage of the repository's own `src/` in the V8 coverage files written since the
 * last call (each test process writes one file with every script it loaded, Node internals and
 * node_modules included: tens of MB a file); the report needs nothing else.
 */
export function pruneCoverage(dir, srcPrefix) {
  if (!dir || !fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith('coverage-') || f.startsWith('coverage-pruned-') || !f.endsWith('.json')) continue;
    const file = path.join(dir, f);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const keep = (url) => url.startsWith(srcPrefix);
    data.result = data.result.filter((r) => keep(r.url));
    if (data['source-map-cache'])
      data['source-map-cache'] = Object.fromEntries(Object.entries(data['source-map-cache']).filter(([u]) => keep(u)));
    if (data.result.length > 0)
      fs.writeFileSync(path.join(dir, `coverage-pruned-${f.slice('coverage-'.length)}`), JSON.stringify(data));
    fs.rmSync(file);
  }
}

/** Kills every group still running (on SIGINT/SIGTERM of the runner). */
export function killAllGroups() {
  for (const pid of runningGroups) killGroup(pid, 'SIGKILL');
}

/**
 * Runs a command in its own process group. With `limitMs`, a run that overruns is sent SIGTERM,
 * then SIGKILL 10 s later, the whole group: an esbuild service or a code-server left behind by a
 * test is in its group, so it goes too. Resolves `{code, out, timedOut}`.
 */
export function runGroup(cmd, args, opts = {}) {
  // Under node:test (the runner's own tests) NODE_TEST_CONTEXT would make a nested `node --test`
  // report to its parent instead of through the reporters we ask for.
  const env = { ...process.env, ...(opts.env ?? {}) };
  delete env.NODE_TEST_CONTEXT;
  // Programs that must run in a process group of their own (code-server) list it here, so that
  // they go when the command that started them is done or killed.
  const groupsFile = path.join(os.tmpdir(), `ddb-child-groups-${process.pid}-${++groupFiles}`);
  env.DDB_CHILD_GROUPS_FILE = groupsFile;
  const killListed = () => {
    if (!fs.existsSync(groupsFile)) return;
    for (const line of fs.readFileSync(groupsFile, 'utf8').split('\n')) if (Number(line) > 0) killGroup(Number(line), 'SIGKILL');
    fs.rmSync(groupsFile, { force: true });
  };
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      cwd: opts.cwd,
      detached: true,
      stdio: ['ignore', opts.capture ? 'pipe' : opts.quiet ? 'ignore' : 'inherit', opts.quiet ? 'ignore' : 'inherit'],
      env,
    });
    runningGroups.add(p.pid);
    let out = '';
    let timedOut = false;
    if (opts.capture) p.stdout.on('data', (d) => (out += d));
    let hard;
    const timer = opts.limitMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(p.pid, 'SIGTERM');
          hard = setTimeout(() => killGroup(p.pid, 'SIGKILL'), opts.graceMs ?? 10_000);
        }, opts.limitMs)
      : undefined;
    let exitCode;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve({ code: exitCode, out, timedOut });
    };
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hard);
      exitCode = code ?? (signal ? 128 : 1);
      // What the command left running in its group (a watch child, a server) goes with it,
      // unless it asked to outlive us (the ground's components start their own groups).
      killGroup(p.pid, 'SIGKILL');
      killListed();
      runningGroups.delete(p.pid);
      // Output may still be in the pipe: settle when it closes, or soon after if a process that
      // left the group still holds it open.
      if (!opts.capture) settle();
      else setTimeout(settle, 5000).unref();
    });
    p.on('close', () => {
      if (exitCode !== undefined) settle();
    });
    p.on('error', (e) => {
      clearTimeout(timer);
      runningGroups.delete(p.pid);
      resolve({ code: 127, out: String(e), timedOut });
    });
  });
}

/**
 * Runs node:test files one process each, each within `fileLimitMs` and all within `tierLimitMs`;
 * counts each file's TAP test points. Returns `{passed, failed, skipped, ms, problems}` where
 * problems name every file that was killed, crashed, ran nothing or was not run. Skipped tests
 * are counted apart and are not passes.
 */
export async function runTestFiles(testFiles, opts) {
  const { cwd, tapDir, fileLimitMs, tierLimitMs, env = {}, forceExit = true, quiet = false } = opts;
  fs.mkdirSync(tapDir, { recursive: true });
  const started = Date.now();
  const deadline = started + tierLimitMs;
  const s = { passed: 0, failed: 0, skipped: 0, ms: 0, problems: [], failures: [] };
  for (const file of testFiles) {
    const left = deadline - Date.now();
    if (left <= 0) {
      s.failed++;
      s.problems.push(`${file}: not run, the tier's ${Math.round(tierLimitMs / 1000)} s budget was spent`);
      continue;
    }
    const tap = path.join(tapDir, `${file.replace(/[\\/]/g, '__')}.tap`);
    const limitMs = Math.min(fileLimitMs, left);
    const fileStart = Date.now();
    const args = ['--import', TSX, '--test', ...(forceExit ? ['--test-force-exit'] : [])];
    // TAP goes to a pipe we read, not to a file the reporter writes: with --test-force-exit the
    // process exits without flushing a file stream (reports were cut short under load), while
    // writes to a pipe are synchronous on Linux. The readable spec report goes to stderr.
    args.push(
      '--test-reporter=spec',
      '--test-reporter-destination=stderr',
      '--test-reporter=tap',
      '--test-reporter-destination=stdout',
      file,
    );
    const r = await runGroup(process.execPath, args, {
      cwd,
      env: opts.coverageDir ? { ...env, NODE_V8_COVERAGE: opts.coverageDir } : env,
      limitMs,
      quiet,
      capture: true,
      graceMs: opts.graceMs,
    });
    fs.writeFileSync(tap, r.out);
    if (opts.coverageDir) pruneCoverage(opts.coverageDir, opts.coverageSrc);
    const c = countTap(r.out);
    s.passed += c.passed;
    s.failed += c.failed;
    s.skipped += c.skipped;
    if (c.failed > 0) for (const f of failureDetails(r.out)) s.failures.push({ file, ...f });
    const took = Math.round((Date.now() - fileStart) / 1000);
    if (r.timedOut) {
      s.failed++;
      const unfinished = c.unfinished.length ? `; unfinished: ${c.unfinished.join(', ')}` : '';
      s.problems.push(`${file}: killed after ${Math.round(limitMs / 1000)} s (time limit)${unfinished}`);
    } else if (c.unfinished.length > 0) {
      s.problems.push(`${file}: reported but never finished (the test process stopped): ${c.unfinished.join(', ')}`);
    } else if (r.code !== 0 && c.failed === 0) {
      s.failed++; // crashed before reporting
      s.problems.push(`${file}: exited with ${r.code} and reported no failure (${took} s)`);
    } else if (c.passed + c.failed + c.skipped === 0) {
      s.failed++;
      s.problems.push(`${file}: ran no test`);
    }
  }
  s.ms = Date.now() - started;
  return s;
}

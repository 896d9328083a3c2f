// The runner's time limits (test/runner.mjs): a test file that hangs, with a child process of its
// own, is killed with that child, named and counted as failed, and the files after it still run.
// A CI run once sat silent for 15 minutes on one hung file; this is the guard against that.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
// @ts-expect-error plain ESM helper without types
import { runTestFiles } from '../../runner.mjs';

interface FileRun {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runner time limits', () => {
  let dir = '';
  let pidFile = '';
  let result: FileRun;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-runner-'));
    pidFile = path.join(dir, 'child.pid');
    // Hangs after one passing test, holding a child process (like an esbuild service would).
    fs.writeFileSync(
      path.join(dir, 'a-hangs.test.mjs'),
      [
        "import { it } from 'node:test';",
        "import { spawn } from 'node:child_process';",
        "import { writeFileSync } from 'node:fs';",
        "it('passes first', () => {});",
        `it('never ends', async () => { const c = spawn('sleep', ['600'], { stdio: 'ignore' }); writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); await new Promise(() => setInterval(() => {}, 1000)); });`,
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'b-passes.test.mjs'),
      "import { it } from 'node:test';\nit('runs after the hung file', () => {});\n",
    );
    fs.writeFileSync(path.join(dir, 'c-crashes.test.mjs'), 'process.exit(3);\n');
    result = (await runTestFiles(['a-hangs.test.mjs', 'b-passes.test.mjs', 'c-crashes.test.mjs'], {
      cwd: dir,
      tapDir: path.join(dir, 'tap'),
      fileLimitMs: 15_000, // generous: node + tsx start slowly on a loaded 2-core machine
      tierLimitMs: 60_000,
      graceMs: 1000,
      quiet: true,
    })) as FileRun;
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('kills the hung file, names it and counts it as failed', () => {
    const killed = result.problems.filter((p) => p.startsWith('a-hangs.test.mjs: killed after 15 s'));
    assert.equal(killed.length, 1, result.problems.join('\n'));
  });

  it('kills the hung file’s own child process too', async () => {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    const until = Date.now() + 3000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false, `sleep ${pid} survived the kill`);
  });

  it('runs the files after it and counts a crash that reported nothing', () => {
    // passed: "passes first" and the file after the hung one; failed: the killed file and the crash.
    assert.equal(result.passed, 2, JSON.stringify(result));
    assert.equal(result.failed, 2, JSON.stringify(result));
    // The crash is reported by node:test as a failed file, so it needs no note of its own.
    assert.deepEqual(result.problems, ['a-hangs.test.mjs: killed after 15 s (time limit)']);
  });

  it('counts files past the tier budget as failed, not run', async () => {
    const r = (await runTestFiles(['a-hangs.test.mjs', 'b-passes.test.mjs'], {
      cwd: dir,
      tapDir: path.join(dir, 'tap2'),
      fileLimitMs: 60_000,
      tierLimitMs: 2500,
      graceMs: 500,
      quiet: true,
    })) as FileRun;
    assert.ok(
      r.problems.some((p) => p.startsWith('a-hangs.test.mjs: killed after 3 s')),
      r.problems.join('\n'),
    );
    assert.ok(r.problems.includes("b-passes.test.mjs: not run, the tier's 3 s budget was spent"), r.problems.join('\n'));
  });
});

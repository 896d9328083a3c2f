// The runner's TAP counting (test/tap.mjs): a report cut off mid-suite must count as a failure,
// never as a pass of the tests that happened to be reported.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
// @ts-expect-error plain ESM helper without types
import { countTap, failureDetails } from '../../tap.mjs';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const COMPLETE = `TAP version 13
# Subtest: parseQuantity
    # Subtest: accepts 1Gi
    ok 1 - accepts 1Gi
      ---
      duration_ms: 0.2
      ...
    # Subtest: skipped one
    ok 2 - skipped one # SKIP
      ---
      duration_ms: 0.1
      ...
    1..2
ok 1 - parseQuantity
  ---
  duration_ms: 1.2
  type: 'suite'
  ...
# Subtest: compareQuantities
    # Subtest: orders suffixes
    not ok 1 - orders suffixes
      ---
      duration_ms: 0.3
      ...
    1..1
not ok 2 - compareQuantities
  ---
  duration_ms: 0.5
  type: 'suite'
  ...
1..2
# tests 3
# pass 1
`;

// What CI once produced: the process of a test file stopped after a few tests of a suite.
const TRUNCATED = `TAP version 13
# Subtest: parseQuantity
    # Subtest: accepts 1Gi
    ok 1 - accepts 1Gi
      ---
      duration_ms: 0.2
      ...
    # Subtest: rejects ""
    ok 2 - rejects ""
      ---
      duration_ms: 0.1
      ...
# Subtest: status fixtures
    # Subtest: Available
    ok 1 - Available
      ---
      duration_ms: 2
      ...
    1..1
ok 2 - status fixtures
  ---
  duration_ms: 3
  type: 'suite'
  ...
`;

describe('countTap', () => {
  it('counts tests, not suites; SKIP is not a pass', () => {
    const c = countTap(COMPLETE) as { passed: number; failed: number; skipped: number; unfinished: string[] };
    assert.deepEqual(
      { passed: c.passed, failed: c.failed, skipped: c.skipped, unfinished: c.unfinished },
      { passed: 1, failed: 1, skipped: 1, unfinished: [] },
    );
  });

  it('counts a suite that never finished as a failure', () => {
    const c = countTap(TRUNCATED) as { passed: number; failed: number; unfinished: string[] };
    assert.equal(c.passed, 3);
    assert.deepEqual(c.unfinished, ['parseQuantity']);
    assert.equal(c.failed, 1);
  });
});

describe('failureDetails', () => {
  it('names each failed test with its error and location, from a real node:test TAP report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tap-fail-'));
    const file = path.join(dir, 'f.test.mjs');
    fs.writeFileSync(
      file,
      [
        "import { strict as assert } from 'node:assert';",
        "import { describe, it, before } from 'node:test';",
        "describe('outer', () => {",
        "  it('passes', () => {});",
        "  it('fails on purpose', () => { assert.equal(1 + 1, 3, 'arithmetic went wrong'); });",
        '});',
        "describe('hooked', () => {",
        "  before(() => { throw new Error('the hook broke'); });",
        "  it('never runs', () => {});",
        '});',
      ].join('\n'),
    );
    // Without NODE_TEST_CONTEXT the child reports TAP on stdout, not to this test run.
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
    fs.rmSync(dir, { recursive: true, force: true });
    const f = failureDetails(r.stdout) as { name: string; location: string; error: string[] }[];
    const names = f.map((x) => x.name);
    assert.ok(names.includes('fails on purpose'), names.join(' | '));
    const own = f.find((x) => x.name === 'fails on purpose');
    assert.ok(
      own?.error.some((l) => l.includes('arithmetic went wrong')),
      JSON.stringify(own),
    );
    assert.match(own?.location ?? '', /f\.test\.mjs:5:/);
    assert.ok(
      f.some((x) => x.error.some((l) => l.includes('the hook broke'))),
      JSON.stringify(f),
    );
    assert.ok(!names.includes('passes') && !names.includes('outer'), names.join(' | '));
  });
});

// Mocha entry that VS Code loads inside the extension host (extensionTestsPath).
// test/vscode-rig/build-exthost-tests.mjs bundles this file together with every
// test/exthost/**/*.test.ts into out/exthost/index.js; the generated bundle entry calls
// registerTests() with one lazy loader per test file, so describe()/it() exist (mocha's
// "pre-require") before a test file's top level runs. mocha itself stays external and is
// resolved from the repository's node_modules at run time.
//
// Environment:
//   DDB_TEST_RESULTS  write a JSON summary {passed, failed, pending, durationMs, failures} here
//   DDB_TEST_GREP     run only tests whose full title matches this regular expression
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestModule {
  /** Path of the test file relative to the repository (for messages only). */
  file: string;
  /** Evaluates the test file's module (registers its suites). */
  load: () => unknown;
}

export interface TestFailure {
  title: string;
  error: string;
  stack?: string;
}

export interface TestSummary {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: TestFailure[];
}

let modules: TestModule[] = [];

export function registerTests(list: TestModule[]): void {
  modules = list;
}

export function run(): Promise<void> {
  const grep = process.env.DDB_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: 'spec',
    ...(grep ? { grep: new RegExp(grep) } : {}),
  });

  if (modules.length > 0) {
    for (const m of modules) {
      mocha.suite.emit('pre-require', globalThis, m.file, mocha);
      mocha.suite.emit('require', m.load(), m.file, mocha);
      mocha.suite.emit('post-require', globalThis, m.file, mocha);
    }
  } else {
    // Not bundled (e.g. compiled file by file): load the *.test.js files next to us.
    for (const f of findTestFiles(__dirname)) mocha.addFile(f);
  }

  const summary: TestSummary = { passed: 0, failed: 0, pending: 0, durationMs: 0, failures: [] };
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        summary.durationMs = Date.now() - started;
        writeSummary(summary);
        console.log(
          `${summary.passed} passed, ${summary.failed} failed` + (summary.pending ? `, ${summary.pending} skipped` : ''),
        );
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (e) {
      summary.failed++;
      summary.failures.push({ title: '(loading tests)', error: errorText(e) });
      writeSummary(summary);
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    runner.on('pass', () => summary.passed++);
    runner.on('pending', () => summary.pending++);
    runner.on('fail', (test, err: unknown) => {
      summary.failed++;
      const stack = err instanceof Error ? err.stack : undefined;
      summary.failures.push({ title: test.fullTitle(), error: errorText(err), ...(stack ? { stack } : {}) });
    });
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function writeSummary(summary: TestSummary): void {
  const out = process.env.DDB_TEST_RESULTS;
  if (!out) return;
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
  } catch (e) {
    console.error(`could not write DDB_TEST_RESULTS=${out}: ${errorText(e)}`);
  }
}

function findTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...findTestFiles(p));
    else if (ent.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

// An OperationContext for tests: English messages, log and progress captured in arrays, and an
// AbortController to cancel with.
import { english } from '../../../src/core/i18n/translate';
import type { OperationContext } from '../../../src/core/operation';

export interface TestContext extends OperationContext {
  readonly lines: string[];
  readonly progressLines: string[];
  readonly abort: AbortController;
}

export function testContext(opts: { echo?: boolean } = {}): TestContext {
  const abort = new AbortController();
  const lines: string[] = [];
  const progressLines: string[] = [];
  return {
    signal: abort.signal,
    abort,
    lines,
    progressLines,
    t: english,
    log: (l) => {
      lines.push(l);
      if (opts.echo || process.env.DDB_TEST_ECHO) process.stdout.write(`    | ${l}\n`);
    },
    progress: { report: (m) => void progressLines.push(m) },
  };
}

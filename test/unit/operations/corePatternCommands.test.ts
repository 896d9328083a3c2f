// The core-dump dialog's "Copy host commands" copies corePatternCommands: they must be exactly the
// commands the instructions show, for the directory as configured (trailing slashes dropped).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english } from '../../../src/core/i18n/translate';
import { corePatternCommands, corePatternInstructions } from '../../../src/core/operations/coredump';

describe('corePatternCommands', () => {
  it('are the two commands of the instructions, in order', () => {
    const commands = corePatternCommands('/data/ddb/core//');
    assert.deepEqual(commands, [
      'echo "/data/ddb/core/core.%p" | sudo tee /proc/sys/kernel/core_pattern',
      'echo "kernel.core_pattern=/data/ddb/core/core.%p" | sudo tee /etc/sysctl.d/60-dolphindb-core.conf',
    ]);
    const lines = corePatternInstructions(english, '/data/ddb/core//');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('echo ')),
      commands,
    );
  });
});

// The demo's install progress (test/demo/progress.ts): a long step says what it is building and for
// how long, and a failing one prints the line that explains it and where the full log is.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { currentActivity, failureLine, runStep, StepFailed } from '../../demo/progress';

describe('demo install progress', () => {
  it('names the latest thing being built', () => {
    const log = '[ground-build] building etcd v3.6.5\nnoise\n[ground-build] building kube-apiserver v1.34.4\ngo: downloading x\n';
    assert.equal(currentActivity(log), 'building kube-apiserver v1.34.4');
    assert.equal(
      currentActivity('[vscode-rig] installing code-server@4.139.1 into /x (several minutes; log: /x/install.log)'),
      'installing code-server@4.139.1 into /x',
    );
    assert.equal(currentActivity('nothing yet'), undefined);
  });

  it('picks the error line, not the last line', () => {
    const text =
      'ok\nERROR: code-server currently requires node v24.\nWe have detected that you are on node v20\nnpm notice done\n';
    assert.equal(failureLine(text), 'ERROR: code-server currently requires node v24.');
    assert.equal(failureLine('a\nb\n'), 'b');
  });

  it('reports progress while a step runs and the failing line with the log path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-progress-'));
    const logFile = path.join(dir, 'install.log');
    const said: string[] = [];
    const script =
      'echo "[ground-build] building kwok v0.8.0" >&2; sleep 1; echo "go: error loading module" >&2; echo tail; exit 2';
    await assert.rejects(
      runStep('control plane', 'sh', ['-c', script], { cwd: dir, logFile, everyMs: 300, say: (l) => said.push(l) }),
      (e: unknown) => e instanceof StepFailed && e.line === 'go: error loading module' && e.logFile === logFile,
    );
    assert.ok(
      said.some((l) => /control plane: building kwok v0\.8\.0 \(\d+ s\)/.test(l)),
      said.join('\n'),
    );
    assert.match(fs.readFileSync(logFile, 'utf8'), /building kwok[\s\S]*tail/);
    const ok = await runStep('quick', 'sh', ['-c', 'echo OUT=1'], { cwd: dir, logFile, say: (l) => said.push(l) });
    assert.equal(ok, 'OUT=1\n');
    assert.ok(said.some((l) => /quick: done in \d+ s/.test(l)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

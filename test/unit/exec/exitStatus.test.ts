import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { exitOf } from '../../../src/core/exec/exitStatus';

describe('exitOf (exec Status → exit code)', () => {
  it('Success is 0', () => {
    assert.deepEqual(exitOf({ status: 'Success', metadata: {} } as never), { code: 0 });
  });
  it('NonZeroExitCode carries the ExitCode cause (the kubelet with a CRI runtime)', () => {
    const e = exitOf({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: exit code 3',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    assert.equal(e.code, 3);
  });
  it("Go's ExitError text in an InternalError (KWOK's local exec)", () => {
    const e = exitOf({
      status: 'Failure',
      reason: 'InternalError',
      message: 'Internal error occurred: error executing command in container: cmd wait: sh -c exit 3: exit status 3',
    });
    assert.equal(e.code, 3);
  });
  it('any other failure has no code, only its message', () => {
    const e = exitOf({ status: 'Failure', reason: 'InternalError', message: 'container not found ("dolphindb")' });
    assert.equal(e.code, undefined);
    assert.equal(e.message, 'container not found ("dolphindb")');
    assert.equal(exitOf({ status: 'Failure' }).message, 'the command failed');
  });
});

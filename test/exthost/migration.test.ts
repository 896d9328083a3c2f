// Settings a user set under the old `dolphindb.*` keys (DolphinDB's own extension's namespace) are
// copied to `dolphindbK8s.*` when the extension starts. run-suites.ts seeds the rig's user settings
// with `dolphindb.requestTimeoutSeconds: 16` (the default is 15), as an existing user would have it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXT_ID, until } from './util';

describe('settings moved from dolphindb.* to dolphindbK8s.*', () => {
  it('copies a value the user set under the old key to the new key, and leaves the old one', async () => {
    const old = vscode.workspace.getConfiguration('dolphindb').inspect<number>('requestTimeoutSeconds');
    assert.equal(old?.globalValue, 16, 'the rig seeded the old key (run-suites.ts)');
    await vscode.extensions.getExtension(EXT_ID)?.activate();
    const moved = await until(
      'the new key holds the old value',
      () => {
        const v = vscode.workspace.getConfiguration('dolphindbK8s').inspect<number>('requestTimeoutSeconds')?.globalValue;
        return v === 16 ? v : undefined;
      },
      15_000,
    );
    assert.equal(moved, 16);
    assert.equal(vscode.workspace.getConfiguration('dolphindbK8s').get<number>('requestTimeoutSeconds'), 16);
    assert.equal(
      vscode.workspace.getConfiguration('dolphindb').inspect<number>('requestTimeoutSeconds')?.globalValue,
      16,
      'the old key is left in place',
    );
  });
});

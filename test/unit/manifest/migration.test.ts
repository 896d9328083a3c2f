// Settings migration from the old `dolphindb.*` keys to `dolphindbK8s.*` (src/extension/migration/plan.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { planMigration, type ScopedValues } from '../../../src/extension/migration/plan';

const table =
  (t: Record<string, ScopedValues>) =>
  (k: string): ScopedValues =>
    t[k] ?? {};

describe('settings migration plan', () => {
  const base = {
    keys: ['context', 'helmPath', 'logs.maxLines'],
    restricted: ['helmPath'],
    workspaceTrusted: true,
    done: new Set<never>(),
  };

  it('copies each scope the user set under the old key', () => {
    const steps = planMigration({
      ...base,
      old: table({ context: { global: 'prod', workspace: 'dev' }, 'logs.maxLines': { workspaceFolder: 500 } }),
      current: table({}),
    });
    assert.deepEqual(steps, [
      { key: 'context', scope: 'global', value: 'prod' },
      { key: 'context', scope: 'workspace', value: 'dev' },
      { key: 'logs.maxLines', scope: 'workspaceFolder', value: 500 },
    ]);
  });

  it('never overwrites a value already set under the new key', () => {
    const steps = planMigration({
      ...base,
      old: table({ context: { global: 'old', workspace: 'old-ws' } }),
      current: table({ context: { global: 'new' } }),
    });
    assert.deepEqual(steps, [{ key: 'context', scope: 'workspace', value: 'old-ws' }]);
  });

  it('skips restricted workspace values in an untrusted workspace, but not the user’s own', () => {
    const steps = planMigration({
      ...base,
      workspaceTrusted: false,
      old: table({ helmPath: { global: '/opt/helm', workspace: './evil-helm' } }),
      current: table({}),
    });
    assert.deepEqual(steps, [{ key: 'helmPath', scope: 'global', value: '/opt/helm' }]);
  });

  it('runs once per scope: a migrated scope is not copied again', () => {
    const steps = planMigration({
      ...base,
      done: new Set(['global'] as const),
      old: table({ context: { global: 'prod', workspace: 'dev' } }),
      current: table({}),
    });
    assert.deepEqual(steps, [{ key: 'context', scope: 'workspace', value: 'dev' }]);
  });
});

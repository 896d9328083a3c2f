import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { dolphinDBNamespaces } from '../../../src/core/language';
import { DDB_HEAD } from './helpers';

describe('dolphinDBNamespaces', () => {
  it('reads metadata.namespace of each DolphinDB document, skipping others', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: nope\n---\n${DDB_HEAD}metadata:\n  name: a\n  namespace: prod\n---\n${DDB_HEAD}metadata:\n  name: b\n`;
    assert.deepEqual(dolphinDBNamespaces(text), ['prod', undefined]);
  });
  it('ignores namespace keys deeper than metadata and reads quoted and flow values', () => {
    assert.deepEqual(dolphinDBNamespaces(`${DDB_HEAD}metadata:\n  labels:\n    namespace: deep\n  name: a\n`), [undefined]);
    assert.deepEqual(dolphinDBNamespaces(`${DDB_HEAD}metadata:\n    # comment\n    namespace: "q-ns"\n`), ['q-ns']);
    assert.deepEqual(dolphinDBNamespaces(`${DDB_HEAD}metadata: {name: a, namespace: flow}\n`), ['flow']);
  });
  it('finds documents by kind alone (a wrong apiVersion is still a DolphinDB document)', () => {
    assert.deepEqual(dolphinDBNamespaces('kind: DolphinDB\nmetadata:\n  namespace: x\n'), ['x']);
    assert.deepEqual(dolphinDBNamespaces('kind: Deployment\nmetadata:\n  namespace: x\n# dolphindb\n'), []);
  });
});

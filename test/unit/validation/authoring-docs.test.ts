import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { dolphindbDocuments } from '../../../src/core/authoring/clusterCheck';

describe('dolphindbDocuments', () => {
  it('finds each DolphinDB document of a multi-document file with its first line', () => {
    const text = [
      '# comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: x}',
      '---',
      '# lead',
      'apiVersion: dolphindb.dolphindb.io/v1',
      'kind: DolphinDB',
      'metadata:',
      '  name: a',
      'spec: {mode: standalone}',
      '---',
      'apiVersion: dolphindb.dolphindb.io/v1',
      'kind: DolphinDB',
      'metadata: {name: b, namespace: prod}',
    ].join('\n');
    const docs = dolphindbDocuments(text, 'dolphindb');
    assert.deepEqual(
      docs.map((d) => [d.object.metadata.name, d.object.metadata.namespace, d.line]),
      [
        ['a', 'dolphindb', 6],
        ['b', 'prod', 12],
      ],
    );
  });
  it('ignores broken and foreign documents', () => {
    assert.deepEqual(dolphindbDocuments('apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata: [\n'), []);
    assert.deepEqual(dolphindbDocuments('apiVersion: dolphindb.dolphindb.io/v1\nkind: Backup\nmetadata: {name: x}\n'), []);
  });
});

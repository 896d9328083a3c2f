// The line test that starts the language server: DolphinDB documents in every spelling the
// validator accepts, seed-style ones included, and nothing else.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DOLPHINDB_MARKER_LINE_RE } from '../../../src/protocol/messages';

describe('DOLPHINDB_MARKER_LINE_RE', () => {
  it('matches the API group and kind: DolphinDB lines', () => {
    for (const line of [
      'apiVersion: dolphindb.dolphindb.io/v1',
      'kind: DolphinDB',
      'kind: "DolphinDB"',
      "  kind: 'dolphindb'  # seed",
      '- kind: DolphinDB',
    ]) {
      assert.ok(DOLPHINDB_MARKER_LINE_RE.test(line), line);
    }
  });
  it('does not match other kinds or mentions', () => {
    for (const line of [
      'kind: DolphinDBList',
      'kind: ConfigMap',
      'name: dolphindb',
      '# kind: DolphinDB',
      'description: kind: DolphinDB',
    ]) {
      assert.ok(!DOLPHINDB_MARKER_LINE_RE.test(line), line);
    }
  });
  it('finds a seed-style document in a whole text', () => {
    assert.ok(DOLPHINDB_MARKER_LINE_RE.test('apiVersion: v1\nkind: DolphinDB\nmetadata:\n  name: demo\n'));
    assert.ok(!DOLPHINDB_MARKER_LINE_RE.test('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dolphindb\n'));
  });
});

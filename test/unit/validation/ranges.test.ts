// Ranges are exact: 0-based lines and characters of the key or value that is wrong.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validateText, type Problem, type Range } from '../../../src/core/validation';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const only = (ps: Problem[], code: string): Problem => {
  const f = ps.filter((p) => p.code === code);
  assert.equal(f.length, 1, JSON.stringify(ps.map((p) => p.code)));
  return f[0];
};

const BASE = [
  'apiVersion: dolphindb.dolphindb.io/v1', // 0
  'kind: DolphinDB', // 1
  'metadata:', // 2
  '  name: ha', // 3
  'spec:', // 4
  '  mode: cluster', // 5
  '  clusterType: multicontroller', // 6
  '  version: v2.00.16', // 7
  '  controller:', // 8
  '    replicas: 3', // 9
  '    port: 31210', // 10
  '  datanode:', // 11
  '    replicas: 3', // 12
  '    dataSize: 5Gi', // 13
  '',
].join('\n');
const edit = (line: number, text: string): string => {
  const lines = BASE.split('\n');
  lines[line] = text;
  return lines.join('\n');
};

describe('problem ranges', () => {
  it('the base text is clean', () => assert.deepEqual(validateText(BASE), []));
  it('E006 covers the replicas value', () => {
    assert.deepEqual(only(validateText(edit(9, '    replicas: 2')), 'DDB-E006').range, r(9, 14, 9, 15));
  });
  it('W100 covers the unknown key only', () => {
    assert.deepEqual(only(validateText(edit(6, '  clustertype: multicontroller')), 'DDB-W100').range, r(6, 2, 6, 13));
  });
  it('E001 covers the apiVersion value', () => {
    assert.deepEqual(only(validateText(edit(0, 'apiVersion: v1')), 'DDB-E001').range, r(0, 12, 0, 14));
  });
  it('E002 covers the name value, quotes included', () => {
    assert.deepEqual(only(validateText(edit(3, '  name: "ddb_test1"')), 'DDB-E002').range, r(3, 8, 3, 19));
  });
  it('E007 covers the offending key, not the whole block', () => {
    const text = BASE.replace('mode: cluster', 'mode: standalone')
      .replace('  clusterType: multicontroller\n', '')
      .replace('    replicas: 3\n    dataSize', '    replicas: 1\n    dataSize');
    assert.deepEqual(only(validateText(text), 'DDB-E007').range, r(7, 2, 7, 12));
  });
  it('E011 covers a quantity value in a flow map', () => {
    assert.deepEqual(
      only(validateText(edit(13, '    resources: {limits: {memory: 10GB}}')), 'DDB-E011').range,
      r(13, 33, 13, 37),
    );
  });
  it('E016 covers the mount name value', () => {
    const text = `${BASE}    volumeMounts:\n      - name: plugins\n        mountPath: /p\n`;
    const p = only(validateText(text), 'DDB-E016');
    assert.deepEqual(p.range, r(15, 14, 15, 21));
    assert.equal(p.path, 'spec.datanode.volumeMounts[0].name');
  });
  it('E017 and W017 cover the instance key, quoted or not', () => {
    const text = `${BASE}    instances:\n      "x": {}\n      7: {}\n`;
    const ps = validateText(text);
    assert.deepEqual(only(ps, 'DDB-E017').range, r(15, 6, 15, 9));
    assert.deepEqual(only(ps, 'DDB-W017').range, r(16, 6, 16, 7));
  });
  it('E004 for a missing clusterType points at mode: cluster', () => {
    assert.deepEqual(only(validateText(edit(6, '')), 'DDB-E004').range, r(5, 8, 5, 15));
  });
  it('E102 points at the first key of the incomplete item', () => {
    const text = `${BASE}    volumes:\n      - name: v\n        emptyDir: {}\n    volumeMounts:\n      - name: v\n`;
    const p = only(validateText(text), 'DDB-E102');
    assert.deepEqual(p.range.start, { line: 18, character: 8 });
  });
  it('counts characters in UTF-16 units after non-ASCII text', () => {
    const text = edit(3, '  name: ha # 集群名').replace('replicas: 3\n    port', 'replicas: 2\n    port');
    assert.deepEqual(only(validateText(text), 'DDB-E006').range, r(9, 14, 9, 15));
    const text2 = `${BASE}    config:\n      note: "数据"\n      workerNum: 4\n`;
    assert.deepEqual(only(validateText(text2), 'DDB-E015').range, r(16, 17, 16, 18));
  });
  it('handles CRLF line endings', () => {
    const text = edit(9, '    replicas: 2').replace(/\n/g, '\r\n');
    assert.deepEqual(only(validateText(text), 'DDB-E006').range, r(9, 14, 9, 15));
  });
  it('an alias value is highlighted where the alias is, not at its anchor', () => {
    // metadata accepts extra keys, so the anchor itself is not a problem.
    const text = BASE.replace('  name: ha\n', '  name: ha\n  extra: &two 2\n').replace(
      '    replicas: 3\n    port',
      '    replicas: *two\n    port',
    );
    const ps = validateText(text);
    assert.deepEqual(only(ps, 'DDB-E006').range, r(10, 14, 10, 18));
    assert.deepEqual(
      ps.filter((p) => p.code !== 'DDB-E006'),
      [],
    );
  });
});

// Hostile and broken input: never throw, never hang, bounded output.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MAX_DOCUMENT_CHARS, validateText, type Problem } from '../../../src/core/validation';
import { readExample } from './helpers';

const HEAD = 'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata: {name: x}\n';

/** Runs validateText, asserting it returns an array within `ms`. */
function timed(text: string, ms: number): Problem[] {
  const start = performance.now();
  const ps = validateText(text);
  const took = performance.now() - start;
  assert.ok(Array.isArray(ps));
  assert.ok(took < ms, `took ${took.toFixed(0)} ms (limit ${ms})`);
  return ps;
}

describe('robustness', () => {
  it('a billion-laughs alias bomb inside a schema path stays bounded', () => {
    let text = `${HEAD}spec:\n  mode: standalone\n  version: v2.00.16\n  datanode:\n    replicas: 1\n    volumes: &v0\n      - {name: a, emptyDir: {}}\n`;
    for (let i = 1; i <= 9; i++)
      text += `    x${i}: &v${i} [${Array(10)
        .fill(`*v${i - 1}`)
        .join(', ')}]\n`;
    text += `  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: *v9\n`;
    const ps = timed(text, 3000);
    assert.ok(ps.length > 0 && ps.length <= 1001);
  });
  it('a bomb expanded through many distinct aliases hits the alias limit (DDB-I002)', () => {
    const lines = [`${HEAD}spec:`, '  mode: standalone', '  version: v2.00.16', '  customMeta:', '    labels: &l {a: b}'];
    for (let i = 0; i < 150; i++) lines.push(`    l${i}: *l`);
    const ps = timed(`${lines.join('\n')}\n  datanode: {replicas: 1}\n`, 3000);
    assert.ok(
      ps.some((p) => p.code === 'DDB-I002' && p.messageKey === 'doc.aliasLimit'),
      JSON.stringify(ps.slice(-3)),
    );
  });
  it('a 10 MB DolphinDB document is skipped with DDB-I001, quickly', () => {
    const body = Array.from({ length: 400_000 }, (_, i) => `      k${i}: "value-${i}"`).join('\n');
    const text = `${HEAD}spec:\n  customMeta:\n    labels:\n${body}\n`;
    assert.ok(text.length > 10_000_000);
    const ps = timed(text, 5000);
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-I001'],
    );
    assert.deepEqual(ps[0].range.start, { line: 0, character: 0 });
    assert.equal(ps[0].severity, 'info');
  });
  it('a 10 MB file without DolphinDB documents is not parsed at all', () => {
    const text = Array.from({ length: 400_000 }, (_, i) => `key${i}: [broken ${i}`).join('\n');
    assert.deepEqual(timed(text, 3000), []);
  });
  it('a document just under the size limit is validated', () => {
    const filler = `#${'x'.repeat(99)}\n`.repeat(Math.floor((MAX_DOCUMENT_CHARS - 2000) / 101));
    const text = `${readExample('invalid/i01-multicontroller-two-controllers.yaml')}${filler}`;
    assert.deepEqual(
      timed(text, 5000).map((p) => p.code),
      ['DDB-E006'],
    );
  });
  it('binary junk (bytes 0–255, NULs) produces at most syntax problems', () => {
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    for (const text of [
      `kind: DolphinDB\n${bytes.toString('latin1')}`,
      `kind: DolphinDB\n${bytes.toString('utf8')}`,
      '\0\0\0kind: DolphinDB\0',
    ]) {
      const ps = timed(text, 3000);
      assert.ok(
        ps.every((p) => p.code === 'yaml-syntax' || p.code.startsWith('DDB-I')),
        JSON.stringify(ps.slice(0, 3)),
      );
    }
  });
  it('deep flow nesting is a syntax problem, not a crash', () => {
    const ps = timed(`${HEAD}spec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 5000);
    assert.ok(ps.length >= 1);
  });
  it('deep block nesting under a schema path stops at the depth limit', () => {
    const lines = [
      `${HEAD}spec:`,
      '  mode: standalone',
      '  version: v2.00.16',
      '  datanode:',
      '    replicas: 1',
      '    instances:',
      '      "0":',
      '        service:',
      '          selector:',
    ];
    let ind = '            ';
    for (let i = 0; i < 150; i++) {
      lines.push(`${ind}k${i}:`);
      ind += '  ';
    }
    const ps = timed(`${lines.join('\n')} 1\n`, 3000);
    assert.ok(ps.length >= 1 && ps.length < 10, JSON.stringify(ps.map((p) => p.code)));
  });
  it('caps the number of problems at 1000 plus one notice', () => {
    const text = `${HEAD}spec:\n${Array.from({ length: 3000 }, (_, i) => `  k${i}: 1`).join('\n')}\n`;
    const ps = timed(text, 5000);
    assert.equal(ps.length, 1001);
    assert.equal(ps.filter((p) => p.messageKey === 'doc.tooManyProblems').length, 1);
  });
  it('a large map with a duplicate key is reported in linear time', () => {
    const keys = Array.from({ length: 12_000 }, (_, i) => `    k${i}: v`);
    keys.push('    k5: again');
    const ps = timed(`${HEAD}spec:\n  customMeta:\n    labels:\n${keys.join('\n')}\n`, 5000);
    assert.deepEqual(
      ps.map((p) => [p.code, p.messageKey]),
      [['yaml-syntax', 'yaml.duplicateKey']],
    );
    assert.equal(ps[0].range.start.line, 6 + 12_000);
  });
  it('stops at the time budget with DDB-I002', () => {
    const one = readExample('valid/03-multicontroller-ha-3ctr-3dn.yaml');
    const ps = validateText(Array.from({ length: 3000 }, () => one).join('---\n'), { timeBudgetMs: 1 });
    assert.ok(ps.some((p) => p.code === 'DDB-I002' && p.messageKey === 'doc.timeBudget'));
  });
  it('never throws on any truncation or byte change of a fixture', () => {
    const base = readExample('valid/04-instance-services-and-volumes.yaml');
    const junk = ['', ':', '-', '[', '{', '"', "'", '&', '*', '!', '|', '>', '\t', '\0', '%', '@', '`', '#', '\n', '  '];
    let runs = 0;
    for (let i = 0; i < base.length; i += 11) {
      validateText(base.slice(0, i));
      validateText(base.slice(0, i) + junk[i % junk.length] + base.slice(i + 1));
      runs += 2;
    }
    assert.ok(runs > 200);
  });
  it('tolerates non-string input from untyped callers', () => {
    assert.deepEqual(validateText(undefined as unknown as string), []);
    assert.deepEqual(validateText(42 as unknown as string), []);
  });
  it('handles tags, merge keys and complex keys in a DolphinDB document without crashing', () => {
    const text = `${HEAD}base: &b {replicas: 1}\nspec:\n  mode: !!str standalone\n  version: v2.00.16\n  datanode:\n    <<: *b\n    ? [complex, key]\n    : 1\n`;
    const ps = timed(text, 2000);
    assert.ok(ps.some((p) => p.code === 'DDB-W100' && p.path === 'base'));
  });
});

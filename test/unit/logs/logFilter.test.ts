import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compileFilter, describeFilter, firstAtLevel, levelOf, type LogFilterSpec } from '../../../src/core/logs/logFilter';
import type { LogLine } from '../../../src/core/logs/types';
import { english } from '../../../src/core/i18n/translate';

const L = (source: string, text: string): LogLine => ({ source, text: `[${source}] ${text}` });
const lines: LogLine[] = [
  L('ctr-0', '2026-12-06 10:00:00.1 <INFO> :controller up'),
  L('dn-0', '2026-12-06 10:00:01.0 <WARNING> :disk 85% full'),
  L('dn-0', '2026-12-06 10:00:02.0 <ERROR> :Connection timeout to ddb-x-dn-1'),
  L('dn-0', '   at frame 1'),
  L('dn-1', '2026-12-06 10:00:03.0 <INFO> :Timeout raised to 30 s'),
  L('dn-1', '   continuation of info'),
];

function run(spec: LogFilterSpec): string[] {
  const r = compileFilter(spec, english);
  assert.ok(r.ok);
  const m = r.value();
  return lines.filter((l) => m(l)).map((l) => l.text);
}

describe('logFilter', () => {
  it('reads DolphinDB level markers', () => {
    assert.equal(levelOf('x <ERROR> :y'), 'error');
    assert.equal(levelOf('x <WARNING> :y'), 'warning');
    assert.equal(levelOf('x <INFO> :y'), 'info');
    assert.equal(levelOf('x <DEBUG> :y'), 'debug');
    assert.equal(levelOf('ERROR without marker'), undefined);
  });

  it('matches plain text case-insensitively unless asked', () => {
    assert.equal(run({ text: 'timeout' }).length, 2);
    assert.equal(run({ text: 'timeout', caseSensitive: true }).length, 1);
    assert.equal(run({}).length, lines.length);
  });

  it('matches regular expressions and refuses a broken one with the reason', () => {
    assert.deepEqual(
      run({ text: 'dn-\\d+$', regex: true }).map((x) => x.slice(0, 6)),
      ['[dn-0]'],
    );
    const bad = compileFilter({ text: '(', regex: true }, english);
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error.reason, /is not a regular expression/);
  });

  it('filters by instance and by level; continuations follow their message', () => {
    assert.equal(run({ sources: ['dn-1'] }).length, 2);
    assert.deepEqual(run({ minLevel: 'error' }), [lines[2].text, lines[3].text]);
    assert.deepEqual(run({ minLevel: 'warning' }), [lines[1].text, lines[2].text, lines[3].text]);
    assert.deepEqual(run({ minLevel: 'warning', sources: ['dn-1'] }), []);
    assert.deepEqual(run({ text: 'frame', minLevel: 'error' }), [lines[3].text]);
  });

  it('finds the first error and describes a filter', () => {
    assert.equal(firstAtLevel(lines), 2);
    assert.equal(firstAtLevel(lines.slice(0, 2)), undefined);
    assert.equal(
      describeFilter({ text: 'a.b', regex: true, sources: ['dn-0'], minLevel: 'error' }, english),
      '/a.b/ · dn-0 · Errors only',
    );
  });
});

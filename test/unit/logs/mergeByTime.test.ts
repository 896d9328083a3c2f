import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lineTime, mergeByTime } from '../../../src/core/logs/mergeByTime';
import type { LogLine } from '../../../src/core/logs/types';

const at = (source: string, time: string | undefined, text: string): LogLine => ({
  source,
  text: `[${source}] ${text}`,
  ...(time ? { time } : {}),
});

describe('mergeByTime', () => {
  it('orders lines of several sources by the API server time, fractions compared as numbers', () => {
    const lines = [
      at('dn-0', '2026-12-06T10:00:00.5Z', 'a'),
      at('dn-0', '2026-12-06T10:00:02Z', 'c'),
      at('dn-1', '2026-12-06T10:00:00.123456789Z', 'x'),
      at('dn-1', '2026-12-06T10:00:01Z', 'b'),
    ];
    assert.deepEqual(
      mergeByTime(lines).map((l) => l.text),
      ['[dn-1] x', '[dn-0] a', '[dn-1] b', '[dn-0] c'],
    );
  });

  it('keeps the newest N, which is the cluster-wide last N', () => {
    const lines = [
      at('a', '2026-01-01T00:00:01Z', '1'),
      at('a', '2026-01-01T00:00:04Z', '4'),
      at('b', '2026-01-01T00:00:02Z', '2'),
      at('b', '2026-01-01T00:00:03Z', '3'),
    ];
    assert.deepEqual(
      mergeByTime(lines, 2).map((l) => l.text),
      ['[b] 3', '[a] 4'],
    );
    assert.equal(mergeByTime(lines, 0).length, 0);
    assert.equal(mergeByTime(lines, 10).length, 4);
  });

  it('reads the DolphinDB timestamp from the text when the line has none, and keeps continuations with their message', () => {
    const lines: LogLine[] = [
      { source: 'dn-0', text: '[dn-0] 2026-12-06 10:00:03.000001 <ERROR> :boom' },
      { source: 'dn-0', text: '[dn-0]   at frame 1' },
      { source: 'ctr-0', text: '[ctr-0] 2026-12-06 10:00:03.5 <INFO> :later' },
      { source: 'ctr-0', text: '[ctr-0] 2026-12-06 10:00:01 <INFO> :earlier' },
    ];
    assert.deepEqual(
      mergeByTime(lines).map((l) => l.text),
      [
        '[ctr-0] 2026-12-06 10:00:01 <INFO> :earlier',
        '[dn-0] 2026-12-06 10:00:03.000001 <ERROR> :boom',
        '[dn-0]   at frame 1',
        '[ctr-0] 2026-12-06 10:00:03.5 <INFO> :later',
      ],
    );
    assert.equal(lineTime(lines[1]), undefined);
    assert.equal(lineTime(lines[0]), '2026-12-06T10:00:03.000001');
  });

  it('is stable for equal times and lines with no time at all', () => {
    const lines = [at('a', undefined, 'p'), at('b', undefined, 'q'), at('a', undefined, 'r')];
    assert.deepEqual(
      mergeByTime(lines).map((l) => l.text),
      ['[a] p', '[b] q', '[a] r'],
    );
  });
});

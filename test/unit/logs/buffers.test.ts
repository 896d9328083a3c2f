import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LineSplitter } from '../../../src/core/logs/lineSplitter';
import { ResumeCursor, splitTimestamp, timeKey } from '../../../src/core/logs/resume';
import { RingBuffer } from '../../../src/core/logs/ringBuffer';

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity and counts the dropped ones', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    assert.deepEqual(r.toArray(), [3, 4, 5]);
    assert.equal(r.size, 3);
    assert.equal(r.dropped, 2);
    assert.deepEqual(r.last(2), [4, 5]);
  });
  it('pushAll of more than the capacity keeps only the tail', () => {
    const r = new RingBuffer<number>(4);
    r.push(0);
    r.pushAll(Array.from({ length: 10 }, (_, i) => i + 1));
    assert.deepEqual(r.toArray(), [7, 8, 9, 10]);
    assert.equal(r.dropped, 7);
  });
  it('rejects a zero capacity', () => {
    assert.throws(() => new RingBuffer(0), RangeError);
  });
  it('clear empties it', () => {
    const r = new RingBuffer<string>(2);
    r.push('a');
    r.clear();
    assert.deepEqual(r.toArray(), []);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks and multi-byte characters split across chunks', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('héllo\nwörld\r\nla', 'utf8');
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...s.push(bytes.subarray(i, i + 1)));
    out.push(...s.end());
    assert.deepEqual(out, ['héllo', 'wörld', 'la']);
  });
  it('cuts a line that never ends so memory stays bounded', () => {
    const s = new LineSplitter(10);
    const out = s.push('x'.repeat(25));
    assert.deepEqual(out, ['x'.repeat(10)]);
    assert.deepEqual(s.end(), ['x'.repeat(15)]);
  });
});

describe('timestamps and resume', () => {
  it('splits the server timestamp from the text', () => {
    assert.deepEqual(splitTimestamp('2025-03-04T08:15:22.123456789Z hello world'), {
      time: '2025-03-04T08:15:22.123456789Z',
      text: 'hello world',
    });
    assert.deepEqual(splitTimestamp('no timestamp here'), { text: 'no timestamp here' });
  });
  it('orders timestamps whose fractions were trimmed (RFC3339Nano)', () => {
    const a = timeKey('2025-03-04T08:15:22.1Z') as string;
    const b = timeKey('2025-03-04T08:15:22.12Z') as string;
    const c = timeKey('2025-03-04T08:15:23Z') as string;
    assert.ok(a < b && b < c);
    assert.equal(timeKey('2025-03-04T10:15:22+02:00'), timeKey('2025-03-04T08:15:22Z'));
    assert.equal(timeKey('garbage'), undefined);
  });
  it('drops the overlap of a resumed stream but keeps new lines at the same instant', () => {
    const c = new ResumeCursor();
    const t1 = '2025-03-04T08:15:21.5Z';
    const t2 = '2025-03-04T08:15:22.25Z';
    assert.ok(c.accept(t1, 'a'));
    assert.ok(c.accept(t2, 'b'));
    assert.ok(c.accept(t2, 'b'));
    assert.equal(c.sinceTime, t2);
    c.beginResume();
    // The server repeats the last second: t1 is older, t2 twice was seen.
    assert.equal(c.accept(t1, 'a'), false);
    assert.equal(c.accept(t2, 'b'), false);
    assert.equal(c.accept(t2, 'b'), false);
    assert.equal(c.accept(t2, 'b'), true, 'a third identical line at that instant is new');
    assert.equal(c.accept(t2, 'c'), true);
    assert.equal(c.accept('2025-03-04T08:15:23Z', 'd'), true);
    assert.equal(c.accept(t1, 'late line from a clock step'), true, 'after the overlap, nothing is dropped');
  });
  it('does not bring back lines a tail cut off that share the last instant', () => {
    const c = new ResumeCursor();
    const t = '2025-03-04T08:15:22.5Z';
    assert.ok(c.accept(t, 'line 12')); // tail 1 of [line 11, line 12], both at t
    c.beginResume();
    assert.equal(c.accept(t, 'line 11'), false);
    assert.equal(c.accept(t, 'line 12'), false);
    assert.equal(c.accept(t, 'line 13'), true, 'written later at the same instant: new');
    assert.equal(c.accept('2025-03-04T08:15:23.1Z', 'after'), true);
  });
  it('accepts everything when nothing was seen before the resume', () => {
    const c = new ResumeCursor();
    c.beginResume();
    assert.ok(c.accept('2025-03-04T08:15:21Z', 'x'));
    assert.ok(c.accept(undefined, 'no time'));
  });
});

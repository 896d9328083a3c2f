// The watch timing defaults fit together: a dead watch is noticed within 60 s, and a healthy quiet
// watch is ended by the server (with a bookmark just before) before it could look dead.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_WATCH_SILENCE_MS } from '../../../src/core/k8s/http';
import { DEFAULT_WATCH_TIMEOUT_SECONDS } from '../../../src/core/k8s/listWatch';

describe('watch timing defaults', () => {
  it('notices a silent watch within 60 s', () => {
    assert.ok(DEFAULT_WATCH_SILENCE_MS > 0 && DEFAULT_WATCH_SILENCE_MS <= 60_000);
  });

  it('lets the server end a quiet watch well before the silence limit', () => {
    const [min, max] = DEFAULT_WATCH_TIMEOUT_SECONDS;
    assert.ok(min > 0 && min <= max, 'a range');
    // 5 s of slack for a loaded server and the trip back.
    assert.ok(max * 1000 + 5000 <= DEFAULT_WATCH_SILENCE_MS, `max ${max} s against a ${DEFAULT_WATCH_SILENCE_MS} ms limit`);
  });
});

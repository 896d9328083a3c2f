import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ChangeFeed, type ChangedIds } from '../../../src/core/explorer/changeFeed';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('ChangeFeed', () => {
  it('reports a burst once, with each id once', async () => {
    const feed = new ChangeFeed(20);
    const got: ChangedIds[] = [];
    feed.onDidChange((ids) => got.push(ids));
    feed.fire(['ctx:a/ddb:ns/x']);
    feed.fire(['ctx:a', 'ctx:a/ddb:ns/x']);
    assert.deepEqual(got, [], 'nothing before the quiet period ends');
    await sleep(60);
    assert.deepEqual(got, [['ctx:a/ddb:ns/x', 'ctx:a']]);
    feed.dispose();
  });

  it('an everything-changed in the burst wins over the ids', async () => {
    const feed = new ChangeFeed(10);
    const got: ChangedIds[] = [];
    feed.onDidChange((ids) => got.push(ids));
    feed.fire(['ctx:a']);
    feed.fire(undefined);
    await sleep(40);
    assert.deepEqual(got, [undefined]);
    feed.fire(['ctx:b']);
    await sleep(40);
    assert.deepEqual(got, [undefined, ['ctx:b']], 'the next burst starts clean');
    feed.dispose();
  });

  it('reports nothing after dispose', async () => {
    const feed = new ChangeFeed(10);
    const got: ChangedIds[] = [];
    feed.onDidChange((ids) => got.push(ids));
    feed.fire(['ctx:a']);
    feed.dispose();
    await sleep(40);
    assert.deepEqual(got, []);
  });
});

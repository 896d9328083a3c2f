import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DisposableStore, Emitter, disposeAll, toDisposable } from '../../../src/core/util/disposables';

describe('toDisposable', () => {
  it('runs its function on the first dispose only', () => {
    let n = 0;
    const d = toDisposable(() => n++);
    d.dispose();
    d.dispose();
    assert.equal(n, 1);
  });
});

describe('DisposableStore', () => {
  it('disposes everything it holds, once', () => {
    const calls: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => calls.push('a')));
    store.add({ dispose: () => calls.push('b') });
    store.dispose();
    store.dispose();
    assert.deepEqual(calls, ['a', 'b']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let n = 0;
    const d = store.add({ dispose: () => n++ });
    assert.equal(n, 1);
    assert.equal(typeof d.dispose, 'function', 'add returns what it was given');
  });

  it('clear() disposes the held items and keeps the store usable', () => {
    const store = new DisposableStore();
    let a = 0;
    let b = 0;
    store.add({ dispose: () => a++ });
    store.clear();
    assert.equal(a, 1);
    store.add({ dispose: () => b++ });
    assert.equal(b, 0, 'not disposed: the store is still live');
    store.dispose();
    assert.deepEqual([a, b], [1, 1]);
  });

  it('disposes the rest when one dispose throws, then rethrows', () => {
    const store = new DisposableStore();
    let after = 0;
    store.add({
      dispose: () => {
        throw new Error('boom');
      },
    });
    store.add({ dispose: () => after++ });
    assert.throws(() => store.dispose(), /boom/);
    assert.equal(after, 1);
  });
});

describe('disposeAll', () => {
  it('disposes every item even when an early one throws', () => {
    const seen: number[] = [];
    assert.throws(
      () =>
        disposeAll([
          {
            dispose: () => {
              throw new Error('first');
            },
          },
          { dispose: () => seen.push(2) },
          {
            dispose: () => {
              throw new Error('third');
            },
          },
        ]),
      /first/,
    );
    assert.deepEqual(seen, [2]);
  });
});

describe('Emitter', () => {
  it('fires to every listener in subscription order', () => {
    const e = new Emitter<number>();
    const got: string[] = [];
    e.event((v) => got.push(`a${v}`));
    e.event((v) => got.push(`b${v}`));
    e.fire(1);
    e.fire(2);
    assert.deepEqual(got, ['a1', 'b1', 'a2', 'b2']);
  });

  it('stops calling a listener whose subscription was disposed', () => {
    const e = new Emitter<number>();
    const got: number[] = [];
    const sub = e.event((v) => got.push(v));
    e.fire(1);
    sub.dispose();
    e.fire(2);
    assert.deepEqual(got, [1]);
    assert.equal(e.listenerCount, 0);
  });

  it('calls the same function twice when it subscribed twice (subscriptions, not a set)', () => {
    const e = new Emitter<void>();
    let n = 0;
    const f = (): void => void n++;
    const s1 = e.event(f);
    e.event(f);
    e.fire();
    s1.dispose();
    e.fire();
    assert.equal(n, 3);
  });

  it('keeps calling the others when a listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const e = new Emitter<string>({ onListenerError: (err) => errors.push(err) });
    const got: string[] = [];
    e.event(() => {
      throw new Error('bad listener');
    });
    e.event((v) => got.push(v));
    e.fire('x');
    assert.deepEqual(got, ['x']);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /bad listener/);
  });

  it('a listener removed during a fire is not called by that fire', () => {
    const e = new Emitter<void>();
    const got: string[] = [];
    const held: { second?: { dispose(): void } } = {};
    e.event(() => {
      got.push('first');
      held.second?.dispose();
    });
    held.second = e.event(() => got.push('second'));
    e.fire();
    assert.deepEqual(got, ['first']);
  });

  it('a listener added during a fire hears the next fire, not this one', () => {
    const e = new Emitter<number>();
    const got: string[] = [];
    let added = false;
    e.event((v) => {
      got.push(`outer${v}`);
      if (!added) {
        added = true;
        e.event((w) => got.push(`inner${w}`));
      }
    });
    e.fire(1);
    e.fire(2);
    assert.deepEqual(got, ['outer1', 'outer2', 'inner2']);
  });

  it('after dispose, reaches nobody and ignores new subscriptions', () => {
    const e = new Emitter<number>();
    const got: number[] = [];
    e.event((v) => got.push(v));
    e.dispose();
    e.fire(1);
    const late = e.event((v) => got.push(v));
    e.fire(2);
    late.dispose();
    assert.deepEqual(got, []);
    assert.equal(e.listenerCount, 0);
  });

  it('works with a DisposableStore holding its subscriptions', () => {
    const e = new Emitter<number>();
    const store = new DisposableStore();
    const got: number[] = [];
    store.add(e.event((v) => got.push(v)));
    store.add(e.event((v) => got.push(v * 10)));
    e.fire(1);
    store.dispose();
    e.fire(2);
    assert.deepEqual(got, [1, 10]);
  });
});

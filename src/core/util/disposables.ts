// The one way the core hands out and releases subscriptions: Disposable, DisposableStore and
// Emitter<T>. Plain Node (the extension wraps VS Code's own types; these must not need them).
// Shape after VS Code's lifecycle helpers, so code reads the same on both sides of the layer.

export interface Disposable {
  dispose(): void;
}

/** A Disposable that runs `fn` the first time it is disposed, never again. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/**
 * Owns Disposables and disposes them all once. Adding after dispose() disposes the newcomer at
 * once: a subscription made by a late callback of something already torn down must not leak.
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposedFlag = false;

  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  add<T extends Disposable>(d: T): T {
    if (this.disposedFlag) d.dispose();
    else this.items.add(d);
    return d;
  }

  /** Disposes everything held so far and keeps the store usable (a per-connection reset). */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    this.clear();
  }
}

/**
 * Disposes each item; one that throws does not keep the others alive. The first error is
 * rethrown after all ran, so a broken dispose stays visible instead of silently leaking.
 */
export function disposeAll(items: Iterable<Disposable>): void {
  let first: { error: unknown } | undefined;
  for (const d of items) {
    try {
      d.dispose();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}

/** Subscribes a listener; the returned Disposable unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export interface EmitterOptions {
  /** Where a throwing listener's error goes; default: console.error. */
  readonly onListenerError?: (error: unknown) => void;
}

interface Subscription<T> {
  readonly fn: (value: T) => void;
  live: boolean;
}

/**
 * Fires values to listeners. A listener that throws does not stop the others (one broken view
 * must not starve the cache that feeds everyone). Listeners added during a fire see the next
 * fire, listeners removed during a fire are not called again.
 */
export class Emitter<T> implements Disposable {
  private subs: Subscription<T>[] = [];
  private disposedFlag = false;

  constructor(private readonly opts: EmitterOptions = {}) {}

  readonly event: Event<T> = (fn) => {
    if (this.disposedFlag) return toDisposable(() => undefined);
    const sub: Subscription<T> = { fn, live: true };
    // Copy on write: a fire() in progress keeps iterating the list it started with.
    this.subs = [...this.subs, sub];
    return toDisposable(() => {
      sub.live = false;
      this.subs = this.subs.filter((s) => s !== sub);
    });
  };

  get listenerCount(): number {
    return this.subs.length;
  }

  fire(value: T): void {
    for (const sub of this.subs) {
      // Unsubscribed while this fire was running.
      if (!sub.live) continue;
      try {
        sub.fn(value);
      } catch (error) {
        (this.opts.onListenerError ?? reportListenerError)(error);
      }
    }
  }

  /** Drops every listener; later subscriptions are no-ops and fire() reaches nobody. */
  dispose(): void {
    this.disposedFlag = true;
    for (const s of this.subs) s.live = false;
    this.subs = [];
  }
}

function reportListenerError(error: unknown): void {
  console.error('listener failed:', error);
}

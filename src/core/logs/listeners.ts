// The subscriber set every log stream keeps for its lines and its events.
import type { Disposable } from './types';

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(cb: (value: T) => void): Disposable {
    this.set.add(cb);
    return { dispose: () => this.set.delete(cb) };
  }

  fire(value: T): void {
    for (const cb of this.set) cb(value);
  }
}

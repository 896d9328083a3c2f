// Shares one ListWatch per (kind, namespace scope, selector) among every consumer, so the tree,
// the status bar and commands never open duplicate watches. Reference-counted: the watch stops
// when its last user lets go.
import type { KubeHttp } from './http';
import { ListWatch, type ListWatchOptions } from './listWatch';
import type { KubeObject, ResourceKind } from './resources';

export interface Lease<T extends KubeObject> {
  readonly cache: ListWatch<T>;
  release(): void;
}

export class InformerHub {
  private readonly entries = new Map<string, { lw: ListWatch; refs: number }>();

  constructor(
    readonly http: KubeHttp,
    private readonly defaults: ListWatchOptions = {},
  ) {}

  acquire<T extends KubeObject = KubeObject>(kind: ResourceKind, opts: ListWatchOptions = {}): Lease<T> {
    const key = [kind.key, opts.namespace ?? '*', opts.labelSelector ?? '', opts.fieldSelector ?? ''].join('|');
    let e = this.entries.get(key);
    if (!e) {
      e = { lw: new ListWatch(this.http, kind, { ...this.defaults, ...opts }), refs: 0 };
      this.entries.set(key, e);
      e.lw.start();
    }
    e.refs++;
    const entry = e;
    let released = false;
    return {
      cache: entry.lw as unknown as ListWatch<T>,
      release: () => {
        if (released) return;
        released = true;
        entry.refs--;
        if (entry.refs === 0) {
          entry.lw.stop();
          this.entries.delete(key);
        }
      },
    };
  }

  /** Relist everything now (the user's Retry). */
  relistAll(): void {
    for (const e of this.entries.values()) e.lw.relist();
  }

  get watchCount(): number {
    return this.entries.size;
  }

  dispose(): void {
    for (const e of this.entries.values()) e.lw.stop();
    this.entries.clear();
    this.http.dispose();
  }
}

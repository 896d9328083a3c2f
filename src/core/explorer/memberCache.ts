// The pods (or PVCs) of the DolphinDB clusters in one scope as one read-only cache: the watch
// with the cluster label, plus one watch per label selector that the clusters' own StatefulSets
// use for their pods when those selectors lack the cluster label (the label is confirmed only on
// the ConfigMap, §4.6). So members are found through the owner chain DolphinDB → StatefulSet →
// pods without watching every pod of a namespace.
import type { InformerHub, Lease } from '../k8s/hub';
import type { CacheChange, ListWatch } from '../k8s/listWatch';
import type { KubeObject, ResourceKind } from '../k8s/resources';
import { Emitter, type Disposable } from '../util/disposables';

/** What the explorer reads from any watched collection. */
export interface ObjectCache {
  values(): Iterable<KubeObject>;
  get(name: string, namespace?: string): KubeObject | undefined;
  onChange(cb: (changes: readonly CacheChange[]) => void): Disposable;
}

/** A selector to watch in one namespace. */
export interface ScopedSelector {
  readonly namespace: string;
  readonly selector: string;
}

interface Extra {
  readonly lease: Lease<KubeObject>;
  readonly sub: Disposable;
}

export class MemberCache implements ObjectCache {
  private readonly extras = new Map<string, Extra>();
  private readonly listeners = new Emitter<readonly CacheChange[]>();
  private readonly baseSub: Disposable;

  constructor(
    private readonly hub: InformerHub,
    private readonly kind: ResourceKind,
    readonly base: ListWatch,
  ) {
    this.baseSub = base.onChange((c) => this.listeners.fire(c));
  }

  /** Watches exactly these selectors besides the base watch (shared through the hub). */
  setSelectors(wanted: readonly ScopedSelector[]): void {
    const keys = new Map(wanted.map((w) => [`${w.namespace}|${w.selector}`, w]));
    let changed = false;
    for (const [key, e] of this.extras) {
      if (keys.has(key)) continue;
      e.sub.dispose();
      e.lease.release();
      this.extras.delete(key);
      changed = true;
    }
    for (const [key, w] of keys) {
      if (this.extras.has(key)) continue;
      const lease = this.hub.acquire(this.kind, { namespace: w.namespace, labelSelector: w.selector });
      this.extras.set(key, { lease, sub: lease.cache.onChange((c) => this.listeners.fire(c)) });
      changed = true;
    }
    // A dropped watch takes its objects along: tell readers to look again.
    if (changed) this.listeners.fire([{ type: 'resync' }]);
  }

  /** The extra watches (for connection state). */
  caches(): ListWatch[] {
    return [...this.extras.values()].map((e) => e.lease.cache);
  }

  *values(): Iterable<KubeObject> {
    const seen = new Set<string>();
    for (const lw of [this.base, ...this.caches()]) {
      for (const o of lw.values()) {
        const id = o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        if (seen.has(id)) continue;
        seen.add(id);
        yield o;
      }
    }
  }

  get(name: string, namespace?: string): KubeObject | undefined {
    for (const lw of [this.base, ...this.caches()]) {
      const o = lw.get(name, namespace);
      if (o) return o;
    }
    return undefined;
  }

  onChange(cb: (changes: readonly CacheChange[]) => void): Disposable {
    return this.listeners.event(cb);
  }

  dispose(): void {
    this.baseSub.dispose();
    this.setSelectors([]);
    this.listeners.dispose();
  }
}

// Cluster facts per namespace, fetched from the client on demand and kept for a short while:
// every keystroke revalidates, and asking the API server each time would be slow and noisy.
// A failed or slow answer counts as "offline" (null), so checks that need facts are skipped.
import type { ClusterFacts } from '../../protocol/messages';

export type FactsFetcher = (namespace: string | undefined) => Promise<ClusterFacts | null>;

export interface FactsCacheOptions {
  /** How long an answer stays fresh. */
  readonly ttlMs?: number;
  /** How long to wait for the client before treating it as offline. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly at: number;
  readonly value: Promise<ClusterFacts | null>;
}

export class FactsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private generation = 0;

  constructor(
    private readonly fetcher: FactsFetcher,
    opts: FactsCacheOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 2_000;
    this.now = opts.now ?? Date.now;
  }

  /** Facts for a namespace (undefined: the client's default); concurrent callers share one request. */
  get(namespace: string | undefined): Promise<ClusterFacts | null> {
    const key = namespace ?? '';
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    const value = this.fetchBounded(namespace).then((facts) => {
      // A clear() while the request ran means the answer may be stale: serve it once, keep nothing.
      if (generation !== this.generation) this.entries.delete(key);
      return facts;
    });
    this.entries.set(key, { at: this.now(), value });
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private fetchBounded(namespace: string | undefined): Promise<ClusterFacts | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), this.timeoutMs);
      this.fetcher(namespace).then(
        (facts) => {
          clearTimeout(timer);
          resolve(isFacts(facts) ? facts : null);
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
      );
    });
  }
}

/** The answer crossed a process boundary: accept only an object (or null). */
const isFacts = (v: unknown): v is ClusterFacts => typeof v === 'object' && v !== null && !Array.isArray(v);

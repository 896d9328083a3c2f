// Resource use of one session's pods, from the metrics API. That API has no watch, so this is
// the one place the explorer polls: only namespaces whose clusters were drawn, only while the
// view is visible (setActive), at the metrics pipeline's own pace (metrics-server samples every
// 15 s by default; asking faster returns the same numbers). Where the API is absent, refused or
// down, nothing is shown and the owner is told once (onNotice); discovery is retried slowly,
// so metrics-server installed later shows up without a reload.
import { discoverMetricsApi, type MetricsApi } from '../metrics/discovery';
import { listPodUsage, type PodUsage } from '../metrics/podMetrics';
import type { Failure } from '../result';
import type { ContextSession } from './session';

export const DEFAULT_METRICS_INTERVAL_MS = 15_000;
/** How long to wait before asking again whether an absent or broken metrics API came back. */
const REDISCOVER_MS = 5 * 60_000;

export type MetricsNotice =
  | { readonly s: 'absent' }
  | { readonly s: 'unavailable'; readonly failure: Failure }
  | { readonly s: 'forbidden'; readonly namespace: string; readonly failure: Failure };

export interface SessionMetricsOptions {
  readonly intervalMs?: number;
  /** A namespace's samples changed (or were dropped). */
  readonly onChange: (namespace: string) => void;
  /** Why resource use is not shown; called at most once per kind of reason per session. */
  readonly onNotice: (n: MetricsNotice) => void;
}

export class SessionMetrics {
  private api: MetricsApi | undefined;
  private readonly wanted = new Set<string>();
  private readonly refused = new Set<string>();
  private readonly samples = new Map<string, Map<string, PodUsage>>();
  private readonly signatures = new Map<string, string>();
  private readonly noticed = new Set<string>();
  private active = true;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private disposed = false;
  private nextDiscovery = 0;

  constructor(
    private readonly session: ContextSession,
    private readonly opts: SessionMetricsOptions,
  ) {}

  /** The pod's latest sample; asking for a namespace starts following it. */
  podUsage(namespace: string, pod: string): PodUsage | undefined {
    if (!this.wanted.has(namespace)) {
      this.wanted.add(namespace);
      this.schedule(0);
    }
    return this.samples.get(namespace)?.get(pod);
  }

  /** Whether the metrics API answered (undefined: not asked yet). */
  get availability(): MetricsApi['s'] | undefined {
    return this.api?.s;
  }

  /** Polls only while something shows the numbers; a hidden view costs no requests. */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    if (active) this.schedule(0);
    else this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (this.disposed || !this.active || this.running) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private notice(key: string, n: MetricsNotice): void {
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.opts.onNotice(n);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.disposed || !this.active || this.wanted.size === 0) return;
    this.running = true;
    try {
      if (this.api?.s !== 'available' && Date.now() >= this.nextDiscovery) {
        this.api = await discoverMetricsApi(this.session.http);
        if (this.disposed) return;
        if (this.api.s !== 'available') {
          this.nextDiscovery = Date.now() + REDISCOVER_MS;
          this.notice(this.api.s, this.api);
        }
      }
      const api = this.api;
      if (api?.s !== 'available') return;
      for (const ns of [...this.wanted]) {
        if (this.refused.has(ns)) continue;
        const r = await listPodUsage(this.session.http, api.version, ns);
        if (this.disposed) return;
        if (r.ok) {
          this.store(ns, r.value);
          continue;
        }
        if (r.error.kind === 'forbidden') {
          this.refused.add(ns);
          this.drop(ns);
          this.notice(`forbidden:${ns}`, { s: 'forbidden', namespace: ns, failure: r.error });
          continue;
        }
        // metrics-server went away (404/503) or the API server is unreachable: hide what is
        // stale and find out again later.
        this.api = r.error.kind === 'notFound' ? { s: 'absent' } : { s: 'unavailable', failure: r.error };
        this.nextDiscovery = Date.now() + (r.error.kind === 'unreachable' ? 0 : REDISCOVER_MS);
        if (r.error.kind !== 'unreachable') this.notice(this.api.s, this.api);
        for (const w of this.wanted) this.drop(w);
        break;
      }
    } finally {
      this.running = false;
      this.schedule(this.opts.intervalMs ?? DEFAULT_METRICS_INTERVAL_MS);
    }
  }

  private store(namespace: string, usages: readonly PodUsage[]): void {
    const byPod = new Map(usages.map((u) => [u.pod, u]));
    const sig = usages
      .map((u) => `${u.pod}:${[...u.containers].map(([c, v]) => `${c}=${v.cpuMilli}/${v.memoryBytes}`).join(',')}`)
      .sort()
      .join(';');
    this.samples.set(namespace, byPod);
    if (this.signatures.get(namespace) === sig) return;
    this.signatures.set(namespace, sig);
    this.opts.onChange(namespace);
  }

  private drop(namespace: string): void {
    this.signatures.delete(namespace);
    if (this.samples.delete(namespace)) this.opts.onChange(namespace);
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }
}

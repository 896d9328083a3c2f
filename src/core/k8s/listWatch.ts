// A watched, cached collection of one resource kind in one scope (a namespace or all).
// List once (paged), then watch from the list's resourceVersion. A broken watch resumes from the
// last resourceVersion; `410 Gone` relists; errors retry with capped exponential backoff. While
// disconnected, the cache keeps the last known objects and reports itself stale.
//
// Dead connections: a path can go silent without closing (a dropped NAT entry, a stalled proxy).
// Each watch asks the server to end it after `timeoutSeconds` and for bookmarks, so a healthy
// watch never stays silent longer than that; a watch silent for the silence limit is abandoned
// and resumed from the last resourceVersion, and a path that stays dead then shows as disconnected.
import { doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { Failure } from '../result';
import { DEFAULT_WATCH_SILENCE_MS, type KubeHttp } from './http';
import { collectionPath, type KubeList, type KubeObject, type ResourceKind } from './resources';
import { Emitter, type Disposable } from '../util/disposables';

export type ChangeType = 'add' | 'update' | 'delete' | 'resync';

export interface CacheChange<T extends KubeObject = KubeObject> {
  readonly type: ChangeType;
  readonly object?: T;
}

export type ConnectionState =
  | { readonly state: 'connecting' }
  | { readonly state: 'synced'; readonly since: number }
  | { readonly state: 'disconnected'; readonly since: number; readonly failure: Failure };

export interface ListWatchOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly pageSize?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly requestTimeoutMs?: number;
  /** A watch without a byte for this long is taken for dead (default 60 s; tests shorten it). */
  readonly watchSilenceMs?: number;
  /**
   * Server-side watch length, seconds, as [min, max]; each watch picks at random in between so
   * watches do not all restart together. The default stays below the silence limit: a quiet
   * watch then always ends (with a bookmark just before) before it could be mistaken for dead.
   */
  readonly watchTimeoutSeconds?: readonly [number, number];
}

/** Default server-side watch length, seconds; below DEFAULT_WATCH_SILENCE_MS. */
export const DEFAULT_WATCH_TIMEOUT_SECONDS: readonly [number, number] = [30, 50];

export class ListWatch<T extends KubeObject = KubeObject> {
  private readonly objects = new Map<string, T>();
  private resourceVersion = '';
  private watchHandle: { abort(): void } | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private stopped = true;
  private conn: ConnectionState = { state: 'connecting' };
  private readonly changeListeners = new Emitter<readonly CacheChange<T>[]>();
  private readonly stateListeners = new Emitter<ConnectionState>();
  private syncWaiters: { resolve: () => void; reject: (f: Failure) => void }[] = [];
  private generation = 0;

  constructor(
    private readonly http: KubeHttp,
    readonly kind: ResourceKind,
    private readonly opts: ListWatchOptions = {},
  ) {
    this.backoffMs = opts.minBackoffMs ?? 500;
  }

  get state(): ConnectionState {
    return this.conn;
  }

  /** The namespace this collection is listed and watched in; undefined: all namespaces. */
  get namespace(): string | undefined {
    return this.opts.namespace;
  }

  /** True once the first list arrived; data may be stale if disconnected since. */
  get hasSynced(): boolean {
    return this.resourceVersion !== '' || this.conn.state === 'synced';
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }

  get(name: string, namespace?: string): T | undefined {
    return this.objects.get(keyOf(namespace, name));
  }

  values(): IterableIterator<T> {
    return this.objects.values();
  }

  onChange(cb: (changes: readonly CacheChange<T>[]) => void): Disposable {
    return this.changeListeners.event(cb);
  }

  onState(cb: (s: ConnectionState) => void): Disposable {
    return this.stateListeners.event(cb);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.listAndWatch();
  }

  /** Resolves when the first list is in, rejects with the Failure if the first list fails. */
  waitForSync(): Promise<void> {
    if (this.conn.state === 'synced') return Promise.resolve();
    if (this.conn.state === 'disconnected' && !this.hasSynced) return Promise.reject(this.conn.failure);
    return new Promise((resolve, reject) => this.syncWaiters.push({ resolve, reject }));
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.watchHandle?.abort();
    this.watchHandle = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Forget the resourceVersion and relist now (used by Retry and after 410). */
  relist(): void {
    this.resourceVersion = '';
    this.watchHandle?.abort();
    this.watchHandle = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!this.stopped) {
      this.generation++;
      void this.listAndWatch();
    }
  }

  private setState(s: ConnectionState): void {
    this.conn = s;
    this.stateListeners.fire(s);
    if (s.state === 'synced') {
      const w = this.syncWaiters;
      this.syncWaiters = [];
      w.forEach((x) => x.resolve());
    } else if (s.state === 'disconnected' && !this.hasSynced) {
      const w = this.syncWaiters;
      this.syncWaiters = [];
      w.forEach((x) => x.reject(s.failure));
    }
  }

  private path(): string {
    return collectionPath(this.kind, this.opts.namespace);
  }

  private query(): Record<string, string | undefined> {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  private async listAndWatch(): Promise<void> {
    const gen = this.generation;
    if (!this.resourceVersion) {
      const listed = await this.listAll();
      if (gen !== this.generation || this.stopped) return;
      if (!listed.ok) return this.scheduleRetry(listed.failure);
      this.replaceAll(listed.items);
      this.resourceVersion = listed.resourceVersion;
      this.markSynced();
    }
    // Resuming from a resourceVersion: a cache that is synced stays so without a new state event
    // (watches restart every minute or so); a disconnected one is synced again only once the
    // server accepts the watch (onOpen).
    this.startWatch(gen);
  }

  private markSynced(): void {
    this.backoffMs = this.opts.minBackoffMs ?? 500;
    this.setState({ state: 'synced', since: Date.now() });
  }

  private async listAll(): Promise<{ ok: true; items: T[]; resourceVersion: string } | { ok: false; failure: Failure }> {
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    do {
      const r = await this.http.request<KubeList<T>>(this.path(), {
        query: { ...this.query(), limit: this.opts.pageSize ?? 2000, continue: cont },
        timeoutMs: this.opts.requestTimeoutMs,
        ...(this.opts.namespace
          ? doing(msg('list {0} in {1}'), this.kind.plural, this.opts.namespace)
          : doing(msg('list {0}'), this.kind.plural)),
      });
      if (!r.ok) {
        // A continue token that expired between pages: start over without it.
        if (r.error.status === 410 && cont) {
          items.length = 0;
          cont = undefined;
          continue;
        }
        return { ok: false, failure: r.error };
      }
      for (const it of r.value.items ?? []) {
        // Lists omit kind/apiVersion on items; restore them so objects look the same as watched ones.
        if (!it.kind) it.kind = this.kind.kind;
        items.push(it);
      }
      rv = r.value.metadata?.resourceVersion ?? '';
      cont = r.value.metadata?.continue || undefined;
    } while (cont);
    return { ok: true, items, resourceVersion: rv };
  }

  private watchTimeoutSeconds(): number {
    const [min, max] = this.opts.watchTimeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS;
    return Math.round(min + Math.random() * (max - min));
  }

  private startWatch(gen: number): void {
    this.watchHandle = this.http.watch<T & { code?: number }>(
      this.path(),
      { ...this.query(), resourceVersion: this.resourceVersion, timeoutSeconds: this.watchTimeoutSeconds() },
      (ev) => {
        if (gen !== this.generation) return;
        if (ev.type === 'ERROR') {
          if ((ev.object as { code?: number }).code === 410) this.resourceVersion = '';
          return;
        }
        const obj = ev.object as T;
        if (obj?.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
        if (ev.type === 'BOOKMARK') return;
        const key = keyOf(obj.metadata.namespace, obj.metadata.name);
        if (ev.type === 'DELETED') {
          this.objects.delete(key);
          this.emit([{ type: 'delete', object: obj }]);
        } else {
          const had = this.objects.has(key);
          this.objects.set(key, obj);
          this.emit([{ type: had ? 'update' : 'add', object: obj }]);
        }
      },
      (err) => {
        if (gen !== this.generation || this.stopped) return;
        this.watchHandle = undefined;
        if (err?.status === 410) this.resourceVersion = '';
        if (!err || err.silent) {
          // Normal end of a watch (server timeout), or a silent one abandoned: resume at once from
          // the last resourceVersion. If the path is really dead, the new watch fails to connect
          // and the cache shows as disconnected.
          void this.listAndWatch();
          return;
        }
        this.scheduleRetry(err.failure);
      },
      {
        connectTimeoutMs: this.opts.requestTimeoutMs,
        silenceMs: this.opts.watchSilenceMs ?? DEFAULT_WATCH_SILENCE_MS,
        onOpen: () => {
          if (gen === this.generation && !this.stopped && this.conn.state !== 'synced') this.markSynced();
        },
      },
    );
  }

  private scheduleRetry(failure: Failure): void {
    if (this.stopped) return;
    if (this.conn.state !== 'disconnected') this.setState({ state: 'disconnected', since: Date.now(), failure });
    else this.setState({ ...this.conn, failure });
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 8000);
    const gen = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (gen === this.generation && !this.stopped) void this.listAndWatch();
    }, delay);
  }

  private replaceAll(items: T[]): void {
    const fresh = new Map<string, T>();
    for (const it of items) fresh.set(keyOf(it.metadata.namespace, it.metadata.name), it);
    this.objects.clear();
    for (const [k, v] of fresh) this.objects.set(k, v);
    this.emit([{ type: 'resync' }]);
  }

  private emit(changes: readonly CacheChange<T>[]): void {
    this.changeListeners.fire(changes);
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

// The logs of a whole DolphinDB cluster (or one role) as one stream: every instance's server log,
// each line tagged `[ctr-0]`, `[dn-1]`… A pod watch (label selector of the cluster, exact name
// match) keeps the set current: a recreated pod (new UID) gets a new source, a scaled-out
// instance joins, a deleted one leaves. Container restarts are handled by each pod's stream.
// The pod watch uses the label the cluster's StatefulSets select their pods with (read from
// them: the cluster label is confirmed only on the ConfigMap), else every pod of the namespace.
import { reasonOf } from '../i18n/text';
import type { InformerHub } from '../k8s/hub';
import type { KubeHttp } from '../k8s/http';
import { ListWatch } from '../k8s/listWatch';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../k8s/resources';
import { parsePodName, type RoleAbbrev } from '../dolphindb/names';
import { clusterStatefulSets, memberSelectors } from '../explorer/membership';
import { str } from '../explorer/objects';
import { english, type Translate } from '../i18n/translate';
import { fail, ok, type Result } from '../result';
import { defaultContainer } from './containers';
import { ExecFileTail } from './execFileTail';
import { PodLogStream } from './podLogStream';
import { mergeByTime } from './mergeByTime';
import { RingBuffer } from './ringBuffer';
import { serverLogDir } from './serverLogPlan';
import type { LineSource, LogLine, LogStreamEvent } from './types';
import { DisposableStore, Emitter, type Disposable } from '../util/disposables';

export interface ClusterLogTarget {
  readonly namespace: string;
  readonly cluster: string;
  /** Only this role's instances. */
  readonly role?: RoleAbbrev;
}

export interface ClusterLogOptions {
  readonly follow?: boolean;
  /** Per instance, for the pods present at start (new pods are read from their beginning). */
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  /** Merged lines kept in memory (default 10,000). */
  readonly maxLines?: number;
  /** 'console': the container log (logMode 1/2); 'file': the log file through exec (logMode 0). */
  readonly source?: 'console' | 'file';
  /** The DolphinDB object: its mode decides the log directory in 'file' mode. */
  readonly ddb?: KubeObject;
  /** 'file' mode: the log directory, when the image does not use the documented one. */
  readonly logDir?: string;
  /** Share the pod watch with the explorer (recommended in the extension). */
  readonly hub?: InformerHub;
  /**
   * Label selector for the pod watch; null watches every pod of the namespace and matches names
   * only. Default: the selector the cluster's StatefulSets share, else null.
   */
  readonly labelSelector?: string | null;
  readonly t?: Translate;
  /** For tests: how each pod's source is made. */
  readonly makeSource?: (pod: KubeObject, tag: string, initial: boolean, pods: ListWatch) => LineSource;
}

export type ClusterLogEvent =
  | { readonly type: 'source'; readonly source: string; readonly pod: string; readonly event: LogStreamEvent }
  | { readonly type: 'sourceAdded'; readonly source: string; readonly pod: string; readonly uid: string }
  | { readonly type: 'sourceFailed'; readonly source: string; readonly pod: string; readonly reason: string }
  | { readonly type: 'noPods' }
  | { readonly type: 'ended'; readonly reason: 'stopped' | 'completed' };

interface Entry {
  readonly uid: string;
  readonly pod: string;
  readonly tag: string;
  readonly stream: LineSource;
  readonly subs: DisposableStore;
}

export function instanceTag(role: RoleAbbrev, index: number): string {
  return `${role}-${index}`;
}

export class ClusterLogStream {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly entries = new Map<string, Entry>();
  private readonly lineListeners = new Emitter<readonly LogLine[]>();
  private readonly eventListeners = new Emitter<ClusterLogEvent>();
  private readonly t: Translate;
  private pods: ListWatch | undefined;
  private release: (() => void) | undefined;
  private cacheSub: Disposable | undefined;
  private synced = false;
  private endedFlag = false;
  /** A non-follow read: every instance's lines, held until all have arrived, then merged by time. */
  private readonly held: LogLine[] = [];

  constructor(
    private readonly http: KubeHttp,
    readonly target: ClusterLogTarget,
    private readonly opts: ClusterLogOptions = {},
  ) {
    this.t = opts.t ?? english;
    this.buffer = new RingBuffer<LogLine>(opts.maxLines ?? 10_000);
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  lines(): LogLine[] {
    return this.buffer.toArray();
  }

  /** The instances being read: tag, pod, and whether its stream still runs. */
  sources(): { source: string; pod: string; active: boolean }[] {
    return [...this.entries.values()]
      .map((e) => ({ source: e.tag, pod: e.pod, active: !e.stream.ended }))
      .sort((a, b) => a.source.localeCompare(b.source));
  }

  onLines(cb: (lines: readonly LogLine[]) => void): Disposable {
    return this.lineListeners.event(cb);
  }

  onEvent(cb: (e: ClusterLogEvent) => void): Disposable {
    return this.eventListeners.event(cb);
  }

  /** Starts the pod watch and one source per instance; resolves once the present pods are streaming (or waiting). */
  async start(): Promise<Result<void>> {
    const { namespace } = this.target;
    const chosen = this.opts.labelSelector === undefined ? await this.memberSelector() : this.opts.labelSelector;
    if (typeof chosen === 'object' && chosen !== null) return chosen;
    const selector = chosen ?? undefined;
    if (this.opts.hub) {
      const lease = this.opts.hub.acquire(KINDS.pod, { namespace, labelSelector: selector });
      this.pods = lease.cache;
      this.release = () => lease.release();
    } else {
      const lw = new ListWatch(this.http, KINDS.pod, { namespace, labelSelector: selector });
      lw.start();
      this.pods = lw;
      this.release = () => lw.stop();
    }
    try {
      await this.pods.waitForSync();
    } catch (f) {
      this.stop();
      return fail(f as Parameters<typeof fail>[0]);
    }
    this.cacheSub = this.pods.onChange(() => void this.reconcile());
    this.synced = true;
    await this.reconcile(true);
    if (this.entries.size === 0) this.emit({ type: 'noPods' });
    return ok(undefined);
  }

  /** One selector for every pod of the cluster from its StatefulSets; null when there is none. */
  private async memberSelector(): Promise<string | null | Result<void>> {
    const { namespace, cluster } = this.target;
    const r = await this.http.request<KubeList<KubeObject>>(collectionPath(KINDS.statefulset, namespace), {
      operation: this.t('list {0} in {1}', 'StatefulSets', namespace),
    });
    if (!r.ok) return fail(r.error);
    const sels = memberSelectors(clusterStatefulSets(cluster, namespace, r.value.items ?? []));
    return sels.length === 1 ? (sels[0] ?? null) : null;
  }

  stop(): void {
    if (this.endedFlag) return;
    this.endedFlag = true;
    this.cacheSub?.dispose();
    for (const e of this.entries.values()) this.dropEntry(e);
    this.entries.clear();
    this.release?.();
    this.release = undefined;
    this.emit({ type: 'ended', reason: 'stopped' });
  }

  private matches(pod: KubeObject): { role: RoleAbbrev; index: number } | undefined {
    const ref = parsePodName(this.target.cluster, pod.metadata.name);
    if (!ref || (this.target.role && ref.abbrev !== this.target.role)) return undefined;
    return { role: ref.abbrev, index: ref.index };
  }

  private async reconcile(initial = false): Promise<void> {
    if (this.endedFlag || !this.synced || !this.pods) return;
    const present = new Map<string, KubeObject>();
    for (const p of this.pods.values()) {
      if ((p.metadata.namespace ?? '') !== this.target.namespace || !p.metadata.uid) continue;
      if (this.matches(p)) present.set(p.metadata.uid, p);
    }
    // Sources whose pod is gone end themselves (podDeleted); drop them from the set here too.
    for (const [uid, e] of this.entries) {
      if (!present.has(uid) && e.stream.ended) {
        this.dropEntry(e);
        this.entries.delete(uid);
      }
    }
    const starts: Promise<void>[] = [];
    for (const [uid, pod] of present) {
      if (this.entries.has(uid) || pod.metadata.deletionTimestamp) continue;
      const ref = this.matches(pod);
      if (!ref) continue;
      starts.push(this.addSource(uid, pod, instanceTag(ref.role, ref.index), initial));
    }
    await Promise.all(starts);
  }

  private async addSource(uid: string, pod: KubeObject, tag: string, initial: boolean): Promise<void> {
    const pods = this.pods as ListWatch;
    const stream = this.opts.makeSource
      ? this.opts.makeSource(pod, tag, initial, pods)
      : this.defaultSource(pod, tag, initial, pods);
    const entry: Entry = { uid, pod: pod.metadata.name, tag, stream, subs: new DisposableStore() };
    this.entries.set(uid, entry);
    entry.subs.add(
      stream.onLines((lines) => {
        if (this.opts.follow === false) {
          this.held.push(...lines);
          return;
        }
        this.buffer.pushAll(lines);
        this.lineListeners.fire(lines);
      }),
    );
    entry.subs.add(
      stream.onEvent((event) => {
        this.emit({ type: 'source', source: tag, pod: entry.pod, event });
        if (event.type !== 'ended') return;
        // A deleted pod's source leaves at once; its replacement (new UID) gets a new one.
        if (event.reason === 'podDeleted' && this.entries.get(uid) === entry) {
          this.dropEntry(entry);
          this.entries.delete(uid);
        }
        this.afterSourceEnded();
      }),
    );
    this.emit({ type: 'sourceAdded', source: tag, pod: entry.pod, uid });
    const r = await stream.start();
    if (!r.ok) {
      this.emit({ type: 'sourceFailed', source: tag, pod: entry.pod, reason: reasonOf(r.error, this.t) });
      this.afterSourceEnded();
    }
  }

  private defaultSource(pod: KubeObject, tag: string, initial: boolean, pods: ListWatch): LineSource {
    const namespace = this.target.namespace;
    const perSource = Math.min(this.opts.maxLines ?? 10_000, 2_000);
    const tailLines = initial ? this.opts.tailLines : undefined;
    if (this.opts.source === 'file') {
      const container = defaultContainer(pod) ?? '';
      const ref = this.matches(pod);
      return new ExecFileTail(
        this.http,
        {
          namespace,
          pod: pod.metadata.name,
          container,
          logDir: this.opts.logDir ?? serverLogDir(this.opts.ddb, pod, container),
          role: ref?.role,
          standalone: str(this.opts.ddb, 'spec', 'mode') === 'standalone',
        },
        { tailLines: tailLines ?? 100, maxLines: perSource, source: tag, t: this.t },
      );
    }
    return new PodLogStream(
      this.http,
      { namespace, pod: pod.metadata.name },
      {
        follow: this.opts.follow ?? true,
        tailLines: initial ? tailLines : perSource,
        sinceSeconds: initial ? this.opts.sinceSeconds : undefined,
        maxLines: perSource,
        source: tag,
        pods,
        t: this.t,
      },
    );
  }

  private afterSourceEnded(): void {
    // A non-follow read is complete when every source has delivered its lines.
    if (this.opts.follow === false && [...this.entries.values()].every((e) => e.stream.ended) && !this.endedFlag) {
      this.endedFlag = true;
      this.cacheSub?.dispose();
      this.release?.();
      this.release = undefined;
      const merged = mergeByTime(this.held.splice(0), this.opts.tailLines);
      if (merged.length > 0) {
        this.buffer.pushAll(merged);
        this.lineListeners.fire(merged);
      }
      this.emit({ type: 'ended', reason: 'completed' });
    }
  }

  private dropEntry(e: Entry): void {
    e.subs.dispose();
    e.stream.stop();
  }

  private emit(e: ClusterLogEvent): void {
    this.eventListeners.fire(e);
  }
}

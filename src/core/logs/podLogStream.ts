// Streams one container's log (`kubectl logs [-f] [--tail] [--since] [--previous]`) into a bounded
// buffer. A follow stream outlives the things that break it: an API server restart or a container
// restart reconnects (resuming at the last line's time, without duplicates); the pod's deletion
// ends it with a reason. The pod is watched (not polled) to tell these cases apart.
import type { KubeHttp } from '../k8s/http';
import { ListWatch, type CacheChange } from '../k8s/listWatch';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import { english, type Translate } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { containersOf, defaultContainer, unknownContainerFailure } from './containers';
import { LineSplitter } from './lineSplitter';
import { clientNodeLogOpener, LogRequestError, type LogOpener, type OpenedLog } from './opener';
import { containerLogState } from './podState';
import { ResumeCursor, splitTimestamp } from './resume';
import { RingBuffer } from './ringBuffer';
import type { LineSource, LogEndReason, LogLine, LogStreamEvent } from './types';
import { Emitter, type Disposable } from '../util/disposables';

export const DEFAULT_MAX_LINES = 10_000;

export interface PodLogTarget {
  readonly namespace: string;
  readonly pod: string;
  /** Default: the DolphinDB server container (pickDolphinDBContainer), else the only container. */
  readonly container?: string;
}

export interface PodLogOptions {
  /** Keep streaming new lines (default true). */
  readonly follow?: boolean;
  /** Start with the last N lines (first connection only). */
  readonly tailLines?: number;
  /** Start with lines newer than this (first connection only). */
  readonly sinceSeconds?: number;
  /** The previous (crashed) instance of the container; implies no follow. */
  readonly previous?: boolean;
  /** Lines kept in memory (default 10,000). */
  readonly maxLines?: number;
  /** Tag for merged streams: lines become `[tag] text`. */
  readonly source?: string;
  /** A started pod cache that holds this pod; default: the stream watches the pod itself. */
  readonly pods?: ListWatch;
  readonly t?: Translate;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** For tests: how a log request is opened (default: client-node's Log). */
  readonly opener?: LogOpener;
}

export class PodLogStream implements LineSource {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly lineListeners = new Emitter<readonly LogLine[]>();
  private readonly eventListeners = new Emitter<LogStreamEvent>();
  private cursor = new ResumeCursor();
  private readonly t: Translate;
  private readonly opener: LogOpener;
  private opts: PodLogOptions;
  private container = '';
  private uid: string | undefined;
  private restartCount = 0;
  private ownCache: ListWatch | undefined;
  private cacheSub: Disposable | undefined;
  private current: OpenedLog | undefined;
  private gen = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private interrupted = false;
  private waiting = false;
  private connectedOnce = false;
  private endedFlag = false;

  constructor(
    private readonly http: KubeHttp,
    readonly target: PodLogTarget,
    opts: PodLogOptions = {},
  ) {
    this.opts = opts;
    this.t = opts.t ?? english;
    this.opener = opts.opener ?? clientNodeLogOpener(http.config);
    this.buffer = new RingBuffer<LogLine>(opts.maxLines ?? DEFAULT_MAX_LINES);
    this.backoffMs = opts.minBackoffMs ?? 500;
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  /** The container being read (known after start). */
  get containerName(): string {
    return this.container;
  }

  lines(): LogLine[] {
    return this.buffer.toArray();
  }

  /** Lines pushed out of the bounded buffer so far. */
  get droppedLines(): number {
    return this.buffer.dropped;
  }

  onLines(cb: (lines: readonly LogLine[]) => void): Disposable {
    return this.lineListeners.event(cb);
  }

  onEvent(cb: (e: LogStreamEvent) => void): Disposable {
    return this.eventListeners.event(cb);
  }

  /**
   * Checks the pod and container, then opens the stream. Resolves once the first connection is
   * open, or the container is not started yet (event 'waiting'), or a retry is scheduled.
   */
  async start(): Promise<Result<void>> {
    const { namespace, pod } = this.target;
    this.endedFlag = false;
    const podObj = await this.readPod();
    if (!podObj.ok) return this.failStart(podObj.error);
    if (!podObj.value)
      return this.failStart({
        kind: 'notFound',
        operation: this.t('read logs of {0}/{1}', namespace, pod),
        reason: this.t('pod {0} does not exist in namespace {1}', pod, namespace),
      });
    const p = podObj.value;
    const names = containersOf(p).map((c) => c.name);
    const container = this.target.container ?? defaultContainer(p);
    if (!container)
      return this.failStart({
        kind: 'invalid',
        operation: this.t('read logs of {0}/{1}', namespace, pod),
        reason: this.t('pod {0} has no containers', pod),
      });
    if (!names.includes(container)) return this.failStart(unknownContainerFailure(namespace, pod, container, p, this.t));
    this.container = container;
    this.uid = p.metadata.uid;
    const st = containerLogState(p, container);
    this.restartCount = st.restartCount;
    if (this.opts.previous && !st.hasPrevious) {
      return this.failStart({
        kind: 'notFound',
        operation: this.t('read logs of {0}/{1}', namespace, pod),
        reason: this.t('container {0} of pod {1} has not restarted, so there is no previous log', container, pod),
      });
    }
    this.watchPod();
    return this.connect(p);
  }

  /** Stops for good; the buffer keeps its lines. */
  stop(): void {
    this.finish('stopped', this.t('stopped'));
  }

  /** Stops, forgets the buffer, and starts again with changed options. */
  async restart(
    changes: Partial<Pick<PodLogOptions, 'follow' | 'tailLines' | 'sinceSeconds' | 'previous'>> = {},
  ): Promise<Result<void>> {
    this.teardown();
    this.opts = { ...this.opts, ...changes };
    this.buffer.clear();
    this.connectedOnce = false;
    this.interrupted = false;
    this.waiting = false;
    this.backoffMs = this.opts.minBackoffMs ?? 500;
    this.cursor = new ResumeCursor();
    return this.start();
  }

  private failStart(f: Failure): Result<void> {
    this.endedFlag = true;
    return fail(f);
  }

  private get follow(): boolean {
    return (this.opts.follow ?? true) && !this.opts.previous;
  }

  // ---- the pod ---------------------------------------------------------------------------

  private cache(): ListWatch | undefined {
    return this.opts.pods ?? this.ownCache;
  }

  private async readPod(): Promise<Result<KubeObject | undefined>> {
    const c = this.cache();
    if (c && c.hasSynced && c.state.state === 'synced') return ok(c.get(this.target.pod, this.target.namespace));
    const r = await this.http.request<KubeObject>(objectPath(KINDS.pod, this.target.pod, this.target.namespace), {
      operation: this.t('read pod {0}/{1}', this.target.namespace, this.target.pod),
    });
    if (r.ok) return ok(r.value);
    return r.error.kind === 'notFound' ? ok(undefined) : r;
  }

  private watchPod(): void {
    if (!this.opts.pods && !this.ownCache) {
      this.ownCache = new ListWatch(this.http, KINDS.pod, {
        namespace: this.target.namespace,
        fieldSelector: `metadata.name=${this.target.pod}`,
      });
      this.ownCache.start();
    }
    const c = this.cache();
    this.cacheSub?.dispose();
    this.cacheSub = c?.onChange((changes) => this.onPodChanges(changes));
  }

  private onPodChanges(changes: readonly CacheChange[]): void {
    if (this.endedFlag) return;
    const relevant = changes.some((ch) => ch.type === 'resync' || ch.object?.metadata.name === this.target.pod);
    if (!relevant) return;
    const c = this.cache();
    const p = c?.get(this.target.pod, this.target.namespace);
    const deleted = changes.some(
      (ch) => ch.type === 'delete' && ch.object?.metadata.name === this.target.pod && ch.object.metadata.uid === this.uid,
    );
    if (deleted || (c?.hasSynced && (!p || (this.uid && p.metadata.uid !== this.uid)))) {
      this.finish('podDeleted', this.t('pod {0} was deleted', this.target.pod));
      return;
    }
    if (!p) return;
    const st = containerLogState(p, this.container);
    if (st.restartCount > this.restartCount) {
      this.restartCount = st.restartCount;
      this.emit({ type: 'containerRestarted', restartCount: st.restartCount });
    }
    if (this.waiting && st.readable) {
      this.waiting = false;
      this.clearRetry();
      void this.connect(p);
    }
  }

  // ---- the stream ------------------------------------------------------------------------

  private async connect(pod?: KubeObject): Promise<Result<void>> {
    if (this.endedFlag) return ok(undefined);
    const { namespace } = this.target;
    if (pod) {
      const st = containerLogState(pod, this.container);
      if (!st.readable && !this.opts.previous) {
        this.waiting = true;
        this.emit({
          type: 'waiting',
          message: this.t('container {0} has not started yet ({1})', this.container, st.waitingReason ?? 'Pending'),
        });
        return ok(undefined);
      }
    }
    const gen = ++this.gen;
    const resuming = this.connectedOnce;
    let sinceTime: string | undefined;
    let tailLines: number | undefined;
    let sinceSeconds: number | undefined;
    if (resuming) {
      if (this.cursor.seenAny) {
        sinceTime = this.cursor.sinceTime;
        this.cursor.beginResume();
      } else {
        // Nothing seen yet, so everything the container has is new; still bounded by the buffer.
        tailLines = this.buffer.capacity;
      }
    } else {
      tailLines = this.opts.tailLines;
      sinceSeconds = this.opts.sinceSeconds;
      // client-node drops tailLines=0; "no history" becomes "the last second".
      if (tailLines === 0) {
        tailLines = undefined;
        sinceSeconds = 1;
      }
    }
    const splitter = new LineSplitter();
    let opened: OpenedLog;
    try {
      opened = await this.opener(
        {
          namespace,
          pod: this.target.pod,
          container: this.container,
          follow: this.follow,
          timestamps: true,
          previous: this.opts.previous,
          tailLines,
          sinceSeconds,
          sinceTime,
        },
        {
          data: (chunk) => {
            if (gen === this.gen) this.consume(splitter.push(chunk));
          },
          end: (broken) => {
            if (gen !== this.gen) return;
            if (!broken && !this.follow) this.consume(splitter.end());
            void this.afterEnd(gen, broken);
          },
        },
      );
    } catch (e) {
      if (gen !== this.gen || this.endedFlag) return ok(undefined);
      return this.afterOpenError(e);
    }
    if (gen !== this.gen || this.endedFlag) {
      opened.abort();
      return ok(undefined);
    }
    this.current = opened;
    if (!this.connectedOnce) {
      this.connectedOnce = true;
      this.emit({ type: 'connected' });
    } else if (this.interrupted) {
      this.interrupted = false;
      this.emit({ type: 'reconnected', gapPossible: !this.cursor.seenAny && this.buffer.size >= this.buffer.capacity });
    }
    return ok(undefined);
  }

  private consume(raw: readonly string[]): void {
    if (raw.length === 0) return;
    const out: LogLine[] = [];
    const tag = this.opts.source;
    for (const r of raw) {
      const { time, text } = splitTimestamp(r);
      if (!this.cursor.accept(time, text)) continue;
      out.push(tag ? { text: `[${tag}] ${text}`, time, source: tag } : { text, time });
    }
    if (out.length === 0) return;
    this.backoffMs = this.opts.minBackoffMs ?? 500;
    this.buffer.pushAll(out);
    this.lineListeners.fire(out);
  }

  private async afterEnd(gen: number, broken: Error | undefined): Promise<void> {
    this.current = undefined;
    if (this.endedFlag || gen !== this.gen) return;
    if (!this.follow) {
      if (broken) this.finish('failed', this.t('the log stream broke: {0}', broken.message));
      else this.finish('completed', this.t('end of log'));
      return;
    }
    const pod = await this.readPod();
    if (this.endedFlag || gen !== this.gen) return;
    let restarted = false;
    if (pod.ok) {
      const p = pod.value;
      if (!p || (this.uid && p.metadata.uid !== this.uid))
        return this.finish('podDeleted', this.t('pod {0} was deleted', this.target.pod));
      const st = containerLogState(p, this.container);
      if (st.restartCount > this.restartCount) {
        this.restartCount = st.restartCount;
        restarted = true;
        this.emit({ type: 'containerRestarted', restartCount: st.restartCount });
      } else if (st.podFinished && !st.running) {
        return this.finish('containerTerminated', this.t('container {0} terminated and will not restart', this.container));
      }
    }
    const operation = this.t('read logs of {0}/{1}', this.target.namespace, this.target.pod);
    if (!pod.ok) this.markInterrupted(pod.error);
    else if (broken)
      this.markInterrupted({ kind: 'unreachable', operation, reason: this.t('the log connection broke: {0}', broken.message) });
    // A follow stream that ends while its container lives on was cut by the server (restart).
    else if (!restarted)
      this.markInterrupted({ kind: 'unreachable', operation, reason: this.t('the server closed the log stream') });
    this.scheduleReconnect();
  }

  private async afterOpenError(e: unknown): Promise<Result<void>> {
    const status = e instanceof LogRequestError ? e.status : 500;
    const operation = this.t('read logs of {0}/{1}', this.target.namespace, this.target.pod);
    if (status === 401 || status === 403) {
      const f: Failure = {
        kind: status === 401 ? 'unauthorized' : 'forbidden',
        operation,
        status,
        verb: 'get',
        resource: 'pods/log',
        reason: status === 401 ? this.t('the credentials were rejected') : this.t('forbidden: get pods/log'),
      };
      this.finish('failed', f.reason);
      return this.connectedOnce ? ok(undefined) : fail(f);
    }
    if (status === 404 || status === 400) {
      // 404: the pod went away; 400: the container is not running (yet, or any more).
      const pod = await this.readPod();
      if (this.endedFlag) return ok(undefined);
      if (pod.ok && (!pod.value || (this.uid && pod.value.metadata.uid !== this.uid))) {
        this.finish('podDeleted', this.t('pod {0} was deleted', this.target.pod));
        return ok(undefined);
      }
      if (pod.ok && pod.value && this.opts.previous) {
        const f: Failure = {
          kind: 'notFound',
          operation,
          status,
          reason: this.t('container {0} of pod {1} has no previous log', this.container, this.target.pod),
        };
        this.finish('failed', f.reason);
        return this.connectedOnce ? ok(undefined) : fail(f);
      }
      if (pod.ok && pod.value && !containerLogState(pod.value, this.container).readable) return this.connect(pod.value);
    }
    this.markInterrupted({ kind: 'unreachable', operation, status, reason: e instanceof Error ? e.message : String(e) });
    this.scheduleReconnect();
    return ok(undefined);
  }

  private markInterrupted(failure: Failure): void {
    if (!this.interrupted) this.emit({ type: 'interrupted', failure });
    this.interrupted = true;
  }

  private scheduleReconnect(): void {
    if (this.endedFlag) return;
    this.clearRetry();
    // A stream that ran for a while earns a quick reconnect; repeated quick failures back off.
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.readPod().then((p) => {
        if (this.endedFlag) return;
        if (p.ok && p.value && (!this.uid || p.value.metadata.uid === this.uid)) void this.connect(p.value);
        else if (p.ok) this.finish('podDeleted', this.t('pod {0} was deleted', this.target.pod));
        else this.scheduleReconnect();
      });
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private teardown(): void {
    this.gen++;
    this.clearRetry();
    this.current?.abort();
    this.current = undefined;
    this.cacheSub?.dispose();
    this.cacheSub = undefined;
    this.ownCache?.stop();
    this.ownCache = undefined;
  }

  private finish(reason: LogEndReason, message: string): void {
    if (this.endedFlag) return;
    this.endedFlag = true;
    this.teardown();
    this.emit({ type: 'ended', reason, message });
  }

  private emit(e: LogStreamEvent): void {
    this.eventListeners.fire(e);
  }
}

// The open log streams of this window, each shown in its own output channel. Lines arrive in
// bursts (a tail of thousands, a chatty server); appending them one by one would flood the
// renderer, so they are batched on a timer, and the channel is rewritten from the bounded buffer
// once it has grown past the line limit, so memory stays bounded in days-long follows.
// A filter (logFilter.ts) rewrites the channel from the bounded buffer and then applies to new
// lines; pausing keeps receiving into that buffer and writes nothing until resumed.
import * as vscode from 'vscode';
import { describeFilter, isEmptyFilter, type LineMatcher, type LogFilterSpec } from '../../../core/logs/logFilter';
import type { LogLine } from '../../../core/logs/types';
import { t } from '../../localize';
import { ContextKeys, setContext } from '../../contextKeys';

const FLUSH_MS = 150;

export interface LogSessionSource {
  /** The newest lines, bounded. */
  lines(): LogLine[];
  stop(): void;
}

/** Where a pod log came from: enough to open the previous container's log of the same pod. */
export interface LogOrigin {
  readonly context: string;
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
}

export class LogSession implements vscode.Disposable {
  private pending: string[] = [];
  private filterSpec: LogFilterSpec = {};
  private matcher: LineMatcher | undefined;
  private makeMatcher: (() => LineMatcher) | undefined;
  private pausedFlag = false;
  origin: LogOrigin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private written = 0;
  private received = 0;
  private readonly waiters = new Set<{ met: (batch: readonly LogLine[]) => boolean; done: () => void }>();
  stopped = false;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly channel: vscode.OutputChannel,
    private readonly source: LogSessionSource,
    private readonly maxLines: number,
    private readonly onDispose: (s: LogSession) => void,
  ) {}

  get lineCount(): number {
    return this.received;
  }

  show(): void {
    this.channel.show(true);
  }

  /** A status line (connected, restarted, ended): written in order with the log lines. */
  note(text: string): void {
    this.push([`--- ${text} ---`]);
  }

  get filter(): LogFilterSpec {
    return this.filterSpec;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Every line kept (the bounded buffer), filter or not. */
  allLines(): LogLine[] {
    return this.source.lines();
  }

  /** The lines the channel shows now (the bounded buffer through the filter). */
  shownLines(): LogLine[] {
    const all = this.source.lines();
    if (!this.makeMatcher) return all.slice(-this.maxLines);
    const m = this.makeMatcher(); // a fresh pass: the matcher remembers levels line by line
    return all.filter((l) => m(l)).slice(-this.maxLines);
  }

  shown(): string[] {
    return this.shownLines().map((l) => l.text);
  }

  /** Shows only what `make()` matches (undefined: everything), from the buffer on. */
  setFilter(spec: LogFilterSpec, make: (() => LineMatcher) | undefined): void {
    this.filterSpec = spec;
    this.makeMatcher = make && !isEmptyFilter(spec) ? make : undefined;
    // One pass over the buffer: its lines are written, and the same matcher, having seen their
    // levels, goes on with the new lines.
    const m = this.makeMatcher?.();
    this.matcher = m;
    const all = this.source.lines();
    this.rewrite((m ? all.filter((l) => m(l)) : all).slice(-this.maxLines));
  }

  /** Stops writing to the channel (lines are still received into the bounded buffer) or resumes. */
  setPaused(paused: boolean): void {
    if (paused === this.pausedFlag) return;
    this.pausedFlag = paused;
    if (!paused) this.rewrite();
    else {
      this.flush();
      this.channel.appendLine(`--- ${t('paused: new lines are kept and shown on resume')} ---`);
    }
  }

  /** Replaces the channel's text with `lines` (default: what the filter shows of the buffer). */
  private rewrite(lines?: readonly LogLine[]): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    const header = isEmptyFilter(this.filterSpec) ? [] : [`--- ${t('filter: {0}', describeFilter(this.filterSpec, t))} ---`];
    const keep = (lines ?? this.shownLines()).map((l) => l.text);
    this.channel.replace([...header, ...keep].join('\n') + '\n');
    this.written = keep.length;
  }

  addLines(lines: readonly LogLine[]): void {
    this.received += lines.length;
    const m = this.matcher;
    this.push((m ? lines.filter((l) => m(l)) : lines).map((l) => l.text));
    for (const w of [...this.waiters]) if (w.met(lines)) w.done();
  }

  /** Resolves once `n` lines arrived or after `timeoutMs` (scripts and tests wait for output). */
  waitForLines(n: number, timeoutMs: number): Promise<void> {
    return this.waitUntil(() => this.received >= n, timeoutMs);
  }

  /** Resolves once a line matching `pattern` arrived (or had arrived) or after `timeoutMs`. */
  waitForMatch(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (this.source.lines().some((l) => pattern.test(l.text))) return Promise.resolve();
    return this.waitUntil((batch) => batch.some((l) => pattern.test(l.text)), timeoutMs);
  }

  private waitUntil(met: (batch: readonly LogLine[]) => boolean, timeoutMs: number): Promise<void> {
    if (met([])) return Promise.resolve();
    return new Promise((resolve) => {
      const w = {
        met,
        done: (): void => {
          clearTimeout(timer);
          this.waiters.delete(w);
          resolve();
        },
      };
      const timer = setTimeout(w.done, timeoutMs);
      this.waiters.add(w);
    });
  }

  recent(n: number): string[] {
    return this.source
      .lines()
      .slice(-n)
      .map((l) => l.text);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.source.stop();
    this.flush();
    this.channel.appendLine(`--- ${t('stopped')} ---`);
  }

  private push(lines: readonly string[]): void {
    if (lines.length === 0 || this.pausedFlag) return; // paused: the source's buffer keeps them for resume
    this.pending.push(...lines);
    // Keep pending bounded too: only the last maxLines can ever be shown.
    if (this.pending.length > this.maxLines) this.pending.splice(0, this.pending.length - this.maxLines);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0 || this.pausedFlag) return;
    const batch = this.pending;
    this.pending = [];
    if (this.written + batch.length > this.maxLines) {
      this.rewrite();
      return;
    }
    this.channel.append(batch.join('\n') + '\n');
    this.written += batch.length;
  }

  dispose(): void {
    this.stop();
    for (const w of [...this.waiters]) w.done();
    this.channel.dispose();
    this.onDispose(this);
  }
}

export class LogSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, LogSession>();
  private seq = 0;

  create(title: string, source: LogSessionSource, maxLines: number): LogSession {
    const id = `log-${++this.seq}`;
    // Our own grammar (syntaxes/dolphindb-log.tmLanguage.json) colours DolphinDB's level markers.
    const channel = vscode.window.createOutputChannel(t('DolphinDB log: {0}', title), 'dolphindb-log');
    const s = new LogSession(id, title, channel, source, maxLines, (x) => {
      this.sessions.delete(x.id);
      this.announce();
    });
    this.sessions.set(id, s);
    this.announce();
    return s;
  }

  get(id: string): LogSession | undefined {
    return this.sessions.get(id);
  }

  private announce(): void {
    void setContext(ContextKeys.hasLogs, this.sessions.size > 0);
  }

  active(): LogSession[] {
    return [...this.sessions.values()].filter((s) => !s.stopped);
  }

  /** Every open session, running or stopped (a stopped one can still be filtered and saved). */
  all(): LogSession[] {
    return [...this.sessions.values()];
  }

  dispose(): void {
    for (const s of [...this.sessions.values()]) s.dispose();
    this.sessions.clear();
  }
}

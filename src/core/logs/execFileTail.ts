// Follows a DolphinDB log file inside the container (logMode 0, docs/domain.md §9.6 fallback):
// `ls -1t <dir>` to find the server log, then `tail -n N -F <dir>/<file>` through exec. `-F`
// keeps following across the server's log rotation. A broken exec session is reopened with
// `tail -n 0 -F` (no duplicates; lines written during the break may be missed, and the
// 'reconnected' event says so).
// A runtime does not kill a non-TTY exec process when the connection goes away, so a bare
// `tail -F` would outlive us in the container. The tail therefore runs under a shell that reads
// stdin and kills it at end of input: closing the session (or losing it) ends the tail.
import { because, reasonOf } from '../i18n/text';
import { PassThrough, Writable } from 'node:stream';
import { Exec, type KubeConfig } from '@kubernetes/client-node';
import type { KubeHttp } from '../k8s/http';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import { english, msg, verbatim, type Translate } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { LineSplitter } from './lineSplitter';
import { RingBuffer } from './ringBuffer';
import { chooseServerLogFile } from './serverLogPlan';
import type { LineSource, LogEndReason, LogLine, LogStreamEvent } from './types';
import { Emitter, type Disposable } from '../util/disposables';
import { DEFAULT_MAX_LINES } from './podLogStream';

export interface ExecSession {
  close(): void;
}

/** Runs a command; stdout chunks as they come; `done` once with the exit status (or a transport error). */
export type ExecRunner = (
  req: { namespace: string; pod: string; container: string; command: string[]; stdin?: boolean },
  handlers: {
    stdout: (chunk: Buffer) => void;
    stderr: (chunk: Buffer) => void;
    done: (r: { status?: string; message?: string; error?: Error }) => void;
  },
) => Promise<ExecSession>;

export function clientNodeExecRunner(config: KubeConfig): ExecRunner {
  const exec = new Exec(config);
  return async (req, h) => {
    let finished = false;
    const done = (r: { status?: string; message?: string; error?: Error }): void => {
      if (finished) return;
      finished = true;
      h.done(r);
    };
    const out = new Writable({ write: (c: Buffer, _e, cb) => (h.stdout(c), cb()) });
    const err = new Writable({ write: (c: Buffer, _e, cb) => (h.stderr(c), cb()) });
    // An open stdin that we end on close: the remote side sees end of input.
    const stdin = req.stdin ? new PassThrough() : null;
    const ws = await exec.exec(req.namespace, req.pod, req.container, req.command, out, err, stdin, false, (s) =>
      done({ status: s.status, message: s.message }),
    );
    ws.on('close', () => done({ error: new Error('the exec session closed') }));
    ws.on('error', (e: Error) => done({ error: e }));
    return {
      close: () => {
        finished = true;
        if (stdin) {
          stdin.end();
          // Give the end-of-input a moment to reach the container before the socket goes.
          setTimeout(() => ws.close(), 500).unref();
        } else ws.close();
      },
    };
  };
}

/** Runs a short command and collects its output. */
export function runCommand(
  runner: ExecRunner,
  req: { namespace: string; pod: string; container: string; command: string[] },
  timeoutMs = 15_000,
): Promise<Result<{ stdout: string; stderr: string }>> {
  const operation = verbatim(`exec ${req.command.join(' ')} in ${req.namespace}/${req.pod}`);
  return new Promise((resolve) => {
    const so: Buffer[] = [];
    const se: Buffer[] = [];
    let session: ExecSession | undefined;
    const timer = setTimeout(() => {
      session?.close();
      resolve(fail({ kind: 'timeout', operation, ...because(msg('no answer within {0} s'), Math.round(timeoutMs / 1000)) }));
    }, timeoutMs);
    runner(req, {
      stdout: (c) => so.push(c),
      stderr: (c) => se.push(c),
      done: (r) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(so).toString('utf8');
        const stderr = Buffer.concat(se).toString('utf8');
        if (r.status === 'Success' || (r.status === undefined && r.error && stdout.length > 0)) resolve(ok({ stdout, stderr }));
        else
          resolve(
            fail({
              kind: r.error ? 'unreachable' : 'invalid',
              operation,
              reason: (stderr.trim() || r.message || r.error?.message || 'the command failed').slice(0, 300),
            }),
          );
      },
    }).then(
      (s) => (session = s),
      (e: unknown) => {
        clearTimeout(timer);
        const status = (e as { code?: number; statusCode?: number }).statusCode;
        const reason = e instanceof Error ? e.message : String(e);
        resolve(
          fail({
            kind: status === 403 ? 'forbidden' : 'unreachable',
            operation,
            reason: reason.slice(0, 300),
            ...(status === 403 ? { verb: 'create', resource: 'pods/exec' } : {}),
          }),
        );
      },
    );
  });
}

/** `tail -F` that ends when stdin ends (see the header). Arguments are passed as $0/$1, never spliced into the script. */
export function tailCommand(lines: number, path: string): string[] {
  return ['sh', '-c', 'tail -n "$0" -F "$1" & t=$!; read -r _; kill $t 2>/dev/null', String(lines), path];
}

export interface ExecFileTailTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly logDir: string;
  /** Which file to follow; default: chooseServerLogFile for the role. */
  readonly file?: string;
  readonly role?: 'ctr' | 'dn' | 'cn';
  readonly standalone?: boolean;
}

export interface ExecFileTailOptions {
  readonly tailLines?: number;
  readonly maxLines?: number;
  readonly source?: string;
  readonly t?: Translate;
  readonly runner?: ExecRunner;
  readonly retryMs?: number;
}

export class ExecFileTail implements LineSource {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly lineListeners = new Emitter<readonly LogLine[]>();
  private readonly eventListeners = new Emitter<LogStreamEvent>();
  private readonly runner: ExecRunner;
  private readonly t: Translate;
  private session: ExecSession | undefined;
  private gen = 0;
  private endedFlag = false;
  private interrupted = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private uid: string | undefined;
  /** The file being followed (known after start). */
  file = '';

  constructor(
    private readonly http: KubeHttp,
    readonly target: ExecFileTailTarget,
    private readonly opts: ExecFileTailOptions = {},
  ) {
    this.t = opts.t ?? english;
    this.runner = opts.runner ?? clientNodeExecRunner(http.config);
    this.buffer = new RingBuffer<LogLine>(opts.maxLines ?? DEFAULT_MAX_LINES);
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  lines(): LogLine[] {
    return this.buffer.toArray();
  }

  onLines(cb: (lines: readonly LogLine[]) => void): Disposable {
    return this.lineListeners.event(cb);
  }

  onEvent(cb: (e: LogStreamEvent) => void): Disposable {
    return this.eventListeners.event(cb);
  }

  /** Lists the log directory and starts following the chosen file. */
  async start(): Promise<Result<void>> {
    const { namespace, pod, container, logDir } = this.target;
    const operation = this.t('follow the DolphinDB log file of {0}/{1}', namespace, pod);
    const p = await this.http.request<KubeObject>(objectPath(KINDS.pod, pod, namespace), { operation });
    if (!p.ok) return this.failStart(p.error);
    this.uid = p.value.metadata.uid;
    let file = this.target.file;
    if (!file) {
      const ls = await runCommand(this.runner, { namespace, pod, container, command: ['ls', '-1t', logDir] });
      if (!ls.ok)
        return this.failStart({
          ...ls.error,
          operation,
          reason: this.t('cannot list {0} in container {1}: {2}', logDir, container, reasonOf(ls.error, this.t)),
        });
      file = chooseServerLogFile(ls.value.stdout.split('\n'), this.target.role, this.target.standalone ?? false);
      if (!file)
        return this.failStart({
          kind: 'notFound',
          operation,
          reason: this.t('{0} in container {1} holds no log file yet', logDir, container),
        });
    }
    this.file = file;
    return this.open(this.opts.tailLines ?? 100);
  }

  stop(): void {
    this.finish('stopped', this.t('stopped'));
  }

  private failStart(f: Failure): Result<void> {
    this.endedFlag = true;
    return fail(f);
  }

  private async open(tailLines: number): Promise<Result<void>> {
    const gen = ++this.gen;
    const splitter = new LineSplitter();
    const path = `${this.target.logDir}/${this.file}`;
    try {
      const session = await this.runner(
        {
          namespace: this.target.namespace,
          pod: this.target.pod,
          container: this.target.container,
          command: tailCommand(tailLines, path),
          stdin: true,
        },
        {
          stdout: (c) => {
            if (gen === this.gen) this.consume(splitter.push(c));
          },
          stderr: () => undefined,
          done: (r) => {
            if (gen === this.gen) void this.afterEnd(r.error ?? new Error(r.message ?? this.t('tail exited')));
          },
        },
      );
      if (gen !== this.gen || this.endedFlag) {
        session.close();
        return ok(undefined);
      }
      this.session = session;
    } catch (e) {
      if (this.gen === gen && !this.interrupted) {
        // The first open failed: nothing was streamed, report it to the caller.
        const reason = e instanceof Error ? e.message : String(e);
        this.endedFlag = true;
        return fail({
          kind: 'unreachable',
          operation: this.t('follow {0} in {1}/{2}', path, this.target.namespace, this.target.pod),
          reason,
        });
      }
      this.scheduleRetry();
      return ok(undefined);
    }
    if (this.interrupted) {
      this.interrupted = false;
      this.emit({ type: 'reconnected', gapPossible: true });
    } else {
      this.emit({ type: 'connected' });
    }
    return ok(undefined);
  }

  private consume(raw: readonly string[]): void {
    if (raw.length === 0) return;
    const tag = this.opts.source;
    const out = raw.map((text): LogLine => (tag ? { text: `[${tag}] ${text}`, source: tag } : { text }));
    this.buffer.pushAll(out);
    this.lineListeners.fire(out);
  }

  private async afterEnd(err: Error): Promise<void> {
    this.session = undefined;
    if (this.endedFlag) return;
    const p = await this.http.request<KubeObject>(objectPath(KINDS.pod, this.target.pod, this.target.namespace));
    if (this.endedFlag) return;
    if ((!p.ok && p.error.kind === 'notFound') || (p.ok && p.value.metadata.uid !== this.uid)) {
      this.finish('podDeleted', this.t('pod {0} was deleted', this.target.pod));
      return;
    }
    if (!this.interrupted)
      this.emit({
        type: 'interrupted',
        failure: {
          kind: 'unreachable',
          operation: this.t('follow the DolphinDB log file of {0}/{1}', this.target.namespace, this.target.pod),
          reason: err.message,
        },
      });
    this.interrupted = true;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.endedFlag) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.endedFlag) void this.open(0);
    }, this.opts.retryMs ?? 2000);
  }

  private finish(reason: LogEndReason, message: string): void {
    if (this.endedFlag) return;
    this.endedFlag = true;
    this.gen++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.session?.close();
    this.session = undefined;
    this.emit({ type: 'ended', reason, message });
  }

  private emit(e: LogStreamEvent): void {
    this.eventListeners.fire(e);
  }
}

// An interactive shell in a container: the exec API with a TTY (stdin, one output stream, the
// resize channel). The session knows nothing of VS Code: the extension's Pseudoterminal writes
// keys into it, resizes it and shows what it emits; tests read the same transcript.
// With a TTY the remote terminal handles Ctrl-C (a 0x03 byte on stdin), as kubectl exec -it does.
import { PassThrough } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import { AccessReviewer } from '../k8s/access';
import type { KubeHttp } from '../k8s/http';
import { because, doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { Emitter, type Disposable } from '../util/disposables';
import { endedWithout, exitOf, type ShellExit } from './exitStatus';
import { ResizableOutput } from './resizableOutput';

export type { ShellExit } from './exitStatus';

export interface ShellTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/**
 * bash where the image has it, else sh: one exec that decides inside the container, because a
 * missing binary fails differently per container runtime (an error status, exit 126/127, or a
 * closed stream), so trying bash and reading the failure would guess. TERM is unset in an exec;
 * without it bash's line editing misbehaves.
 */
export const DEFAULT_SHELL: readonly string[] = [
  '/bin/sh',
  '-c',
  'TERM="${TERM:-xterm}"; export TERM; if [ -x /bin/bash ]; then exec /bin/bash; fi; exec /bin/sh',
];

export interface ShellOptions {
  /** The command to run; default DEFAULT_SHELL. */
  readonly command?: readonly string[];
  readonly columns?: number;
  readonly rows?: number;
  /** How many characters of output the transcript keeps (the newest). Default 64 KiB. */
  readonly transcriptLimit?: number;
  /** Asks for `create pods/exec` first; default a fresh reviewer on the session's client. */
  readonly access?: AccessReviewer;
}

export class ShellSession {
  private readonly dataEmitter = new Emitter<string>();
  private readonly exitEmitter = new Emitter<ShellExit>();
  private readonly stdin = new PassThrough();
  private readonly out: ResizableOutput;
  private ws: Awaited<ReturnType<Exec['exec']>> | undefined;
  private text = '';
  private exitValue: ShellExit | undefined;
  private readonly limit: number;
  /** Resolves once, with the exit (or why the session ended without one). */
  readonly exited: Promise<ShellExit>;
  private resolveExit: (e: ShellExit) => void = () => undefined;

  private constructor(
    readonly target: ShellTarget,
    opts: ShellOptions,
  ) {
    this.limit = opts.transcriptLimit ?? 64 * 1024;
    this.out = new ResizableOutput((c) => this.onOutput(c), { columns: opts.columns ?? 80, rows: opts.rows ?? 24 });
    this.exited = new Promise((r) => (this.resolveExit = r));
  }

  /** Checks the exec permission, then opens the session; a refusal or a failed start is a Failure. */
  static async open(http: KubeHttp, target: ShellTarget, opts: ShellOptions = {}): Promise<Result<ShellSession>> {
    const operation = doing(msg('open a shell in {0}/{1} ({2})'), target.namespace, target.pod, target.container);
    const access = opts.access ?? new AccessReviewer(http);
    let allowed: boolean;
    try {
      allowed = await access.can({
        verb: 'create',
        group: '',
        resource: 'pods',
        subresource: 'exec',
        namespace: target.namespace,
      });
    } catch (e) {
      return fail({ kind: 'unreachable', ...operation, reason: e instanceof Error ? e.message : String(e) });
    }
    if (!allowed)
      return fail({
        kind: 'forbidden',
        ...operation,
        ...because(msg('you may not exec into pods (create pods/exec) in namespace {0}'), target.namespace),
        verb: 'create',
        resource: 'pods/exec',
      });
    const session = new ShellSession(target, opts);
    const started = await session.start(http, opts.command ?? DEFAULT_SHELL);
    return started ? fail({ ...started, ...operation }) : ok(session);
  }

  private async start(http: KubeHttp, command: readonly string[]): Promise<Omit<Failure, 'operation'> | undefined> {
    try {
      // One Exec per session: it keeps the session's resize queue on itself.
      const exec = new Exec(http.config);
      const { namespace, pod, container } = this.target;
      // stderr must be null with a TTY: the API server refuses both, and the TTY merges them anyway.
      this.ws = await exec.exec(namespace, pod, container, [...command], this.out, null, this.stdin, true, (s: V1Status) =>
        this.finish(exitOf(s)),
      );
    } catch (e) {
      // A refused WebSocket upgrade rejects with "Unexpected server response: <status>" (or an
      // event object), not with the API server's Status: the HTTP status is what there is to read.
      const m = (e as { message?: unknown }).message;
      const text = (typeof m === 'string' && m ? m : String(e)).slice(0, 300);
      const status = (e as { statusCode?: number }).statusCode ?? Number(/server response: (\d{3})/.exec(text)?.[1] ?? NaN);
      const { namespace, pod, container } = this.target;
      if (status === 403) return { kind: 'forbidden', reason: text, verb: 'create', resource: 'pods/exec', status };
      if (status === 404) return { kind: 'notFound', ...because(msg('pod {0} does not exist in {1}'), pod, namespace), status };
      if (status === 400)
        return {
          kind: 'invalid',
          ...because(msg('the API server refused the exec request: is container {0} in pod {1}, and running?'), container, pod),
          status,
        };
      return { kind: 'unreachable', reason: text };
    }
    this.ws.on('close', () => this.finish(endedWithout(msg('the connection closed'))));
    this.ws.on('error', (e: Error) => this.finish({ code: undefined, message: e.message }));
    return undefined;
  }

  private onOutput(chunk: Buffer): void {
    const s = chunk.toString('utf8');
    this.text = (this.text + s).slice(-this.limit);
    this.dataEmitter.fire(s);
  }

  private finish(e: ShellExit): void {
    if (this.exitValue) return;
    this.exitValue = e;
    this.stdin.end();
    this.exitEmitter.fire(e);
    this.resolveExit(e);
    this.ws?.close();
  }

  /** The exit, once the shell has ended. */
  get exit(): ShellExit | undefined {
    return this.exitValue;
  }

  /** The newest output (up to the transcript limit), as the terminal showed it. */
  transcript(): string {
    return this.text;
  }

  get size(): { columns: number; rows: number } {
    return { columns: this.out.columns, rows: this.out.rows };
  }

  onData(cb: (text: string) => void): Disposable {
    return this.dataEmitter.event(cb);
  }

  onExit(cb: (e: ShellExit) => void): Disposable {
    return this.exitEmitter.event(cb);
  }

  /** Keys typed (or text pasted) into the terminal, passed as they are. */
  write(data: string): void {
    if (!this.exitValue) this.stdin.write(data);
  }

  resize(columns: number, rows: number): void {
    if (columns > 0 && rows > 0) this.out.resize(columns, rows);
  }

  /** Ends the session: the remote side sees end of input and the connection goes. */
  close(): void {
    this.finish(endedWithout(msg('the terminal was closed')));
    this.dataEmitter.dispose();
    this.exitEmitter.dispose();
  }
}

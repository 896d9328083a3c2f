// Runs an external program (Helm) with an argument array, never through a shell, so no user
// value can be read as shell syntax. Output is streamed line by line to the log after scrubbing,
// the run is bounded in time, and cancellation kills the whole process group (Helm may start
// plugins or credential helpers of its own).
import { spawn } from 'node:child_process';
import * as readline from 'node:readline';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';
import { scrub as scrubSecrets } from '../k8s/errors';

export interface RunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Applied to every output line before it is logged or kept. */
  readonly scrub?: (line: string) => string;
  /** Prefix for logged lines, e.g. "helm". */
  readonly label: string;
  /** How many trailing lines of each stream to keep for error messages. */
  readonly tailLines?: number;
  /** Operation text for failures. */
  readonly operation: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdoutTail: readonly string[];
  readonly stderrTail: readonly string[];
  readonly durationMs: number;
}

/** Grace period between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3000;

export function runProcess(ctx: OperationContext, opts: RunOptions): Promise<Result<RunResult>> {
  const started = Date.now();
  const tailMax = opts.tailLines ?? 20;
  const clean = (line: string): string => scrubSecrets((opts.scrub ?? ((l: string) => l))(line.replace(/\r$/, '')));
  return new Promise((resolve) => {
    if (ctx.signal.aborted) return resolve(fail({ kind: 'cancelled', operation: opts.operation, reason: ctx.t('cancelled') }));
    const posix = process.platform !== 'win32';
    let child: ReturnType<typeof spawn>;
    try {
      // detached on POSIX puts the child in its own process group, so one kill reaches its children too.
      child = spawn(opts.command, [...opts.args], {
        env: opts.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: posix,
        windowsHide: true,
        shell: false,
      });
    } catch (e) {
      return resolve(fail({ kind: 'internal', operation: opts.operation, reason: (e as Error).message }));
    }
    const stdoutTail: string[] = [];
    const stderrTail: string[] = [];
    const keep = (tail: string[], line: string): void => {
      tail.push(line);
      if (tail.length > tailMax) tail.shift();
    };
    let ended: 'timeout' | 'cancelled' | undefined;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (why: 'timeout' | 'cancelled'): void => {
      if (ended || settled) return;
      ended = why;
      ctx.log(
        why === 'timeout'
          ? ctx.t('{0}: no result within {1} s; stopping it.', opts.label, Math.round(opts.timeoutMs / 1000))
          : ctx.t('{0}: cancelled; stopping it.', opts.label),
      );
      const signal = (s: NodeJS.Signals): void => {
        try {
          if (posix && child.pid) process.kill(-child.pid, s);
          else child.kill(s);
        } catch {
          /* already gone */
        }
      };
      signal('SIGTERM');
      killTimer = setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => kill('timeout'), opts.timeoutMs);
    const onAbort = (): void => kill('cancelled');
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    let open = 2;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const finish = (): void => {
      if (settled || open > 0 || !exit) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      const durationMs = Date.now() - started;
      if (ended === 'cancelled')
        return resolve(fail({ kind: 'cancelled', operation: opts.operation, reason: ctx.t('cancelled') }));
      if (ended === 'timeout')
        return resolve(
          fail({
            kind: 'timeout',
            operation: opts.operation,
            reason: ctx.t('{0} did not finish within {1} s and was stopped.', opts.label, Math.round(opts.timeoutMs / 1000)),
          }),
        );
      resolve(ok({ ...exit, stdoutTail, stderrTail, durationMs }));
    };
    for (const [stream, tail] of [
      [child.stdout, stdoutTail],
      [child.stderr, stderrTail],
    ] as const) {
      if (!stream) {
        open--;
        continue;
      }
      const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
      rl.on('line', (raw) => {
        const line = clean(raw);
        keep(tail, line);
        ctx.log(`${opts.label}: ${line}`);
      });
      rl.on('close', () => {
        open--;
        finish();
      });
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(
        fail({
          kind: e.code === 'ENOENT' || e.code === 'EACCES' ? 'helmMissing' : 'internal',
          operation: opts.operation,
          reason: e.code === 'ENOENT' ? ctx.t('{0} was not found at {1}.', opts.label, opts.command) : scrubSecrets(e.message),
        }),
      );
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      finish();
    });
  });
}

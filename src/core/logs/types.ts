// Shapes shared by every log source (a pod's container log, a file tailed through exec, a whole
// cluster merged): lines out, state events out, start/stop in.
import type { Failure, Result } from '../result';
import type { Disposable } from '../util/disposables';

export interface LogLine {
  /** The line without its trailing newline (and without the server's timestamp prefix). */
  readonly text: string;
  /** The server's RFC 3339 timestamp of the line, when the source provides one. */
  readonly time?: string;
  /** Short source tag in merged streams, e.g. `dn-1`; the text then starts with `[dn-1] `. */
  readonly source?: string;
}

/** Why a stream stopped for good. */
export type LogEndReason =
  /** A non-follow read delivered everything. */
  | 'completed'
  /** stop() was called. */
  | 'stopped'
  /** The pod was deleted (or replaced by a new pod with the same name). */
  | 'podDeleted'
  /** The container terminated and the pod will not restart it. */
  | 'containerTerminated'
  /** Reconnecting is pointless (e.g. the API server refuses the request). */
  | 'failed';

export type LogStreamEvent =
  /** The container has not started yet; streaming begins when it does. */
  | { readonly type: 'waiting'; readonly message: string }
  | { readonly type: 'connected' }
  /** The stream broke (API server restart, network); retrying with backoff. */
  | { readonly type: 'interrupted'; readonly failure: Failure }
  /** Streaming again after an interruption. `gapPossible`: lines may have been missed. */
  | { readonly type: 'reconnected'; readonly gapPossible: boolean }
  | { readonly type: 'containerRestarted'; readonly restartCount: number }
  | { readonly type: 'ended'; readonly reason: LogEndReason; readonly message: string };

export type { Disposable };

/** What the editor (or a merged stream) needs from any log source. */
export interface LineSource {
  start(): Promise<Result<void>>;
  stop(): void;
  onLines(cb: (lines: readonly LogLine[]) => void): Disposable;
  onEvent(cb: (e: LogStreamEvent) => void): Disposable;
  /** The most recent lines kept in memory (bounded). */
  lines(): LogLine[];
  readonly ended: boolean;
}

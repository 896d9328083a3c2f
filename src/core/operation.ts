// What every long-running operation receives: cancellation, progress and the log. Core code
// stays editor-free; the extension adapts these to withProgress and the output channel.
import type { Translate } from './i18n/translate';

export interface Progress {
  /** A short line for the user; `fraction` in [0, 1] when the share of work done is known. */
  report(message: string, fraction?: number): void;
}

export interface OperationContext {
  readonly signal: AbortSignal;
  readonly progress: Progress;
  /** Writes to the extension's log. Never pass a credential or license content. */
  readonly log: (line: string) => void;
  readonly t: Translate;
}

export function cancelled(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** Resolves after `ms`, or early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// Debounced, cancellable validation per document URI. A new edit cancels the pending run of the
// same URI (and makes a run already in flight drop its result), so only the newest text is ever
// published and a burst of keystrokes costs one validation.

export interface RunToken {
  /** False once a newer run for the same URI was scheduled or the URI was cancelled. */
  readonly current: () => boolean;
}

export type RunFn = (uri: string, token: RunToken) => Promise<void>;

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly run: RunFn,
    private readonly onError: (uri: string, error: unknown) => void = () => undefined,
  ) {}

  schedule(uri: string, delayMs: number): void {
    const generation = this.bump(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      const token: RunToken = { current: () => this.generations.get(uri) === generation };
      this.run(uri, token).catch((e: unknown) => this.onError(uri, e));
    }, delayMs);
    this.timers.set(uri, timer);
  }

  cancel(uri: string): void {
    this.bump(uri);
    this.generations.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.generations.clear();
  }

  private bump(uri: string): number {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    const next = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, next);
    return next;
  }
}

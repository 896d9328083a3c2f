// Resuming a log stream without duplicates. Lines are read with `timestamps=true`; after a break
// the stream is reopened with `sinceTime` = the last line's time. The kubelet receives sinceTime
// with whole-second precision, so the new stream repeats what came before: lines older than the
// last seen time are dropped, and at exactly that time everything up to and including the last
// line seen (matched by text and by how often that text occurred at that instant) is dropped.
// This also drops lines a tail cut off that share the instant, so a resume never shows a line
// from before where the stream started.

/** Splits `2025-03-04T08:15:22.123456789Z text` into time and text; undefined time if absent. */
export function splitTimestamp(line: string): { time?: string; text: string } {
  const sp = line.indexOf(' ');
  // RFC 3339 timestamps are at least 20 characters (`2025-03-04T08:15:22Z`).
  if (sp < 20 || sp > 40 || line.charCodeAt(4) !== 45 /* - */ || line.charCodeAt(10) !== 84 /* T */) return { text: line };
  return { time: line.slice(0, sp), text: line.slice(sp + 1) };
}

const TS_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A sortable key for an RFC 3339 timestamp: epoch milliseconds of the whole second and the
 * nanoseconds, as one fixed-width string. The server trims trailing zeros of the fraction
 * (RFC3339Nano), so the raw strings do not compare correctly.
 */
export function timeKey(time: string): string | undefined {
  const m = TS_RE.exec(time);
  if (!m) return undefined;
  const sec = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(sec)) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  return `${String(sec).padStart(16, '0')}.${frac}`;
}

export class ResumeCursor {
  private lastRaw: string | undefined;
  /** The last text seen at lastRaw, and how often it occurred at that instant. */
  private lastText = '';
  private lastCount = 0;
  /** Per-text counts at lastRaw, made only once two lines share an instant (rare). */
  private atLast: Map<string, number> | undefined;
  /** While resuming: drop lines until this text has been replayed this many times at key. */
  private skip: { key: string; text: string; remaining: number } | undefined;

  /** The time to resume from, if any line with a time was seen. */
  get sinceTime(): string | undefined {
    return this.lastRaw;
  }

  get seenAny(): boolean {
    return this.lastRaw !== undefined;
  }

  /** Call before reading a stream opened with `sinceTime`: the replayed part will be dropped. */
  beginResume(): void {
    const key = this.lastRaw === undefined ? undefined : this.keyOf(this.lastRaw);
    if (key === undefined) return;
    this.skip = { key, text: this.lastText, remaining: this.lastCount };
  }

  /**
   * Whether a line is new; records it when it is. Lines without a time are always new. Lines
   * arrive in time order, so outside a resume a different time simply starts a new instant and
   * nothing is parsed: this runs for every line of every stream.
   */
  accept(time: string | undefined, text: string): boolean {
    if (time === undefined) return true;
    const sk = this.skip;
    if (sk) {
      const key = this.keyOf(time);
      if (key !== undefined) {
        if (key < sk.key) return false;
        if (key === sk.key) {
          if (text === sk.text && --sk.remaining <= 0) this.skip = undefined;
          return false;
        }
      }
      this.skip = undefined;
    }
    if (time !== this.lastRaw) {
      this.lastRaw = time;
      this.lastText = text;
      this.lastCount = 1;
      this.atLast = undefined;
      return true;
    }
    // Several lines at one instant: count each text, for an exact skip after a resume.
    if (!this.atLast) this.atLast = new Map([[this.lastText, this.lastCount]]);
    const n = (this.atLast.get(text) ?? 0) + 1;
    this.atLast.set(text, n);
    this.lastText = text;
    this.lastCount = n;
    return true;
  }

  private secPrefix = '';
  private secKey = '';

  /** timeKey with the whole-second part cached: consecutive lines share it. */
  private keyOf(time: string): string | undefined {
    if (time.length > 20 && time.endsWith('Z') && time.charCodeAt(19) === 46 /* . */) {
      const prefix = time.slice(0, 19);
      if (prefix !== this.secPrefix) {
        const k = timeKey(`${prefix}Z`);
        if (k === undefined) return undefined;
        this.secPrefix = prefix;
        this.secKey = k.slice(0, 16);
      }
      const frac = time.slice(20, -1);
      if (!/^\d{1,9}$/.test(frac)) return timeKey(time);
      return `${this.secKey}.${frac.padEnd(9, '0')}`;
    }
    return timeKey(time);
  }
}

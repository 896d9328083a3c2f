// "Last N lines" of a whole cluster: each instance's last N lines, merged into one time order and
// cut to the newest N. The cluster's true last N lines are always among the instances' last N
// each, so the cut is exact. A line without a time of its own (a continuation of a multi-line
// message, or a source without timestamps) keeps the time of the line before it from the same
// source, so it stays with the message it belongs to.
import type { LogLine } from './types';

/** A DolphinDB server log line starts with its local time: `2024-05-06 10:11:12.123456 <INFO> …`. */
const LEADING_TIME_RE = /^(?:\[[\w-]+\] )?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)/;

/** The line's sortable time: the API server's timestamp, else the one the text starts with. */
export function lineTime(line: LogLine): string | undefined {
  if (line.time) return line.time;
  const m = LEADING_TIME_RE.exec(line.text);
  return m ? `${m[1]}T${m[2]}` : undefined;
}

/** Compares RFC 3339 / ISO-like times numerically on their fraction too (`.5` after `.123`). */
function compareTimes(a: string, b: string): number {
  const [as, af = ''] = a.replace(/Z$|[+-]\d{2}:\d{2}$/, '').split('.');
  const [bs, bf = ''] = b.replace(/Z$|[+-]\d{2}:\d{2}$/, '').split('.');
  if (as !== bs) return as < bs ? -1 : 1;
  const w = Math.max(af.length, bf.length);
  const x = af.padEnd(w, '0');
  const y = bf.padEnd(w, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Merges the lines of several sources (each in its own order) by time, stable within a source and
 * among equal times; keeps the newest `keep` lines when given.
 */
export function mergeByTime(lines: readonly LogLine[], keep?: number): LogLine[] {
  const lastTime = new Map<string, string>();
  const keyed = lines.map((line, i) => {
    const own = lineTime(line);
    const src = line.source ?? '';
    const time = own ?? lastTime.get(src) ?? '';
    if (own) lastTime.set(src, own);
    return { line, time, i };
  });
  keyed.sort((a, b) => compareTimes(a.time, b.time) || a.i - b.i);
  const merged = keyed.map((k) => k.line);
  return keep !== undefined && keep >= 0 && merged.length > keep ? merged.slice(merged.length - keep) : merged;
}

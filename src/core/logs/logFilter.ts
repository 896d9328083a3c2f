// What a log viewer shows of a stream: lines matching a text or regular expression, from some
// instances only, at or above a level. DolphinDB writes its level as `<ERROR>`, `<WARNING>`,
// `<INFO>`, `<DEBUG>` after the timestamp; a line without a marker (a stack frame, the rest of a
// multi-line message) takes the level of the line before it from the same instance, so "errors
// only" keeps an error's continuation with it.
import type { Translate } from '../i18n/translate';
import { fail, ok, type Result } from '../result';
import type { LogLine } from './types';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warning: 2, error: 3 };
const MARKER_RE = /<(ERROR|WARNING|WARN|INFO|DEBUG)>/;

/** The level a line states itself, from DolphinDB's marker. */
export function levelOf(text: string): LogLevel | undefined {
  const m = MARKER_RE.exec(text);
  if (!m) return undefined;
  const k = m[1];
  return k === 'ERROR' ? 'error' : k === 'WARNING' || k === 'WARN' ? 'warning' : k === 'INFO' ? 'info' : 'debug';
}

export interface LogFilterSpec {
  /** Text to look for; a regular expression when `regex`. Empty or absent: every line. */
  readonly text?: string;
  readonly regex?: boolean;
  readonly caseSensitive?: boolean;
  /** Only these instances (`dn-0`, `ctr-0`…) of a merged stream; absent: all. */
  readonly sources?: readonly string[];
  /** Only lines at or above this level. */
  readonly minLevel?: LogLevel;
}

export const isEmptyFilter = (f: LogFilterSpec): boolean => !f.text && !f.sources?.length && !f.minLevel;

/** A stateful line test (it remembers each instance's last level); make a new one per pass. */
export type LineMatcher = (line: LogLine) => boolean;

/** The matcher for `spec`, or why the regular expression is not one. */
export function compileFilter(spec: LogFilterSpec, t: Translate): Result<() => LineMatcher> {
  let test: ((s: string) => boolean) | undefined;
  if (spec.text) {
    if (spec.regex) {
      let re: RegExp;
      try {
        re = new RegExp(spec.text, spec.caseSensitive ? '' : 'i');
      } catch (e) {
        return fail({
          kind: 'invalid',
          operation: t('filter the log'),
          reason: t('"{0}" is not a regular expression: {1}', spec.text, (e as Error).message),
        });
      }
      test = (s) => re.test(s);
    } else {
      const needle = spec.caseSensitive ? spec.text : spec.text.toLowerCase();
      test = spec.caseSensitive ? (s) => s.includes(needle) : (s) => s.toLowerCase().includes(needle);
    }
  }
  const sources = spec.sources?.length ? new Set(spec.sources) : undefined;
  const min = spec.minLevel ? RANK[spec.minLevel] : undefined;
  return ok(() => {
    const last = new Map<string, LogLevel>();
    return (line) => {
      const src = line.source ?? '';
      const own = levelOf(line.text);
      if (own) last.set(src, own);
      if (sources && !sources.has(src)) return false;
      if (min !== undefined) {
        const level = own ?? last.get(src);
        if (level === undefined || RANK[level] < min) return false;
      }
      return test ? test(line.text) : true;
    };
  });
}

/** Index of the first line at `level` (default: error) or undefined. */
export function firstAtLevel(lines: readonly LogLine[], level: LogLevel = 'error'): number | undefined {
  const i = lines.findIndex((l) => levelOf(l.text) === level);
  return i < 0 ? undefined : i;
}

/** One line for the channel's header, e.g. `filter: "timeout" · dn-0, dn-1 · warnings and errors`. */
export function describeFilter(f: LogFilterSpec, t: Translate): string {
  const parts: string[] = [];
  if (f.text) parts.push(f.regex ? `/${f.text}/` : `"${f.text}"`);
  if (f.sources?.length) parts.push(f.sources.join(', '));
  if (f.minLevel === 'error') parts.push(t('Errors only'));
  else if (f.minLevel === 'warning') parts.push(t('Warnings and errors'));
  return parts.join(' · ');
}

// A small writer for `kubectl describe`-style text: "Key:  value" rows, nested by indentation,
// keys padded per nesting level so the values line up.
import { english, type Translate } from '../i18n/translate';

interface Row {
  readonly level: number;
  readonly key?: string;
  readonly value: string;
}

export class DescribeWriter {
  private readonly rows: Row[] = [];

  /** `Key:  value`; an empty value still prints the key. */
  kv(level: number, key: string, value: string | number | boolean | undefined): this {
    this.rows.push({ level, key, value: value === undefined || value === '' ? '<none>' : String(value) });
    return this;
  }

  /** `Key:  first` then the others aligned under it (labels, annotations, mounts). */
  list(level: number, key: string, values: readonly string[]): this {
    if (values.length === 0) return this.kv(level, key, '<none>');
    this.rows.push({ level, key, value: values[0] as string });
    for (const v of values.slice(1)) this.rows.push({ level, key: '', value: v });
    return this;
  }

  /** A heading (`Containers:`) or a free line at a level. */
  line(level: number, text: string): this {
    this.rows.push({ level, value: text });
    return this;
  }

  toString(): string {
    const width = new Map<number, number>();
    for (const r of this.rows)
      if (r.key !== undefined && r.key !== '') width.set(r.level, Math.max(width.get(r.level) ?? 0, r.key.length + 1));
    return (
      this.rows
        .map((r) => {
          const indent = '  '.repeat(r.level);
          if (r.key === undefined) return indent + r.value;
          const w = (width.get(r.level) ?? 0) + 2;
          const key = r.key === '' ? '' : `${r.key}:`;
          return `${indent}${key.padEnd(w)}${r.value}`.trimEnd();
        })
        .join('\n') + '\n'
    );
  }
}

export function mapLines(m: Record<string, unknown> | undefined, hide: readonly string[] = []): string[] {
  return Object.entries(m ?? {})
    .filter(([k]) => !hide.includes(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** Annotations a person reads; the huge last-applied blob is left out as kubectl does. */
export const HIDDEN_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** Left-aligned columns separated by three spaces (kubectl's event table). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
  const all = [headers, headers.map((h) => '-'.repeat(h.length)), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return (
    all
      .map(
        (r) =>
          indent +
          r
            .map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
            .join('')
            .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export interface DescribeOptions {
  readonly t?: Translate;
  /** "Now" for ages; default Date.now(). */
  readonly now?: number;
}

export function tr(opts: DescribeOptions | undefined): Translate {
  return opts?.t ?? english;
}

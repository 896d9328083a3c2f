// Which versions of the suite chart the user can install: those the chart repository's index
// lists (`<repository>/index.yaml`, the file Helm itself reads), or the local chart files next to
// the one picked (`dolphindb-mgr-<version>.tgz`, as the DolphinDB downloads are named). Reading
// only: the index is fetched over HTTP(S) without touching Helm's repository configuration.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { compareVersions } from '../dolphindb/versions';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';
import { SUITE_CHART } from '../explorer/helmRelease';

/** A Helm repository index (or anything) larger than this is not read. */
const MAX_INDEX_BYTES = 8 * 1024 * 1024;
const LOCAL_RE = new RegExp(`^${SUITE_CHART}-(v?\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?)\\.tgz$`);

/** The versions an index lists for `chart`, newest first, without duplicates; undefined when it is no index. */
export function parseChartIndex(text: string, chart: string = SUITE_CHART): string[] | undefined {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const entries = (doc as { entries?: Record<string, unknown> } | null)?.entries;
  if (typeof entries !== 'object' || entries === null) return undefined;
  const list = entries[chart];
  const versions = Array.isArray(list)
    ? list.map((e) => (e as { version?: unknown } | null)?.version).filter((v): v is string => typeof v === 'string')
    : [];
  return [...new Set(versions)].sort((a, b) => compareVersions(b, a));
}

/** The chart version a local file name says (`dolphindb-mgr-v1.1.7.tgz` → v1.1.7). */
export function localChartVersion(file: string): string | undefined {
  return LOCAL_RE.exec(path.basename(file))?.[1];
}

export interface LocalChart {
  readonly version: string;
  readonly path: string;
}

/** The suite chart files in the folder of `file` (itself included), newest first. */
export async function localChartVersions(file: string): Promise<LocalChart[]> {
  const dir = path.dirname(file);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: LocalChart[] = [];
  for (const n of names) {
    const version = localChartVersion(n);
    if (version) out.push({ version, path: path.join(dir, n) });
  }
  return out.sort((a, b) => compareVersions(b.version, a.version));
}

/** The index URL of a repository URL (`https://x/helm-chart/` → `https://x/helm-chart/index.yaml`). */
export function indexUrl(repository: string): string {
  return `${repository.replace(/\/+$/, '')}/index.yaml`;
}

/** Fetches the repository index and lists the suite chart's versions; a failure says why in a sentence. */
export async function readRepositoryVersions(
  ctx: OperationContext,
  repository: string,
  timeoutMs = 15_000,
): Promise<Result<string[]>> {
  const url = indexUrl(repository);
  const operation = ctx.t('read {0}', url);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  try {
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) return fail({ kind: 'unreachable', operation, reason: ctx.t('The repository answered HTTP {0}.', res.status) });
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_INDEX_BYTES)
      return fail({ kind: 'invalid', operation, reason: ctx.t('The repository index is larger than {0} MiB.', 8) });
    const text = await res.text();
    if (text.length > MAX_INDEX_BYTES)
      return fail({ kind: 'invalid', operation, reason: ctx.t('The repository index is larger than {0} MiB.', 8) });
    const parsed = parseChartIndex(text);
    if (!parsed) return fail({ kind: 'invalid', operation, reason: ctx.t('The repository index cannot be read.') });
    return ok(parsed);
  } catch (e) {
    if (ctx.signal.aborted)
      return fail({ kind: 'cancelled', operation, reason: ctx.t('Cancelled before anything was changed.') });
    if (timeout.aborted)
      return fail({ kind: 'timeout', operation, reason: ctx.t('no answer within {0} s', Math.round(timeoutMs / 1000)) });
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.name : 'error');
    return fail({ kind: 'unreachable', operation, reason: ctx.t('The repository cannot be reached ({0}).', cause) });
  }
}

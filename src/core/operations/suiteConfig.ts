// The installed suite's runtime defaults: ConfigMap `dolphindb-env-config`, key `env-config`
// (docs/domain.md §6.5). The live ConfigMap wins; the bundled v1.1.7 list stands in only when the
// ConfigMap cannot be read, and the caller is told so.
import { parse } from 'yaml';
import { doing, reasonOf } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import { fail, ok, type Result } from '../result';
import { checkLabel } from './input';
import { SUITE } from '../dolphindb/names';
import { FALLBACK_VERSIONS_V1_1_7, parseEnvConfigMap, type VersionInfo } from '../dolphindb/versions';

export const SUITE_NAMESPACE_DEFAULT = 'dolphindb';
export const CORE_DUMP_DIR_DEFAULT = '/data/ddb/core';

export interface SupportedVersions {
  readonly versions: readonly VersionInfo[];
  /** `suite`: read from the ConfigMap in `namespace`; `fallback`: the bundled chart v1.1.7 list. */
  readonly source: 'suite' | 'fallback';
  readonly namespace?: string;
  /** Why the fallback was used (translated). */
  readonly note?: string;
}

async function readEnvConfigMap(http: KubeHttp, namespace: string, signal: AbortSignal): Promise<Result<KubeObject>> {
  return http.request<KubeObject>(objectPath(KINDS.configmap, SUITE.envConfigMap, namespace), {
    signal,
    ...doing(msg('read {0} in {1}'), `configmaps/${SUITE.envConfigMap}`, namespace),
  });
}

/**
 * Namespaces to look in: the one given, else the cluster's own, then the documented default
 * `dolphindb` (the suite manages other namespaces only with global.allNamespace=true).
 */
function candidates(clusterNamespace: string, suiteNamespace?: string): string[] {
  if (suiteNamespace) return [suiteNamespace];
  return [...new Set([clusterNamespace, SUITE_NAMESPACE_DEFAULT])];
}

export async function readSupportedVersions(
  ctx: OperationContext,
  http: KubeHttp,
  clusterNamespace: string,
  suiteNamespace?: string,
): Promise<Result<SupportedVersions>> {
  const bad = suiteNamespace !== undefined ? checkLabel(ctx.t, ctx.t('Suite namespace'), suiteNamespace) : undefined;
  if (bad) return fail({ kind: 'invalid', operation: ctx.t('read the suite version list'), reason: bad });
  const tried: string[] = [];
  for (const ns of candidates(clusterNamespace, suiteNamespace)) {
    const r = await readEnvConfigMap(http, ns, ctx.signal);
    if (!r.ok) {
      if (r.error.kind === 'cancelled') return r;
      tried.push(`${ns}: ${r.error.kind === 'notFound' ? ctx.t('not found') : reasonOf(r.error, ctx.t)}`);
      continue;
    }
    const parsed = parseEnvConfigMap(r.value);
    if (parsed.ok && parsed.value.versions.length > 0)
      return ok({ versions: parsed.value.versions, source: 'suite', namespace: ns });
    tried.push(`${ns}: ${parsed.ok ? ctx.t('the version list is empty') : reasonOf(parsed.error, ctx.t)}`);
  }
  return ok({
    versions: FALLBACK_VERSIONS_V1_1_7,
    source: 'fallback',
    note: ctx.t('The suite version list could not be read ({0}); using the list of chart v1.1.7.', tried.join('; ')),
  });
}

/** `dolphindb.coreDumpDir` from the env-config text; undefined when absent or unreadable. */
export function coreDumpDirOf(envConfigText: string): string | undefined {
  try {
    const root: unknown = parse(envConfigText, { maxAliasCount: 50 });
    const ddb = root && typeof root === 'object' ? (root as Record<string, unknown>).dolphindb : undefined;
    const dir = ddb && typeof ddb === 'object' ? (ddb as Record<string, unknown>).coreDumpDir : undefined;
    return typeof dir === 'string' && dir.length > 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

export interface CoreDumpSetting {
  readonly dir: string;
  /** `suite`: read from env-config; `default`: env-config has no value (or none was found). */
  readonly source: 'suite' | 'default';
}

export async function readCoreDumpDir(
  ctx: OperationContext,
  http: KubeHttp,
  suiteNamespace: string,
): Promise<Result<CoreDumpSetting>> {
  const bad = checkLabel(ctx.t, ctx.t('Suite namespace'), suiteNamespace);
  if (bad) return fail({ kind: 'invalid', operation: ctx.t('read {0}', 'dolphindb.coreDumpDir'), reason: bad });
  const r = await readEnvConfigMap(http, suiteNamespace, ctx.signal);
  if (!r.ok) return r.error.kind === 'notFound' ? ok({ dir: CORE_DUMP_DIR_DEFAULT, source: 'default' }) : r;
  const text = r.value.data?.[SUITE.envConfigKey];
  const dir = typeof text === 'string' ? coreDumpDirOf(text) : undefined;
  return ok(dir ? { dir, source: 'suite' } : { dir: CORE_DUMP_DIR_DEFAULT, source: 'default' });
}

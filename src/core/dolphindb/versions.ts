// DolphinDB server versions: parsing, ordering, the suite's supported-version list
// (ConfigMap `dolphindb-env-config`, key `env-config`) and the bundled fallbacks.
// docs/domain.md §6.5. The live ConfigMap wins; the fallback lists are only for when it cannot be read.
import { parse } from 'yaml';
import { because, doing } from '../i18n/text';
import { msg, type Msg } from '../i18n/translate';
import { fail, ok, type Result } from '../result';

export interface VersionInfo {
  /** e.g. `v2.00.13.4` */
  readonly version: string;
  /** Image tag when it differs from the version, e.g. `v2.00.4-patch3`. */
  readonly image?: string;
  readonly isSupportLicenseServer?: boolean;
  readonly isSupportJIT?: boolean;
}

/** Which env-config layout a ConfigMap used: chart v1.1.2+ or the older `images.versions`. */
export type EnvConfigLayout = 'versions' | 'images.versions';

export interface EnvConfig {
  readonly layout: EnvConfigLayout;
  readonly versions: readonly VersionInfo[];
  /** Suite-wide default, `dolphindb.licenseServerAddress` (v1.1.2+). */
  readonly licenseServerAddress?: string;
  readonly storageClass?: string;
  readonly imageRepository?: string;
}

/** Strict CR format (DDB-E009): `v` + major + two-digit minor + patch + optional build. */
export const VERSION_PATTERN = '^v\\d+\\.\\d{2}\\.\\d+(\\.\\d+)?$';
const VERSION_RE = new RegExp(VERSION_PATTERN);
const LOOSE_VERSION_RE = /^v?(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?$/;

export function isValidVersion(version: unknown): version is string {
  return typeof version === 'string' && VERSION_RE.test(version);
}

/** Numeric components of `v2.00.13.4` → [2, 0, 13, 4]; leading `v` optional. */
export function parseVersion(version: string): number[] | undefined {
  const m = LOOSE_VERSION_RE.exec(version.trim());
  if (!m) return undefined;
  return m
    .slice(1)
    .filter((p): p is string => p !== undefined)
    .map(Number);
}

/**
 * Orders versions numerically component by component; a missing build number sorts first
 * (v2.00.13 < v2.00.13.1). Unparseable versions sort before all parseable ones, by text.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) {
    if (pa) return 1;
    if (pb) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Newest first, as the charts list them. */
export function sortVersionsDescending(list: readonly VersionInfo[]): VersionInfo[] {
  return [...list].sort((a, b) => compareVersions(b.version, a.version));
}

/**
 * The `count` listed versions nearest to `version` (an unknown one, e.g. a typo such as v2.00.99):
 * versions on the same major.minor line first, then by numeric distance at the first component that
 * differs (a later difference is a nearer version), ties to the newer. Unparseable entries are skipped.
 */
export function nearestVersions(version: string, list: readonly VersionInfo[], count = 3): string[] {
  const want = parseVersion(version);
  if (!want) return [];
  const scored = list.flatMap((v) => {
    const have = parseVersion(v.version);
    if (!have || v.version === version) return [];
    // A missing build number counts as 0 here: v2.00.13 is as near to v2.00.13.1 as v2.00.13.2 is.
    let at = 0;
    while (at < 4 && (have[at] ?? 0) === (want[at] ?? 0)) at++;
    if (at === 4) return [];
    return [{ version: v.version, at, gap: Math.abs((have[at] ?? 0) - (want[at] ?? 0)) }];
  });
  scored.sort((a, b) => b.at - a.at || a.gap - b.gap || compareVersions(b.version, a.version));
  return [...new Set(scored.map((s) => s.version))].slice(0, count);
}

export function findVersion(version: string, list: readonly VersionInfo[]): VersionInfo | undefined {
  return list.find((v) => v.version === version);
}

const ls = (version: string, jit = false): VersionInfo => ({
  version,
  isSupportLicenseServer: true,
  ...(jit ? { isSupportJIT: true } : {}),
});
const plain = (version: string, image?: string): VersionInfo => (image ? { version, image } : { version });

/** `versions` of chart v1.1.7's env-config (the newest chart), newest first. */
export const FALLBACK_VERSIONS_V1_1_7: readonly VersionInfo[] = Object.freeze([
  ls('v3.00.3', true),
  ls('v2.00.16', true),
  ls('v2.00.14', true),
  ls('v2.00.13.4', true),
  ls('v2.00.13.3', true),
  ls('v2.00.13.2', true),
  ls('v2.00.13.1', true),
  ls('v2.00.13', true),
  ls('v2.00.12', true),
  ls('v2.00.11', true),
  ls('v2.00.10', true),
  ls('v2.00.9'),
  plain('v2.00.8'),
  plain('v2.00.7'),
  plain('v2.00.6'),
  plain('v2.00.5'),
  plain('v2.00.4', 'v2.00.4-patch3'),
  plain('v2.00.3'),
  ls('v1.30.21'),
  plain('v1.30.20'),
  plain('v1.30.19'),
  plain('v1.30.18'),
  plain('v1.30.17'),
  plain('v1.30.16'),
  plain('v1.30.15'),
  plain('v1.30.14'),
]);

/** `images.versions` of chart v1.0.1 (the older bundled chart), in chart order. */
export const FALLBACK_VERSIONS_V1_0_1: readonly VersionInfo[] = Object.freeze([
  plain('v1.30.14'),
  plain('v1.30.15'),
  plain('v1.30.16'),
  plain('v1.30.17'),
  plain('v2.00.3'),
  plain('v2.00.4', 'v2.00.4-patch3'),
  plain('v2.00.5'),
]);

/**
 * Whether `version` can use `licenseServerAddress` (DDB-E018). A version in `list` answers with its
 * flag. A version the list does not know (newer than the suite, or no list) falls back to the
 * documented rule: v2.00.9+ on the 2.00 line, v1.30.21+ on the 1.30 line, and v3.00+.
 */
export function supportsLicenseServer(version: string, list: readonly VersionInfo[] = FALLBACK_VERSIONS_V1_1_7): boolean {
  const known = findVersion(version, list);
  if (known) return known.isSupportLicenseServer === true;
  const p = parseVersion(version);
  if (!p) return false;
  const [major, minor] = p;
  if (major >= 3) return true;
  if (major === 2 && minor === 0) return compareVersions(version, 'v2.00.9') >= 0;
  if (major === 1 && minor === 30) return compareVersions(version, 'v1.30.21') >= 0;
  return major === 2 && minor > 0;
}

/** Versions newer than `current` from `list`, newest first (candidates for an upgrade). */
export function newerVersions(current: string, list: readonly VersionInfo[]): VersionInfo[] {
  return sortVersionsDescending(list.filter((v) => compareVersions(v.version, current) > 0));
}

const invalid = (reason: Msg): Result<EnvConfig> =>
  fail({ kind: 'invalid', ...doing(msg('read {0}'), 'dolphindb-env-config'), ...because(reason) });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function readEntry(raw: unknown): VersionInfo | undefined {
  if (!isRecord(raw)) return undefined;
  const version = str(raw.version);
  if (!version) return undefined;
  // v1.1.2+: `image: <tag>`; up to v1.1.1: `images: {dolphindb: <tag>}`.
  const legacyImages = isRecord(raw.images) ? str(raw.images.dolphindb) : undefined;
  const image = str(raw.image) ?? legacyImages;
  return {
    version,
    ...(image ? { image } : {}),
    ...(raw.isSupportLicenseServer === true ? { isSupportLicenseServer: true } : {}),
    ...(raw.isSupportJIT === true ? { isSupportJIT: true } : {}),
  };
}

/** Parses the `env-config` value (YAML) in either layout. Never throws. */
export function parseEnvConfig(text: string): Result<EnvConfig> {
  let root: unknown;
  try {
    // The value is small and written by Helm; the alias cap only guards against hostile edits.
    root = parse(text, { maxAliasCount: 50 });
  } catch {
    return invalid(msg('env-config is not valid YAML'));
  }
  if (!isRecord(root) || !isRecord(root.dolphindb)) return invalid(msg('env-config has no "dolphindb" section'));
  const ddb = root.dolphindb;
  const global = isRecord(root.global) ? root.global : {};

  let layout: EnvConfigLayout;
  let rawList: unknown;
  if (Array.isArray(ddb.versions)) {
    layout = 'versions';
    rawList = ddb.versions;
  } else if (isRecord(ddb.images) && Array.isArray(ddb.images.versions)) {
    layout = 'images.versions';
    rawList = ddb.images.versions;
  } else {
    return invalid(msg('env-config lists no DolphinDB versions'));
  }
  const versions = (rawList as unknown[]).map(readEntry).filter((v): v is VersionInfo => v !== undefined);
  const licenseServerAddress = str(ddb.licenseServerAddress);
  const storageClass = str(global.storageClass);
  const imageRepository = str(global.imageRepository);
  return ok({
    layout,
    versions,
    ...(licenseServerAddress !== undefined ? { licenseServerAddress } : {}),
    ...(storageClass !== undefined ? { storageClass } : {}),
    ...(imageRepository !== undefined ? { imageRepository } : {}),
  });
}

/** Reads `data["env-config"]` of the ConfigMap object as returned by the API. */
export function parseEnvConfigMap(configMap: unknown): Result<EnvConfig> {
  const data = isRecord(configMap) && isRecord(configMap.data) ? configMap.data : undefined;
  const text = data ? data['env-config'] : undefined;
  if (typeof text !== 'string') return invalid(msg('ConfigMap has no "env-config" key'));
  return parseEnvConfig(text);
}

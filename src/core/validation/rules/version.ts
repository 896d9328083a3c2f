// DDB-E009 (version required; its format is the schema's), DDB-W009 (not offered by the
// installed suite; only when the caller knows the suite's list) and DDB-E018 (license server
// needs a capable version; the v1.1.7 list is the fallback).
import {
  FALLBACK_VERSIONS_V1_1_7,
  findVersion,
  isValidVersion,
  nearestVersions,
  supportsLicenseServer,
  type VersionInfo,
} from '../../dolphindb/versions';
import { present, stringValue } from '../tree';
import type { RuleContext } from './context';

/** Treat "", `None` and absent as "no license server" (docs/domain.md §2.3). */
export function isLicenseServerSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '' && value.trim().toLowerCase() !== 'none';
}

/** The listed version nearest to `version` (same major.minor line first; see nearestVersions). */
export function closestVersion(version: string, list: readonly VersionInfo[]): string | undefined {
  return nearestVersions(version, list, 1)[0];
}

export function checkVersion(rc: RuleContext): void {
  const { tree, report, root, spec } = rc;
  const versionLoc = tree.get(spec, 'version');
  if (!present(versionLoc)) {
    report.at(
      versionLoc ?? tree.get(root, 'spec') ?? root,
      'DDB-E009',
      'version.missing',
      {},
      { target: 'key', path: 'spec.version' },
    );
    return;
  }
  const version = stringValue(versionLoc);
  if (!isValidVersion(version)) return;

  const list = rc.known.supportedVersions;
  if (list && list.length > 0 && !findVersion(version, list)) {
    // Two or three candidates: a typo'd patch number rarely has one obvious fix.
    const nearest = nearestVersions(version, list, 3);
    report.at(
      versionLoc,
      'DDB-W009',
      'version.unsupported',
      { value: version, closest: nearest.join(', ') },
      nearest.length > 0 ? { data: { suggestion: nearest[0], allowed: nearest } } : {},
    );
  }

  const lsLoc = tree.get(spec, 'licenseServerAddress');
  if (
    lsLoc &&
    isLicenseServerSet(stringValue(lsLoc)) &&
    !supportsLicenseServer(version, list && list.length > 0 ? list : FALLBACK_VERSIONS_V1_1_7)
  ) {
    report.at(lsLoc, 'DDB-E018', 'licenseServer.unsupported', { version });
  }
}

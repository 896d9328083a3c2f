// Upgrade (or downgrade) a cluster's DolphinDB version: merge-patch spec.version (docs/domain.md
// §2.8), then follow the operator as it restarts every instance on the new image. The target
// must be one the installed suite lists, because the operator cannot pull any other image.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { podName } from '../dolphindb/names';
import { compareVersions, findVersion, isValidVersion, supportsLicenseServer, type VersionInfo } from '../dolphindb/versions';
import { checkRef, expectedInstances, readCluster, type ClusterObject } from './cluster';
import { clip } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { patchCluster } from './patchCluster';
import type { PodInfo } from './pods';
import { describeRollout, followRollout, type RolloutOptions, type RolloutReport } from './rollout';
import { readSupportedVersions, type SupportedVersions } from './suiteConfig';

export interface UpgradeOptions extends RolloutOptions {
  /** Where the suite's dolphindb-env-config lives; default: the cluster's namespace, then `dolphindb`. */
  readonly suiteNamespace?: string;
  /** Follow the rollout until Available (default true). */
  readonly wait?: boolean;
}

export interface UpgradePlan extends Plan {
  readonly from?: string;
  readonly to: string;
  readonly downgrade: boolean;
  readonly versionSource: SupportedVersions['source'];
}

export interface UpgradeResult {
  readonly from?: string;
  readonly to: string;
  /** False when the cluster already ran the target version. */
  readonly changed: boolean;
  readonly rollout?: RolloutReport;
}

export interface VersionCheck {
  readonly errors: string[];
  readonly warnings: string[];
  /** `unsupported` when the only problem is that the suite does not list the version. */
  readonly errorKind?: 'invalid' | 'unsupported';
  readonly downgrade: boolean;
  readonly info?: VersionInfo;
}

const hasLicenseServer = (a: unknown): boolean => typeof a === 'string' && a !== '' && a !== 'None';

/** The rules, without I/O: format, listed by the suite, license-server support, downgrade. */
export function checkTargetVersion(
  t: Translate,
  current: string | undefined,
  target: string,
  versions: readonly VersionInfo[],
  licenseServerAddress?: unknown,
): VersionCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isValidVersion(target)) {
    errors.push(t('"{0}" is not a DolphinDB version (expected the form v2.00.16 or v2.00.13.4).', clip(String(target), 40)));
    return { errors, warnings, errorKind: 'invalid', downgrade: false };
  }
  let errorKind: VersionCheck['errorKind'];
  const info = findVersion(target, versions);
  if (!info) {
    errors.push(
      t(
        'Version {0} is not supported by the installed suite. Supported: {1}.',
        target,
        versions.map((v) => v.version).join(', '),
      ),
    );
    errorKind = 'unsupported';
  }
  if (hasLicenseServer(licenseServerAddress) && !supportsLicenseServer(target, versions)) {
    errors.push(t('The cluster uses a license server, which version {0} does not support.', target));
    errorKind ??= 'invalid';
  }
  const downgrade = current !== undefined && isValidVersion(current) && compareVersions(target, current) < 0;
  if (downgrade) {
    warnings.push(
      t(
        '{0} is older than the current version {1}: this is a downgrade. DolphinDB may not read data written by a newer version.',
        target,
        current,
      ),
    );
  }
  if (current && isValidVersion(current) && current.split('.')[0] !== target.split('.')[0] && !downgrade) {
    warnings.push(
      t('{0} → {1} changes the major version; check the DolphinDB release notes before upgrading in place.', current, target),
    );
  }
  return { errors, warnings, downgrade, ...(errorKind ? { errorKind } : {}), ...(info ? { info } : {}) };
}

/** Image tag the operator uses for a version (`v2.00.4` → `v2.00.4-patch3`). */
export function imageTagsFor(target: string, info?: VersionInfo): string[] {
  const tags = [target];
  if (info?.image) tags.push(info.image.includes(':') ? info.image.slice(info.image.lastIndexOf(':') + 1) : info.image);
  return tags;
}

export function imageTag(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

function buildPlan(
  t: Translate,
  cluster: ClusterObject,
  target: string,
  versions: SupportedVersions,
  check: VersionCheck,
): UpgradePlan {
  const from = typeof cluster.spec.version === 'string' ? cluster.spec.version : undefined;
  const pods = expectedInstances(cluster.spec)
    .filter((i) => !i.paused)
    .map((i) => podName(cluster.ref.name, i.role, i.index));
  const warnings = [...check.warnings];
  if (versions.source === 'fallback' && versions.note) warnings.push(versions.note);
  const changes =
    from === target
      ? []
      : [
          t('Set spec.version of DolphinDB {0} from {1} to {2}.', refText(cluster.ref), from ?? t('(unset)'), target),
          t('The operator restarts every instance on the new image: {0}.', pods.join(', ') || t('(no pods)')),
        ];
  if (changes.length > 0) warnings.push(t('The cluster is unavailable or degraded while its instances restart.'));
  return {
    title: t('Upgrade DolphinDB {0} to {1}', refText(cluster.ref), target),
    changes,
    warnings,
    ...(from ? { from } : {}),
    to: target,
    downgrade: check.downgrade,
    versionSource: versions.source,
  };
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: string,
  opts: UpgradeOptions,
): Promise<Outcome<{ plan: UpgradePlan; cluster: ClusterObject; check: VersionCheck }>> {
  const op = ctx.t('upgrade {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const versions = await readSupportedVersions(ctx, http, ref.namespace, opts.suiteNamespace);
  if (!versions.ok) return unchanged(versions.error);
  const current = typeof cluster.value.spec.version === 'string' ? cluster.value.spec.version : undefined;
  const check = checkTargetVersion(ctx.t, current, target, versions.value.versions, cluster.value.spec.licenseServerAddress);
  if (check.errors.length > 0) return refusedOutcome(check.errorKind ?? 'invalid', op, check.errors.join(' '));
  return done({ plan: buildPlan(ctx.t, cluster.value, target, versions.value, check), cluster: cluster.value, check });
}

export async function planUpgrade(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: string,
  opts: UpgradeOptions = {},
): Promise<Outcome<UpgradePlan>> {
  const p = await prepare(ctx, http, ref, target, opts);
  return p.ok ? done(p.value.plan) : p;
}

export async function upgrade(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  target: string,
  opts: UpgradeOptions = {},
): Promise<Outcome<UpgradeResult>> {
  const p = await prepare(ctx, http, ref, target, opts);
  if (!p.ok) return p;
  const { plan, cluster, check } = p.value;
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  if (plan.changes.length === 0) {
    ctx.log(ctx.t('{0} already runs {1}; nothing to do.', refText(ref), target));
    return done({ ...(plan.from ? { from: plan.from } : {}), to: target, changed: false });
  }
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', `upgrade ${refText(ref)}`, ctx.t('Cancelled before anything was changed.'));
  const patched = await patchCluster(ctx, http, cluster, { version: target });
  if (!patched.ok) return unchanged(patched.error);
  const base = { ...(plan.from ? { from: plan.from } : {}), to: target, changed: true };
  if (opts.wait === false) return done(base);

  const tags = imageTagsFor(target, check.info);
  const podDone = (pod: PodInfo): boolean => pod.ready && tags.includes(imageTag(pod.image) ?? '');
  const followed = await followRollout(ctx, http, ref, { instances: expectedInstances(cluster.spec), podDone }, opts);
  if (followed.failure) {
    const left = ctx.t(
      'spec.version is now {0} (was {1}); the operator keeps rolling the instances. {2} To go back, upgrade to {1} again.',
      target,
      plan.from ?? '?',
      describeRollout(ctx.t, followed.report),
    );
    return afterChange(followed.failure, left);
  }
  ctx.log(
    ctx.t('Upgrade of {0} to {1} finished in {2} s.', refText(ref), target, (followed.report.durationMs / 1000).toFixed(1)),
  );
  return done({ ...base, rollout: followed.report });
}

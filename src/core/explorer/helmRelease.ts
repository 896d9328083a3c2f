// The suite's Helm release as Helm itself records it, without running helm: each revision is a
// Secret `sh.helm.release.v1.<release>.v<revision>` labelled owner=helm, name, status and version
// (the revision); its `release` field is the release JSON, gzipped and base64-encoded (then
// base64 again by the Secret's `data`). The newest revision is the release's state.
import { gunzipSync } from 'node:zlib';
import type { KubeObject } from '../k8s/resources';

/** The chart the suite is installed from (docs/domain.md §6.4). */
export const SUITE_CHART = 'dolphindb-mgr';
/** Label selector of Helm's release Secrets. */
export const HELM_RELEASE_SELECTOR = 'owner=helm';
/** A release JSON holds the chart's templates; far above that is not a release we will inflate. */
const MAX_RELEASE_BYTES = 32 * 1024 * 1024;

export interface HelmRelease {
  readonly name: string;
  readonly revision: number;
  /** deployed, failed, pending-install, pending-upgrade, pending-rollback, uninstalling, superseded… */
  readonly status: string;
  readonly chart?: string;
  readonly chartVersion?: string;
  readonly appVersion?: string;
  /** Helm's description of the last operation: the failure reason for a failed release. */
  readonly description?: string;
}

interface ReleaseJson {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly info?: { readonly status?: unknown; readonly description?: unknown };
  readonly chart?: { readonly metadata?: { readonly name?: unknown; readonly version?: unknown; readonly appVersion?: unknown } };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Decoded releases, per Secret object: a watch cache hands out the same object until it changes. */
const decoded = new WeakMap<KubeObject, HelmRelease | null>();

/** The release of one Secret, or undefined when it is not a readable Helm release. */
export function decodeRelease(secret: KubeObject): HelmRelease | undefined {
  const hit = decoded.get(secret);
  if (hit !== undefined) return hit ?? undefined;
  const r = decode(secret);
  decoded.set(secret, r ?? null);
  return r;
}

function decode(secret: KubeObject): HelmRelease | undefined {
  const labels = secret.metadata.labels ?? {};
  if (labels.owner !== 'helm') return undefined;
  const labelRevision = Number(labels.version);
  const json = releaseJson(secret);
  const name = text(labels.name) ?? text(json?.name);
  const revision =
    Number.isInteger(labelRevision) && labelRevision > 0
      ? labelRevision
      : typeof json?.version === 'number'
        ? json.version
        : undefined;
  // Helm updates the label and the JSON together; the label is what `helm list` filters on.
  const status = text(labels.status) ?? text(json?.info?.status);
  if (!name || revision === undefined || !status) return undefined;
  const meta = json?.chart?.metadata;
  const chart = text(meta?.name);
  const chartVersion = text(meta?.version);
  const appVersion = text(meta?.appVersion);
  const description = text(json?.info?.description);
  return {
    name,
    revision,
    status,
    ...(chart ? { chart } : {}),
    ...(chartVersion ? { chartVersion } : {}),
    ...(appVersion ? { appVersion } : {}),
    ...(description ? { description } : {}),
  };
}

function releaseJson(secret: KubeObject): ReleaseJson | undefined {
  const field = (secret as { data?: Record<string, unknown> }).data?.release;
  if (typeof field !== 'string') return undefined;
  try {
    const inner = Buffer.from(Buffer.from(field, 'base64').toString('latin1'), 'base64');
    // Helm gzips the JSON; very old releases were stored plain.
    const json = inner[0] === 0x1f && inner[1] === 0x8b ? gunzipSync(inner, { maxOutputLength: MAX_RELEASE_BYTES }) : inner;
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as ReleaseJson) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The suite's release among a namespace's Helm Secrets: the newest revision of a release of the
 * dolphindb-mgr chart (whatever the user named the release). Undefined when there is none.
 */
export function suiteRelease(secrets: Iterable<KubeObject>): HelmRelease | undefined {
  // Newest revision per release name first, so only those are inflated.
  const newest = new Map<string, KubeObject>();
  for (const s of secrets) {
    const labels = s.metadata.labels ?? {};
    const name = labels.name;
    const rev = Number(labels.version);
    if (labels.owner !== 'helm' || !name || !Number.isFinite(rev)) continue;
    const cur = newest.get(name);
    if (!cur || Number(cur.metadata.labels?.version) < rev) newest.set(name, s);
  }
  const releases = [...newest.values()].map(decodeRelease).filter((r): r is HelmRelease => r !== undefined);
  return releases.find((r) => r.chart === SUITE_CHART) ?? releases.find((r) => r.name === SUITE_CHART);
}

export type ReleaseLook = 'ok' | 'pending' | 'failed' | 'other';

/** How the explorer shows a status: failed is a warning, pending-* is in progress. */
export function releaseLook(status: string): ReleaseLook {
  if (status === 'deployed') return 'ok';
  if (status === 'failed') return 'failed';
  if (status.startsWith('pending-') || status === 'uninstalling') return 'pending';
  return 'other';
}

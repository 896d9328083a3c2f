// What saving an edited live object would change: the changed fields and, for a DolphinDB
// object, which pods restart. Saving goes through the same gate as Apply (the CRD validates
// nothing and any spec change may restart pods), so the user sees this before anything is sent.
import { stringify } from 'yaml';
import { podName, ROLES, type Role } from '../dolphindb/names';
import type { DolphinDBSpec } from '../dolphindb/types';
import { getObject } from '../k8s/apply';
import type { KubeHttp } from '../k8s/http';
import { KINDS, type KindKey, type KubeObject } from '../k8s/resources';
import { stripForDisplay } from '../k8s/yamlView';
import type { OperationContext } from '../operation';
import { ok, type Result } from '../result';
import { validateText } from '../validation';
import { expectedInstances } from './cluster';
import { readSupportedVersions } from './suiteConfig';

export interface EditPlan {
  /** Dotted paths of the fields that differ, e.g. `spec.datanode.resources.limits.cpu`. */
  readonly changed: readonly string[];
  /** Pods of a DolphinDB cluster the change restarts (docs/domain.md §2: version and config restart all). */
  readonly restarts: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Server-owned metadata is stripped from the editor and must not count as a change. */
const IGNORED = new Set([
  'status',
  'metadata.resourceVersion',
  'metadata.managedFields',
  'metadata.uid',
  'metadata.generation',
  'metadata.creationTimestamp',
  'metadata.selfLink',
]);

/** Leaf paths where `before` and `after` differ; arrays compare whole (a list is one field). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (IGNORED.has(prefix)) return [];
  // An added or removed map counts leaf by leaf, so `instances.1.paused` is named as such.
  const b = before === undefined && isRecord(after) ? {} : before;
  const a = after === undefined && isRecord(before) ? {} : after;
  if (isRecord(b) && isRecord(a)) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => changedPaths(b[k], a[k], prefix ? `${prefix}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [prefix];
}

/** Role fields that only add or remove pods (or are done by the operator without a rollout). */
const ROLE_FIELDS_WITHOUT_RESTART = new Set(['replicas', 'instances']);

function restartsOf(name: string, before: DolphinDBSpec, changed: readonly string[]): string[] {
  const all = expectedInstances(before);
  const roles = new Set<Role>();
  const pods = new Set<string>();
  for (const p of changed) {
    const [spec, top, field, ...rest] = p.split('.');
    if (spec !== 'spec' || top === undefined) continue;
    const role = ROLES.find((r) => r === top);
    if (!role) {
      // version, clusterType, mode and everything cluster-wide roll every pod.
      all.forEach((i) => roles.add(i.role));
      continue;
    }
    if (field === 'instances' && rest[1] === 'paused') {
      const index = Number(rest[0]);
      if (Number.isInteger(index)) pods.add(podName(name, role, index));
      continue;
    }
    if (field !== undefined && ROLE_FIELDS_WITHOUT_RESTART.has(field)) continue;
    // A role's config, resources or image: the reference says a config change restarts the whole
    // cluster (controller config included), so config anywhere rolls every pod.
    if (field === 'config' || field === 'clusterConfig' || field === 'controllerConfig') all.forEach((i) => roles.add(i.role));
    else roles.add(role);
  }
  for (const i of all) if (roles.has(i.role)) pods.add(podName(name, i.role, i.index));
  return [...pods].sort();
}

export function planLiveEdit(before: KubeObject, after: KubeObject): EditPlan {
  const changed = changedPaths(before, after);
  const isDdb = before.kind === 'DolphinDB' && isRecord(before.spec);
  const restarts = isDdb ? restartsOf(before.metadata.name, before.spec as DolphinDBSpec, changed) : [];
  return { changed, restarts };
}

export interface LiveEditReview extends EditPlan {
  /** DolphinDB validator errors (`DDB-E… path: message`); the save is refused unless overridden. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Everything the save gate shows: validator findings (DolphinDB objects only; the CRD checks
 * nothing), and the plan against the object as it is stored now.
 */
export async function reviewLiveEdit(
  ctx: OperationContext,
  http: KubeHttp,
  kind: KindKey,
  edited: KubeObject,
): Promise<Result<LiveEditReview>> {
  const current = await getObject(http, KINDS[kind], edited.metadata.name, edited.metadata.namespace, ctx.signal);
  if (!current.ok) return current;
  let errors: string[] = [];
  let warnings: string[] = [];
  if (kind === 'dolphindb') {
    // Without the suite's version list the version check is skipped, not the others.
    const versions = await readSupportedVersions(ctx, http, edited.metadata.namespace ?? 'default');
    const problems = validateText(stringify(edited), versions.ok ? { supportedVersions: versions.value.versions } : {});
    errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.path}: ${p.message}`);
    warnings = problems.filter((p) => p.severity === 'warning').map((p) => `${p.code} ${p.path}: ${p.message}`);
  }
  const plan = planLiveEdit(stripForDisplay(current.value, { dropStatus: true }) as KubeObject, edited);
  return ok({ ...plan, errors, warnings });
}

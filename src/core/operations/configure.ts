// Change DolphinDB configuration, resources or logMode with one merge patch (docs/domain.md §2.4,
// §2.8). Config values stay strings (DDB-E015) and may not contain line breaks: the operator
// writes them into cluster.cfg / controller.cfg line by line. Any configuration change restarts
// the whole cluster, which the plan says before anything happens.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { ROLES, type Role } from '../dolphindb/names';
import { compareQuantities, isNegative, parseQuantity } from '../dolphindb/quantity';
import type { DolphinDBSpec } from '../dolphindb/types';
import { checkRef, expectedInstances, isStandalone, readCluster, roleSpec, type ClusterObject } from './cluster';
import { checkText, clip } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { patchCluster } from './patchCluster';
import { listClusterPods } from './pods';
import { describeRollout, followRollout, type RolloutOptions, type RolloutReport } from './rollout';

/** `null` removes the entry. */
export type ConfigEntries = Readonly<Record<string, string | null>>;
export type ResourceName = 'cpu' | 'memory';
export type ResourceEntries = Readonly<Partial<Record<ResourceName, string | null>>>;
export interface ResourceChange {
  readonly limits?: ResourceEntries;
  readonly requests?: ResourceEntries;
}

export interface ConfigureChanges {
  /** controller.clusterConfig (cluster.cfg). */
  readonly clusterConfig?: ConfigEntries;
  /** controller.controllerConfig (controller.cfg). */
  readonly controllerConfig?: ConfigEntries;
  /** `<role>.config` of datanodes and computenodes. */
  readonly config?: Readonly<Partial<Record<'datanode' | 'computenode', ConfigEntries>>>;
  readonly resources?: Readonly<Partial<Record<Role, ResourceChange>>>;
  readonly logMode?: 0 | 1 | 2;
}

export interface ConfigureCheck {
  readonly errors: string[];
  readonly warnings: string[];
  readonly changes: string[];
  readonly patch: Record<string, unknown>;
  /** Roles whose pods restart. */
  readonly restarts: Role[];
}

export interface ConfigurePlan extends Plan {
  readonly restarts: readonly Role[];
}

export interface ConfigureResult {
  readonly changed: boolean;
  readonly rollout?: RolloutReport;
}

export interface ConfigureOptions extends RolloutOptions {
  readonly wait?: boolean;
}

const CONFIG_KEY_RE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/;
const KNOWN_CHANGES = new Set(['clusterConfig', 'controllerConfig', 'config', 'resources', 'logMode']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function diffEntries(
  t: Translate,
  path: string,
  current: unknown,
  wanted: unknown,
  out: ConfigureCheck,
): Record<string, string | null> | undefined {
  if (!isRecord(wanted)) {
    out.errors.push(t('{0} must be a map of setting names to string values.', path));
    return undefined;
  }
  const cur = isRecord(current) ? current : {};
  const patch: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (!CONFIG_KEY_RE.test(key)) {
      out.errors.push(
        t('"{0}" is not a valid DolphinDB setting name (letters, digits, "_" and ".", starting with a letter).', clip(key)),
      );
      continue;
    }
    if (value === null) {
      if (key in cur) {
        patch[key] = null;
        out.changes.push(t('Remove {0}.{1} (was {2}).', path, key, JSON.stringify(cur[key])));
      }
      continue;
    }
    const bad = checkText(t, `${path}.${key}`, value);
    if (bad) {
      out.errors.push(bad);
      continue;
    }
    if (cur[key] === value) continue;
    patch[key] = value as string;
    out.changes.push(
      key in cur
        ? t('Set {0}.{1} from {2} to {3}.', path, key, JSON.stringify(cur[key]), JSON.stringify(value))
        : t('Add {0}.{1} = {2}.', path, key, JSON.stringify(value)),
    );
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function diffResources(
  t: Translate,
  spec: DolphinDBSpec,
  role: Role,
  wanted: unknown,
  out: ConfigureCheck,
): Record<string, unknown> | undefined {
  const path = `spec.${role}.resources`;
  if (!isRecord(wanted)) {
    out.errors.push(t('{0} must be an object with limits and/or requests.', path));
    return undefined;
  }
  const current = isRecord(roleSpec(spec, role)?.resources) ? (roleSpec(spec, role)?.resources as Record<string, unknown>) : {};
  const patch: Record<string, Record<string, string | null>> = {};
  const merged: Record<string, Record<string, unknown>> = {
    limits: { ...(isRecord(current.limits) ? current.limits : {}) },
    requests: { ...(isRecord(current.requests) ? current.requests : {}) },
  };
  for (const [kind, entries] of Object.entries(wanted)) {
    if (kind !== 'limits' && kind !== 'requests') {
      out.errors.push(t('{0}.{1} is not a resources field (use limits or requests).', path, clip(kind, 32)));
      continue;
    }
    if (!isRecord(entries)) continue;
    for (const [res, value] of Object.entries(entries)) {
      if (res !== 'cpu' && res !== 'memory') {
        out.errors.push(t('{0}.{1}.{2} is not supported here (use cpu or memory).', path, kind, clip(res, 32)));
        continue;
      }
      const cur = merged[kind][res];
      if (value === null) {
        if (cur !== undefined) {
          (patch[kind] ??= {})[res] = null;
          delete merged[kind][res];
          out.changes.push(t('Remove {0}.{1}.{2} (was {3}).', path, kind, res, String(cur)));
        }
        continue;
      }
      const q = typeof value === 'string' ? parseQuantity(value) : undefined;
      if (typeof value !== 'string' || !q || isNegative(q)) {
        out.errors.push(
          t(
            '{0}.{1}.{2}: "{3}" is not a valid quantity (e.g. 500m, 2, 4Gi) (DDB-E011).',
            path,
            kind,
            res,
            clip(String(value), 32),
          ),
        );
        continue;
      }
      if (String(cur) === value) continue;
      (patch[kind] ??= {})[res] = value;
      merged[kind][res] = value;
      out.changes.push(
        cur === undefined
          ? t('Add {0}.{1}.{2} = {3}.', path, kind, res, value)
          : t('Set {0}.{1}.{2} from {3} to {4}.', path, kind, res, String(cur), value),
      );
    }
  }
  for (const res of ['cpu', 'memory']) {
    const l = parseQuantity(merged.limits[res]);
    const r = parseQuantity(merged.requests[res]);
    if (l && r && compareQuantities(l, r) < 0)
      out.errors.push(t('{0}: limits.{1} ({2}) would be below requests.{1} ({3}) (DDB-E010).', path, res, l.text, r.text));
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** Validates the requested changes against the current spec and builds the patch, without I/O. */
export function checkConfigure(t: Translate, spec: DolphinDBSpec, changes: ConfigureChanges): ConfigureCheck {
  const out: ConfigureCheck = { errors: [], warnings: [], changes: [], patch: {}, restarts: [] };
  if (!isRecord(changes)) return { ...out, errors: [t('No changes were given.')] };
  for (const k of Object.keys(changes))
    if (!KNOWN_CHANGES.has(k)) out.errors.push(t('"{0}" is not a setting this command changes.', clip(k, 32)));
  const patch: Record<string, Record<string, unknown>> = {};
  const put = (role: Role, key: string, v: unknown): void => {
    if (v !== undefined) (patch[role] ??= {})[key] = v;
  };
  const cluster = !isStandalone(spec);
  let configChanged = false;

  for (const key of ['clusterConfig', 'controllerConfig'] as const) {
    if (changes[key] === undefined) continue;
    if (!cluster || roleSpec(spec, 'controller') === undefined) {
      out.errors.push(t('{0} exists only on the controller of a cluster-mode DolphinDB.', key));
      continue;
    }
    const p = diffEntries(t, `spec.controller.${key}`, roleSpec(spec, 'controller')?.[key as never], changes[key], out);
    put('controller', key, p);
    configChanged ||= p !== undefined;
  }
  for (const [role, entries] of Object.entries(changes.config ?? {})) {
    if (role !== 'datanode' && role !== 'computenode') {
      out.errors.push(t('{0} has no config map; use clusterConfig or controllerConfig for controllers.', clip(role, 32)));
      continue;
    }
    if (roleSpec(spec, role) === undefined) {
      out.errors.push(t('The cluster has no {0} section.', role));
      continue;
    }
    const p = diffEntries(t, `spec.${role}.config`, roleSpec(spec, role)?.['config' as never], entries, out);
    put(role, 'config', p);
    configChanged ||= p !== undefined;
  }
  const resourceRoles: Role[] = [];
  for (const [role, wanted] of Object.entries(changes.resources ?? {})) {
    if (!ROLES.includes(role as Role) || roleSpec(spec, role as Role) === undefined) {
      out.errors.push(t('The cluster has no {0} section.', clip(role, 32)));
      continue;
    }
    const p = diffResources(t, spec, role as Role, wanted, out);
    put(role as Role, 'resources', p);
    if (p) resourceRoles.push(role as Role);
  }
  const result: Record<string, unknown> = { ...patch };
  if (changes.logMode !== undefined) {
    if (changes.logMode !== 0 && changes.logMode !== 1 && changes.logMode !== 2) {
      out.errors.push(t('logMode must be 0 (file), 1 (console) or 2 (both) (DDB-E012).'));
    } else if (spec.logMode !== changes.logMode) {
      result.logMode = changes.logMode;
      configChanged = true;
      out.changes.push(t('Set spec.logMode from {0} to {1}.', spec.logMode ?? t('(unset)'), changes.logMode));
      if (changes.logMode === 1)
        out.warnings.push(t('With logMode 1 DolphinDB logs only to the console, so Loki and the log files get nothing.'));
    }
  }
  const all = expectedInstances(spec).map((i) => i.role);
  const restarts = configChanged ? [...new Set(all)] : resourceRoles;
  if (configChanged) out.warnings.push(t('Changing DolphinDB configuration restarts every instance of the cluster.'));
  else if (resourceRoles.length > 0)
    out.warnings.push(t('The pods of {0} are recreated with the new resources.', resourceRoles.join(', ')));
  return { ...out, patch: out.errors.length > 0 ? {} : result, restarts };
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  changes: ConfigureChanges,
): Promise<Outcome<{ plan: ConfigurePlan; check: ConfigureCheck; cluster: ClusterObject }>> {
  const op = ctx.t('configure {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const check = checkConfigure(ctx.t, cluster.value.spec, changes);
  if (check.errors.length > 0) return refusedOutcome('invalid', op, check.errors.join(' '));
  const plan: ConfigurePlan = {
    title: ctx.t('Configure DolphinDB {0}', refText(ref)),
    changes: check.changes,
    warnings: check.warnings,
    restarts: check.restarts,
  };
  return done({ plan, check, cluster: cluster.value });
}

export async function planConfigure(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  changes: ConfigureChanges,
): Promise<Outcome<ConfigurePlan>> {
  const p = await prepare(ctx, http, ref, changes);
  return p.ok ? done(p.value.plan) : p;
}

export async function configure(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  changes: ConfigureChanges,
  opts: ConfigureOptions = {},
): Promise<Outcome<ConfigureResult>> {
  const p = await prepare(ctx, http, ref, changes);
  if (!p.ok) return p;
  const { plan, check, cluster } = p.value;
  if (plan.changes.length === 0) {
    ctx.log(ctx.t('The requested values are already set; nothing to do.'));
    return done({ changed: false });
  }
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  // The uids before the patch tell a restarted pod from one that merely stayed Ready.
  const before = await listClusterPods(http, ref, ctx.signal);
  if (!before.ok) return unchanged(before.error);
  const oldUids = new Set(before.value.map((x) => x.uid));
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', `configure ${refText(ref)}`, ctx.t('Cancelled before anything was changed.'));
  const patched = await patchCluster(ctx, http, cluster, check.patch);
  if (!patched.ok) return unchanged(patched.error);
  if (opts.wait === false || check.restarts.length === 0) return done({ changed: true });

  const instances = expectedInstances(cluster.spec).filter((i) => check.restarts.includes(i.role));
  const followed = await followRollout(ctx, http, ref, { instances, podDone: (pod) => pod.ready && !oldUids.has(pod.uid) }, opts);
  if (followed.failure) {
    return afterChange(
      followed.failure,
      ctx.t(
        'The new settings are stored in the cluster spec; the operator keeps restarting instances. {0}',
        describeRollout(ctx.t, followed.report),
      ),
    );
  }
  return done({ changed: true, rollout: followed.report });
}

// Create or update a DolphinDB object by server-side apply. The CRD validates nothing (docs/domain.md
// §2.1), so the extension's validator runs first and any error stops the apply; then a server
// dry-run catches what only the API server knows (missing CRD, namespace, permissions) before
// anything is written.
import { stringify } from 'yaml';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { conflictManagers, serverSideApply } from '../k8s/apply';
import type { KubeObject } from '../k8s/resources';
import { KINDS } from '../k8s/resources';
import type { Failure } from '../result';
import { DDB_API_VERSION, DDB_KIND, type Role } from '../dolphindb/names';
import type { DolphinDBSpec } from '../dolphindb/types';
import { validateText } from '../validation';
import { crFailure, expectedInstances, readCluster, replicasOf, rolesOf } from './cluster';
import { checkLabel, checkText } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { describeRollout, followRollout, type RolloutOptions, type RolloutReport } from './rollout';
import { readSupportedVersions } from './suiteConfig';

export interface ApplyClusterOptions extends RolloutOptions {
  /** Wait until the cluster is Available (default false). */
  readonly wait?: boolean;
  /** Take over fields another manager owns (kubectl, the portal). Default false: report the conflict. */
  readonly force?: boolean;
  readonly suiteNamespace?: string;
}

export interface ApplyPlan extends Plan {
  readonly exists: boolean;
}

export interface ApplyResult {
  readonly created: boolean;
  readonly resourceVersion: string;
  readonly rollout?: RolloutReport;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Config values end up as lines of cluster.cfg: a line break would add a setting nobody reviewed. */
function configTextErrors(ctx: OperationContext, spec: unknown): string[] {
  const out: string[] = [];
  const check = (path: string, m: unknown): void => {
    if (!isRecord(m)) return;
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') continue; // non-strings are DDB-E015, reported by the validator
      const e = checkText(ctx.t, `${path}.${k}`, v);
      if (e) out.push(e);
    }
  };
  if (!isRecord(spec)) return out;
  check('spec.controller.clusterConfig', isRecord(spec.controller) ? spec.controller.clusterConfig : undefined);
  check('spec.controller.controllerConfig', isRecord(spec.controller) ? spec.controller.controllerConfig : undefined);
  check('spec.datanode.config', isRecord(spec.datanode) ? spec.datanode.config : undefined);
  check('spec.computenode.config', isRecord(spec.computenode) ? spec.computenode.config : undefined);
  return out;
}

function summary(spec: DolphinDBSpec): string {
  const roles = rolesOf(spec).map((r: Role) => `${r} ${spec.mode === 'cluster' ? replicasOf(spec, r) : 1}`);
  return [spec.mode === 'cluster' ? `cluster/${String(spec.clusterType)}` : 'standalone', String(spec.version), ...roles].join(
    ', ',
  );
}

function specDiff(before: DolphinDBSpec, after: DolphinDBSpec): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of [...keys].sort()) {
    const a = (before as Record<string, unknown>)[k];
    const b = (after as Record<string, unknown>)[k];
    if (isRecord(a) && isRecord(b)) {
      for (const sub of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        if (JSON.stringify(a[sub]) !== JSON.stringify(b[sub])) out.push(`spec.${k}.${sub}`);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`spec.${k}`);
  }
  return out;
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  obj: KubeObject,
  opts: ApplyClusterOptions,
): Promise<Outcome<{ plan: ApplyPlan; ref: ClusterRef; body: KubeObject }>> {
  const name = obj?.metadata?.name;
  const namespace = obj?.metadata?.namespace;
  const op = ctx.t('apply {0}', `dolphindbs/${String(name)}`);
  if (!isRecord(obj) || obj.apiVersion !== DDB_API_VERSION || obj.kind !== DDB_KIND)
    return refusedOutcome('invalid', op, ctx.t('The object must have apiVersion {0} and kind {1}.', DDB_API_VERSION, DDB_KIND));
  const bad = checkLabel(ctx.t, ctx.t('Cluster name'), name) ?? checkLabel(ctx.t, ctx.t('Namespace'), namespace);
  if (bad) return refusedOutcome('invalid', op, bad);
  const ref: ClusterRef = { namespace: namespace as string, name: name as string };

  const versions = await readSupportedVersions(ctx, http, ref.namespace, opts.suiteNamespace);
  if (!versions.ok) return unchanged(versions.error);
  const problems = validateText(stringify(obj), { supportedVersions: versions.value.versions });
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.path}: ${p.message}`);
  errors.push(...configTextErrors(ctx, obj.spec));
  if (errors.length > 0)
    return refusedOutcome(
      'invalid',
      op,
      ctx.t('The cluster definition has {0} error(s): {1}', errors.length, errors.slice(0, 5).join(' | ')),
    );
  const warnings = problems.filter((p) => p.severity === 'warning').map((p) => `${p.code} ${p.path}: ${p.message}`);
  if (versions.value.source === 'fallback' && versions.value.note) warnings.push(versions.value.note);

  const body: KubeObject = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      ...(obj.metadata.labels ? { labels: obj.metadata.labels } : {}),
      ...(obj.metadata.annotations ? { annotations: obj.metadata.annotations } : {}),
    },
    spec: obj.spec,
  };
  const dry = await serverSideApply(http, KINDS.dolphindb, body, { dryRun: true, force: opts.force, signal: ctx.signal });
  if (!dry.ok) return unchanged(explain(ctx, dry.error, ref.name));

  const existing = await readCluster(ctx, http, ref);
  if (!existing.ok && existing.error.kind !== 'notFound') return unchanged(existing.error);
  const spec = (isRecord(obj.spec) ? obj.spec : {}) as DolphinDBSpec;
  let changes: string[];
  if (existing.ok) {
    const diff = specDiff(existing.value.spec, spec);
    changes =
      diff.length === 0 ? [] : [ctx.t('Update DolphinDB {0} by server-side apply; changed: {1}.', refText(ref), diff.join(', '))];
    if (diff.length > 0) warnings.push(ctx.t('Changing version, configuration or resources restarts instances.'));
  } else {
    changes = [
      ctx.t('Create DolphinDB {0} ({1}).', refText(ref), summary(spec)),
      ctx.t('The operator then creates its pods, Services, volumes and ConfigMap ddb-{0}.', ref.name),
    ];
  }
  return done({ plan: { title: ctx.t('Apply DolphinDB {0}', refText(ref)), changes, warnings, exists: existing.ok }, ref, body });
}

function explain(ctx: OperationContext, f: Failure, name: string): Failure {
  const g = crFailure(ctx.t, f, name);
  if (g.kind === 'conflict') {
    const managers = conflictManagers(g.reason);
    return {
      ...g,
      reason: ctx.t(
        'Some fields are owned by another tool ({0}); apply again with "force" to take them over.',
        managers.join(', ') || '?',
      ),
    };
  }
  return g;
}

export async function planApplyCluster(
  ctx: OperationContext,
  http: KubeHttp,
  obj: KubeObject,
  opts: ApplyClusterOptions = {},
): Promise<Outcome<ApplyPlan>> {
  const p = await prepare(ctx, http, obj, opts);
  return p.ok ? done(p.value.plan) : p;
}

export async function applyCluster(
  ctx: OperationContext,
  http: KubeHttp,
  obj: KubeObject,
  opts: ApplyClusterOptions = {},
): Promise<Outcome<ApplyResult>> {
  const p = await prepare(ctx, http, obj, opts);
  if (!p.ok) return p;
  const { plan, ref, body } = p.value;
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  if (plan.exists && plan.changes.length === 0) {
    ctx.log(ctx.t('DolphinDB {0} already matches; nothing to do.', refText(ref)));
  }
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', `apply ${refText(ref)}`, ctx.t('Cancelled before anything was changed.'));
  const r = await serverSideApply(http, KINDS.dolphindb, body, { force: opts.force, signal: ctx.signal });
  if (!r.ok) return unchanged(explain(ctx, r.error, ref.name));
  ctx.log(plan.exists ? ctx.t('Applied DolphinDB {0}.', refText(ref)) : ctx.t('Created DolphinDB {0}.', refText(ref)));
  const result = { created: !plan.exists, resourceVersion: r.value.metadata.resourceVersion ?? '' };
  if (!opts.wait) return done(result);
  const spec = (isRecord(body.spec) ? body.spec : {}) as DolphinDBSpec;
  const followed = await followRollout(ctx, http, ref, { instances: expectedInstances(spec), podDone: (pod) => pod.ready }, opts);
  if (followed.failure)
    return afterChange(
      followed.failure,
      ctx.t(
        'DolphinDB {0} is stored; the operator has not made it Available yet. {1}',
        refText(ref),
        describeRollout(ctx.t, followed.report),
      ),
    );
  return done({ ...result, rollout: followed.report });
}

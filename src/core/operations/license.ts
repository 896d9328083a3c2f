// License swap for one cluster (docs/domain.md §5.2): back up the current `license.lic` of ConfigMap
// `ddb-<name>`, write the new one (optionally also the suite's `dolphindb-license`), then restart
// the cluster's pods one at a time, each Ready before the next. A pod that does not come back
// stops the swap; the failure carries the backup and the restarted pods so `restoreLicense` can
// put the old license back and restart exactly those pods again.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { AccessReviewer } from '../k8s/access';
import { mergePatch } from '../k8s/apply';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import type { Failure } from '../result';
import { fail, ok, type Result } from '../result';
import { clusterPodRegExp, configMapName, roleFromAbbrev, SUITE } from '../dolphindb/names';
import type { LicenseInfo } from '../dolphindb/license';
import { checkRef, masterPod, readCluster } from './cluster';
import { checkLabel, clip } from './input';
import { backupConfigMapName, checkBackupSlot, readLicenseBackup, writeLicenseBackup, type LicenseBackup } from './licenseBackup';
import { readLicenseFile, type LicenseSource } from './licenseFile';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { listClusterPods } from './pods';
import { restartOrder } from './restart';
import { describeRolling, rollPods, type PodTarget, type RollingOptions, type RollingReport } from './rolling';

export interface LicenseSwapOptions extends RollingOptions {
  /** Also replace `dolphindb.lic` in the suite's `dolphindb-license` in this namespace (for clusters created later). */
  readonly suiteNamespace?: string;
  /** Skip the permission pre-check (SelfSubjectAccessReview). Default false. */
  readonly skipAccessCheck?: boolean;
  /** Use a license file that fails the (inferred) format or expiry check, after the user chose to. */
  readonly acceptInvalidLicense?: boolean;
}

export interface LicenseSwapPlan extends Plan {
  readonly info: LicenseInfo;
  readonly order: readonly PodTarget[];
}

export interface LicenseSwapResult {
  readonly info: LicenseInfo;
  readonly backup: LicenseBackup;
  /** False when `ddb-<name>` already held exactly this license (nothing was changed). */
  readonly changed: boolean;
  readonly rolling?: RollingReport;
}

/** What a failed swap leaves for the caller: enough to offer `restoreLicense`. */
export interface LicenseSwapPartial {
  readonly backup: LicenseBackup;
  readonly licenseReplaced: boolean;
  readonly suiteReplaced: boolean;
  /** Pods to restart again after a restore: those restarted, the one that did not come back, and any the operator recreated meanwhile. */
  readonly restartedPods: readonly string[];
  readonly rolling?: RollingReport;
}

interface Prepared {
  readonly plan: LicenseSwapPlan;
  readonly content: string;
  readonly current: KubeObject;
  readonly suiteCurrent?: KubeObject;
}

async function readConfigMap(
  ctx: OperationContext,
  http: KubeHttp,
  namespace: string,
  name: string,
): Promise<Result<KubeObject>> {
  return http.request<KubeObject>(objectPath(KINDS.configmap, name, namespace), {
    signal: ctx.signal,
    operation: ctx.t('read {0} in {1}', `configmaps/${name}`, namespace),
  });
}

/** Asks the API server up front, so a user who may patch but not delete pods is stopped before any change. */
async function checkAccess(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  suiteNamespace?: string,
): Promise<Failure | undefined> {
  const reviewer = new AccessReviewer(http);
  const asks = [
    { verb: 'patch', group: '', resource: 'configmaps', namespace: ref.namespace },
    { verb: 'create', group: '', resource: 'configmaps', namespace: ref.namespace },
    { verb: 'delete', group: '', resource: 'pods', namespace: ref.namespace },
    ...(suiteNamespace ? [{ verb: 'patch', group: '', resource: 'configmaps', namespace: suiteNamespace }] : []),
  ];
  for (const q of asks) {
    let allowed: boolean;
    try {
      allowed = await reviewer.can(q);
      // Pods are restarted through the Eviction API; either right is enough (see pods.ts).
      if (!allowed && q.resource === 'pods')
        allowed = await reviewer.can({
          verb: 'create',
          group: '',
          resource: 'pods',
          subresource: 'eviction',
          namespace: ref.namespace,
        });
    } catch {
      return undefined; // The review itself failed: the real requests will tell.
    }
    if (!allowed)
      return {
        kind: 'forbidden',
        operation: ctx.t('swap license of {0}', refText(ref)),
        verb: q.verb,
        resource: q.resource,
        reason: ctx.t(
          'You may not {0} {1} in namespace {2}, which the license swap needs; nothing was changed.',
          q.verb,
          q.resource,
          q.namespace,
        ),
      };
  }
  return undefined;
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  source: LicenseSource,
  opts: LicenseSwapOptions,
): Promise<Outcome<Prepared>> {
  const op = ctx.t('swap license of {0}', `${ref.namespace}/${ref.name}`);
  const bad =
    checkRef(ctx, ref) ??
    (opts.suiteNamespace !== undefined ? checkLabel(ctx.t, ctx.t('Suite namespace'), opts.suiteNamespace) : undefined);
  if (bad) return refusedOutcome('invalid', op, bad);
  const file = await readLicenseFile(ctx, source, { acceptInvalid: opts.acceptInvalidLicense === true });
  if (!file.ok) return unchanged(file.error);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  const cm = await readConfigMap(ctx, http, ref.namespace, configMapName(ref.name));
  if (!cm.ok)
    return unchanged(
      cm.error.kind === 'notFound'
        ? {
            ...cm.error,
            reason: ctx.t('ConfigMap {0} does not exist yet; the operator creates it with the cluster.', configMapName(ref.name)),
          }
        : cm.error,
    );
  let suiteCurrent: KubeObject | undefined;
  if (opts.suiteNamespace) {
    const s = await readConfigMap(ctx, http, opts.suiteNamespace, SUITE.licenseConfigMap);
    if (!s.ok)
      return unchanged(
        s.error.kind === 'notFound'
          ? { ...s.error, reason: ctx.t('ConfigMap {0} does not exist in {1}.', SUITE.licenseConfigMap, opts.suiteNamespace) }
          : s.error,
      );
    suiteCurrent = s.value;
  }
  const slot = await checkBackupSlot(ctx, http, ref);
  if (!slot.ok) return unchanged(slot.error);
  if (!opts.skipAccessCheck) {
    const denied = await checkAccess(ctx, http, ref, opts.suiteNamespace);
    if (denied) return unchanged(denied);
  }
  const pods = await listClusterPods(http, ref, ctx.signal);
  if (!pods.ok) return unchanged(pods.error);
  const order = restartOrder(
    pods.value.filter((p) => !p.terminating),
    masterPod(cluster.value.status),
  );

  const same = cm.value.data?.[SUITE.clusterLicenseKey] === file.value.content;
  const info = file.value.info;
  const changes: string[] = [];
  const warnings: string[] = [];
  if (file.value.overridden)
    warnings.push(
      ctx.t(
        'The license file failed a check and is used anyway, as chosen: {0} The operator or DolphinDB may reject it.',
        file.value.overridden,
      ),
    );
  if (!same) {
    changes.push(
      ctx.t('Save the current license of the cluster in ConfigMap {0} (for a later restore).', backupConfigMapName(ref.name)),
    );
    changes.push(
      ctx.t(
        'Replace license.lic in ConfigMap {0} with the new license (expires {1}).',
        configMapName(ref.name),
        info.expiry ?? ctx.t('unknown'),
      ),
    );
    if (opts.suiteNamespace)
      changes.push(
        ctx.t(
          'Replace dolphindb.lic in ConfigMap {0} in {1} (used for clusters created later).',
          SUITE.licenseConfigMap,
          opts.suiteNamespace,
        ),
      );
    order.forEach((p, i) => changes.push(ctx.t('{0}. Restart pod {1} and wait until it is Ready.', i + 1, p.name)));
    const notReady = order.filter((p) => !p.ready).map((p) => p.name);
    if (notReady.length > 0)
      warnings.push(
        ctx.t('Not Ready now: {0}. The swap stops at the first pod that does not become Ready.', notReady.join(', ')),
      );
    warnings.push(ctx.t('If a pod does not become Ready, the swap stops; the old license can then be restored.'));
    if (opts.suiteNamespace)
      warnings.push(
        ctx.t(
          'The suite operator reads dolphindb-license only when it starts; restart the operator pods for it to see the new file.',
        ),
      );
  }
  const days = info.expiry ? Math.floor((Date.parse(`${info.expiry}T23:59:59Z`) - Date.now()) / 86_400_000) : undefined;
  if (days !== undefined && days < 30) warnings.push(ctx.t('The new license expires in {0} day(s).', days));
  const plan: LicenseSwapPlan = {
    title: ctx.t('Replace the license of DolphinDB {0}', refText(ref)),
    changes,
    warnings,
    info,
    order: order.map((p) => ({ name: p.name, uid: p.uid })),
  };
  return done({ plan, content: file.value.content, current: cm.value, ...(suiteCurrent ? { suiteCurrent } : {}) });
}

export async function planLicenseSwap(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  source: LicenseSource,
  opts: LicenseSwapOptions = {},
): Promise<Outcome<LicenseSwapPlan>> {
  const p = await prepare(ctx, http, ref, source, opts);
  return p.ok ? done(p.value.plan) : p;
}

async function patchLicense(
  ctx: OperationContext,
  http: KubeHttp,
  namespace: string,
  name: string,
  key: string,
  content: string,
  resourceVersion?: string,
): Promise<Result<void>> {
  const body = { ...(resourceVersion ? { metadata: { resourceVersion } } : {}), data: { [key]: content } };
  const r = await mergePatch(http, KINDS.configmap, name, namespace, body, { signal: ctx.signal });
  if (!r.ok)
    return fail(
      r.error.kind === 'conflict'
        ? { ...r.error, reason: ctx.t('ConfigMap {0} was changed by someone else meanwhile.', name) }
        : r.error,
    );
  return ok(undefined);
}

export async function swapLicense(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  source: LicenseSource,
  opts: LicenseSwapOptions = {},
): Promise<Outcome<LicenseSwapResult, LicenseSwapPartial>> {
  const p = await prepare(ctx, http, ref, source, opts);
  if (!p.ok) return p;
  const { plan, content, current, suiteCurrent } = p.value;
  const backup: LicenseBackup = {
    namespace: ref.namespace,
    cluster: ref.name,
    configMap: backupConfigMapName(ref.name),
    clusterLicense: current.data?.[SUITE.clusterLicenseKey] ?? '',
    ...(suiteCurrent && opts.suiteNamespace
      ? { suiteLicense: { namespace: opts.suiteNamespace, content: suiteCurrent.data?.[SUITE.licenseConfigMapKey] ?? '' } }
      : {}),
    takenAt: new Date().toISOString(),
  };
  if (plan.changes.length === 0) {
    ctx.log(ctx.t('The cluster already uses this license; nothing to do.'));
    return done({ info: plan.info, backup, changed: false });
  }
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  if (ctx.signal.aborted)
    return refusedOutcome(
      'cancelled',
      ctx.t('swap license of {0}', refText(ref)),
      ctx.t('Cancelled before anything was changed.'),
    );

  const partial = (licenseReplaced: boolean, suiteReplaced: boolean, rolling?: RollingReport): LicenseSwapPartial => ({
    backup,
    licenseReplaced,
    suiteReplaced,
    restartedPods: rolling
      ? [...rolling.restarted, ...(rolling.unfinished ? [rolling.unfinished] : []), ...(rolling.replacedMeanwhile ?? [])]
      : [],
    ...(rolling ? { rolling } : {}),
  });

  const saved = await writeLicenseBackup(ctx, http, backup);
  if (!saved.ok) return unchanged(saved.error);
  ctx.log(ctx.t('Saved the current license in ConfigMap {0}.', backup.configMap));

  const patched = await patchLicense(
    ctx,
    http,
    ref.namespace,
    configMapName(ref.name),
    SUITE.clusterLicenseKey,
    content,
    current.metadata.resourceVersion,
  );
  if (!patched.ok)
    return afterChange(
      patched.error,
      ctx.t('The license was not changed; only the backup ConfigMap {0} was written.', backup.configMap),
      partial(false, false),
    );
  ctx.log(
    ctx.t('Replaced license.lic in ConfigMap {0} (new license expires {1}).', configMapName(ref.name), plan.info.expiry ?? '?'),
  );

  let suiteReplaced = false;
  if (opts.suiteNamespace && suiteCurrent) {
    const s = await patchLicense(
      ctx,
      http,
      opts.suiteNamespace,
      SUITE.licenseConfigMap,
      SUITE.licenseConfigMapKey,
      content,
      suiteCurrent.metadata.resourceVersion,
    );
    if (!s.ok)
      return afterChange(
        s.error,
        ctx.t(
          'The cluster license in {0} is replaced, but {1} in {2} is not, and no pod was restarted yet.',
          configMapName(ref.name),
          SUITE.licenseConfigMap,
          opts.suiteNamespace,
        ),
        partial(true, false),
      );
    suiteReplaced = true;
    ctx.log(ctx.t('Replaced dolphindb.lic in ConfigMap {0} in {1}.', SUITE.licenseConfigMap, opts.suiteNamespace));
  }

  // The uids come from before the patch: a pod the operator rolled because of the change counts as restarted.
  const rolling = await rollPods(ctx, http, ref.name, ref.namespace, plan.order, opts);
  if (rolling.failure) {
    const untouched = rolling.pending.filter((n) => !(rolling.replacedMeanwhile ?? []).includes(n));
    const left = [
      ctx.t(
        'The new license is in ConfigMap {0}{1}.',
        configMapName(ref.name),
        suiteReplaced ? ctx.t(' and in {0}', SUITE.licenseConfigMap) : '',
      ),
      describeRolling(ctx.t, rolling),
      ...(untouched.length > 0 ? [ctx.t('Pods not restarted still run with the old license until they restart.')] : []),
      ctx.t('The old license is saved in ConfigMap {0} and can be restored.', backup.configMap),
    ].join(' ');
    return afterChange(rolling.failure, left, partial(true, suiteReplaced, rolling));
  }
  ctx.log(ctx.t('License of {0} replaced; all {1} pods restarted.', refText(ref), rolling.restarted.length));
  return done({ info: plan.info, backup, changed: true, rolling });
}

export interface RestoreLicenseRequest {
  /** The backup from a failed swap; read from ConfigMap `ddb-<name>-license-backup` when absent. */
  readonly backup?: LicenseBackup;
  /** Pods to restart after the old license is back (the swap's `restartedPods`). */
  readonly restartPods: readonly string[];
  /** Also put back the suite's `dolphindb-license` when the backup holds it. Default true. */
  readonly includeSuite?: boolean;
}

export interface RestoreLicenseResult {
  readonly rolling: RollingReport;
  readonly suiteRestored: boolean;
}

export async function planRestoreLicense(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: RestoreLicenseRequest,
): Promise<Outcome<Plan>> {
  const p = await prepareRestore(ctx, http, ref, req);
  return p.ok ? done(p.value.plan) : p;
}

async function prepareRestore(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: RestoreLicenseRequest,
): Promise<Outcome<{ plan: Plan; backup: LicenseBackup; order: PodTarget[] }>> {
  const op = ctx.t('restore license of {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  let backup = req.backup;
  if (!backup) {
    const r = await readLicenseBackup(ctx, http, ref);
    if (!r.ok) return unchanged(r.error);
    if (!r.value) return refusedOutcome('notFound', op, ctx.t('There is no license backup for {0}.', refText(ref)));
    backup = r.value;
  }
  if (backup.namespace !== ref.namespace || backup.cluster !== ref.name)
    return refusedOutcome('invalid', op, ctx.t('The backup belongs to another cluster.'));
  if (backup.clusterLicense === '')
    return refusedOutcome('invalid', op, ctx.t('The backup holds an empty license; restoring it would stop the cluster.'));
  const re = clusterPodRegExp(ref.name);
  const wrong = req.restartPods.filter((p) => !re.test(p));
  if (wrong.length > 0)
    return refusedOutcome(
      'invalid',
      op,
      ctx.t('Not pods of {0}: {1}.', refText(ref), wrong.map((w) => clip(String(w))).join(', ')),
    );
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  const pods = await listClusterPods(http, ref, ctx.signal);
  if (!pods.ok) return unchanged(pods.error);
  // A pod that does not exist right now keeps its place with an empty uid: its StatefulSet
  // recreates it, and the restart only waits for it to be Ready.
  const targets = [...new Set(req.restartPods)].map((name) => {
    const m = re.exec(name);
    const role = roleFromAbbrev(m?.[1] ?? '') ?? 'datanode';
    return { name, role, index: Number(m?.[2] ?? 0), uid: pods.value.find((p) => p.name === name)?.uid ?? '' };
  });
  const order = restartOrder(targets, masterPod(cluster.value.status)).map((p) => ({ name: p.name, uid: p.uid }));
  const suite = req.includeSuite !== false && backup.suiteLicense;
  const changes = [
    ctx.t('Put the license saved at {0} back into ConfigMap {1}.', backup.takenAt || '?', configMapName(ref.name)),
    ...(suite
      ? [
          ctx.t(
            'Put the saved dolphindb.lic back into ConfigMap {0} in {1}.',
            SUITE.licenseConfigMap,
            backup.suiteLicense?.namespace ?? '',
          ),
        ]
      : []),
    ...order.map((p, i) => ctx.t('{0}. Restart pod {1} and wait until it is Ready.', i + 1, p.name)),
  ];
  return done({
    plan: { title: ctx.t('Restore the previous license of DolphinDB {0}', refText(ref)), changes, warnings: [] },
    backup,
    order,
  });
}

export async function restoreLicense(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: RestoreLicenseRequest,
  opts: RollingOptions = {},
): Promise<Outcome<RestoreLicenseResult, RollingReport>> {
  const p = await prepareRestore(ctx, http, ref, req);
  if (!p.ok) return p;
  const { backup, order } = p.value;
  if (ctx.signal.aborted)
    return refusedOutcome(
      'cancelled',
      ctx.t('restore license of {0}', refText(ref)),
      ctx.t('Cancelled before anything was changed.'),
    );
  const r = await patchLicense(ctx, http, ref.namespace, configMapName(ref.name), SUITE.clusterLicenseKey, backup.clusterLicense);
  if (!r.ok) return unchanged(r.error);
  ctx.log(ctx.t('Put the previous license back into ConfigMap {0}.', configMapName(ref.name)));
  let suiteRestored = false;
  if (req.includeSuite !== false && backup.suiteLicense) {
    const s = await patchLicense(
      ctx,
      http,
      backup.suiteLicense.namespace,
      SUITE.licenseConfigMap,
      SUITE.licenseConfigMapKey,
      backup.suiteLicense.content,
    );
    if (!s.ok)
      return afterChange(
        s.error,
        ctx.t(
          'The cluster license is restored, but {0} in {1} is not; no pod was restarted yet.',
          SUITE.licenseConfigMap,
          backup.suiteLicense.namespace,
        ),
      );
    suiteRestored = true;
  }
  const rolling = await rollPods(ctx, http, ref.name, ref.namespace, order, opts);
  if (rolling.failure)
    return afterChange(
      rolling.failure,
      ctx.t('The previous license is back in ConfigMap {0}. {1}', configMapName(ref.name), describeRolling(ctx.t, rolling)),
      rolling,
    );
  return done({ rolling, suiteRestored });
}

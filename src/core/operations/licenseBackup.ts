// The license backup kept in the cluster: ConfigMap `ddb-<name>-license-backup`, so a restore
// still works after VS Code restarts. It is marked as ours by a label; a ConfigMap of that name
// without the label (e.g. the ConfigMap of a cluster called "<name>-license-backup") is never
// overwritten. It holds license text, so it is as sensitive as `ddb-<name>` itself.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { FIELD_MANAGER, serverSideApply } from '../k8s/apply';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import { fail, ok, type Result } from '../result';
import { licenseBackupConfigMapName, SUITE } from '../dolphindb/names';
import type { ClusterRef } from './outcome';

export const BACKUP_LABEL = 'dolphindb.io/license-backup-of';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const TAKEN_AT = 'dolphindb.io/license-backup-taken-at';
const SUITE_NS = 'dolphindb.io/license-backup-suite-namespace';
const SUITE_KEY = `suite-${SUITE.licenseConfigMapKey}`;

export interface LicenseBackup {
  readonly namespace: string;
  readonly cluster: string;
  /** Name of the ConfigMap the backup is stored in. */
  readonly configMap: string;
  /** Previous `license.lic` of `ddb-<name>`. Sensitive. */
  readonly clusterLicense: string;
  /** Previous `dolphindb.lic` of the suite's `dolphindb-license`, when that was replaced too. */
  readonly suiteLicense?: { readonly namespace: string; readonly content: string };
  readonly takenAt: string;
}

export const backupConfigMapName = licenseBackupConfigMapName;

function isOurs(o: KubeObject, cluster: string): boolean {
  return o.metadata.labels?.[BACKUP_LABEL] === cluster && o.metadata.labels?.[MANAGED_BY_LABEL] === FIELD_MANAGER;
}

export async function readLicenseBackup(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
): Promise<Result<LicenseBackup | undefined>> {
  const name = backupConfigMapName(ref.name);
  const r = await http.request<KubeObject>(objectPath(KINDS.configmap, name, ref.namespace), {
    signal: ctx.signal,
    operation: ctx.t('read {0} in {1}', `configmaps/${name}`, ref.namespace),
  });
  if (!r.ok) return r.error.kind === 'notFound' ? ok(undefined) : r;
  if (!isOurs(r.value, ref.name)) return ok(undefined);
  const data = r.value.data ?? {};
  const suiteNs = r.value.metadata.annotations?.[SUITE_NS];
  return ok({
    namespace: ref.namespace,
    cluster: ref.name,
    configMap: name,
    clusterLicense: data[SUITE.clusterLicenseKey] ?? '',
    ...(suiteNs && typeof data[SUITE_KEY] === 'string' ? { suiteLicense: { namespace: suiteNs, content: data[SUITE_KEY] } } : {}),
    takenAt: r.value.metadata.annotations?.[TAKEN_AT] ?? '',
  });
}

/** Fails with `conflict` when a ConfigMap of that name exists that is not one of our backups. */
export async function checkBackupSlot(ctx: OperationContext, http: KubeHttp, ref: ClusterRef): Promise<Result<void>> {
  const name = backupConfigMapName(ref.name);
  const r = await http.request<KubeObject>(objectPath(KINDS.configmap, name, ref.namespace), {
    signal: ctx.signal,
    operation: ctx.t('read {0} in {1}', `configmaps/${name}`, ref.namespace),
  });
  if (!r.ok) return r.error.kind === 'notFound' ? ok(undefined) : r;
  if (!isOurs(r.value, ref.name))
    return fail({
      kind: 'conflict',
      operation: ctx.t('write {0}', `configmaps/${name}`),
      reason: ctx.t(
        'ConfigMap {0} exists and is not a license backup of this cluster; it is left alone and the swap does not start.',
        name,
      ),
    });
  return ok(undefined);
}

export async function writeLicenseBackup(ctx: OperationContext, http: KubeHttp, backup: LicenseBackup): Promise<Result<void>> {
  const obj: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: backup.configMap,
      namespace: backup.namespace,
      labels: { [BACKUP_LABEL]: backup.cluster, [MANAGED_BY_LABEL]: FIELD_MANAGER },
      annotations: { [TAKEN_AT]: backup.takenAt, ...(backup.suiteLicense ? { [SUITE_NS]: backup.suiteLicense.namespace } : {}) },
    },
    data: {
      [SUITE.clusterLicenseKey]: backup.clusterLicense,
      ...(backup.suiteLicense ? { [SUITE_KEY]: backup.suiteLicense.content } : {}),
    },
  };
  const r = await serverSideApply(http, KINDS.configmap, obj, { force: true, signal: ctx.signal });
  return r.ok ? ok(undefined) : r;
}

// Whether the operator's backup API is served, and at which version: API discovery of the
// `backup.dolphindb.io` group (docs/domain.md §8: resources `backups` and `restores`; the kinds and
// version are not documented, so they are read from the server, never assumed). An absent group
// is an answer (undefined), not an error: clusters without the backup feature show nothing.
import type { KubeHttp } from '../k8s/http';
import { KINDS, type ResourceKind } from '../k8s/resources';

export const BACKUP_GROUP = 'backup.dolphindb.io';

export interface BackupApi {
  readonly backup?: ResourceKind;
  readonly restore?: ResourceKind;
}

interface ApiGroup {
  readonly preferredVersion?: { readonly version?: string };
  readonly versions?: readonly { readonly version?: string }[];
}

interface ApiResourceList {
  readonly resources?: readonly { readonly name?: string; readonly kind?: string; readonly namespaced?: boolean }[];
}

/** The served backup and restore resources, or undefined when the group is absent or unreadable. */
export async function discoverBackupApi(http: KubeHttp): Promise<BackupApi | undefined> {
  const g = await http.request<ApiGroup>(`/apis/${BACKUP_GROUP}`);
  if (!g.ok) return undefined;
  const version = g.value.preferredVersion?.version ?? g.value.versions?.[0]?.version;
  if (!version) return undefined;
  const list = await http.request<ApiResourceList>(`/apis/${BACKUP_GROUP}/${version}`);
  if (!list.ok) return undefined;
  const find = (plural: 'backups' | 'restores', base: ResourceKind): ResourceKind | undefined => {
    const r = list.value.resources?.find((x) => x.name === plural);
    return r ? { ...base, version, kind: r.kind ?? base.kind, namespaced: r.namespaced !== false } : undefined;
  };
  const backup = find('backups', KINDS.backup);
  const restore = find('restores', KINDS.restore);
  return backup || restore ? { ...(backup ? { backup } : {}), ...(restore ? { restore } : {}) } : undefined;
}

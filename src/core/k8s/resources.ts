// The resource kinds the extension reads, with their API paths.

export interface ResourceKind {
  readonly key: string;
  readonly group: string; // '' for core
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

export const KINDS = {
  dolphindb: {
    key: 'dolphindb',
    group: 'dolphindb.dolphindb.io',
    version: 'v1',
    plural: 'dolphindbs',
    kind: 'DolphinDB',
    namespaced: true,
  },
  pod: { key: 'pod', group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  service: { key: 'service', group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  pvc: {
    key: 'pvc',
    group: '',
    version: 'v1',
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
  },
  configmap: { key: 'configmap', group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  event: { key: 'event', group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  namespace: { key: 'namespace', group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  node: { key: 'node', group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false },
  statefulset: {
    key: 'statefulset',
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
  },
  deployment: { key: 'deployment', group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  daemonset: { key: 'daemonset', group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  storageclass: {
    key: 'storageclass',
    group: 'storage.k8s.io',
    version: 'v1',
    plural: 'storageclasses',
    kind: 'StorageClass',
    namespaced: false,
  },
  crd: {
    key: 'crd',
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
  },
  secret: { key: 'secret', group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  rolebinding: {
    key: 'rolebinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'rolebindings',
    kind: 'RoleBinding',
    namespaced: true,
  },
  // The operator's backups (chart v1.1.1+, docs/domain.md §8). The version is a placeholder: reads use
  // the version API discovery finds (core/backup/discovery.ts); access reviews need none.
  backup: { key: 'backup', group: 'backup.dolphindb.io', version: 'v1', plural: 'backups', kind: 'Backup', namespaced: true },
  restore: { key: 'restore', group: 'backup.dolphindb.io', version: 'v1', plural: 'restores', kind: 'Restore', namespaced: true },
} as const satisfies Record<string, ResourceKind>;

export type KindKey = keyof typeof KINDS;

export function collectionPath(kind: ResourceKind, namespace?: string): string {
  const base = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  return kind.namespaced && namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`
    : `${base}/${kind.plural}`;
}

export function objectPath(kind: ResourceKind, name: string, namespace?: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

export function apiVersionOf(kind: ResourceKind): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}

/** The minimal shape every object has; the rest is read through typed accessors. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    managedFields?: unknown[];
    generation?: number;
  };
  spec?: unknown;
  status?: unknown;
  data?: Record<string, string>;
}

export interface KubeList<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items: T[];
}

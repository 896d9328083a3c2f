// The verb table: which Kubernetes permissions each explorer action needs, so a menu offers an
// action only when the API server (SelfSubjectAccessReview) says every one of them is allowed.
// A single "may patch dolphindbs" answer used to stand for every write; a user who may patch
// but not delete, or not evict pods, was offered actions that could only fail.
import type { AccessQuestion } from './access';
import { KINDS, type KindKey, type ResourceKind } from './resources';

/**
 * Permission tokens. Each becomes `;<token>;` in a tree item's contextValue, and package.json's
 * menus match those tokens. `edit` and `delete` are also node capabilities and keep their names.
 */
export type Permission =
  | 'edit'
  | 'delete'
  | 'restart'
  | 'services'
  | 'volumes'
  | 'license'
  | 'createCluster'
  | 'suiteInstall'
  | 'suiteUninstall'
  | 'coreDumps'
  | 'exec'
  | 'backupCreate';

const q = (verb: string, kind: ResourceKind, subresource?: string): Omit<AccessQuestion, 'namespace'> => ({
  verb,
  group: kind.group,
  resource: kind.plural,
  ...(subresource ? { subresource } : {}),
});

/** Every permission the token needs; the namespace is filled in per node. */
export const VERB_TABLE: Readonly<Record<Permission, readonly Omit<AccessQuestion, 'namespace'>[]>> = {
  // Edit YAML, upgrade, scale, configure, pause/resume: all patch the DolphinDB object.
  edit: [q('patch', KINDS.dolphindb)],
  delete: [q('delete', KINDS.dolphindb)],
  // Restarts evict pods (the operator recreates them); see operations/pods.ts.
  restart: [q('create', KINDS.pod, 'eviction')],
  // An instance Service is asked for in the spec and created by the operator: patch, and the
  // user must be allowed to have Services there at all.
  services: [q('patch', KINDS.dolphindb), q('create', KINDS.service)],
  // Add volume creates the PVC itself, then patches the spec.
  volumes: [q('patch', KINDS.dolphindb), q('create', KINDS.pvc)],
  // The license lives in ConfigMaps; the swap then restarts the pods.
  license: [q('patch', KINDS.configmap), q('create', KINDS.pod, 'eviction')],
  createCluster: [q('create', KINDS.dolphindb)],
  // The suite is a Helm release of Deployments (and their Secrets) in the suite's namespace.
  suiteInstall: [q('create', KINDS.deployment), q('create', KINDS.secret)],
  suiteUninstall: [q('delete', KINDS.deployment), q('delete', KINDS.secret)],
  coreDumps: [q('patch', KINDS.deployment)],
  // Open Shell: the exec subresource of the pod.
  exec: [q('create', KINDS.pod, 'exec')],
  // New Backup applies a Backup object (the operator's backup API, docs/domain.md §8).
  backupCreate: [q('create', KINDS.backup)],
};

/** Which permissions matter on each node kind (the others are not asked, to keep reviews few). */
export const PERMISSIONS_BY_NODE: Readonly<Partial<Record<string, readonly Permission[]>>> = {
  context: ['createCluster', 'suiteInstall'],
  namespace: ['createCluster'],
  suite: ['suiteInstall', 'suiteUninstall', 'coreDumps'],
  cluster: ['edit', 'delete', 'restart', 'volumes', 'license'],
  instance: ['edit', 'restart', 'services', 'exec'],
  pod: ['exec'],
  container: ['exec'],
  backups: ['backupCreate'],
};

/** What to ask for a node: its kind's permissions, plus edit/delete where the node offers them. */
export function permissionsOf(nodeKind: string, caps: readonly string[]): Permission[] {
  const out = new Set<Permission>(PERMISSIONS_BY_NODE[nodeKind] ?? []);
  for (const c of ['edit', 'delete'] as const) if (caps.includes(c)) out.add(c);
  return [...out];
}

/** The questions for a permission in a namespace; edit/delete of another kind (a pod, a ConfigMap) ask about that kind. */
export function questionsFor(permission: Permission, namespace: string | undefined, kind?: KindKey): AccessQuestion[] {
  if (kind && kind !== 'dolphindb') {
    if (permission === 'edit') return [{ ...q('patch', KINDS[kind]), namespace }];
    if (permission === 'delete') return [{ ...q('delete', KINDS[kind]), namespace }];
  }
  return VERB_TABLE[permission].map((x) => ({ ...x, namespace }));
}

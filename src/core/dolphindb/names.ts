// Names of the resources the operator creates for cluster <name> (docs/domain.md §4.1) and the
// labels it puts on them (§4.5, §4.6). The docs match pods with `grep <name>`, which also hits
// clusters sharing a prefix (`test` vs `test2`); everything here matches exactly instead.

export type Role = 'controller' | 'datanode' | 'computenode';
export type RoleAbbrev = 'ctr' | 'dn' | 'cn';

export const ROLES: readonly Role[] = ['controller', 'datanode', 'computenode'];
export const ROLE_ABBREVS: readonly RoleAbbrev[] = ['ctr', 'dn', 'cn'];

const ABBREV: Readonly<Record<Role, RoleAbbrev>> = { controller: 'ctr', datanode: 'dn', computenode: 'cn' };
const ROLE_OF: Readonly<Record<RoleAbbrev, Role>> = { ctr: 'controller', dn: 'datanode', cn: 'computenode' };

export const roleAbbrev = (role: Role): RoleAbbrev => ABBREV[role];
export const roleFromAbbrev = (abbrev: string): Role | undefined =>
  Object.prototype.hasOwnProperty.call(ROLE_OF, abbrev) ? ROLE_OF[abbrev as RoleAbbrev] : undefined;
/** A role written either way (`dn` from the tree, `datanode` from scripts); anything else is undefined. */
export const parseRole = (s: string | undefined): Role | undefined =>
  s === undefined ? undefined : ROLES.includes(s as Role) ? (s as Role) : roleFromAbbrev(s);

const abbrevOf = (role: Role | RoleAbbrev): RoleAbbrev => (role in ABBREV ? ABBREV[role as Role] : (role as RoleAbbrev));

/** Status block key of a role: `controllerStatus` etc. */
export const roleStatusKey = (role: Role): `${Role}Status` => `${role}Status`;

/** What every object name of cluster `<name>` starts with, the ConfigMap excepted: `ddb-<name>-`. */
export const clusterNamePrefix = (cluster: string): string => `ddb-${cluster}-`;

/** StatefulSet (and instanceStatus key, and per-instance Service): `ddb-<name>-<role>-<i>`. */
export const statefulSetName = (cluster: string, role: Role | RoleAbbrev, index: number): string =>
  `ddb-${cluster}-${abbrevOf(role)}-${index}`;
/** Per-instance Service, present when `instances.<i>.service` is set; same name as the StatefulSet. */
export const instanceServiceName = statefulSetName;
/** The only pod of an instance's StatefulSet: `ddb-<name>-<role>-<i>-0`. */
export const podName = (cluster: string, role: Role | RoleAbbrev, index: number): string =>
  `${statefulSetName(cluster, role, index)}-0`;

/** Client Service of a role: `ddb-<name>-ctr` (always the leader), `-dn`, `-cn`. */
export const roleServiceName = (cluster: string, role: Role | RoleAbbrev): string => `ddb-${cluster}-${abbrevOf(role)}`;
/** ClusterIP Service for traffic between the cluster's own instances. */
export const controllerInnerServiceName = (cluster: string): string => `ddb-${cluster}-ctr-inner`;
/** Per-cluster ConfigMap holding `license.lic`. */
export const configMapName = (cluster: string): string => `ddb-${cluster}`;
/** The extension's own backup of a cluster's license before a swap (not made by the operator). */
export const licenseBackupConfigMapName = (cluster: string): string => `ddb-${cluster}-license-backup`;
/** Service-manager Deployment (multicontroller only). */
export const serviceManagerName = (cluster: string): string => `ddb-${cluster}-svc-mgr`;
/** Prefix of the transient config-refresher pods. */
export const configRefresherPrefix = (cluster: string): string => `ddb-${cluster}-config-refresher-`;

export type PvcKind = 'data' | 'log' | 'core';
export const PVC_KINDS: readonly PvcKind[] = ['data', 'log', 'core'];
/** StatefulSet volumeClaimTemplate PVC: `data-<pod>`, `log-<pod>`, `core-<pod>`. */
export const pvcName = (kind: PvcKind, pod: string): string => `${kind}-${pod}`;
export const pvcNames = (pod: string, withCore = true): string[] =>
  PVC_KINDS.filter((k) => withCore || k !== 'core').map((k) => pvcName(k, pod));

/** Escapes a string for literal use inside a RegExp. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Exactly the DolphinDB pods of one cluster: `^ddb-<name>-(ctr|dn|cn)-\d+-0$`. */
export const clusterPodRegExp = (cluster: string): RegExp => new RegExp(`^ddb-${escapeRegExp(cluster)}-(ctr|dn|cn)-(\\d+)-0$`);
/** Exactly the instance StatefulSets (and per-instance Services) of one cluster. */
export const clusterStatefulSetRegExp = (cluster: string): RegExp =>
  new RegExp(`^ddb-${escapeRegExp(cluster)}-(ctr|dn|cn)-(\\d+)$`);
export const serviceManagerPodRegExp = (cluster: string): RegExp => new RegExp(`^ddb-${escapeRegExp(cluster)}-svc-mgr-`);
export const configRefresherPodRegExp = (cluster: string): RegExp =>
  new RegExp(`^ddb-${escapeRegExp(cluster)}-config-refresher-`);
/** PVCs of one cluster's pods: `^(data|log|core)-ddb-<name>-(ctr|dn|cn)-\d+-0$`. */
export const clusterPvcRegExp = (cluster: string): RegExp =>
  new RegExp(`^(data|log|core)-ddb-${escapeRegExp(cluster)}-(ctr|dn|cn)-(\\d+)-0$`);

/** One instance of a known cluster, in both role spellings (spec key and name abbreviation). */
export interface InstanceRef {
  readonly role: Role;
  readonly abbrev: RoleAbbrev;
  readonly index: number;
}

const ref = (abbrev: string, index: string): InstanceRef => ({
  role: ROLE_OF[abbrev as RoleAbbrev],
  abbrev: abbrev as RoleAbbrev,
  index: Number(index),
});

/** `ddb-<cluster>-<role>-<i>-0` → the instance, only for this exact cluster name. */
export function parsePodName(cluster: string, pod: string): InstanceRef | undefined {
  const m = clusterPodRegExp(cluster).exec(pod);
  return m ? ref(m[1], m[2]) : undefined;
}

/** `ddb-<cluster>-<role>-<i>` (StatefulSet, instanceStatus key, per-instance Service) → the instance. */
export function parseInstanceName(cluster: string, name: string): InstanceRef | undefined {
  const m = clusterStatefulSetRegExp(cluster).exec(name);
  return m ? ref(m[1], m[2]) : undefined;
}

/** The instance a pod, StatefulSet, per-instance Service or PVC (`data-<pod>`…) is named after. */
export function parseMemberName(cluster: string, name: string): InstanceRef | undefined {
  const n = name.replace(/^(data|log|core)-/, '');
  return parsePodName(cluster, n) ?? parseInstanceName(cluster, n);
}

/** Every object name the operator gives cluster `<cluster>` (§4.1), matched exactly. */
export function isClusterObjectName(cluster: string, name: string): boolean {
  const c = escapeRegExp(cluster);
  return (
    name === configMapName(cluster) ||
    parseMemberName(cluster, name) !== undefined ||
    new RegExp(`^ddb-${c}-(ctr|ctr-inner|dn|cn|svc-mgr)$`).test(name) ||
    serviceManagerPodRegExp(cluster).test(name) ||
    configRefresherPodRegExp(cluster).test(name)
  );
}

/** The cluster a name of the operator's scheme points at (the shortest reading; ambiguous for prefixes). */
export function clusterOfName(name: string): string | undefined {
  return /^(?:(?:data|log|core)-)?ddb-(.+?)-(?:ctr|dn|cn|svc-mgr|config-refresher)(?:-|$)/.exec(name)?.[1];
}

/** Label keys seen on the per-cluster ConfigMap [S]; probably on every child resource [I]. */
export const LABELS = Object.freeze({
  name: 'dolphindb.io/dolphindb.name',
  clusterType: 'dolphindb.io/dolphindb.cluster.type',
  crd: 'dolphindb.io/dolphindb.crd',
  mode: 'dolphindb.io/dolphindb.mode',
  version: 'dolphindb.io/dolphindb.version',
  /** On `dolphindb-env-config`. */
  componentConfig: 'dolphindb.io/component.config',
});

/** Label selector for a cluster's children: `dolphindb.io/dolphindb.name=<name>`. */
export const clusterLabelSelector = (cluster: string): string => `${LABELS.name}=${cluster}`;

/** Suite-level names (§5.1, §6.5). */
export const SUITE = Object.freeze({
  licenseConfigMap: 'dolphindb-license',
  licenseConfigMapKey: 'dolphindb.lic',
  clusterLicenseKey: 'license.lic',
  envConfigMap: 'dolphindb-env-config',
  envConfigKey: 'env-config',
});

/** API identity of the CR (§2.1). */
export const DDB_GROUP = 'dolphindb.dolphindb.io';
export const DDB_VERSION = 'v1';
export const DDB_API_VERSION = `${DDB_GROUP}/${DDB_VERSION}`;
export const DDB_KIND = 'DolphinDB';
export const DDB_PLURAL = 'dolphindbs';
export const DDB_CRD_NAME = `${DDB_PLURAL}.${DDB_GROUP}`;

/** Recommended maximum cluster-name length (DDB-W002) and the DNS-1123 label rule (DDB-E002). */
export const MAX_RECOMMENDED_NAME_LENGTH = 40;
export const DNS1123_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS1123_LABEL_MAX = 63;

// Which watched objects belong to which DolphinDB cluster: the cluster label first, then the
// operator's naming patterns (docs/domain.md §4.1) anchored on the exact cluster name, so cluster
// "ha" never claims the pods of cluster "ha2".
import type { KubeObject } from '../k8s/resources';
import { escapeRegExp as escape } from '../dolphindb/names';
import { CLUSTER_LABEL } from './session';

export type RoleAbbrev = 'ctr' | 'dn' | 'cn';
export const ROLES: readonly { abbrev: RoleAbbrev; specKey: 'controller' | 'datanode' | 'computenode'; statusKey: string }[] = [
  { abbrev: 'ctr', specKey: 'controller', statusKey: 'controllerStatus' },
  { abbrev: 'dn', specKey: 'datanode', statusKey: 'datanodeStatus' },
  { abbrev: 'cn', specKey: 'computenode', statusKey: 'computenodeStatus' },
];


export interface InstanceRef {
  readonly role: RoleAbbrev;
  readonly index: number;
}

/** `ddb-<name>-<role>-<i>-0` → role and index, only for this exact cluster name. */
export function parsePodName(cluster: string, pod: string): InstanceRef | undefined {
  const m = new RegExp(`^ddb-${escape(cluster)}-(ctr|dn|cn)-(\\d+)-0$`).exec(pod);
  return m ? { role: m[1] as RoleAbbrev, index: Number(m[2]) } : undefined;
}

/** `ddb-<name>-<role>-<i>` (StatefulSet or per-instance Service). */
export function parseInstanceName(cluster: string, name: string): InstanceRef | undefined {
  const m = new RegExp(`^ddb-${escape(cluster)}-(ctr|dn|cn)-(\\d+)$`).exec(name);
  return m ? { role: m[1] as RoleAbbrev, index: Number(m[2]) } : undefined;
}

export function belongsTo(cluster: string, o: KubeObject): boolean {
  const label = o.metadata.labels?.[CLUSTER_LABEL];
  if (label !== undefined) return label === cluster;
  const owner = o.metadata.ownerReferences?.find((r) => r.kind === 'DolphinDB');
  if (owner) return owner.name === cluster;
  const n = o.metadata.name;
  const p = `ddb-${cluster}-`;
  if (n === `ddb-${cluster}`) return true; // the cluster ConfigMap
  if (!n.startsWith(p) && !/^(data|log|core)-ddb-/.test(n)) return false;
  const rest = n.startsWith(p) ? n : n.replace(/^(data|log|core)-/, '');
  return (
    parsePodName(cluster, rest) !== undefined ||
    parseInstanceName(cluster, rest) !== undefined ||
    new RegExp(`^ddb-${escape(cluster)}-(ctr|ctr-inner|dn|cn)$`).test(rest) ||
    new RegExp(`^ddb-${escape(cluster)}-(svc-mgr|config-refresher)-`).test(rest) ||
    rest === `ddb-${cluster}-svc-mgr`
  );
}

/** The instance a pod, StatefulSet or PVC belongs to, if any. */
export function instanceOf(cluster: string, o: KubeObject): InstanceRef | undefined {
  const n = o.metadata.name.replace(/^(data|log|core)-/, '');
  return parsePodName(cluster, n) ?? parseInstanceName(cluster, n);
}

export function instanceName(cluster: string, role: RoleAbbrev, index: number): string {
  return `ddb-${cluster}-${role}-${index}`;
}

// Reads one DolphinDB object and works out its instances. The CRD validates nothing, so the
// spec is read defensively: a missing or wrongly typed field never throws here.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import type { Failure } from '../result';
import { fail, ok, type Result } from '../result';
import type { Translate } from '../i18n/translate';
import { DDB_CRD_NAME, ROLES, type Role } from '../dolphindb/names';
import type { DolphinDBSpec, DolphinDBStatus, RoleSpecBase } from '../dolphindb/types';
import { checkLabel } from './input';
import { refText, type ClusterRef } from './outcome';

export interface ClusterObject {
  readonly ref: ClusterRef;
  readonly resourceVersion: string;
  readonly uid: string;
  readonly spec: DolphinDBSpec;
  readonly status: DolphinDBStatus;
  readonly deleting: boolean;
}

export interface InstanceId {
  readonly role: Role;
  readonly index: number;
}

export interface ExpectedInstance extends InstanceId {
  readonly paused: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a ClusterRef's names before they go into a path. */
export function checkRef(ctx: Pick<OperationContext, 't'>, ref: ClusterRef): string | undefined {
  return checkLabel(ctx.t, ctx.t('Namespace'), ref?.namespace) ?? checkLabel(ctx.t, ctx.t('Cluster name'), ref?.name);
}

/**
 * A 404 on a DolphinDB path means either "no such object" or "no such resource type". The API
 * server names the object in the first case only.
 */
export function crFailure(t: Translate, f: Failure, name: string): Failure {
  if (f.kind !== 'notFound') return f;
  if (f.reason.includes(`"${name}" not found`)) return f;
  return {
    ...f,
    kind: 'crdMissing',
    reason: t('The DolphinDB resource type (CRD {0}) is not installed; install the DolphinDB suite first.', DDB_CRD_NAME),
  };
}

export async function readCluster(ctx: OperationContext, http: KubeHttp, ref: ClusterRef): Promise<Result<ClusterObject>> {
  const r = await http.request<KubeObject>(objectPath(KINDS.dolphindb, ref.name, ref.namespace), {
    signal: ctx.signal,
    operation: ctx.t('read {0} in {1}', `dolphindbs/${ref.name}`, ref.namespace),
  });
  if (!r.ok) {
    const f = crFailure(ctx.t, r.error, ref.name);
    return fail(f.kind === 'notFound' ? { ...f, reason: ctx.t('DolphinDB cluster {0} does not exist.', refText(ref)) } : f);
  }
  const o = r.value;
  return ok({
    ref,
    resourceVersion: o.metadata.resourceVersion ?? '',
    uid: o.metadata.uid ?? '',
    spec: (isRecord(o.spec) ? o.spec : {}) as DolphinDBSpec,
    status: (isRecord(o.status) ? o.status : {}) as DolphinDBStatus,
    deleting: o.metadata.deletionTimestamp !== undefined,
  });
}

export function roleSpec(spec: DolphinDBSpec, role: Role): RoleSpecBase | undefined {
  const r: unknown = spec[role];
  return isRecord(r) ? (r as RoleSpecBase) : undefined;
}

export function replicasOf(spec: DolphinDBSpec, role: Role): number {
  const r = roleSpec(spec, role)?.replicas;
  return typeof r === 'number' && Number.isSafeInteger(r) && r >= 0 ? r : 0;
}

/** `instances` keys are decimal strings once stored as JSON; YAML `0:` and `"0":` are the same. */
export function instanceMeta(spec: DolphinDBSpec, role: Role, index: number): Record<string, unknown> | undefined {
  const inst = roleSpec(spec, role)?.instances;
  if (!isRecord(inst)) return undefined;
  const v = inst[String(index)];
  return isRecord(v) ? v : undefined;
}

export function isStandalone(spec: DolphinDBSpec): boolean {
  return spec.mode !== 'cluster';
}

/** Roles that exist in this spec, in restart order (controllers first). */
export function rolesOf(spec: DolphinDBSpec): Role[] {
  if (isStandalone(spec)) return ['datanode'];
  return ROLES.filter((r) => roleSpec(spec, r) !== undefined);
}

/** Every instance the spec asks for, paused ones included. */
export function expectedInstances(spec: DolphinDBSpec): ExpectedInstance[] {
  const out: ExpectedInstance[] = [];
  for (const role of rolesOf(spec)) {
    const n = isStandalone(spec) ? 1 : replicasOf(spec, role);
    for (let i = 0; i < n; i++) out.push({ role, index: i, paused: instanceMeta(spec, role, i)?.paused === true });
  }
  return out;
}

/** The cluster phase the operator reported; `Available` is the only observed healthy value. */
export function clusterPhase(status: DolphinDBStatus): string | undefined {
  return typeof status.phase === 'string' ? status.phase : undefined;
}

export function masterPod(status: DolphinDBStatus): string | undefined {
  const m = status.controllerStatus?.masterInstance;
  return typeof m === 'string' ? m : undefined;
}

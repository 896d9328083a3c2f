// Add an extra volume to a role or to one instance (docs/domain.md §2.4, §2.5, §2.8): the volume and
// its mount in the DolphinDB container are added together, so DDB-E016 (mount without volume)
// cannot happen. A PVC source must exist before the CR refers to it; it can be created here.
import type { Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath } from '../k8s/resources';
import { ok, type Result } from '../result';
import { podName, ROLES, statefulSetName, type Role } from '../dolphindb/names';
import { parseQuantity } from '../dolphindb/quantity';
import {
  checkRef,
  expectedInstances,
  instanceMeta,
  isStandalone,
  readCluster,
  replicasOf,
  roleSpec,
  type ClusterObject,
} from './cluster';
import { checkAbsolutePath, checkLabel, checkSubdomain, clip, isInteger } from './input';
import { afterChange, done, refText, refusedOutcome, unchanged, type ClusterRef, type Outcome, type Plan } from './outcome';
import { patchCluster } from './patchCluster';
import { listClusterPods } from './pods';
import { describeRollout, followRollout, type RolloutOptions } from './rollout';

export type HostPathType = 'Directory' | 'DirectoryOrCreate' | 'File' | 'FileOrCreate';
export type AccessMode = 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany';

export type VolumeSource =
  | { readonly kind: 'hostPath'; readonly path: string; readonly type?: HostPathType }
  | {
      readonly kind: 'pvc';
      readonly claimName: string;
      readonly create?: { readonly size: string; readonly storageClassName?: string; readonly accessMode?: AccessMode };
    };

export interface AddVolumeRequest {
  /** The role's pods, or only instance `index` of it. */
  readonly role: Role;
  readonly index?: number;
  readonly name: string;
  readonly source: VolumeSource;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface AddVolumeResult {
  readonly pvcCreated: boolean;
}

export interface VolumeOptions extends RolloutOptions {
  readonly wait?: boolean;
}

// Names and mount points the operator (or the simulation) already uses in DolphinDB pods.
const RESERVED_VOLUMES = new Set(['data', 'log', 'core', 'config', 'localtime', 'promtail-config']);
const RESERVED_MOUNTS = ['/data/ddb/server', '/data/ddb/core', '/etc/localtime'];
const HOSTPATH_TYPES: readonly HostPathType[] = ['Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate'];
const ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

export interface VolumeCheck {
  readonly errors: string[];
  readonly warnings: string[];
  readonly changes: string[];
  readonly patch?: Record<string, unknown>;
  /** Instances whose pods are recreated. */
  readonly affected: { role: Role; index: number }[];
}

/** Validates the request against the spec and builds the patch, without I/O. `pvcExists` is known by the caller. */
export function checkAddVolume(t: Translate, cluster: ClusterObject, req: AddVolumeRequest, pvcExists: boolean): VolumeCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const changes: string[] = [];
  const { ref, spec } = cluster;
  const fail = (e: string): VolumeCheck => ({ errors: [e], warnings, changes, affected: [] });
  if (!isRecord(req) || !ROLES.includes(req.role)) return fail(t('Unknown role.'));
  if (roleSpec(spec, req.role) === undefined || (isStandalone(spec) && req.role !== 'datanode'))
    return fail(t('The cluster has no {0} section.', req.role));
  const replicas = isStandalone(spec) ? 1 : replicasOf(spec, req.role);
  if (req.index !== undefined && (!isInteger(req.index) || req.index < 0 || req.index >= replicas))
    return fail(t('{0} has no {1} instance {2}.', refText(ref), req.role, clip(String(req.index), 32)));

  const nameErr = checkLabel(t, t('Volume name'), req.name);
  if (nameErr) errors.push(nameErr);
  else if (RESERVED_VOLUMES.has(req.name))
    errors.push(t('The volume name "{0}" is used by the operator; choose another.', req.name));
  const mountErr = checkAbsolutePath(t, t('Mount path'), req.mountPath);
  if (mountErr) errors.push(mountErr);
  else if (
    req.mountPath === '/' ||
    RESERVED_MOUNTS.some((m) => req.mountPath === m || m.startsWith(`${req.mountPath}/`) || req.mountPath.startsWith(`${m}/`))
  ) {
    errors.push(t('{0} overlaps a directory the operator mounts (data, logs, core dumps or the time zone file).', req.mountPath));
  }
  if (
    req.subPath !== undefined &&
    (typeof req.subPath !== 'string' ||
      !/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/.test(req.subPath) ||
      req.subPath.split('/').includes('..'))
  ) {
    errors.push(t('subPath must be a relative path without ".." made of letters, digits and . _ / -.'));
  }

  const role = roleSpec(spec, req.role) ?? {};
  const scopes =
    req.index !== undefined
      ? [role, instanceMeta(spec, req.role, req.index) ?? {}]
      : [role, ...Array.from({ length: replicas }, (_, i) => instanceMeta(spec, req.role, i) ?? {})];
  if (scopes.some((s) => list(s.volumes).some((v) => v.name === req.name)))
    errors.push(t('A volume named "{0}" already exists for these pods.', req.name));
  if (scopes.some((s) => list(s.volumeMounts).some((m) => m.mountPath === req.mountPath)))
    errors.push(t('Something is already mounted at {0} in these pods.', req.mountPath));

  let volume: Record<string, unknown> | undefined;
  const src: unknown = req.source;
  if (isRecord(src) && src.kind === 'hostPath') {
    const e = checkAbsolutePath(t, t('Host path'), src.path);
    if (e) errors.push(e);
    if (src.type !== undefined && !HOSTPATH_TYPES.includes(src.type as HostPathType))
      errors.push(t('hostPath type must be one of {0}.', HOSTPATH_TYPES.join(', ')));
    volume = { name: req.name, hostPath: { path: src.path, ...(src.type ? { type: src.type } : {}) } };
    warnings.push(
      t('A hostPath volume uses the disk of whichever node the pod runs on; the data does not follow the pod to another node.'),
    );
  } else if (isRecord(src) && src.kind === 'pvc') {
    const e = checkSubdomain(t, t('PVC name'), src.claimName);
    if (e) errors.push(e);
    const create = isRecord(src.create) ? src.create : undefined;
    if (!pvcExists && !create)
      errors.push(
        t(
          'PVC {0} does not exist in {1}; create it first or ask for it to be created.',
          clip(String(src.claimName)),
          ref.namespace,
        ),
      );
    if (create && !pvcExists) {
      const q = parseQuantity(create.size);
      if (typeof create.size !== 'string' || !q || q.numerator <= 0n)
        errors.push(t('PVC size "{0}" is not a positive quantity such as 1Gi.', clip(String(create.size), 32)));
      if (create.storageClassName !== undefined) {
        const sc = checkSubdomain(t, t('StorageClass'), create.storageClassName);
        if (sc) errors.push(sc);
      }
      if (create.accessMode !== undefined && !ACCESS_MODES.includes(create.accessMode as AccessMode))
        errors.push(t('Access mode must be one of {0}.', ACCESS_MODES.join(', ')));
      if ((create.accessMode ?? 'ReadWriteOnce') === 'ReadWriteOnce' && req.index === undefined && replicas > 1) {
        warnings.push(
          t(
            'A ReadWriteOnce PVC can be used by pods on one node only; with {0} {1} instances some may not start. Add it to one instance instead, or use ReadWriteMany.',
            replicas,
            req.role,
          ),
        );
      }
      changes.push(
        t(
          'Create PVC {0} in {1}: {2}, {3}, StorageClass {4}.',
          String(src.claimName),
          ref.namespace,
          String(create.size),
          String(create.accessMode ?? 'ReadWriteOnce'),
          String(create.storageClassName ?? t('(cluster default)')),
        ),
      );
    } else if (create && pvcExists) {
      warnings.push(t('PVC {0} already exists and is used as it is.', String(src.claimName)));
    }
    volume = { name: req.name, persistentVolumeClaim: { claimName: src.claimName, ...(req.readOnly ? { readOnly: true } : {}) } };
  } else {
    errors.push(t('The volume source must be hostPath or pvc.'));
  }
  if (errors.length > 0 || !volume) return { errors, warnings, changes, affected: [] };

  const mount = {
    name: req.name,
    mountPath: req.mountPath,
    ...(req.readOnly ? { readOnly: true } : {}),
    ...(req.subPath ? { subPath: req.subPath } : {}),
  };
  // Merge patches replace lists whole, so the patch carries the current list plus the new entry.
  const scope = req.index !== undefined ? (instanceMeta(spec, req.role, req.index) ?? {}) : role;
  const body = { volumes: [...list(scope.volumes), volume], volumeMounts: [...list(scope.volumeMounts), mount] };
  const patch = req.index !== undefined ? { [req.role]: { instances: { [String(req.index)]: body } } } : { [req.role]: body };
  const where = req.index !== undefined ? `spec.${req.role}.instances."${req.index}"` : `spec.${req.role}`;
  changes.push(
    t(
      'Add volume {0} to {1}.volumes and mount it at {2}{3}.',
      req.name,
      where,
      req.mountPath,
      req.readOnly ? t(' (read-only)') : '',
    ),
  );
  const affected = expectedInstances(spec).filter(
    (i) => i.role === req.role && !i.paused && (req.index === undefined || i.index === req.index),
  );
  changes.push(
    t(
      'The operator recreates the pods: {0}.',
      affected.map((i) => podName(ref.name, i.role, i.index)).join(', ') || t('(none running)'),
    ),
  );
  return { errors, warnings, changes, patch, affected };
}

async function pvcExists(ctx: OperationContext, http: KubeHttp, namespace: string, name: string): Promise<Result<boolean>> {
  if (checkSubdomain(ctx.t, 'PVC', name)) return ok(false);
  const r = await http.request(objectPath(KINDS.pvc, name, namespace), {
    signal: ctx.signal,
    operation: ctx.t('read {0} in {1}', `persistentvolumeclaims/${name}`, namespace),
  });
  if (r.ok) return ok(true);
  return r.error.kind === 'notFound' ? ok(false) : r;
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: AddVolumeRequest,
): Promise<Outcome<{ plan: Plan; check: VolumeCheck; cluster: ClusterObject; pvcPresent: boolean }>> {
  const op = ctx.t('add volume to {0}', `${ref.namespace}/${ref.name}`);
  const bad = checkRef(ctx, ref);
  if (bad) return refusedOutcome('invalid', op, bad);
  const cluster = await readCluster(ctx, http, ref);
  if (!cluster.ok) return unchanged(cluster.error);
  if (cluster.value.deleting) return refusedOutcome('conflict', op, ctx.t('The cluster is being deleted.'));
  let present = false;
  if (isRecord(req?.source) && req.source.kind === 'pvc') {
    const e = await pvcExists(ctx, http, ref.namespace, String(req.source.claimName));
    if (!e.ok) return unchanged(e.error);
    present = e.value;
  }
  const check = checkAddVolume(ctx.t, cluster.value, req, present);
  if (check.errors.length > 0) return refusedOutcome('invalid', op, check.errors.join(' '));
  const target = req.index !== undefined ? statefulSetName(ref.name, req.role, req.index) : `${refText(ref)} ${req.role}`;
  return done({
    plan: { title: ctx.t('Add volume {0} to {1}', req.name, target), changes: check.changes, warnings: check.warnings },
    check,
    cluster: cluster.value,
    pvcPresent: present,
  });
}

export async function planAddVolume(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: AddVolumeRequest,
): Promise<Outcome<Plan>> {
  const p = await prepare(ctx, http, ref, req);
  return p.ok ? done(p.value.plan) : p;
}

export async function addVolume(
  ctx: OperationContext,
  http: KubeHttp,
  ref: ClusterRef,
  req: AddVolumeRequest,
  opts: VolumeOptions = {},
): Promise<Outcome<AddVolumeResult>> {
  const p = await prepare(ctx, http, ref, req);
  if (!p.ok) return p;
  const { check, cluster, pvcPresent } = p.value;
  for (const w of check.warnings) ctx.log(ctx.t('Warning: {0}', w));
  const before = await listClusterPods(http, ref, ctx.signal);
  if (!before.ok) return unchanged(before.error);
  const oldUids = new Set(before.value.map((x) => x.uid));
  if (ctx.signal.aborted)
    return refusedOutcome('cancelled', ctx.t('add volume to {0}', refText(ref)), ctx.t('Cancelled before anything was changed.'));

  let pvcCreated = false;
  if (req.source.kind === 'pvc' && req.source.create && !pvcPresent) {
    const c = req.source.create;
    const r = await http.request(collectionPath(KINDS.pvc, ref.namespace), {
      method: 'POST',
      body: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: req.source.claimName,
          namespace: ref.namespace,
          labels: { 'app.kubernetes.io/managed-by': 'vscode-dolphindb' },
        },
        spec: {
          accessModes: [c.accessMode ?? 'ReadWriteOnce'],
          volumeMode: 'Filesystem',
          resources: { requests: { storage: c.size } },
          ...(c.storageClassName ? { storageClassName: c.storageClassName } : {}),
        },
      },
      signal: ctx.signal,
      operation: ctx.t('create {0} in {1}', `persistentvolumeclaims/${req.source.claimName}`, ref.namespace),
    });
    if (!r.ok) return unchanged(r.error);
    pvcCreated = true;
    ctx.log(ctx.t('Created PVC {0}.', req.source.claimName));
  }
  const leftPvc = pvcCreated
    ? ctx.t(
        'PVC {0} was created and is left in place; delete it if it is not needed.',
        req.source.kind === 'pvc' ? req.source.claimName : '',
      )
    : '';
  if (ctx.signal.aborted)
    return afterChange(
      { kind: 'cancelled', operation: ctx.t('add volume to {0}', refText(ref)), reason: ctx.t('cancelled') },
      `${leftPvc} ${ctx.t('The cluster spec was not changed.')}`.trim(),
    );
  const patched = await patchCluster(ctx, http, cluster, check.patch ?? {});
  if (!patched.ok)
    return pvcCreated
      ? afterChange(patched.error, `${leftPvc} ${ctx.t('The cluster spec was not changed.')}`)
      : unchanged(patched.error);
  if (opts.wait === false || check.affected.length === 0) return done({ pvcCreated });

  const followed = await followRollout(
    ctx,
    http,
    ref,
    { instances: check.affected.map((i) => ({ ...i, paused: false })), podDone: (pod) => pod.ready && !oldUids.has(pod.uid) },
    opts,
  );
  if (followed.failure) {
    return afterChange(
      followed.failure,
      ctx
        .t(
          'Volume {0} is in the cluster spec; the operator keeps recreating the pods. {1} {2}',
          req.name,
          describeRollout(ctx.t, followed.report),
          leftPvc,
        )
        .trim(),
    );
  }
  return done({ pvcCreated });
}

// SIMULATED DolphinDB operator: turns a raw `DolphinDB` object into a normalised spec (pure).
//
// Strictness follows what a Go operator decoding into typed structs would do: a value of the
// wrong JSON type (replicas "3", a config value 4, paused "yes") is an error and the CR is
// skipped; unknown fields are ignored; semantic rules (e.g. multicontroller with 2 controllers)
// are NOT enforced here, the extension's validator owns those.

import type { V1NodeAffinity, V1ResourceRequirements, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { isQuantity } from './quantity.js';

export type RoleName = 'controller' | 'datanode' | 'computenode';
export const ROLES: readonly RoleName[] = ['controller', 'datanode', 'computenode'];
export const ROLE_ABBR: Readonly<Record<RoleName, string>> = { controller: 'ctr', datanode: 'dn', computenode: 'cn' };
export const COMPONENT_TYPE: Readonly<Record<RoleName, string>> = {
  controller: 'Controller',
  datanode: 'Datanode',
  computenode: 'Computenode',
};
export const DEFAULT_PORT: Readonly<Record<RoleName, number>> = { controller: 31210, datanode: 32210, computenode: 32210 };

export interface InstanceServiceSpec {
  /** `type` from the given ServiceSpec when it is one of the known types; else NodePort. */
  type: string;
}

export interface InstanceSpec {
  index: number;
  paused: boolean;
  service?: InstanceServiceSpec;
  volumes: V1Volume[];
  volumeMounts: V1VolumeMount[];
}

export interface RoleSpec {
  role: RoleName;
  replicas: number;
  port: number;
  dataSize: string;
  logSize: string;
  resources?: V1ResourceRequirements;
  volumes: V1Volume[];
  volumeMounts: V1VolumeMount[];
  /** datanode/computenode `config`. */
  config: Record<string, string>;
  /** controller `clusterConfig`. */
  clusterConfig: Record<string, string>;
  /** controller `controllerConfig`. */
  controllerConfig: Record<string, string>;
  /** Keyed by instance index; only explicitly listed instances. */
  instances: Map<number, InstanceSpec>;
}

export interface CustomMeta {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  pvcLabels: Record<string, string>;
  pvcAnnotations: Record<string, string>;
  serviceLabels: Record<string, string>;
  serviceAnnotations: Record<string, string>;
  domainSuffix?: string;
}

export interface SimSpec {
  mode: 'cluster' | 'standalone';
  clusterType?: 'singlecontroller' | 'multicontroller';
  version: string;
  storageClassName?: string;
  licenseServerAddress?: string;
  logMode: number;
  logCleanLimit: string;
  disableCoreDump: boolean;
  disablePromtail: boolean;
  disableExporter: boolean;
  minPersistentVolumeSize?: string;
  nodeAffinity?: V1NodeAffinity;
  localTimeFileHostPath: string;
  localTimeFileMountPath: string;
  customMeta: CustomMeta;
  /** Roles that exist for this CR, in the order controller, datanode, computenode. */
  roles: RoleSpec[];
}

export type ParseResult = { ok: true; spec: SimSpec; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const SERVICE_TYPES = new Set(['ClusterIP', 'NodePort', 'LoadBalancer']);

class Parser {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  err(path: string, msg: string): void {
    this.errors.push(`${path}: ${msg}`);
  }

  str(obj: Record<string, Json>, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.err(`${path}.${key}`, `expected string, got ${typeName(v)}`);
      return undefined;
    }
    return v;
  }

  bool(obj: Record<string, Json>, key: string, path: string): boolean {
    const v = obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') {
      this.err(`${path}.${key}`, `expected boolean, got ${typeName(v)}`);
      return false;
    }
    return v;
  }

  int(obj: Record<string, Json>, key: string, path: string): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.err(`${path}.${key}`, `expected integer, got ${typeName(v)}${typeof v === 'string' ? ` "${v}"` : ''}`);
      return undefined;
    }
    return v;
  }

  quantity(obj: Record<string, Json>, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string') {
      this.err(`${path}.${key}`, `expected quantity string, got ${typeName(v)}`);
      return undefined;
    }
    if (!isQuantity(s)) {
      this.err(
        `${path}.${key}`,
        `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got "${s}"`,
      );
      return undefined;
    }
    return s;
  }

  stringMap(obj: Record<string, Json>, key: string, path: string): Record<string, string> {
    const v = obj[key];
    if (v === undefined || v === null) return {};
    if (!isObject(v)) {
      this.err(`${path}.${key}`, `expected map of strings, got ${typeName(v)}`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string') {
        this.err(`${path}.${key}.${k}`, `expected string, got ${typeName(val)}`);
        continue;
      }
      out[k] = val;
    }
    return out;
  }

  objArray<T>(obj: Record<string, Json>, key: string, path: string, needName: boolean): T[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.err(`${path}.${key}`, `expected array, got ${typeName(v)}`);
      return [];
    }
    const out: T[] = [];
    v.forEach((item, i) => {
      if (!isObject(item)) {
        this.err(`${path}.${key}[${i}]`, `expected object, got ${typeName(item)}`);
        return;
      }
      if (needName && typeof item.name !== 'string') {
        this.err(`${path}.${key}[${i}].name`, 'expected string');
        return;
      }
      out.push(item as T);
    });
    return out;
  }

  resources(obj: Record<string, Json>, path: string): V1ResourceRequirements | undefined {
    const v = obj.resources;
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.err(`${path}.resources`, `expected object, got ${typeName(v)}`);
      return undefined;
    }
    const out: V1ResourceRequirements = {};
    for (const part of ['limits', 'requests'] as const) {
      const m = v[part];
      if (m === undefined || m === null) continue;
      if (!isObject(m)) {
        this.err(`${path}.resources.${part}`, `expected object, got ${typeName(m)}`);
        continue;
      }
      const q: Record<string, string> = {};
      for (const k of Object.keys(m)) {
        const s = this.quantity(m, k, `${path}.resources.${part}`);
        if (s !== undefined) q[k] = s;
      }
      out[part] = q;
    }
    return out;
  }

  instances(obj: Record<string, Json>, path: string): Map<number, InstanceSpec> {
    const out = new Map<number, InstanceSpec>();
    const v = obj.instances;
    if (v === undefined || v === null) return out;
    if (!isObject(v)) {
      this.err(`${path}.instances`, `expected map keyed by instance index, got ${typeName(v)}`);
      return out;
    }
    for (const [key, meta] of Object.entries(v)) {
      const ipath = `${path}.instances.${key}`;
      if (!/^\d+$/.test(key)) {
        this.err(ipath, 'instance keys must be non-negative integers');
        continue;
      }
      const index = Number(key);
      if (meta === null || meta === undefined) {
        out.set(index, { index, paused: false, volumes: [], volumeMounts: [] });
        continue;
      }
      if (!isObject(meta)) {
        this.err(ipath, `expected object, got ${typeName(meta)}`);
        continue;
      }
      const inst: InstanceSpec = {
        index,
        paused: this.bool(meta, 'paused', ipath),
        volumes: this.objArray<V1Volume>(meta, 'volumes', ipath, true),
        volumeMounts: this.objArray<V1VolumeMount>(meta, 'volumeMounts', ipath, true),
      };
      if ('service' in meta && meta.service !== undefined) {
        const svc = meta.service;
        if (svc !== null && !isObject(svc)) {
          this.err(`${ipath}.service`, `expected ServiceSpec object, got ${typeName(svc)}`);
        } else {
          const t = svc === null ? undefined : this.str(svc, 'type', `${ipath}.service`);
          if (t !== undefined && !SERVICE_TYPES.has(t))
            this.warnings.push(`${ipath}.service.type: unsupported "${t}", using NodePort`);
          inst.service = { type: t !== undefined && SERVICE_TYPES.has(t) ? t : 'NodePort' };
        }
      }
      out.set(index, inst);
    }
    return out;
  }

  role(spec: Record<string, Json>, role: RoleName, defaultReplicas: number): RoleSpec | undefined {
    const path = `spec.${role}`;
    const v = spec[role];
    if (!isObject(v)) {
      if (v !== undefined && v !== null) this.err(path, `expected object, got ${typeName(v)}`);
      return undefined;
    }
    const replicas = this.int(v, 'replicas', path) ?? defaultReplicas;
    const minReplicas = role === 'computenode' ? 0 : 1;
    if (replicas < minReplicas) this.err(`${path}.replicas`, `must be >= ${minReplicas}, got ${replicas}`);
    const port = this.int(v, 'port', path) ?? DEFAULT_PORT[role];
    if (port < 1 || port > 65535) this.err(`${path}.port`, `must be 1..65535, got ${port}`);
    const rs: RoleSpec = {
      role,
      replicas,
      port,
      dataSize: this.quantity(v, 'dataSize', path) ?? '1Gi',
      logSize: this.quantity(v, 'logSize', path) ?? '1Gi',
      volumes: this.objArray<V1Volume>(v, 'volumes', path, true),
      volumeMounts: this.objArray<V1VolumeMount>(v, 'volumeMounts', path, true),
      config: role === 'controller' ? {} : this.stringMap(v, 'config', path),
      clusterConfig: role === 'controller' ? this.stringMap(v, 'clusterConfig', path) : {},
      controllerConfig: role === 'controller' ? this.stringMap(v, 'controllerConfig', path) : {},
      instances: this.instances(v, path),
    };
    const res = this.resources(v, path);
    if (res) rs.resources = res;
    for (const idx of rs.instances.keys()) {
      if (idx >= replicas) this.warnings.push(`${path}.instances.${idx}: index >= replicas (${replicas}); ignored`);
    }
    return rs;
  }
}

/** Parses `obj.spec` of a DolphinDB object. Never throws. */
export function parseDolphinDB(obj: unknown): ParseResult {
  const p = new Parser();
  const spec = isObject(obj) ? obj.spec : undefined;
  if (!isObject(spec)) {
    p.err('spec', `expected object, got ${typeName(spec)}`);
    return { ok: false, errors: p.errors, warnings: p.warnings };
  }

  const modeRaw = p.str(spec, 'mode', 'spec');
  let mode: SimSpec['mode'] = 'standalone';
  if (modeRaw === 'cluster' || modeRaw === 'standalone') mode = modeRaw;
  else if (modeRaw !== undefined) p.err('spec.mode', `must be "cluster" or "standalone", got "${modeRaw}"`);

  let clusterType: SimSpec['clusterType'];
  if (mode === 'cluster') {
    const ct = p.str(spec, 'clusterType', 'spec');
    if (ct === 'singlecontroller' || ct === 'multicontroller') clusterType = ct;
    else if (ct === undefined) {
      clusterType = 'singlecontroller';
      p.warnings.push('spec.clusterType: missing in cluster mode, assuming singlecontroller');
    } else p.err('spec.clusterType', `must be "singlecontroller" or "multicontroller", got "${ct}"`);
  }

  const version = p.str(spec, 'version', 'spec');
  if (version === undefined || version.trim() === '') p.err('spec.version', 'required');

  const roles: RoleSpec[] = [];
  if (mode === 'cluster') {
    const ctr = p.role(spec, 'controller', clusterType === 'multicontroller' ? 3 : 1);
    if (!ctr) p.err('spec.controller', 'required in cluster mode');
    else roles.push(ctr);
    const dn = p.role(spec, 'datanode', 1);
    if (!dn) p.err('spec.datanode', 'required');
    else roles.push(dn);
    const cn = p.role(spec, 'computenode', 0);
    if (cn) roles.push(cn);
  } else {
    for (const r of ['controller', 'computenode'] as const) {
      if (spec[r] !== undefined && spec[r] !== null) p.warnings.push(`spec.${r}: ignored in standalone mode`);
    }
    const dn = p.role(spec, 'datanode', 1);
    if (!dn) p.err('spec.datanode', 'required');
    else {
      if (dn.replicas !== 1) p.warnings.push(`spec.datanode.replicas: standalone runs exactly one instance (got ${dn.replicas})`);
      dn.replicas = 1;
      roles.push(dn);
    }
  }

  const logMode = p.int(spec, 'logMode', 'spec') ?? 0;
  if (logMode < 0 || logMode > 2) p.warnings.push(`spec.logMode: ${logMode} is not 0, 1 or 2; treated as 0`);
  const logCleanLimit = p.str(spec, 'logCleanLimit', 'spec') ?? '0.9';
  const minPv = p.quantity(spec, 'minPersistentVolumeSize', 'spec');

  const timeMetaRaw = spec.timeMeta;
  let hostPath = '/etc/localtime';
  let mountPath = '/etc/localtime';
  if (isObject(timeMetaRaw)) {
    hostPath = p.str(timeMetaRaw, 'localTimeFileHostPath', 'spec.timeMeta') ?? hostPath;
    mountPath = p.str(timeMetaRaw, 'localTimeFileMountPath', 'spec.timeMeta') ?? mountPath;
  } else if (timeMetaRaw !== undefined && timeMetaRaw !== null)
    p.err('spec.timeMeta', `expected object, got ${typeName(timeMetaRaw)}`);

  const cmRaw = spec.customMeta;
  const cm: CustomMeta = {
    labels: {},
    annotations: {},
    podLabels: {},
    podAnnotations: {},
    pvcLabels: {},
    pvcAnnotations: {},
    serviceLabels: {},
    serviceAnnotations: {},
  };
  if (isObject(cmRaw)) {
    for (const k of [
      'labels',
      'annotations',
      'podLabels',
      'podAnnotations',
      'pvcLabels',
      'pvcAnnotations',
      'serviceLabels',
      'serviceAnnotations',
    ] as const) {
      cm[k] = p.stringMap(cmRaw, k, 'spec.customMeta');
    }
    const ds = p.str(cmRaw, 'domainSuffix', 'spec.customMeta');
    if (ds) cm.domainSuffix = ds;
  } else if (cmRaw !== undefined && cmRaw !== null) p.err('spec.customMeta', `expected object, got ${typeName(cmRaw)}`);

  const na = spec.nodeAffinity;
  if (na !== undefined && na !== null && !isObject(na)) p.err('spec.nodeAffinity', `expected object, got ${typeName(na)}`);

  const result: SimSpec = {
    mode,
    version: version ?? '',
    logMode: logMode >= 0 && logMode <= 2 ? logMode : 0,
    logCleanLimit,
    disableCoreDump: p.bool(spec, 'disableCoreDump', 'spec'),
    disablePromtail: p.bool(spec, 'disablePromtail', 'spec'),
    disableExporter: p.bool(spec, 'disableExporter', 'spec'),
    localTimeFileHostPath: hostPath,
    localTimeFileMountPath: mountPath,
    customMeta: cm,
    roles,
  };
  if (clusterType) result.clusterType = clusterType;
  const sc = p.str(spec, 'storageClassName', 'spec');
  if (sc) result.storageClassName = sc;
  const lsa = p.str(spec, 'licenseServerAddress', 'spec');
  if (lsa && lsa !== 'None') result.licenseServerAddress = lsa;
  if (minPv && minPv !== '0') result.minPersistentVolumeSize = minPv;
  if (isObject(na)) result.nodeAffinity = na as V1NodeAffinity;

  if (p.errors.length > 0) return { ok: false, errors: p.errors, warnings: p.warnings };
  return { ok: true, spec: result, warnings: p.warnings };
}

/** Settings for instance `index` of a role (defaults when the CR does not list it). */
export function instanceOf(role: RoleSpec, index: number): InstanceSpec {
  return role.instances.get(index) ?? { index, paused: false, volumes: [], volumeMounts: [] };
}

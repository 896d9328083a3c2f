// SIMULATED DolphinDB operator: desired-state computation (pure).
// CR (normalised by spec.ts) + current license + current leader -> the objects that should exist.

import { createHash } from 'node:crypto';
import type {
  V1ConfigMap,
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1OwnerReference,
  V1PersistentVolumeClaim,
  V1PodSpec,
  V1Service,
  V1StatefulSet,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import {
  ANNOTATION_APPLIED_HASH,
  ANNOTATION_CONFIG_HASH,
  API_VERSION,
  EXPORTER_PORT,
  KIND,
  LABEL_CLUSTER_TYPE,
  LABEL_CRD,
  LABEL_MODE,
  LABEL_NAME,
  LABEL_VERSION,
  PROMTAIL_CONFIGMAP,
  SUBSCRIPTION_PORT,
} from './constants.js';
import { dialectFor, type Dialect } from './dialect.js';
import { maxQuantity } from './quantity.js';
import { COMPONENT_TYPE, ROLE_ABBR, instanceOf, type RoleName, type RoleSpec, type SimSpec } from './spec.js';

// ---------- names ----------

export const stsName = (cluster: string, role: RoleName, i: number): string => `ddb-${cluster}-${ROLE_ABBR[role]}-${i}`;
export const podName = (cluster: string, role: RoleName, i: number): string => `${stsName(cluster, role, i)}-0`;
export const configMapName = (cluster: string): string => `ddb-${cluster}`;
export const roleServiceName = (cluster: string, role: RoleName): string => `ddb-${cluster}-${ROLE_ABBR[role]}`;
export const ctrInnerServiceName = (cluster: string): string => `ddb-${cluster}-ctr-inner`;
export const svcMgrName = (cluster: string): string => `ddb-${cluster}-svc-mgr`;
/** The invalid-license symptom text from the reference (§5.3), for role `role`, instance 0. */
export const invalidLicenseMessage = (cluster: string, role: RoleName): string =>
  `persistentvolumeclaim "log-${podName(cluster, role, 0)}" not found`;

// ---------- hashing ----------

/** JSON with object keys sorted, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function shortHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/**
 * Hash of everything that, when changed, restarts every DolphinDB process: version, DolphinDB
 * config. Not the license: after a license edit the reference makes restarting the pods a manual
 * step (§5.2), so the simulation must not do it for the user.
 */
export function configHash(spec: SimSpec): string {
  const roleConfig: Record<string, unknown> = {};
  for (const r of spec.roles)
    roleConfig[r.role] = { config: r.config, clusterConfig: r.clusterConfig, controllerConfig: r.controllerConfig };
  return shortHash({
    version: spec.version,
    logMode: spec.logMode,
    licenseServerAddress: spec.licenseServerAddress ?? '',
    roleConfig,
  });
}

/** Sets the applied-hash annotation (hash of the object without it) and returns the object. */
export function withAppliedHash<T extends { metadata?: { annotations?: Record<string, string> } }>(obj: T): T {
  const ann = { ...(obj.metadata?.annotations ?? {}) };
  delete ann[ANNOTATION_APPLIED_HASH];
  const base = { ...obj, metadata: { ...obj.metadata, annotations: ann } };
  const h = shortHash(base);
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...ann, [ANNOTATION_APPLIED_HASH]: h } } };
}

// ---------- input/output ----------

export interface DesiredInput {
  name: string;
  namespace: string;
  uid: string;
  spec: SimSpec;
  /** Current `license.lic` of ConfigMap ddb-<name> ('' when absent). */
  license: string;
  /** Controller index the `ddb-<name>-ctr` Service selects (the leader). */
  leaderIndex: number;
  /** Tag of helper images (config-loader, exporter, cleaner, service manager). */
  suiteVersion: string;
  /** Type of the role Services ddb-<name>-ctr/-dn/-cn (reference: NodePort by default). */
  serviceType: string;
  /** Labels, container and port names (default: the inferred dialect). */
  dialect?: Dialect;
}

export interface DesiredState {
  configHash: string;
  /** Without `license.lic`: that key is written once at creation, never by reconcile. */
  configMap: V1ConfigMap;
  statefulSets: V1StatefulSet[];
  services: V1Service[];
  deployments: V1Deployment[];
}

interface Ctx extends DesiredInput {
  d: Dialect;
  hash: string;
  owner: V1OwnerReference;
  base: Record<string, string>;
}

function ownerRef(name: string, uid: string): V1OwnerReference {
  return { apiVersion: API_VERSION, kind: KIND, name, uid, controller: true, blockOwnerDeletion: true };
}

/** The labels of every child: in the inferred dialect the five `dolphindb.io/dolphindb.*` labels (§4.5). */
export function baseLabels(name: string, spec: SimSpec, d: Dialect = dialectFor('inferred')): Record<string, string> {
  const l: Record<string, string> = {
    [d.labels.name]: name,
    [d.labels.owned]: d.ownedValue,
    [d.labels.mode]: spec.mode,
    [d.labels.version]: spec.version,
  };
  if (spec.mode === 'cluster' && spec.clusterType) l[d.labels.clusterType] = spec.clusterType;
  return l;
}

/** The ConfigMap's labels: the five §4.5 confirms, in every dialect, plus the dialect's own. */
export function configMapLabels(name: string, spec: SimSpec, d: Dialect = dialectFor('inferred')): Record<string, string> {
  const confirmed: Record<string, string> = {
    [LABEL_NAME]: name,
    [LABEL_CRD]: 'dolphindb',
    [LABEL_MODE]: spec.mode,
    [LABEL_VERSION]: spec.version,
  };
  if (spec.mode === 'cluster' && spec.clusterType) confirmed[LABEL_CLUSTER_TYPE] = spec.clusterType;
  return { ...baseLabels(name, spec, d), ...confirmed };
}

function meta(ctx: Ctx, name: string, labels: Record<string, string>, annotations: Record<string, string>) {
  return {
    name,
    namespace: ctx.namespace,
    labels: { ...ctx.spec.customMeta.labels, ...labels },
    annotations: { ...ctx.spec.customMeta.annotations, ...annotations },
    ownerReferences: [ctx.owner],
  };
}

const SCRAPE = { 'prometheus.io/scrape': 'true' };

function workDir(spec: SimSpec): string {
  return spec.mode === 'cluster' ? '/data/ddb/server/clusterDemo' : '/data/ddb/server';
}

function pvcTemplate(ctx: Ctx, claim: string, size: string, labels: Record<string, string>): V1PersistentVolumeClaim {
  const storage = maxQuantity(size, ctx.spec.minPersistentVolumeSize);
  const pvc: V1PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claim,
      labels: { ...ctx.spec.customMeta.labels, ...ctx.spec.customMeta.pvcLabels, ...labels },
      annotations: { ...ctx.spec.customMeta.annotations, ...ctx.spec.customMeta.pvcAnnotations, ...SCRAPE },
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage } },
      volumeMode: 'Filesystem',
    },
  };
  if (ctx.spec.storageClassName && pvc.spec) pvc.spec.storageClassName = ctx.spec.storageClassName;
  return pvc;
}

function env(pairs: Record<string, string>): V1EnvVar[] {
  return Object.entries(pairs).map(([name, value]) => ({ name, value }));
}

function podSpec(ctx: Ctx, role: RoleSpec, index: number): V1PodSpec {
  const { spec, name, suiteVersion } = ctx;
  const inst = instanceOf(role, index);
  const dir = workDir(spec);
  const cfgMount: V1VolumeMount = { name: 'config', mountPath: '/data/ddb/config', readOnly: true };
  const tzMount: V1VolumeMount = { name: 'localtime', mountPath: spec.localTimeFileMountPath, readOnly: true };
  const logMount: V1VolumeMount = { name: 'log', mountPath: `${dir}/log` };
  const ddbMounts: V1VolumeMount[] = [
    { name: 'data', mountPath: `${dir}/data` },
    logMount,
    ...(spec.disableCoreDump ? [] : [{ name: 'core', mountPath: '/data/ddb/core' }]),
    cfgMount,
    tzMount,
    ...role.volumeMounts,
    ...inst.volumeMounts,
  ];
  const domainSuffix = spec.customMeta.domainSuffix ?? 'svc.cluster.local';
  const ddbEnv: Record<string, string> = {
    DDB_CLUSTER_NAME: name,
    DDB_MODE: spec.mode,
    DDB_ROLE: role.role,
    DDB_INSTANCE: String(index),
    DDB_PORT: String(role.port),
    DDB_LOG_MODE: String(spec.logMode),
    DDB_DOMAIN_SUFFIX: domainSuffix,
  };
  if (spec.mode === 'cluster') ddbEnv.DDB_CONTROLLER_SERVICE = `${ctrInnerServiceName(name)}.${ctx.namespace}.${domainSuffix}`;
  if (spec.licenseServerAddress) ddbEnv.DDB_LICENSE_SERVER = spec.licenseServerAddress;

  const d = ctx.d;
  const ddb: V1Container = {
    name: d.containers.server(role.role),
    image: `dolphindb/dolphindb:${spec.version}`,
    imagePullPolicy: 'IfNotPresent',
    workingDir: dir,
    env: env(ddbEnv),
    ports: [
      { name: d.ports.server, containerPort: role.port, protocol: 'TCP' },
      ...(role.role === 'controller' ? [] : [{ name: d.ports.sub, containerPort: SUBSCRIPTION_PORT, protocol: 'TCP' }]),
    ],
    volumeMounts: ddbMounts,
  };
  if (role.resources) ddb.resources = role.resources;

  const containers: V1Container[] = [ddb];
  if (!spec.disableExporter) {
    containers.push({
      name: d.containers.exporter,
      image: `dolphindb/dolphindb-exporter:${suiteVersion}`,
      imagePullPolicy: 'IfNotPresent',
      env: env({ DDB_PORT: String(role.port) }),
      ports: [{ name: d.ports.metrics, containerPort: EXPORTER_PORT, protocol: 'TCP' }],
    });
  }
  containers.push({
    name: d.containers.cleaner,
    image: `dolphindb/dolphindb-cleaner:${suiteVersion}`,
    imagePullPolicy: 'IfNotPresent',
    env: env({ LOG_CLEAN_LIMIT: spec.logCleanLimit, LOG_DIR: `${dir}/log` }),
    volumeMounts: [logMount],
  });
  if (!spec.disablePromtail) {
    containers.push({
      name: d.containers.promtail,
      image: 'dolphindb/promtail:2.4.1',
      imagePullPolicy: 'IfNotPresent',
      args: ['-config.file=/etc/promtail/promtail-config.yaml', '-config.expand-env=true'],
      env: [
        { name: 'LogDir', value: `${dir}/log` },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      ],
      ports: [{ name: d.ports.promtail, containerPort: 9080, protocol: 'TCP' }],
      volumeMounts: [logMount, { name: 'promtail-config', mountPath: '/etc/promtail', readOnly: true }],
    });
  }

  const volumes: V1Volume[] = [
    { name: 'config', configMap: { name: configMapName(name) } },
    { name: 'localtime', hostPath: { path: spec.localTimeFileHostPath } },
    ...(spec.disablePromtail ? [] : [{ name: 'promtail-config', configMap: { name: PROMTAIL_CONFIGMAP, optional: true } }]),
    ...role.volumes,
    ...inst.volumes,
  ];

  const ps: V1PodSpec = {
    terminationGracePeriodSeconds: 30,
    initContainers: [
      {
        name: d.containers.init,
        image: `dolphindb/dolphindb-config-loader:${suiteVersion}`,
        imagePullPolicy: 'IfNotPresent',
        env: env({ DDB_ROLE: role.role, DDB_MODE: spec.mode, DDB_WORK_DIR: dir }),
        volumeMounts: [cfgMount, { name: 'data', mountPath: `${dir}/data` }],
      },
    ],
    containers,
    volumes,
  };
  if (spec.nodeAffinity) ps.affinity = { nodeAffinity: spec.nodeAffinity };
  return ps;
}

function statefulSet(ctx: Ctx, role: RoleSpec, index: number): V1StatefulSet {
  const { name, spec } = ctx;
  const sts = stsName(name, role.role, index);
  const inst = instanceOf(role, index);
  const L = ctx.d.labels;
  const labels = { ...ctx.base, [L.component]: COMPONENT_TYPE[role.role], [L.instance]: sts };
  const podLabels = { ...spec.customMeta.labels, ...spec.customMeta.podLabels, ...labels };
  const podAnnotations: Record<string, string> = {
    ...spec.customMeta.annotations,
    ...spec.customMeta.podAnnotations,
    ...SCRAPE,
    [ANNOTATION_CONFIG_HASH]: ctx.hash,
  };
  if (!spec.disableExporter) podAnnotations['prometheus.io/port'] = String(EXPORTER_PORT);
  const serviceName = role.role === 'controller' ? ctrInnerServiceName(name) : roleServiceName(name, role.role);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(ctx, sts, labels, SCRAPE),
    spec: {
      replicas: inst.paused ? 0 : 1,
      serviceName,
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: { [L.name]: name, [L.instance]: sts } },
      template: { metadata: { labels: podLabels, annotations: podAnnotations }, spec: podSpec(ctx, role, index) },
      volumeClaimTemplates: [
        pvcTemplate(ctx, 'data', role.dataSize, labels),
        pvcTemplate(ctx, 'log', role.logSize, labels),
        ...(spec.disableCoreDump ? [] : [pvcTemplate(ctx, 'core', '1Gi', labels)]),
      ],
    },
  };
}

function service(
  ctx: Ctx,
  svcName: string,
  type: string,
  selector: Record<string, string>,
  ports: Array<{ name: string; port: number }>,
  extraLabels: Record<string, string>,
): V1Service {
  const { spec } = ctx;
  const m = meta(
    ctx,
    svcName,
    { ...spec.customMeta.serviceLabels, ...ctx.base, ...extraLabels },
    {
      ...spec.customMeta.serviceAnnotations,
      ...SCRAPE,
    },
  );
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: m,
    spec: {
      type,
      selector,
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP' })),
    },
  };
}

function roleOf(spec: SimSpec, role: RoleName): RoleSpec | undefined {
  return spec.roles.find((r) => r.role === role);
}

export function desiredState(input: DesiredInput): DesiredState {
  const { name, spec } = input;
  const hash = configHash(spec);
  const d = input.dialect ?? dialectFor('inferred');
  const L = d.labels;
  const P = d.servicePorts;
  const ctx: Ctx = { ...input, d, hash, owner: ownerRef(name, input.uid), base: baseLabels(name, spec, d) };

  const data: Record<string, string> = {
    'cluster.cnf': canonicalJson(roleOf(spec, 'controller')?.clusterConfig ?? {}),
    'controller.cnf': canonicalJson(roleOf(spec, 'controller')?.controllerConfig ?? {}),
    'agent.cnf': '{}',
  };
  for (const r of spec.roles) if (r.role !== 'controller') data[`${r.role}.cnf`] = canonicalJson(r.config);
  const configMap: V1ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(ctx, configMapName(name), configMapLabels(name, spec, d), {}),
    data,
  };

  const statefulSets: V1StatefulSet[] = [];
  const services: V1Service[] = [];
  for (const role of spec.roles) {
    for (let i = 0; i < role.replicas; i++) {
      statefulSets.push(statefulSet(ctx, role, i));
      const inst = instanceOf(role, i);
      if (inst.service) {
        const sts = stsName(name, role.role, i);
        services.push(
          service(ctx, sts, inst.service.type, { [L.name]: name, [L.instance]: sts }, [{ name: P.server, port: role.port }], {
            [L.component]: COMPONENT_TYPE[role.role],
            [L.instance]: sts,
          }),
        );
      }
    }
    const comp = { [L.component]: COMPONENT_TYPE[role.role] };
    if (role.role === 'controller') {
      const leaderSts = stsName(name, 'controller', input.leaderIndex);
      services.push(
        service(
          ctx,
          roleServiceName(name, 'controller'),
          input.serviceType,
          { [L.name]: name, [L.instance]: leaderSts },
          [{ name: P.server, port: role.port }],
          comp,
        ),
        service(
          ctx,
          ctrInnerServiceName(name),
          'ClusterIP',
          { [L.name]: name, ...comp },
          [{ name: P.server, port: role.port }],
          comp,
        ),
      );
    } else if (role.replicas > 0) {
      services.push(
        service(
          ctx,
          roleServiceName(name, role.role),
          input.serviceType,
          { [L.name]: name, ...comp },
          [
            { name: P.server, port: role.port },
            { name: P.sub, port: SUBSCRIPTION_PORT },
          ],
          comp,
        ),
      );
    }
  }

  const deployments: V1Deployment[] = [];
  if (spec.mode === 'cluster' && spec.clusterType === 'multicontroller') {
    const dname = svcMgrName(name);
    const labels = { ...ctx.base, [L.component]: 'ServiceManager', [L.instance]: dname };
    deployments.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(ctx, dname, labels, {}),
      spec: {
        replicas: 1,
        selector: { matchLabels: { [L.name]: name, [L.instance]: dname } },
        template: {
          metadata: {
            labels: { ...spec.customMeta.labels, ...spec.customMeta.podLabels, ...labels },
            annotations: { ...spec.customMeta.podAnnotations },
          },
          spec: {
            containers: [
              {
                name: 'service-manager',
                image: `dolphindb/dolphindb-service-manager:${input.suiteVersion}`,
                imagePullPolicy: 'IfNotPresent',
                env: env({
                  DDB_CLUSTER_NAME: name,
                  DDB_CONTROLLER_SERVICE: roleServiceName(name, 'controller'),
                  DDB_CONTROLLER_REPLICAS: String(roleOf(spec, 'controller')?.replicas ?? 0),
                }),
              },
            ],
          },
        },
      },
    });
  }

  return {
    configHash: hash,
    configMap: withAppliedHash(configMap),
    statefulSets: statefulSets.map(withAppliedHash),
    services: services.map(withAppliedHash),
    deployments: deployments.map(withAppliedHash),
  };
}

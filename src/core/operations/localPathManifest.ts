// The local-path provisioner this project installs on a cluster that has no StorageClass (the
// first step of the DolphinDB-on-Kubernetes guide). Written here, for this project: a namespace,
// a ServiceAccount with a ClusterRole and its binding, the provisioner's ConfigMap (where volumes
// go on each node, and the helper pod that creates and removes their folders), one Deployment of
// rancher/local-path-provisioner, and StorageClass `local-path` that binds a volume only once a
// pod using it is scheduled (WaitForFirstConsumer), so the folder is made on the pod's node.
import type { KubeObject, ResourceKind } from '../k8s/resources';
import { KINDS } from '../k8s/resources';

export const LOCAL_PATH_NAMESPACE = 'local-path-storage';
export const LOCAL_PATH_STORAGE_CLASS = 'local-path';
export const LOCAL_PATH_PROVISIONER_NAME = 'rancher.io/local-path';
/** The image tag the manifest was written against; the caller may name another. */
export const LOCAL_PATH_PROVISIONER_IMAGE = 'rancher/local-path-provisioner:v0.0.30';
/** The helper pod only runs `mkdir` and `rm`: any small shell image does. */
export const LOCAL_PATH_HELPER_IMAGE = 'busybox:1.36';
/** Where volumes are created on every node. */
export const LOCAL_PATH_HOST_DIR = '/opt/local-path-provisioner';

const NAME = 'local-path-provisioner';
const SERVICE_ACCOUNT = 'local-path-provisioner-service-account';
const CONFIG_MAP = 'local-path-config';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'vscode-dolphindb', 'app.kubernetes.io/name': NAME };

/** Kinds this manifest uses that the rest of the extension does not read. */
export const LOCAL_PATH_KINDS = {
  serviceaccount: {
    key: 'serviceaccount',
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    kind: 'ServiceAccount',
    namespaced: true,
  },
  clusterrole: {
    key: 'clusterrole',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterroles',
    kind: 'ClusterRole',
    namespaced: false,
  },
  clusterrolebinding: {
    key: 'clusterrolebinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    namespaced: false,
  },
} as const satisfies Record<string, ResourceKind>;

export interface ManifestObject {
  readonly kind: ResourceKind;
  readonly object: KubeObject;
}

export interface LocalPathOptions {
  readonly image?: string;
  readonly helperImage?: string;
}

// The provisioner runs these in the helper pod with VOL_DIR (and VOL_MODE, VOL_SIZE_BYTES) set.
const SETUP_SCRIPT = ['#!/bin/sh', 'set -eu', 'mkdir -m 0777 -p "$VOL_DIR"', ''].join('\n');
const TEARDOWN_SCRIPT = ['#!/bin/sh', 'set -eu', 'rm -rf "$VOL_DIR"', ''].join('\n');

function helperPodYaml(image: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: helper-pod',
    'spec:',
    '  priorityClassName: system-node-critical',
    '  tolerations:',
    '    - key: node.kubernetes.io/disk-pressure',
    '      operator: Exists',
    '      effect: NoSchedule',
    '  containers:',
    '    - name: helper-pod',
    `      image: ${image}`,
    '      imagePullPolicy: IfNotPresent',
    '',
  ].join('\n');
}

/** The objects in the order they are applied: each exists before anything that refers to it. */
export function localPathManifest(opts: LocalPathOptions = {}): ManifestObject[] {
  const image = opts.image ?? LOCAL_PATH_PROVISIONER_IMAGE;
  const ns = LOCAL_PATH_NAMESPACE;
  const meta = (name: string, namespaced: boolean): KubeObject['metadata'] => ({
    name,
    ...(namespaced ? { namespace: ns } : {}),
    labels: { ...MANAGED_BY },
  });
  const config = {
    nodePathMap: [{ node: 'DEFAULT_PATH_FOR_NON_LISTED_NODES', paths: [LOCAL_PATH_HOST_DIR] }],
  };
  return [
    { kind: KINDS.namespace, object: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, false) } },
    {
      kind: LOCAL_PATH_KINDS.serviceaccount,
      object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(SERVICE_ACCOUNT, true) },
    },
    {
      kind: LOCAL_PATH_KINDS.clusterrole,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: meta('local-path-provisioner-role', false),
        // What the provisioner does: watch claims and nodes, make and delete volumes, run helper pods, report events.
        rules: [
          {
            apiGroups: [''],
            resources: ['nodes', 'persistentvolumeclaims', 'configmaps', 'pods/log'],
            verbs: ['get', 'list', 'watch'],
          },
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'] },
          {
            apiGroups: [''],
            resources: ['persistentvolumes'],
            verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'],
          },
          { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
          { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
        ],
      } as KubeObject,
    },
    {
      kind: LOCAL_PATH_KINDS.clusterrolebinding,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: meta('local-path-provisioner-bind', false),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'local-path-provisioner-role' },
        subjects: [{ kind: 'ServiceAccount', name: SERVICE_ACCOUNT, namespace: ns }],
      } as KubeObject,
    },
    {
      kind: KINDS.configmap,
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(CONFIG_MAP, true),
        data: {
          'config.json': JSON.stringify(config, null, 2) + '\n',
          setup: SETUP_SCRIPT,
          teardown: TEARDOWN_SCRIPT,
          'helperPod.yaml': helperPodYaml(opts.helperImage ?? LOCAL_PATH_HELPER_IMAGE),
        },
      },
    },
    {
      kind: KINDS.deployment,
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(NAME, true),
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: NAME } },
          template: {
            metadata: { labels: { app: NAME, ...MANAGED_BY } },
            spec: {
              serviceAccountName: SERVICE_ACCOUNT,
              containers: [
                {
                  name: NAME,
                  image,
                  imagePullPolicy: 'IfNotPresent',
                  command: ['local-path-provisioner', '--debug', 'start', '--config', '/etc/config/config.json'],
                  volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
                  env: [
                    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                    { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' },
                  ],
                },
              ],
              volumes: [{ name: 'config-volume', configMap: { name: CONFIG_MAP } }],
            },
          },
        },
      },
    },
    {
      kind: KINDS.storageclass,
      object: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: meta(LOCAL_PATH_STORAGE_CLASS, false),
        provisioner: LOCAL_PATH_PROVISIONER_NAME,
        volumeBindingMode: 'WaitForFirstConsumer',
        reclaimPolicy: 'Delete',
      } as KubeObject,
    },
  ];
}

/** `Kind name` or `Kind namespace/name`: how the confirmation names an object. */
export function manifestObjectName(m: ManifestObject): string {
  const ns = m.object.metadata.namespace;
  return `${m.kind.kind} ${ns ? `${ns}/` : ''}${m.object.metadata.name}`;
}

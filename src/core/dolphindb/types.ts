// Shape of the DolphinDB custom resource (docs/domain.md §2, §3). The CRD validates nothing
// (x-kubernetes-preserve-unknown-fields), so everything is optional here: code reading a CR from
// the cluster must expect any field to be missing or of the wrong type (see status.ts).
import type { V1NodeAffinity, V1ServiceSpec, V1Volume, V1VolumeMount } from '@kubernetes/client-node';

/** Kubernetes quantity as written in YAML/JSON: `"1Gi"`, `"500m"`, or a bare number for cpu. */
export type QuantityValue = string | number;

export interface ResourceList {
  cpu?: QuantityValue;
  memory?: QuantityValue;
  [resource: string]: QuantityValue | undefined;
}

export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

/** `<role>.instances.<index>` (§2.5). Keys are decimal indices: YAML `0:` and `"0":` are the same. */
export interface InstanceMeta {
  /** Present (even `{}`) → a Service `ddb-<name>-<role>-<i>` is created. */
  service?: V1ServiceSpec;
  volumes?: V1Volume[];
  volumeMounts?: V1VolumeMount[];
  paused?: boolean;
}

/** Fields every role block has (§2.4). */
export interface RoleSpecBase {
  replicas?: number;
  port?: number;
  logSize?: string;
  dataSize?: string;
  resources?: ResourceRequirements;
  instances?: Record<string, InstanceMeta>;
  volumes?: V1Volume[];
  volumeMounts?: V1VolumeMount[];
}

export interface ControllerSpec extends RoleSpecBase {
  /** Entries for cluster.cfg; values must be strings (DDB-E015). */
  clusterConfig?: Record<string, string>;
  /** Entries for controller.cfg. */
  controllerConfig?: Record<string, string>;
}

export interface DataNodeSpec extends RoleSpecBase {
  config?: Record<string, string>;
}

export type ComputeNodeSpec = DataNodeSpec;

export type Mode = 'cluster' | 'standalone';
export type ClusterType = 'singlecontroller' | 'multicontroller';

export interface TimeMeta {
  localTimeFileHostPath?: string;
  localTimeFileMountPath?: string;
}

export interface CustomMeta {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  pvcLabels?: Record<string, string>;
  pvcAnnotations?: Record<string, string>;
  serviceLabels?: Record<string, string>;
  serviceAnnotations?: Record<string, string>;
  domainSuffix?: string;
}

export interface DolphinDBSpec {
  mode?: Mode | string;
  clusterType?: ClusterType | string;
  version?: string;
  storageClassName?: string;
  /** A license-server address, or `""` / `None` / absent for none. */
  licenseServerAddress?: string;
  /** 0 = file, 1 = console, 2 = both. */
  logMode?: number;
  /** Decimal fraction in (0, 1], as a string: `"0.9"`. */
  logCleanLimit?: string;
  disableCoreDump?: boolean;
  disablePromtail?: boolean;
  disableExporter?: boolean;
  minPersistentVolumeSize?: string;
  controller?: ControllerSpec;
  datanode?: DataNodeSpec;
  computenode?: ComputeNodeSpec;
  nodeAffinity?: V1NodeAffinity;
  timeMeta?: TimeMeta;
  customMeta?: CustomMeta;
}

/** Observed values: Ready, Progressing. Anything else must be shown verbatim. */
export type KnownPhase = 'Available' | 'Ready' | 'Progressing';

export interface InstanceStatus {
  phase?: string;
  /** Go-printed ContainerState while progressing. */
  message?: string;
}

export interface RoleStatus {
  phase?: string;
  /** Desired count. */
  replicas?: number;
  currentReplicas?: number;
  readyReplicas?: number;
  message?: string;
  /** controllerStatus only: pod name of the Raft leader, e.g. `ddb-test-ctr-0-0`. */
  masterInstance?: string;
  /** Keyed by instance (StatefulSet) name `ddb-<name>-<role>-<i>`, not pod name. */
  instanceStatus?: Record<string, InstanceStatus>;
}

export interface DolphinDBStatus {
  phase?: string;
  controllerStatus?: RoleStatus;
  datanodeStatus?: RoleStatus;
  computenodeStatus?: RoleStatus;
}

export interface DolphinDBMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | Date;
}

export interface DolphinDB {
  apiVersion?: string;
  kind?: string;
  metadata?: DolphinDBMetadata;
  spec?: DolphinDBSpec;
  status?: DolphinDBStatus;
}

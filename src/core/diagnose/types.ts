// What diagnose reads and what it reports. The inputs are plain objects gathered beforehand, so
// the rules are pure functions and testable without a cluster.
import type { KubeObject } from '../k8s/resources';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

export interface Finding {
  /** Stable identifier of the symptom, e.g. `crd-missing`, `unschedulable-resources`. */
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  /** The next thing to do, concretely. */
  readonly next: string;
  /** `Kind/name` of the objects concerned. */
  readonly objects: readonly string[];
  /** Event messages, status messages or log lines that show the symptom. */
  readonly evidence?: readonly string[];
}

export interface SuiteState {
  readonly namespace: string;
  /** The operator StatefulSet `dolphindb-operator`, if it exists. */
  readonly operator?: KubeObject;
  /** Text of `dolphindb-env-config` key `env-config` (YAML), if readable. */
  readonly envConfig?: string;
}

export interface CrashLog {
  readonly pod: string;
  readonly container: string;
  readonly previous: boolean;
  readonly lines: readonly string[];
}

export interface DiagnoseInputs {
  readonly namespace: string;
  readonly cluster: string;
  /** undefined: could not be checked (no permission). */
  readonly crdPresent?: boolean;
  /** The DolphinDB object; undefined when it does not exist. */
  readonly ddb?: KubeObject;
  readonly statefulsets: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  readonly pvcs: readonly KubeObject[];
  readonly services: readonly KubeObject[];
  /** Events about the cluster object and its children. */
  readonly events: readonly KubeObject[];
  /** undefined: not readable. */
  readonly storageClasses?: readonly KubeObject[];
  readonly nodes?: readonly KubeObject[];
  /** undefined: no suite found (or not readable). */
  readonly suite?: SuiteState;
  /** Last log lines of crashing containers. */
  readonly crashLogs?: readonly CrashLog[];
  /** The cluster DNS domain (from CoreDNS' Corefile), when readable. */
  readonly clusterDomain?: string;
  /** For ages in texts; default now. */
  readonly now?: number;
}

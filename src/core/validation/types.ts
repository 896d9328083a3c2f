// Public types of the DolphinDB CR validator: text in, problems out. Positions mirror LSP
// (0-based line, UTF-16 character) so the language server can pass them through unchanged.
import type { VersionInfo } from '../dolphindb/versions';
import type { MessageKey } from './messages';

/** `hint`: worth knowing, not a problem (an editor shows it faintly, outside the problem list). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type MessageArgs = Readonly<Record<string, string | number>>;

export interface Problem {
  /** `DDB-E001`…, `DDB-W100`…, or `yaml-syntax`. Documented in messages.ts (CODE_DOCS). */
  readonly code: string;
  /** English text, already formatted (what a client without localisation shows). */
  readonly message: string;
  /** Template key and arguments, so a server can render the message in another locale. */
  readonly messageKey: MessageKey;
  readonly args: MessageArgs;
  readonly severity: Severity;
  /** Exactly the key or value node that is wrong. */
  readonly range: Range;
  /** Dotted path of the node, e.g. `spec.controller.replicas`, `spec.datanode.volumeMounts[0].name`. */
  readonly path: string;
  /** Machine-readable hints for quick fixes, e.g. `{ suggestion: 'clusterType' }`. */
  readonly data?: ProblemData;
}

export interface ProblemData {
  /** Replacement for the offending key or value (near-miss key, case fix of an enum value). */
  readonly suggestion?: string;
  /** Allowed values, when the problem is an enum miss. */
  readonly allowed?: readonly (string | number)[];
  /** Keys that should be removed (DDB-E007). */
  readonly remove?: readonly string[];
  /** Replacement value that would satisfy the rule (e.g. replicas 3 for DDB-E006). */
  readonly value?: string | number;
}

export interface NodeCapacity {
  /** Allocatable CPU of one node, a quantity (`"4"`, `3500m`) or a number of cores. */
  readonly cpu: string | number;
  /** Allocatable memory of one node, a quantity (`16Gi`) or a number of bytes. */
  readonly memory: string | number;
}

export interface ExistingClusters {
  readonly namespace: string;
  readonly names: readonly string[];
}

export interface ValidationContext {
  /** The installed suite's versions (dolphindb-env-config). Enables DDB-W009; used by DDB-E018. */
  readonly supportedVersions?: readonly VersionInfo[];
  /** Allocatable capacity of each schedulable node. Enables DDB-W020. */
  readonly nodeCapacity?: readonly NodeCapacity[];
  /** StorageClass names in the cluster. Enables DDB-W023. */
  readonly storageClasses?: readonly string[];
  /** PVC names in the CR's namespace. Enables DDB-W022 (referenced PVC missing). */
  readonly pvcNames?: readonly string[];
  /** Namespace names of the connected cluster. Enables DDB-W024 (metadata.namespace missing). */
  readonly namespaces?: readonly string[];
  /** Names of the DolphinDB objects already in one namespace. Enables DDB-H001 (apply updates one). */
  readonly existingClusters?: ExistingClusters;
  /** Stop after this many milliseconds (default 10 000); the rest is reported as DDB-I002. */
  readonly timeBudgetMs?: number;
}

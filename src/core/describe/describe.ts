// One entry point: `describe(kind, obj, related)` → the text `kubectl describe` would print,
// built from objects already read (no kubectl, no extra requests).
import type { KubeObject } from '../k8s/resources';
import type { DescribeOptions } from './format';
import { describePod } from './pod';
import { describePvc, describeService, describeStatefulSet } from './workloads';

export type DescribableKind = 'pod' | 'statefulset' | 'service' | 'pvc';

export interface DescribeRelated {
  /** Events of the namespace (or at least those about the object); filtered here. */
  readonly events?: readonly KubeObject[];
  /** Pods of the namespace: StatefulSet pod counts, Service endpoints, PVC users. */
  readonly pods?: readonly KubeObject[];
}

export function describe(kind: DescribableKind, obj: KubeObject, related: DescribeRelated = {}, opts?: DescribeOptions): string {
  const r = { pods: related.pods, events: related.events ?? [] };
  switch (kind) {
    case 'pod':
      return describePod(obj, r.events, opts);
    case 'statefulset':
      return describeStatefulSet(obj, r, opts);
    case 'service':
      return describeService(obj, r, opts);
    case 'pvc':
      return describePvc(obj, r, opts);
  }
}

/** The same function under a name that does not clash with test runners' `describe`. */
export const describeObject = describe;

export { eventsReport, eventsBlock, eventsFor } from './events';

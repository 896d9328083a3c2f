// The pods of a Deployment, StatefulSet or DaemonSet, found the way their controller finds them:
// through the workload's own `spec.selector`, so no label is guessed (the suite's charts and the
// operator choose their labels; docs/domain.md §6.4).
import { doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import { ok, type Result } from '../result';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from './resources';
import type { KubeHttp } from './http';

export type WorkloadKind = 'deployment' | 'statefulset' | 'daemonset';

export interface WorkloadRef {
  readonly namespace: string;
  readonly kind: WorkloadKind;
  readonly name: string;
}

interface Requirement {
  readonly key?: unknown;
  readonly operator?: unknown;
  readonly values?: unknown;
}

export function isWorkloadKind(kind: string | undefined): kind is WorkloadKind {
  return kind === 'deployment' || kind === 'statefulset' || kind === 'daemonset';
}

/**
 * A label selector object as the `labelSelector` query string, or undefined when it selects
 * nothing we can express (missing, empty, or an unknown operator: never widen to "all pods").
 */
export function selectorQuery(selector: unknown): string | undefined {
  if (typeof selector !== 'object' || selector === null) return undefined;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const parts: string[] = [];
  if (typeof s.matchLabels === 'object' && s.matchLabels !== null) {
    for (const [k, v] of Object.entries(s.matchLabels as Record<string, unknown>)) {
      if (typeof v !== 'string') return undefined;
      parts.push(`${k}=${v}`);
    }
  }
  if (Array.isArray(s.matchExpressions)) {
    for (const e of s.matchExpressions as Requirement[]) {
      if (typeof e?.key !== 'string') return undefined;
      const values = Array.isArray(e.values) && e.values.every((x) => typeof x === 'string') ? (e.values as string[]) : [];
      switch (e.operator) {
        case 'In':
          parts.push(`${e.key} in (${values.join(',')})`);
          break;
        case 'NotIn':
          parts.push(`${e.key} notin (${values.join(',')})`);
          break;
        case 'Exists':
          parts.push(e.key);
          break;
        case 'DoesNotExist':
          parts.push(`!${e.key}`);
          break;
        default:
          return undefined;
      }
    }
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** The workload's pods, sorted by name; pods being deleted are left out. */
export async function workloadPods(http: KubeHttp, ref: WorkloadRef, signal?: AbortSignal): Promise<Result<KubeObject[]>> {
  const kind = KINDS[ref.kind];
  const w = await http.request<KubeObject>(objectPath(kind, ref.name, ref.namespace), {
    signal,
    ...doing(msg('read {0} {1} in {2}'), kind.kind, ref.name, ref.namespace),
  });
  if (!w.ok) return w;
  const selector = selectorQuery((w.value.spec as { selector?: unknown } | undefined)?.selector);
  if (!selector) return ok([]);
  const pods = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, ref.namespace), {
    signal,
    query: { labelSelector: selector },
    ...doing(msg('list pods of {0} {1}'), kind.kind, ref.name),
  });
  if (!pods.ok) return pods;
  return ok(
    (pods.value.items ?? [])
      .filter((p) => !p.metadata.deletionTimestamp)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
  );
}

// Which of a cluster's events still matter. Kubernetes keeps events for an hour after their object
// recovered, so a healthy cluster used to show a warning icon for the FailedScheduling and
// provisioning warnings of its first minutes. An event is resolved when its object is healthy
// again since the event happened: a pod Ready since then (or gone), a Bound volume, and for the
// cluster object and its other children a healthy cluster whose pods all became Ready after it.
import type { KubeObject } from '../k8s/resources';
import { arr, str } from './objects';

/** At most this many events are listed; the rest are older or less severe. */
export const MAX_EVENTS = 200;

export interface JudgedEvent {
  readonly event: KubeObject;
  readonly warning: boolean;
  readonly resolved: boolean;
  /** When it last happened (ms since the epoch; 0 when unknown). */
  readonly at: number;
}

/** What the judgement reads about the objects the events are about; memory only. */
export interface EventSubjects {
  pod(name: string): KubeObject | undefined;
  pvc(name: string): KubeObject | undefined;
  /** The cluster's phase is a healthy one now. */
  readonly clusterHealthy: boolean;
}

export function eventTime(e: KubeObject): number {
  const ts =
    str(e, 'lastTimestamp') ?? str(e, 'series', 'lastObservedTime') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp;
  return Date.parse(ts ?? '') || 0;
}

/** When the pod's Ready condition last turned True; undefined while it is not Ready. */
export function readySince(pod: KubeObject): number | undefined {
  const c = arr(pod, 'status', 'conditions').find((x) => str(x, 'type') === 'Ready');
  if (!c || str(c, 'status') !== 'True') return undefined;
  return Date.parse(str(c, 'lastTransitionTime') ?? '') || Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
}

/** The latest Ready transition among the pods, when every one of them is Ready. */
function allReadySince(pods: readonly KubeObject[]): number | undefined {
  let latest = 0;
  for (const p of pods) {
    const r = readySince(p);
    if (r === undefined) return undefined;
    latest = Math.max(latest, r);
  }
  return pods.length > 0 ? latest : undefined;
}

function isResolved(e: KubeObject, exact: number, subjects: EventSubjects, clusterReady: number | undefined): boolean {
  // Conditions carry whole seconds (07:25:33Z) while events.k8s.io times carry microseconds
  // (07:25:33.443Z): a pod that became Ready in the second of its last FailedScheduling must
  // count as Ready after it, so events are compared by their second.
  const at = Math.floor(exact / 1000) * 1000;
  const kind = str(e, 'involvedObject', 'kind');
  const name = str(e, 'involvedObject', 'name') ?? '';
  if (kind === 'Pod') {
    const pod = subjects.pod(name);
    // The pod it was about is gone (deleted, or its instance paused): nothing left to fix there.
    if (!pod) return true;
    const created = Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
    if (created > at) return true;
    const ready = readySince(pod);
    return ready !== undefined && ready >= at;
  }
  if (kind === 'PersistentVolumeClaim') return str(subjects.pvc(name), 'status', 'phase') === 'Bound';
  return subjects.clusterHealthy && clusterReady !== undefined && clusterReady >= at;
}

/**
 * The events judged and ordered: warnings that still matter first, then everything else, newest
 * first within each. `pods` are the cluster's pods (for the cluster's own Ready transition).
 */
export function judgeEvents(events: readonly KubeObject[], subjects: EventSubjects, pods: readonly KubeObject[]): JudgedEvent[] {
  const clusterReady = allReadySince(pods);
  const judged = events.map((event): JudgedEvent => {
    const at = eventTime(event);
    return { event, at, warning: str(event, 'type') === 'Warning', resolved: isResolved(event, at, subjects, clusterReady) };
  });
  const rank = (j: JudgedEvent): number => (j.warning && !j.resolved ? 0 : 1);
  return judged.sort((a, b) => rank(a) - rank(b) || b.at - a.at);
}

/** The events the tree lists; the group's count is this list's length. */
export function listedEvents(judged: readonly JudgedEvent[]): readonly JudgedEvent[] {
  return judged.slice(0, MAX_EVENTS);
}

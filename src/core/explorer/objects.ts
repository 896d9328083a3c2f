// Typed read access to the raw API objects the caches hold. Every accessor tolerates a
// missing or wrongly typed field: the cluster may hold anything (the DolphinDB CRD validates nothing).
import type { KubeObject } from '../k8s/resources';

export type Obj = KubeObject & Record<string, unknown>;

export function field(o: unknown, ...path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function str(o: unknown, ...path: string[]): string | undefined {
  const v = field(o, ...path);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function num(o: unknown, ...path: string[]): number | undefined {
  const v = field(o, ...path);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

export function arr(o: unknown, ...path: string[]): unknown[] {
  const v = field(o, ...path);
  return Array.isArray(v) ? v : [];
}

export function rec(o: unknown, ...path: string[]): Record<string, unknown> {
  const v = field(o, ...path);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function age(ts: string | undefined, now = Date.now()): string {
  if (!ts) return '';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export interface PodSummary {
  readonly phase: string;
  readonly ready: number;
  readonly total: number;
  readonly restarts: number;
  readonly node: string;
  readonly reason?: string;
  readonly isReady: boolean;
}

export function podSummary(pod: unknown): PodSummary {
  const statuses = arr(pod, 'status', 'containerStatuses');
  const total = arr(pod, 'spec', 'containers').length || statuses.length;
  let ready = 0;
  let restarts = 0;
  let reason: string | undefined;
  for (const cs of statuses) {
    if (field(cs, 'ready') === true) ready++;
    restarts += num(cs, 'restartCount') ?? 0;
    reason ??= str(cs, 'state', 'waiting', 'reason') ?? str(cs, 'state', 'terminated', 'reason');
  }
  for (const cs of arr(pod, 'status', 'initContainerStatuses')) {
    const w = str(cs, 'state', 'waiting', 'reason');
    if (w && field(cs, 'ready') !== true) reason ??= `Init:${w}`;
  }
  const deleting = str(pod, 'metadata', 'deletionTimestamp');
  const conditions = arr(pod, 'status', 'conditions');
  const isReady = conditions.some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');
  return {
    phase: deleting ? 'Terminating' : (str(pod, 'status', 'phase') ?? 'Unknown'),
    ready,
    total,
    restarts,
    node: str(pod, 'spec', 'nodeName') ?? '',
    reason: reason ?? str(pod, 'status', 'reason'),
    isReady,
  };
}

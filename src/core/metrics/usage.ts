// Resource use set against what the pod asked for: used / request / limit for CPU and memory, per
// container and summed per pod or role, and how close memory is to its limit (the container is
// OOM-killed at the limit, so that is the number that needs a warning colour). Pure functions.
import { parseQuantity, quantityToNumber } from '../dolphindb/quantity';
import type { ContainerUsage, PodUsage } from './podMetrics';

export interface Amount {
  readonly used: number;
  readonly request?: number;
  readonly limit?: number;
}

export interface ResourceUse {
  /** Millicores. */
  readonly cpu: Amount;
  /** Bytes. */
  readonly memory: Amount;
}

/** `near`: memory at or above NEAR_LIMIT of its limit; `over`: at or above the limit. */
export type UseLevel = 'ok' | 'near' | 'over';
export const NEAR_LIMIT = 0.85;

const amount = (q: unknown, scale: number): number | undefined => {
  const p = parseQuantity(q);
  return p ? quantityToNumber(p) * scale : undefined;
};

interface ContainerSpec {
  readonly name?: unknown;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}

function specAmount(spec: ContainerSpec | undefined, used: number, key: 'cpu' | 'memory'): Amount {
  const scale = key === 'cpu' ? 1000 : 1;
  const request = amount(spec?.resources?.requests?.[key], scale);
  // Kubernetes defaults a missing request to the limit.
  const limit = amount(spec?.resources?.limits?.[key], scale);
  const req = request ?? limit;
  return { used, ...(req !== undefined ? { request: req } : {}), ...(limit !== undefined ? { limit } : {}) };
}

export function containerUse(spec: ContainerSpec | undefined, usage: ContainerUsage): ResourceUse {
  return { cpu: specAmount(spec, usage.cpuMilli, 'cpu'), memory: specAmount(spec, usage.memoryBytes, 'memory') };
}

/**
 * Sums amounts. A request or limit is summed only when every part has one: a part without a limit
 * makes the whole unlimited, as the scheduler and the kubelet see it.
 */
export function sumAmounts(parts: readonly Amount[]): Amount {
  const used = parts.reduce((s, a) => s + a.used, 0);
  const all = (k: 'request' | 'limit'): number | undefined =>
    parts.length > 0 && parts.every((a) => a[k] !== undefined) ? parts.reduce((s, a) => s + (a[k] ?? 0), 0) : undefined;
  const request = all('request');
  const limit = all('limit');
  return { used, ...(request !== undefined ? { request } : {}), ...(limit !== undefined ? { limit } : {}) };
}

export const sumUses = (uses: readonly ResourceUse[]): ResourceUse => ({
  cpu: sumAmounts(uses.map((u) => u.cpu)),
  memory: sumAmounts(uses.map((u) => u.memory)),
});

export interface PodUse {
  readonly containers: ReadonlyMap<string, ResourceUse>;
  readonly total: ResourceUse;
  /** The worst memory level among the containers (a pod's sum can hide one container at its limit). */
  readonly level: UseLevel;
}

/** The pod's app containers with a usage sample, set against their spec. */
export function podUse(pod: unknown, usage: PodUsage): PodUse {
  const specs = (pod as { spec?: { containers?: unknown } })?.spec?.containers;
  const byName = new Map<string, ContainerSpec>();
  for (const c of Array.isArray(specs) ? (specs as ContainerSpec[]) : []) if (typeof c?.name === 'string') byName.set(c.name, c);
  const containers = new Map<string, ResourceUse>();
  for (const [name, u] of usage.containers) containers.set(name, containerUse(byName.get(name), u));
  const list = [...containers.values()];
  return { containers, total: sumUses(list), level: worst(list.map((u) => memoryLevel(u.memory))) };
}

export function memoryLevel(a: Amount): UseLevel {
  if (a.limit === undefined || a.limit <= 0) return 'ok';
  const r = a.used / a.limit;
  return r >= 1 ? 'over' : r >= NEAR_LIMIT ? 'near' : 'ok';
}

export function worst(levels: readonly UseLevel[]): UseLevel {
  return levels.includes('over') ? 'over' : levels.includes('near') ? 'near' : 'ok';
}

/** Used as a share of the limit (0..), undefined without a limit. */
export const shareOfLimit = (a: Amount): number | undefined =>
  a.limit !== undefined && a.limit > 0 ? a.used / a.limit : undefined;

/** `120m` below one core, `1.25` (cores) from one core up; as kubectl top and the YAML write them. */
export function formatCpu(milli: number): string {
  if (milli < 1000) return `${Math.round(milli)}m`;
  return `${Number((milli / 1000).toFixed(2))}`;
}

const UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/** Binary units with up to three significant digits: `512Mi`, `1.5Gi`, `12.3Gi`. */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const text = v >= 100 || i === 0 ? String(Math.round(v)) : String(Number(v.toPrecision(3)));
  return `${text}${UNITS[i]}`;
}

/** `used / request / limit`, a dash where the spec has none. */
export function amountText(a: Amount, fmt: (n: number) => string): string {
  const opt = (n: number | undefined): string => (n === undefined ? '-' : fmt(n));
  return `${fmt(a.used)} / ${opt(a.request)} / ${opt(a.limit)}`;
}

// Pod resource usage as the metrics API (`metrics.k8s.io`, served by metrics-server) reports it:
// one PodMetrics object per pod, one usage sample per container. The API has no watch; it is read
// as a list per namespace (core/explorer/metrics.ts decides when).
import { doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { KubeHttp } from '../k8s/http';
import { parseQuantity, quantityToNumber } from '../dolphindb/quantity';
import { fail, ok, type Result } from '../result';

export const METRICS_GROUP = 'metrics.k8s.io';

export interface ContainerUsage {
  /** CPU in millicores (`250m` → 250). */
  readonly cpuMilli: number;
  /** Memory working set in bytes. */
  readonly memoryBytes: number;
}

export interface PodUsage {
  readonly namespace: string;
  readonly pod: string;
  /** When the sample was taken (RFC 3339), as the API says. */
  readonly timestamp?: string;
  readonly containers: ReadonlyMap<string, ContainerUsage>;
}

const numberOf = (q: unknown): number | undefined => {
  const p = parseQuantity(q);
  return p ? quantityToNumber(p) : undefined;
};

/** Reads a PodMetricsList body; entries without a name or usable numbers are left out, never thrown on. */
export function podUsagesFrom(body: unknown): PodUsage[] {
  const items = (body as { items?: unknown })?.items;
  if (!Array.isArray(items)) return [];
  const out: PodUsage[] = [];
  for (const it of items as unknown[]) {
    const meta = (it as { metadata?: { name?: unknown; namespace?: unknown } })?.metadata;
    if (typeof meta?.name !== 'string') continue;
    const containers = new Map<string, ContainerUsage>();
    const list = (it as { containers?: unknown }).containers;
    for (const c of Array.isArray(list) ? (list as unknown[]) : []) {
      const name = (c as { name?: unknown })?.name;
      const usage = (c as { usage?: { cpu?: unknown; memory?: unknown } })?.usage;
      const cpu = numberOf(usage?.cpu);
      const memory = numberOf(usage?.memory);
      if (typeof name !== 'string' || cpu === undefined || memory === undefined) continue;
      containers.set(name, { cpuMilli: Math.round(cpu * 1000), memoryBytes: Math.round(memory) });
    }
    const timestamp = (it as { timestamp?: unknown }).timestamp;
    out.push({
      namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
      pod: meta.name,
      ...(typeof timestamp === 'string' ? { timestamp } : {}),
      containers,
    });
  }
  return out;
}

/** The PodMetrics of one namespace. A 404 or 503 means the API (or metrics-server behind it) is not there. */
export async function listPodUsage(http: KubeHttp, version: string, namespace: string): Promise<Result<PodUsage[]>> {
  const r = await http.request<unknown>(`/apis/${METRICS_GROUP}/${version}/namespaces/${encodeURIComponent(namespace)}/pods`, {
    ...doing(msg('read resource use in {0}'), namespace),
  });
  return r.ok ? ok(podUsagesFrom(r.value)) : fail(r.error);
}

// Whether the metrics API is served, asked once per session. An absent API is an answer, not an
// error: most clusters without metrics-server simply do not show resource use. "Unavailable" is
// the other common case: the APIService is registered but metrics-server behind it is down (503).
import type { KubeHttp } from '../k8s/http';
import type { Failure } from '../result';
import { METRICS_GROUP } from './podMetrics';

export type MetricsApi =
  | { readonly s: 'available'; readonly version: string }
  | { readonly s: 'absent' }
  | { readonly s: 'unavailable'; readonly failure: Failure };

interface ApiGroup {
  readonly preferredVersion?: { readonly version?: string };
  readonly versions?: readonly { readonly version?: string }[];
}

export async function discoverMetricsApi(http: KubeHttp): Promise<MetricsApi> {
  const g = await http.request<ApiGroup>(`/apis/${METRICS_GROUP}`);
  if (!g.ok) return g.error.kind === 'notFound' ? { s: 'absent' } : { s: 'unavailable', failure: g.error };
  const version = g.value.preferredVersion?.version ?? g.value.versions?.[0]?.version;
  if (!version) return { s: 'absent' };
  // The group can be listed while its backend is down; the version's own discovery says 503 then.
  const v = await http.request<unknown>(`/apis/${METRICS_GROUP}/${version}`);
  if (!v.ok) return v.error.kind === 'notFound' ? { s: 'absent' } : { s: 'unavailable', failure: v.error };
  return { s: 'available', version };
}

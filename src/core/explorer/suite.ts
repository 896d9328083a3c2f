// The DolphinDB suite (Helm release `dolphindb-mgr`, docs/domain.md §6.4): which components exist in
// a namespace and how healthy they are, read from workload objects in the watch caches.
import { msg, type Msg } from '../i18n/translate';
import type { KubeObject } from '../k8s/resources';
import { arr, num, str } from './objects';

export interface SuiteComponentSpec {
  readonly id: string;
  /** Translated where shown (`t(title)`). */
  readonly title: Msg;
  readonly workload: 'statefulset' | 'deployment' | 'daemonset';
  readonly name: string;
}

export const SUITE_COMPONENTS: readonly SuiteComponentSpec[] = [
  { id: 'operator', title: msg('Operator'), workload: 'statefulset', name: 'dolphindb-operator' },
  { id: 'webserver', title: msg('Webserver'), workload: 'deployment', name: 'dolphindb-webserver' },
  { id: 'portal', title: msg('Cloud portal'), workload: 'deployment', name: 'dolphindb-cloud-portal' },
  { id: 'grafana', title: msg('Grafana'), workload: 'deployment', name: 'dolphindb-mgr-grafana' },
  { id: 'prometheus', title: msg('Prometheus'), workload: 'deployment', name: 'dolphindb-mgr-prometheus-server' },
  { id: 'loki', title: msg('Loki'), workload: 'statefulset', name: 'dolphindb-mgr-loki' },
  { id: 'alertmanager', title: msg('Alertmanager'), workload: 'statefulset', name: 'dolphindb-mgr-alertmanager' },
  { id: 'node-exporter', title: msg('node-exporter'), workload: 'daemonset', name: 'dolphindb-mgr-node-exporter' },
];

export interface ComponentHealth {
  readonly spec: SuiteComponentSpec;
  readonly present: boolean;
  readonly ready: number;
  readonly desired: number;
  /** ok: all ready; degraded: some ready; down: none ready though some wanted. */
  readonly health: 'ok' | 'degraded' | 'down' | 'absent';
  readonly image?: string;
}

export function componentHealth(spec: SuiteComponentSpec, obj: KubeObject | undefined): ComponentHealth {
  if (!obj) return { spec, present: false, ready: 0, desired: 0, health: 'absent' };
  let desired: number;
  let ready: number;
  if (spec.workload === 'daemonset') {
    desired = num(obj, 'status', 'desiredNumberScheduled') ?? 0;
    ready = num(obj, 'status', 'numberReady') ?? 0;
  } else {
    desired = num(obj, 'spec', 'replicas') ?? 1;
    ready = num(obj, 'status', 'readyReplicas') ?? 0;
  }
  // The operator's second replica stays Pending on a one-node cluster by design (§7.1): one
  // ready operator is healthy.
  const enough = spec.id === 'operator' ? ready >= 1 : ready >= desired;
  const health = desired === 0 ? 'degraded' : enough ? 'ok' : ready > 0 ? 'degraded' : 'down';
  const image = str(arr(obj, 'spec', 'template', 'spec', 'containers')[0], 'image');
  return { spec, present: true, ready, desired, health, image };
}

/** Suite version from the operator image tag (`dolphindb/dolphindb-operator:v1.1.7`). */
export function suiteVersion(components: readonly ComponentHealth[]): string | undefined {
  const op = components.find((c) => c.spec.id === 'operator' && c.image);
  const tag = op?.image?.split(':').pop();
  return tag && tag !== op?.image ? tag : undefined;
}

export function overallHealth(components: readonly ComponentHealth[]): 'ok' | 'degraded' | 'down' {
  const present = components.filter((c) => c.present);
  if (present.length === 0) return 'down';
  const op = present.find((c) => c.spec.id === 'operator');
  if (!op || op.health === 'down') return 'down';
  return present.every((c) => c.health === 'ok') ? 'ok' : 'degraded';
}

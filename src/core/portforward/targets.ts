// Forward targets worth offering (docs/domain.md §4.2, §9.5, §7.3): a DolphinDB cluster's role
// Services and instance pods on their role ports, and the suite's web UIs and APIs with the
// local ports the docs use. Only targets whose Service or pod exists are offered.
import { arr, num, str } from '../explorer/objects';
import { parsePodName, roleFromAbbrev, roleServiceName } from '../dolphindb/names';
import type { KubeObject } from '../k8s/resources';
import { pickDolphinDBContainer } from '../logs/containers';
import { english, msg, type Msg, type Translate } from '../i18n/translate';
import type { ForwardSpec } from './types';
import { findMonitoringServices, MONITORING_IDS, monitoringPort, type MonitoringId } from './monitoring';

export const DEFAULT_ROLE_PORTS = { ctr: 31210, dn: 32210, cn: 32210 } as const;

export interface ForwardSuggestion extends ForwardSpec {
  /** Stable id, e.g. `grafana`, `svc:ddb-ha-dn`, `pod:ddb-ha-dn-0-0`. */
  readonly id: string;
  readonly label: string;
  /** What is served there, for tooltips. */
  readonly purpose: string;
}

export interface SuiteForward {
  readonly id: string;
  /** Translated where shown (`t(label)`). */
  readonly label: Msg;
  readonly service: string;
  readonly port: number;
  readonly localPort: number;
  readonly urlPath?: string;
}

/** §9.5 plus the portal/webserver of §7.3. */
export const SUITE_FORWARDS: readonly SuiteForward[] = [
  { id: 'grafana', label: msg('Grafana'), service: 'dolphindb-mgr-grafana', port: 80, localPort: 3000 },
  { id: 'prometheus', label: msg('Prometheus'), service: 'dolphindb-mgr-prometheus-server', port: 80, localPort: 9090 },
  { id: 'loki', label: msg('Loki'), service: 'dolphindb-mgr-loki', port: 3100, localPort: 3100 },
  { id: 'alertmanager', label: msg('Alertmanager'), service: 'dolphindb-mgr-alertmanager', port: 9093, localPort: 9093 },
  { id: 'portal', label: msg('DolphinDB Cloud portal'), service: 'dolphindb-cloud-portal', port: 8080, localPort: 8080 },
  {
    id: 'webserver',
    label: msg('DolphinDB webserver'),
    service: 'dolphindb-webserver',
    port: 8080,
    localPort: 8080,
    urlPath: '/dolphindb-cloud',
  },
];

function suitePurpose(id: string, t: Translate): string {
  switch (id) {
    case 'grafana':
      return t('dashboards (default login admin/admin)');
    case 'prometheus':
      return t('metrics API: /api/v1/query');
    case 'loki':
      return t('log API: /loki/api/v1/query_range, /loki/api/v1/tail');
    case 'alertmanager':
      return t('alerts API: /api/v2/alerts');
    case 'portal':
      return t('the web UI (suite v1.1.x)');
    default:
      return t('the web UI at /dolphindb-cloud (suite v1.0.x), the REST API under /v1');
  }
}

export function suiteForwardTargets(
  namespace: string,
  services: readonly KubeObject[],
  t: Translate = english,
): ForwardSuggestion[] {
  const mine = services.filter((s) => (s.metadata.namespace ?? namespace) === namespace);
  const have = new Map(mine.map((s) => [s.metadata.name, s]));
  // Monitoring Services are recognised by their labels (monitoring.ts); the portal and webserver
  // are the suite's own, with fixed names.
  const monitoring = findMonitoringServices(mine);
  const portal = have.has('dolphindb-cloud-portal');
  const out: ForwardSuggestion[] = [];
  for (const f of SUITE_FORWARDS) {
    const mon = (MONITORING_IDS as readonly string[]).includes(f.id) ? monitoring[f.id as MonitoringId] : undefined;
    const svc = mon ?? (MONITORING_IDS.includes(f.id as MonitoringId) ? undefined : have.get(f.service));
    if (!svc) continue;
    // With a v1.1.x portal the webserver only serves the API; its UI path is v1.0.x only.
    const urlPath = f.id === 'webserver' && portal ? '/v1' : f.urlPath;
    const port = mon
      ? (monitoringPort(mon, f.id as MonitoringId) ?? f.port)
      : arr(svc, 'spec', 'ports').some((p) => num(p, 'port') === f.port)
        ? f.port
        : (num(arr(svc, 'spec', 'ports')[0], 'port') ?? f.port);
    out.push({
      id: f.id,
      label: t(f.label),
      purpose: suitePurpose(f.id, t),
      target: { kind: 'service', namespace, name: svc.metadata.name, port },
      localPort: f.localPort,
      urlPath,
    });
  }
  return out;
}

/** The role port from the CR, else the documented default. */
export function rolePort(ddb: unknown, role: 'ctr' | 'dn' | 'cn'): number {
  const spec = roleFromAbbrev(role) ?? '';
  return num(ddb, 'spec', spec, 'port') ?? DEFAULT_ROLE_PORTS[role];
}

/**
 * Role Services first (`ddb-<name>-ctr` always reaches the leader), then each instance pod.
 * Role Services get the role port locally; instance pods get any free port (several share one number).
 */
export function dolphindbForwardTargets(
  ddb: KubeObject,
  services: readonly KubeObject[],
  pods: readonly KubeObject[],
  t: Translate = english,
): ForwardSuggestion[] {
  const name = ddb.metadata.name;
  const ns = ddb.metadata.namespace ?? '';
  const out: ForwardSuggestion[] = [];
  const svcNames = new Set(services.filter((s) => (s.metadata.namespace ?? '') === ns).map((s) => s.metadata.name));
  const roleLabel = (role: 'ctr' | 'dn' | 'cn'): string =>
    role === 'ctr'
      ? t('DolphinDB controller (leader), port {0}', rolePort(ddb, role))
      : role === 'dn'
        ? t('DolphinDB datanodes, port {0}', rolePort(ddb, role))
        : t('DolphinDB compute nodes, port {0}', rolePort(ddb, role));
  for (const role of ['ctr', 'dn', 'cn'] as const) {
    const svc = roleServiceName(name, role);
    if (!svcNames.has(svc)) continue;
    const port = rolePort(ddb, role);
    out.push({
      id: `svc:${svc}`,
      label: svc,
      purpose: roleLabel(role),
      target: { kind: 'service', namespace: ns, name: svc, port },
      localPort: port,
    });
  }
  const mine = pods
    .filter((p) => (p.metadata.namespace ?? '') === ns)
    .map((p) => ({ p, ref: parsePodName(name, p.metadata.name) }))
    .filter((x): x is { p: KubeObject; ref: NonNullable<typeof x.ref> } => x.ref !== undefined)
    .sort((a, b) => a.ref.abbrev.localeCompare(b.ref.abbrev) || a.ref.index - b.ref.index);
  for (const { p, ref } of mine) {
    const port = serverPort(p, rolePort(ddb, ref.abbrev));
    out.push({
      id: `pod:${p.metadata.name}`,
      label: p.metadata.name,
      purpose: t('DolphinDB instance {0}, port {1}', `${ref.abbrev}-${ref.index}`, port),
      target: { kind: 'pod', namespace: ns, name: p.metadata.name, port },
      localPort: 0,
    });
  }
  return out;
}

/**
 * The server's port in a pod. Port names are not published (§4.2), so not the name: the role
 * port from the CR when the DolphinDB container declares it, else that container's first port,
 * else the role port.
 */
function serverPort(pod: unknown, role: number): number {
  const name = pickDolphinDBContainer(pod);
  const c = arr(pod, 'spec', 'containers').find((x) => str(x, 'name') === name);
  const ports = arr(c, 'ports')
    .map((p) => num(p, 'containerPort'))
    .filter((n): n is number => n !== undefined);
  return ports.includes(role) ? role : (ports[0] ?? role);
}

// The suite's monitoring Services (Grafana, Prometheus, Loki, Alertmanager), found from what the
// cluster says about them rather than from fixed names: charts label them differently
// (upstream-style `app.kubernetes.io/name=grafana` + `instance=<release>`, `app=prometheus` +
// `component=server` + `release=<release>`, or `app.kubernetes.io/name=<release>-grafana`), and
// the release may not be called `dolphindb-mgr`. Labels and selectors first; the documented name
// `<release>-<component>` only as the last resort (docs/domain.md §6.4, §9.5).
import { arr, num, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';

export const MONITORING_IDS = ['grafana', 'prometheus', 'loki', 'alertmanager'] as const;
export type MonitoringId = (typeof MONITORING_IDS)[number];

/** The port each product listens on in its pod: the Service port that leads there is the one to use. */
const CONTAINER_PORTS: Readonly<Record<MonitoringId, number>> = {
  grafana: 3000,
  prometheus: 9090,
  loki: 3100,
  alertmanager: 9093,
};
const DEFAULT_RELEASE = 'dolphindb-mgr';
const NAME_KEYS = ['dolphindb.io/component', 'app.kubernetes.io/name', 'app'] as const;

function labelsOf(s: KubeObject): Record<string, string> {
  return { ...(s.metadata.labels ?? {}) };
}

function selectorOf(s: KubeObject): Record<string, string> {
  const sel = (s as { spec?: { selector?: unknown } }).spec?.selector;
  if (typeof sel !== 'object' || sel === null) return {};
  return Object.fromEntries(Object.entries(sel).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The Helm release a Service belongs to: Helm's annotation, else the usual release labels. */
export function releaseOf(s: KubeObject): string | undefined {
  const l = labelsOf(s);
  return s.metadata.annotations?.['meta.helm.sh/release-name'] ?? l['app.kubernetes.io/instance'] ?? l.release;
}

/** Which monitoring component a Service serves, from its labels and selector. */
export function componentOf(s: KubeObject): MonitoringId | undefined {
  const release = releaseOf(s);
  for (const source of [labelsOf(s), selectorOf(s)]) {
    for (const key of NAME_KEYS) {
      const raw = source[key];
      if (!raw) continue;
      // `grafana`, or `<release>-grafana` when the chart prefixes the release (not always labelled).
      const v = release && raw.startsWith(`${release}-`) ? raw.slice(release.length + 1) : raw;
      const names = (c: MonitoringId): string[] => (c === 'prometheus' ? ['prometheus', 'prometheus-server'] : [c]);
      const id = MONITORING_IDS.find((c) => names(c).some((n) => v === n || v.endsWith(`-${n}`)));
      if (!id) continue;
      // Prometheus charts also label pushgateway/alertmanager Services `app=prometheus`.
      const component = source.component ?? source['app.kubernetes.io/component'];
      if (id === 'prometheus' && component && component !== 'server') continue;
      return id;
    }
  }
  return undefined;
}

/** The Service port leading to the product's port, else one named like an HTTP port, else the first. */
export function monitoringPort(s: KubeObject, id: MonitoringId): number | undefined {
  const ports = arr(s, 'spec', 'ports');
  const target = CONTAINER_PORTS[id];
  const byTarget = ports.find((p) => num(p, 'targetPort') === target) ?? ports.find((p) => num(p, 'port') === target);
  const byName = ports.find((p) => ['http', 'web', 'http-metrics', 'service'].includes(str(p, 'name') ?? ''));
  return num(byTarget ?? byName ?? ports[0], 'port');
}

/**
 * The Service of each monitoring component among a namespace's Services. Several candidates: the
 * one of the suite's release (`release`, else the most common release among them) wins.
 */
export function findMonitoringServices(
  services: readonly KubeObject[],
  release?: string,
): Partial<Record<MonitoringId, KubeObject>> {
  const out: Partial<Record<MonitoringId, KubeObject>> = {};
  for (const id of MONITORING_IDS) {
    const labelled = services.filter((s) => componentOf(s) === id);
    const preferred = release ?? mostCommonRelease(services) ?? DEFAULT_RELEASE;
    const pick =
      labelled.find((s) => releaseOf(s) === preferred) ??
      labelled[0] ??
      services.find((s) => s.metadata.name === `${preferred}-${id === 'prometheus' ? 'prometheus-server' : id}`);
    if (pick) out[id] = pick;
  }
  return out;
}

function mostCommonRelease(services: readonly KubeObject[]): string | undefined {
  const counts = new Map<string, number>();
  for (const s of services) {
    const r = releaseOf(s);
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

// Where Grafana should open: the DolphinDB dashboard. The suite chart provisions it from a
// ConfigMap of dashboard JSON (`grafana-dashboards`, or `<release>-grafana-dashboards`); when that
// JSON carries a uid, the dashboard's own path is `/d/<uid>`. The reference's chart sets no uid
// (docs/domain.md §9.2), and there the dashboard is Grafana's home (v1.1.2+), so the home page it is.
import type { KubeObject } from '../k8s/resources';

export interface GrafanaLanding {
  /** `/d/<uid>` or `/` (home). */
  readonly path: string;
  readonly uid?: string;
  /** Where the uid came from, e.g. `grafana-dashboards/dolphindb.json`. */
  readonly source?: string;
}

interface Dashboard {
  readonly key: string;
  readonly title: string;
  readonly uid?: string;
}

function dashboardsIn(cm: KubeObject): Dashboard[] {
  const data = (cm as { data?: Record<string, unknown> }).data ?? {};
  const out: Dashboard[] = [];
  for (const [key, text] of Object.entries(data)) {
    if (!key.endsWith('.json') || typeof text !== 'string') continue;
    try {
      const j = JSON.parse(text) as { title?: unknown; uid?: unknown; dashboard?: { title?: unknown; uid?: unknown } };
      // Provisioned files hold the dashboard itself; exported ones may wrap it in `dashboard`.
      const d = j.dashboard && typeof j.dashboard === 'object' ? j.dashboard : j;
      out.push({
        key,
        title: typeof d.title === 'string' ? d.title : '',
        ...(typeof d.uid === 'string' && d.uid !== '' ? { uid: d.uid } : {}),
      });
    } catch {
      // Not JSON: not a dashboard we can open.
    }
  }
  return out;
}

/** The DolphinDB dashboard's path from the namespace's ConfigMaps, else Grafana's home. */
export function grafanaLanding(configMaps: readonly KubeObject[]): GrafanaLanding {
  const candidates = configMaps
    .filter((c) => /dashboards?$/.test(c.metadata.name))
    .flatMap((c) => dashboardsIn(c).map((d) => ({ cm: c.metadata.name, ...d })));
  const isDdb = (d: Dashboard): boolean => /dolphindb/i.test(d.title) || /dolphindb/i.test(d.key);
  const pick = candidates.find((d) => isDdb(d) && d.uid) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (pick?.uid) return { path: `/d/${encodeURIComponent(pick.uid)}`, uid: pick.uid, source: `${pick.cm}/${pick.key}` };
  return { path: '/' };
}

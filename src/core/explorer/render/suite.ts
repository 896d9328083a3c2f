// Render: the DolphinDB suite (Helm release dolphindb-mgr) of a namespace and its components.
import { verbatim, type Translate } from '../../i18n/translate';
import { releaseLook, type HelmRelease } from '../helmRelease';
import { nodeId } from '../ids';
import type { ExplorerNode, NodeIcon, NodeTone } from '../nodes';
import { overallHealth, suiteVersion, type ComponentHealth } from '../suite';
import { message } from './common';

type Look = { readonly icon: NodeIcon; readonly tone: NodeTone };
const HEALTHY: Look = { icon: 'healthy', tone: 'ok' };
const WARNING: Look = { icon: 'warning', tone: 'warning' };
const DOWN: Look = { icon: 'error', tone: 'error' };

export function suiteNode(
  context: string,
  namespace: string,
  comps: readonly ComponentHealth[],
  release: HelmRelease | undefined,
  t: Translate,
): ExplorerNode {
  const health = overallHealth(comps);
  const version = suiteVersion(comps) ?? '?';
  const failed = release !== undefined && releaseLook(release.status) === 'failed';
  // A failed release is a warning even while the workloads it left behind are healthy.
  const look = health === 'down' ? DOWN : health === 'degraded' || failed ? WARNING : HEALTHY;
  return {
    id: nodeId({ kind: 'suite', context, namespace }),
    kind: 'suite',
    label: t('DolphinDB suite'),
    description: `${verbatim(`dolphindb-mgr ${version}`)} · ${namespace} · ${health === 'ok' ? t('healthy') : health === 'degraded' ? t('degraded') : t('down')}${release ? ` · ${releaseText(release, t)}` : ''}`,
    ...(release ? { tooltip: releaseTooltip(release, t) } : {}),
    ...look,
    collapsible: 'collapsed',
    caps: ['refresh'],
    key: { t: 'suite', context, namespace },
  };
}

/** `Helm deployed · revision 2 · chart v1.1.7`, as `helm list` would say it. */
function releaseText(r: HelmRelease, t: Translate): string {
  const head = t('Helm {0} · revision {1}', r.status, r.revision);
  return r.chartVersion ? `${head} · ${t('chart {0}', r.chartVersion)}` : head;
}

function releaseTooltip(r: HelmRelease, t: Translate): string {
  const lines = [t('Helm release {0}: {1}, revision {2}', r.name, r.status, r.revision)];
  if (r.chart || r.chartVersion) lines.push(t('Chart: {0} {1}', r.chart ?? '?', r.chartVersion ?? ''));
  if (r.appVersion) lines.push(t('App version: {0}', r.appVersion));
  if (r.description) lines.push(r.description);
  return lines.join('\n\n');
}

/** The suite's children: a failed release's warning first, then the components present. */
export function suiteChildren(
  context: string,
  namespace: string,
  comps: readonly ComponentHealth[],
  release: HelmRelease | undefined,
  t: Translate,
): ExplorerNode[] {
  const warning =
    release && releaseLook(release.status) === 'failed'
      ? [
          message(
            nodeId({ kind: 'message', parent: { kind: 'suite', context, namespace }, message: 'release-failed' }),
            t('Helm release {0} failed: {1}', release.name, release.description ?? '?'),
            'warning',
            {
              tone: 'warning',
              tooltip: releaseTooltip(release, t),
            },
          ),
        ]
      : [];
  const components = comps
    .filter((c) => c.present)
    .map((c): ExplorerNode => ({
      id: nodeId({ kind: 'suiteComponent', context, namespace, component: c.spec.id }),
      kind: 'suiteComponent',
      label: t(c.spec.title),
      description: `${c.ready}/${c.desired}${c.image ? ` · ${c.image}` : ''}`,
      ...(c.health === 'ok' ? HEALTHY : c.health === 'degraded' ? WARNING : DOWN),
      collapsible: 'none',
      ref: { context, kind: c.spec.workload, name: c.spec.name, namespace },
      caps: ['copyName', 'showYaml', 'logs'],
      key: { t: 'leaf' },
    }));
  return [...warning, ...components];
}

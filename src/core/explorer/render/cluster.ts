// Render: a DolphinDB cluster and the group nodes under it (roles, Services, Volumes, the
// ConfigMap, Events).
import type { Translate } from '../../i18n/translate';
import type { KubeObject } from '../../k8s/resources';
import type { RoleAbbrev } from '../../dolphindb/names';
import { listedEvents, type JudgedEvent } from '../eventHealth';
import { clusterNodeId, nodeId } from '../ids';
import type { ExplorerNode } from '../nodes';
import { str } from '../objects';
import { modeText, phaseLook, type RoleStatusView } from '../status';
import { roleStatuses } from '../status';
import { parts, phaseIcon, toneOf } from './common';
import { levelTone, useWords, worseTone } from './usage';
import type { ResourceUse, UseLevel } from '../../metrics/usage';

export function clusterNode(context: string, d: KubeObject, t: Translate): ExplorerNode {
  const ns = d.metadata.namespace ?? '';
  const name = d.metadata.name;
  const look = phaseLook(str(d, 'status', 'phase'));
  const version = str(d, 'spec', 'version') ?? '?';
  const roles = roleStatuses(d);
  const counts = roles.map((r) => `${r.role} ${r.ready}/${r.desired}`).join(' ');
  const tip = [
    `**${name}** · ${ns}`,
    '',
    `${t('Phase')}: ${look.text}`,
    ...(counts ? [`${t('Ready')}: ${roles.map((r) => `${r.role} ${r.ready}/${r.desired}`).join(' · ')}`] : []),
    `${t('Mode')}: ${modeText(d)}`,
    `${t('Version')}: ${version}`,
    `${t('Created')}: ${d.metadata.creationTimestamp ?? '?'}`,
    `${t('Storage class')}: ${str(d, 'spec', 'storageClassName') ?? '-'}`,
    `${t('License server')}: ${str(d, 'spec', 'licenseServerAddress') ?? '-'}`,
    ...roles.filter((r) => r.message).map((r) => `${r.role}: ${r.message}`),
  ].join('  \n');
  return {
    id: clusterNodeId(context, ns, name),
    kind: 'cluster',
    label: name,
    // Phase and ready counts first: the side bar cuts the description's end at its default
    // width, and the topology (in the tooltip) is what a reader can most afford to lose.
    description: parts(look.text, counts, version),
    tooltip: tip,
    icon: phaseIcon(look, 'cluster'),
    tone: toneOf(look),
    collapsible: 'collapsed',
    ref: { context, kind: 'dolphindb', name, namespace: ns },
    caps: ['refresh', 'copyName', 'showYaml', 'edit', 'delete', 'logs', 'cluster', 'revealChildren'],
    key: { t: 'cluster', context, namespace: ns, name },
  };
}

export interface ClusterAt {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
}

/** Exactly the cluster's coordinates: callers may pass a richer object (a node key with its `t`). */
export function coords(at: ClusterAt): ClusterAt {
  return { context: at.context, namespace: at.namespace, name: at.name };
}

/** The role nodes; an unused compute role (none wanted, none reported) is left out. */
export interface RoleUse {
  readonly use: ResourceUse;
  readonly level: UseLevel;
}

export function roleNodes(
  at: ClusterAt,
  roles: readonly RoleStatusView[],
  t: Translate,
  uses?: ReadonlyMap<RoleAbbrev, RoleUse>,
): ExplorerNode[] {
  const title: Record<RoleAbbrev, string> = { ctr: t('Controllers'), dn: t('Data nodes'), cn: t('Compute nodes') };
  return roles
    .filter((r) => !(r.role === 'cn' && r.desired === 0 && Object.keys(r.instances).length === 0))
    .map((r) => {
      const look = phaseLook(r.phase);
      const u = uses?.get(r.role);
      return {
        id: nodeId({ kind: 'role', ...coords(at), role: r.role }),
        kind: 'role' as const,
        label: title[r.role],
        description: `${r.ready}/${r.desired}${r.phase ? ` · ${r.phase}` : ''}${u ? ` · ${useWords(u.use, t)}` : ''}`,
        tooltip: r.message,
        icon: phaseIcon(look, 'role'),
        tone: worseTone(toneOf(look), u ? levelTone(u.level) : undefined),
        collapsible: 'collapsed' as const,
        caps: [],
        key: { t: 'role' as const, ...coords(at), role: r.role },
      };
    });
}

export function servicesGroup(at: ClusterAt, count: number, t: Translate): ExplorerNode {
  return {
    id: nodeId({ kind: 'services', ...coords(at) }),
    kind: 'services',
    label: t('Services'),
    description: String(count),
    icon: 'services',
    collapsible: 'collapsed',
    caps: [],
    key: { t: 'services', ...coords(at) },
  };
}

export function volumesGroup(at: ClusterAt, count: number, t: Translate): ExplorerNode {
  return {
    id: nodeId({ kind: 'pvcs', ...coords(at) }),
    kind: 'pvcs',
    label: t('Volumes'),
    description: String(count),
    icon: 'volume',
    collapsible: 'collapsed',
    caps: [],
    key: { t: 'pvcs', ...coords(at) },
  };
}

export function configMapNode(at: ClusterAt, cm: KubeObject, t: Translate): ExplorerNode {
  return {
    id: nodeId({ kind: 'configmap', ...coords(at) }),
    kind: 'configmap',
    label: cm.metadata.name,
    description: t('ConfigMap · {0} keys', Object.keys(cm.data ?? {}).length),
    icon: 'config',
    collapsible: 'none',
    ref: { context: at.context, kind: 'configmap', name: cm.metadata.name, namespace: at.namespace },
    caps: ['copyName', 'showYaml', 'edit'],
    key: { t: 'leaf' },
  };
}

/**
 * The events group: its count is the number of rows it lists (eventNodes lists exactly these),
 * and only warnings that are not resolved make it a warning.
 */
export function eventsGroup(at: ClusterAt, events: readonly JudgedEvent[], t: Translate): ExplorerNode {
  const listed = listedEvents(events).length;
  const warnings = events.slice(0, listed).filter((e) => e.warning && !e.resolved).length;
  return {
    id: nodeId({ kind: 'events', ...coords(at) }),
    kind: 'events',
    label: t('Events'),
    description: parts(String(listed), warnings > 0 ? t('{0} warnings', warnings) : ''),
    icon: warnings > 0 ? 'warning' : 'history',
    ...(warnings > 0 ? { tone: 'warning' as const } : {}),
    collapsible: 'collapsed',
    caps: [],
    key: { t: 'events', ...coords(at) },
  };
}

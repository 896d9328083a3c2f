// Render: a kube context, the messages under it (connecting, unreachable, stale, forbidden, no
// CRD, no clusters) and the namespace grouping nodes.
import { operationOf, reasonOf } from '../../i18n/text';
import type { Translate } from '../../i18n/translate';
import type { Failure } from '../../result';
import { contextNodeId, nodeId } from '../ids';
import type { Capability, ExplorerNode } from '../nodes';
import type { ContextState } from '../registry';
import type { Refusal } from '../session';
import { message } from './common';

export interface ContextView {
  readonly context: string;
  readonly current: boolean;
  readonly state: ContextState;
  /** Ready once, but a watch is disconnected now: the tree shows the last known state. */
  readonly stale: boolean;
  /** "2 of 14 namespaces" when filtered. */
  readonly filtered?: string;
  readonly probed?: { readonly serverVersion: string; readonly server: string };
}

export function contextNode(v: ContextView, t: Translate): ExplorerNode {
  const st = v.state;
  let description = v.current ? t('current') : '';
  if (st.s === 'connecting') description = t('connecting…');
  if (st.s === 'error') description = t('unreachable');
  if (v.stale) description = t('disconnected, showing last known state');
  if (v.filtered) description = description ? `${description} · ${v.filtered}` : v.filtered;
  const broken = st.s === 'error' || v.stale;
  const caps: Capability[] = ['refresh', 'switchContext', 'filterNamespaces'];
  if (v.stale) caps.push('stale');
  return {
    id: contextNodeId(v.context),
    kind: 'context',
    label: v.context,
    description,
    tooltip: v.probed ? t('Kubernetes {0} · {1}', v.probed.serverVersion, v.probed.server) : undefined,
    icon: broken ? 'disconnected' : v.current ? 'currentContext' : 'context',
    ...(broken ? { tone: 'error' as const } : {}),
    collapsible: v.current ? 'expanded' : 'collapsed',
    caps,
    key: { t: 'context', context: v.context },
  };
}

/** "2 of 14 namespaces" when the user narrowed the context; undefined when not filtered. */
export function namespaceFilterText(
  filter: readonly string[] | undefined,
  known: readonly string[],
  t: Translate,
): string | undefined {
  if (!filter) return undefined;
  // Before the namespace list has loaded the total is unknown: "1 of 1" would be wrong.
  if (known.length === 0) return t('{0} namespaces (filtered)', new Set(filter).size);
  const total = new Set([...known, ...filter]).size;
  return t('{0} of {1} namespaces', new Set(filter).size, total);
}

const msgId = (context: string, m: string): string =>
  nodeId({ kind: 'message', parent: { kind: 'context', context }, message: m });
const retry = (context: string, t: Translate): Partial<ExplorerNode> => ({
  caps: ['retry'],
  action: { name: 'retry', title: t('Retry'), args: [context] },
});

export function connectingMessage(context: string, t: Translate): ExplorerNode {
  return message(msgId(context, 'connecting'), t('Connecting…'), 'loading');
}

export function unreachableMessage(context: string, f: Failure, t: Translate): ExplorerNode {
  const label =
    f.kind === 'forbidden'
      ? t('Forbidden: {0} {1}', f.verb ?? '?', f.resource ?? '?')
      : t('Cannot reach the cluster: {0}', reasonOf(f, t));
  return message(msgId(context, 'error'), label, 'error', {
    ...retry(context, t),
    tooltip: `${operationOf(f, t)}: ${reasonOf(f, t)}`,
  });
}

export function staleMessage(context: string, f: Failure, t: Translate): ExplorerNode {
  return message(
    msgId(context, 'stale'),
    t('Disconnected: {0} (showing last known state; reconnecting)', reasonOf(f, t)),
    'warning',
    retry(context, t),
  );
}

export function forbiddenMessage(context: string, r: Refusal, t: Translate): ExplorerNode {
  return message(
    msgId(context, `forbidden:${r.verb}:${r.resource}:${r.namespace ?? ''}`),
    t('Forbidden: {0} {1}{2}', r.verb, r.resource, r.namespace ? ` (${r.namespace})` : ''),
    'forbidden',
  );
}

export function noCrdMessage(context: string, t: Translate): ExplorerNode {
  return message(msgId(context, 'nocrd'), t('DolphinDB is not installed in this cluster (no DolphinDB CRD)'), 'info', {
    caps: ['installSuite'],
    action: { name: 'installSuite', title: t('Install DolphinDB suite'), args: [context] },
  });
}

export function noClustersMessage(context: string, t: Translate): ExplorerNode {
  return message(msgId(context, 'noclusters'), t('No DolphinDB clusters yet'), 'info', {
    caps: ['createCluster'],
    action: { name: 'createCluster', title: t('Create cluster'), args: [context] },
  });
}

export function namespaceNode(context: string, namespace: string, clusters: number, t: Translate): ExplorerNode {
  return {
    id: nodeId({ kind: 'namespace', context, namespace }),
    kind: 'namespace',
    label: namespace,
    description: clusters === 1 ? t('1 cluster') : t('{0} clusters', clusters),
    icon: 'namespace',
    collapsible: 'expanded',
    caps: ['refresh'],
    key: { t: 'namespace', context, namespace },
  };
}

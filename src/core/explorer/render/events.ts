// Render: a cluster's events (already filtered and sorted, warnings first).
import type { Translate } from '../../i18n/translate';
import type { KubeObject } from '../../k8s/resources';
import { nodeId } from '../ids';
import type { ExplorerNode } from '../nodes';
import { age, num, str } from '../objects';
import { coords, type ClusterAt } from './cluster';
import { message, parts } from './common';

/** At most this many events are listed; the rest are older or less severe. */
const MAX_EVENTS = 200;

export function eventNodes(at: ClusterAt, events: readonly KubeObject[], t: Translate): ExplorerNode[] {
  if (events.length === 0)
    return [message(nodeId({ kind: 'none', parent: { kind: 'events', ...coords(at) } }), t('No events'), 'info')];
  return events.slice(0, MAX_EVENTS).map((e) => {
    const warn = str(e, 'type') === 'Warning';
    const count = num(e, 'count') ?? num(e, 'series', 'count') ?? 1;
    const when = str(e, 'lastTimestamp') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp;
    return {
      id: nodeId({ kind: 'event', context: at.context, namespace: at.namespace, name: e.metadata.name }),
      kind: 'event',
      label: `${str(e, 'reason') ?? '?'}: ${(str(e, 'message') ?? '').slice(0, 200)}`,
      description: parts(
        `${str(e, 'involvedObject', 'kind') ?? ''}/${str(e, 'involvedObject', 'name') ?? ''}`,
        count > 1 ? `×${count}` : '',
        age(when),
      ),
      tooltip: str(e, 'message'),
      icon: warn ? 'warning' : 'info',
      ...(warn ? { tone: 'warning' as const } : {}),
      collapsible: 'none',
      caps: [],
      key: { t: 'leaf' },
    };
  });
}

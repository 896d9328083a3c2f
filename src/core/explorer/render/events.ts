// Render: a cluster's events, judged (eventHealth.ts) and ordered, warnings that still matter first.
// A row leads with the object it is about, then the reason; the message follows.
import type { Translate } from '../../i18n/translate';
import { listedEvents, type JudgedEvent } from '../eventHealth';
import { nodeId } from '../ids';
import type { ExplorerNode } from '../nodes';
import { age, num, str } from '../objects';
import { coords, type ClusterAt } from './cluster';
import { message, parts } from './common';

export function eventNodes(at: ClusterAt, events: readonly JudgedEvent[], t: Translate, now = Date.now()): ExplorerNode[] {
  if (events.length === 0)
    return [message(nodeId({ kind: 'none', parent: { kind: 'events', ...coords(at) } }), t('No events'), 'info')];
  return listedEvents(events).map(({ event: e, warning, resolved, at: when }) => {
    const count = num(e, 'count') ?? num(e, 'series', 'count') ?? 1;
    const object = `${(str(e, 'involvedObject', 'kind') ?? '?').toLowerCase()}/${str(e, 'involvedObject', 'name') ?? '?'}`;
    const reason = str(e, 'reason') ?? '?';
    const text = str(e, 'message') ?? '';
    const live = warning && !resolved;
    return {
      id: nodeId({ kind: 'event', context: at.context, namespace: at.namespace, name: e.metadata.name }),
      kind: 'event',
      label: `${object} · ${reason}`,
      description: parts(
        warning && resolved ? t('resolved') : '',
        count > 1 ? `×${count}` : '',
        when ? age(new Date(when).toISOString(), now) : '',
        text.slice(0, 200),
      ),
      tooltip: [
        `**${object}** · ${reason}`,
        '',
        text,
        ...(warning && resolved ? ['', t('Resolved: its object has been healthy since this happened.')] : []),
      ].join('  \n'),
      icon: live ? 'warning' : warning ? 'resolved' : 'info',
      ...(live ? { tone: 'warning' as const } : warning ? { tone: 'muted' as const } : {}),
      collapsible: 'none',
      caps: [],
      key: { t: 'leaf' },
    };
  });
}

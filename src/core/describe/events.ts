// Events as `kubectl describe` prints them under an object, and as a Markdown report for a whole
// cluster (warnings first, newest first).
import { age, num, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';
import { table, tr, type DescribeOptions } from './format';

export function eventTime(e: unknown): number {
  return (
    Date.parse(
      str(e, 'lastTimestamp') ??
        str(e, 'series', 'lastObservedTime') ??
        str(e, 'eventTime') ??
        str(e, 'metadata', 'creationTimestamp') ??
        '',
    ) || 0
  );
}

function firstTime(e: unknown): number {
  return (
    Date.parse(str(e, 'firstTimestamp') ?? str(e, 'eventTime') ?? str(e, 'metadata', 'creationTimestamp') ?? '') || eventTime(e)
  );
}

export function eventCount(e: unknown): number {
  return num(e, 'count') ?? num(e, 'series', 'count') ?? 1;
}

export function eventSource(e: unknown): string {
  return str(e, 'source', 'component') ?? str(e, 'reportingComponent') ?? str(e, 'reportingController') ?? '';
}

/** Events about one object: by UID when both sides have it, else by kind and name. */
export function eventsFor(obj: KubeObject, events: readonly KubeObject[]): KubeObject[] {
  const uid = obj.metadata.uid;
  return events.filter((e) => {
    const iuid = str(e, 'involvedObject', 'uid') ?? str(e, 'regarding', 'uid');
    if (uid && iuid) return uid === iuid;
    const kind = str(e, 'involvedObject', 'kind') ?? str(e, 'regarding', 'kind');
    const name = str(e, 'involvedObject', 'name') ?? str(e, 'regarding', 'name');
    return name === obj.metadata.name && (!kind || !obj.kind || kind === obj.kind);
  });
}

function ageText(e: unknown, now: number): string {
  const last = eventTime(e);
  const count = eventCount(e);
  const a = age(new Date(last).toISOString(), now);
  if (count <= 1) return a;
  return `${a} (x${count} over ${age(new Date(firstTime(e)).toISOString(), now)})`;
}

/** The `Events:` block of describe: oldest first like kubectl, or `<none>`. */
export function eventsBlock(events: readonly KubeObject[], opts?: DescribeOptions): string {
  if (events.length === 0) return 'Events:  <none>\n';
  const now = opts?.now ?? Date.now();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  const rows = sorted.map((e) => [
    str(e, 'type') ?? '',
    str(e, 'reason') ?? '',
    ageText(e, now),
    eventSource(e),
    oneLine(str(e, 'message') ?? str(e, 'note') ?? ''),
  ]);
  return 'Events:\n' + table(['Type', 'Reason', 'Age', 'From', 'Message'], rows, '  ');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function mdCell(s: string): string {
  return oneLine(s).replace(/\|/g, '\\|');
}

/** Markdown report of a cluster's events: warnings first, then newest first; bounded. */
export function eventsReport(
  title: string,
  events: readonly KubeObject[],
  opts?: DescribeOptions & { readonly limit?: number },
): string {
  const t = tr(opts);
  const now = opts?.now ?? Date.now();
  const limit = opts?.limit ?? 200;
  const sorted = [...events].sort(
    (a, b) => Number(str(b, 'type') === 'Warning') - Number(str(a, 'type') === 'Warning') || eventTime(b) - eventTime(a),
  );
  const warnings = sorted.filter((e) => str(e, 'type') === 'Warning').length;
  const out = [`# ${title}`, '', t('{0} events, {1} warnings.', events.length, warnings), ''];
  if (sorted.length === 0) return out.join('\n') + '\n';
  out.push(
    `| ${t('Type')} | ${t('Reason')} | ${t('Object')} | ${t('Last seen')} | ${t('Count')} | ${t('Message')} |`,
    '|---|---|---|---|---|---|',
  );
  for (const e of sorted.slice(0, limit)) {
    const obj = `${str(e, 'involvedObject', 'kind') ?? ''}/${str(e, 'involvedObject', 'name') ?? ''}`;
    out.push(
      `| ${str(e, 'type') === 'Warning' ? '⚠ Warning' : (str(e, 'type') ?? '')} | ${mdCell(str(e, 'reason') ?? '')} | ${mdCell(obj)} | ${age(new Date(eventTime(e)).toISOString(), now)} | ${eventCount(e)} | ${mdCell(str(e, 'message') ?? '')} |`,
    );
  }
  if (sorted.length > limit) out.push('', t('{0} more events not shown.', sorted.length - limit));
  return out.join('\n') + '\n';
}

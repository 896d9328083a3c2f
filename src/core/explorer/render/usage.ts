// Render: resource use on instance, container and role rows (used/request/limit), the warning
// tone near the memory limit, and OOMKilled containers. Shared by members.ts and cluster.ts.
import type { Translate } from '../../i18n/translate';
import {
  amountText,
  formatBytes,
  formatCpu,
  memoryLevel,
  shareOfLimit,
  type ResourceUse,
  type UseLevel,
} from '../../metrics/usage';
import type { NodeTone } from '../nodes';
import { arr, str } from '../objects';

const compact = (text: string): string => text.replace(/ \/ /g, '/');

/** `CPU 120m/500m/1 · Mem 1.2Gi/2Gi/4Gi (60%)`: used/request/limit; the share is of the memory limit. */
export function useWords(u: ResourceUse, t: Translate): string {
  const share = shareOfLimit(u.memory);
  const pct = share === undefined ? '' : ` (${Math.round(share * 100)}%)`;
  return `${t('CPU {0}', compact(amountText(u.cpu, formatCpu)))} · ${t('Mem {0}', compact(amountText(u.memory, formatBytes)) + pct)}`;
}

/** Tooltip lines: one per container, spelled out. */
export function useTooltip(containers: ReadonlyMap<string, ResourceUse>, t: Translate): string[] {
  const lines = [`${t('Resource use (used / request / limit)')}:`];
  for (const [name, u] of containers)
    lines.push(`${name}: ${t('CPU {0}', amountText(u.cpu, formatCpu))} · ${t('Mem {0}', amountText(u.memory, formatBytes))}`);
  return lines;
}

export function levelTone(level: UseLevel): NodeTone | undefined {
  return level === 'over' ? 'error' : level === 'near' ? 'warning' : undefined;
}

const SEVERITY: Record<NodeTone, number> = { muted: 0, ok: 1, progress: 2, warning: 3, error: 4 };

/** The more severe of two tones. */
export function worseTone(a: NodeTone | undefined, b: NodeTone | undefined): NodeTone | undefined {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Names of the containers whose last (or current) termination was an OOM kill. */
export function oomKilledContainers(pod: unknown): string[] {
  return arr(pod, 'status', 'containerStatuses')
    .filter(
      (cs) =>
        str(cs, 'lastState', 'terminated', 'reason') === 'OOMKilled' || str(cs, 'state', 'terminated', 'reason') === 'OOMKilled',
    )
    .map((cs) => str(cs, 'name') ?? '?');
}

export const memoryLevelOf = (u: ResourceUse): UseLevel => memoryLevel(u.memory);

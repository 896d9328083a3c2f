// What every render file shares: message nodes, and a phase's look as a semantic icon and tone.
import type { Tone } from '../status';
import type { PhaseLook } from '../status';
import type { ExplorerNode, NodeIcon, NodeTone } from '../nodes';

export function message(id: string, label: string, icon: NodeIcon, extra: Partial<ExplorerNode> = {}): ExplorerNode {
  return { id, kind: 'message', label, icon, collapsible: 'none', caps: [], key: { t: 'leaf' }, ...extra };
}

const TONE: Record<Tone, NodeTone> = { ok: 'ok', progressing: 'progress', failed: 'error', unknown: 'muted' };

export function toneOf(look: PhaseLook): NodeTone {
  return TONE[look.tone];
}

/** The icon of a phase that is not ok; an ok phase shows the node's own icon (`okIcon`). */
export function phaseIcon(look: PhaseLook, okIcon: NodeIcon): NodeIcon {
  if (look.tone === 'ok') return okIcon;
  if (look.tone === 'progressing') return 'progress';
  if (look.tone === 'failed') return 'error';
  return look.missing ? 'noPhase' : 'unknownPhase';
}

/** `a · b · c`, skipping empty parts. */
export function parts(...xs: (string | undefined | false)[]): string {
  return xs.filter((x) => x).join(' · ');
}

// Cluster and role status for display (docs/domain.md §3): known phases get a tone; anything else
// is shown verbatim, grey. Never throws on a strange status.
import { field, num, rec, str } from './objects';
import { podName, ROLES, roleAbbrev, roleStatusKey, type RoleAbbrev } from '../dolphindb/names';

import { phaseView, type Tone } from '../dolphindb/status';

export type { Tone };

export interface PhaseLook {
  readonly text: string;
  readonly tone: Tone;
  /** No phase at all (nothing reported yet), as opposed to a phase we do not know. */
  readonly missing: boolean;
}

// Kubernetes words the tree also shows (pods, PVCs, container states); DolphinDB's own phases
// are judged by the domain model.
const KUBE_TONES: ReadonlyMap<string, Tone> = new Map<string, Tone>([
  ['Bound', 'ok'],
  ['ContainerCreating', 'progressing'],
  ['PodInitializing', 'progressing'],
  ['Terminating', 'progressing'],
  ['CrashLoopBackOff', 'failed'],
  ['ImagePullBackOff', 'failed'],
  ['ErrImagePull', 'failed'],
  ['Lost', 'failed'],
]);

export function phaseLook(phase: string | undefined): PhaseLook {
  if (phase === undefined || phase === '') return { text: 'Unknown', tone: 'unknown', missing: true };
  const kube = KUBE_TONES.get(phase);
  const v = phaseView(kube ? { ok: 'Ready', progressing: 'Progressing', failed: 'Failed', unknown: phase }[kube] : phase);
  return { text: phase, tone: v.tone, missing: false };
}

export interface RoleStatusView {
  readonly role: RoleAbbrev;
  readonly phase?: string;
  readonly desired: number;
  readonly ready: number;
  readonly current?: number;
  readonly message?: string;
  readonly master?: string;
  readonly instances: Record<string, { phase?: string; message?: string }>;
}

/**
 * Each role's status. `masterInstance` is documented as the leader's pod name (§3) but an
 * operator need not write it for a single controller: then the only controller leads.
 */
export function roleStatuses(ddb: unknown): RoleStatusView[] {
  const out: RoleStatusView[] = [];
  const mode = str(ddb, 'spec', 'mode');
  for (const role of ROLES) {
    const r = { abbrev: roleAbbrev(role) };
    const spec = field(ddb, 'spec', role);
    const st = field(ddb, 'status', roleStatusKey(role));
    if (spec === undefined && st === undefined) continue;
    if (mode === 'standalone' && r.abbrev !== 'dn' && st === undefined) continue;
    const desired = num(spec, 'replicas') ?? num(st, 'replicas') ?? (mode === 'standalone' ? 1 : 0);
    const instances: Record<string, { phase?: string; message?: string }> = {};
    for (const [k, v] of Object.entries(rec(st, 'instanceStatus')))
      instances[k] = { phase: str(v, 'phase'), message: str(v, 'message') };
    out.push({
      role: r.abbrev,
      phase: str(st, 'phase'),
      desired,
      ready: num(st, 'readyReplicas') ?? 0,
      current: num(st, 'currentReplicas'),
      message: str(st, 'message'),
      master:
        str(st, 'masterInstance') ??
        (r.abbrev === 'ctr' && desired === 1 ? podName(str(ddb, 'metadata', 'name') ?? '', 'ctr', 0) : undefined),
      instances,
    });
  }
  return out;
}

export function modeText(ddb: unknown): string {
  const mode = str(ddb, 'spec', 'mode') ?? '?';
  const type = str(ddb, 'spec', 'clusterType');
  return mode === 'cluster' && type ? `cluster/${type}` : mode;
}

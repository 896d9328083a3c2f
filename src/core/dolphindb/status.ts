// Turns a DolphinDB object's status (docs/domain.md §3) into what the tree shows. The operator writes
// status through the status subresource and only `Available`, `Ready` and `Progressing` have ever
// been observed, so every reader here takes `unknown`, tolerates any shape, shows unknown phases
// verbatim, and never throws.
import { ROLES, roleAbbrev, roleStatusKey, type Role } from './names';

export type Tone = 'ok' | 'progressing' | 'failed' | 'unknown';

export interface PhaseView {
  /** The phase as written by the operator, or `Unknown` when absent. */
  readonly label: string;
  /** How the phase reads; the extension picks icon and colour from it (views/nodeLook.ts). */
  readonly tone: Tone;
}

export interface InstanceView {
  /** instanceStatus key: the StatefulSet name `ddb-<name>-<role>-<i>`. */
  readonly name: string;
  readonly phase: PhaseView;
  readonly message?: string;
}

export interface RoleView {
  readonly role: Role;
  readonly phase: PhaseView;
  /** readyReplicas; undefined when not reported. */
  readonly ready?: number;
  /** replicas (desired) from status, else from spec. */
  readonly desired?: number;
  readonly current?: number;
  readonly message?: string;
  /** Pod name of the Raft leader (controller only). */
  readonly master?: string;
  readonly instances: readonly InstanceView[];
  /** `ctr 3/3`, with `?` for unknown numbers. */
  readonly countText: string;
}

export interface ClusterView {
  readonly phase: PhaseView;
  readonly mode?: string;
  readonly clusterType?: string;
  readonly version?: string;
  readonly roles: readonly RoleView[];
  readonly master?: string;
  /** `cluster/multicontroller · v2.00.7 · Available · ctr 3/3 dn 3/3` */
  readonly summary: string;
}

const VIEWS: Readonly<Record<Exclude<Tone, 'unknown'>, Omit<PhaseView, 'label'>>> = {
  ok: { tone: 'ok' },
  progressing: { tone: 'progressing' },
  failed: { tone: 'failed' },
};
const UNKNOWN: Omit<PhaseView, 'label'> = { tone: 'unknown' };

// Observed: Available (cluster), Ready and Progressing (role, instance). The failure words are
// an inference (no failure phase is documented); they only pick a red icon, the label stays verbatim.
const TONE_OF: ReadonlyMap<string, Exclude<Tone, 'unknown'>> = new Map([
  ['available', 'ok'],
  ['ready', 'ok'],
  ['running', 'ok'],
  ['progressing', 'progressing'],
  ['pending', 'progressing'],
  ['creating', 'progressing'],
  ['updating', 'progressing'],
  ['failed', 'failed'],
  ['error', 'failed'],
  ['unavailable', 'failed'],
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const asCount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const field = (o: unknown, key: string): unknown => (isRecord(o) ? o[key] : undefined);

/** Display of one phase value; any input, never throws. */
export function phaseView(phase: unknown): PhaseView {
  const label =
    typeof phase === 'string' && phase.trim() !== ''
      ? phase
      : typeof phase === 'number' || typeof phase === 'boolean'
        ? String(phase)
        : 'Unknown';
  const tone = typeof phase === 'string' ? TONE_OF.get(phase.trim().toLowerCase()) : undefined;
  return { label, ...(tone ? VIEWS[tone] : UNKNOWN) };
}

function instancesOf(roleStatus: unknown): InstanceView[] {
  const raw = field(roleStatus, 'instanceStatus');
  if (!isRecord(raw)) return [];
  const out: InstanceView[] = [];
  for (const [name, inst] of Object.entries(raw)) {
    const message = asString(field(inst, 'message'));
    out.push({ name, phase: phaseView(field(inst, 'phase')), ...(message ? { message } : {}) });
  }
  // Natural order so ddb-x-dn-10 follows ddb-x-dn-9.
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** View of one role, or undefined when neither status nor spec mention it. */
export function roleView(cr: unknown, role: Role): RoleView | undefined {
  const status = field(cr, 'status');
  const rs = field(status, roleStatusKey(role));
  const specBlock = field(field(cr, 'spec'), role);
  if (!isRecord(rs) && !isRecord(specBlock)) return undefined;

  const ready = asCount(field(rs, 'readyReplicas'));
  const desired = asCount(field(rs, 'replicas')) ?? asCount(field(specBlock, 'replicas'));
  const current = asCount(field(rs, 'currentReplicas'));
  const message = asString(field(rs, 'message'));
  const master = role === 'controller' ? asString(field(rs, 'masterInstance')) : undefined;
  const countText = `${roleAbbrev(role)} ${ready ?? '?'}/${desired ?? '?'}`;
  return {
    role,
    phase: phaseView(field(rs, 'phase')),
    ...(ready !== undefined ? { ready } : {}),
    ...(desired !== undefined ? { desired } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(message ? { message } : {}),
    ...(master ? { master } : {}),
    instances: instancesOf(rs),
    countText,
  };
}

/** Pod name of the Raft leader, from `status.controllerStatus.masterInstance`. */
export function masterInstance(cr: unknown): string | undefined {
  return asString(field(field(field(cr, 'status'), 'controllerStatus'), 'masterInstance'));
}

/** `cluster/multicontroller`, `cluster`, `standalone`, or undefined. */
export function modeText(mode: unknown, clusterType: unknown): string | undefined {
  const m = asString(mode);
  const t = asString(clusterType);
  if (m === 'cluster') return t ? `cluster/${t}` : 'cluster';
  return m;
}

/** Everything the tree needs about one CR; any input, never throws. */
export function clusterView(cr: unknown): ClusterView {
  const spec = field(cr, 'spec');
  const mode = asString(field(spec, 'mode'));
  const clusterType = asString(field(spec, 'clusterType'));
  const version = asString(field(spec, 'version'));
  const phase = phaseView(field(field(cr, 'status'), 'phase'));
  const roles = ROLES.map((r) => roleView(cr, r)).filter((r): r is RoleView => r !== undefined);
  const master = masterInstance(cr);
  const parts = [modeText(mode, clusterType), version, phase.label, roles.map((r) => r.countText).join(' ')];
  return {
    phase,
    ...(mode ? { mode } : {}),
    ...(clusterType ? { clusterType } : {}),
    ...(version ? { version } : {}),
    roles,
    ...(master ? { master } : {}),
    summary: parts.filter((p): p is string => p !== undefined && p !== '').join(' · '),
  };
}

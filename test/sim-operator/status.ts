// SIMULATED DolphinDB operator: status computation from pods (pure), license check, and the
// Go-printed ContainerState text that the real operator puts into instance messages (§3).

import type { V1ContainerState, V1Pod } from '@kubernetes/client-node';
import { ANNOTATION_CONFIG_HASH } from './constants.js';
import { dialectFor, type Dialect } from './dialect.js';
import { invalidLicenseMessage, podName, stsName } from './desired.js';
import { instanceOf, type RoleName, type SimSpec } from './spec.js';

export interface InstanceStatus {
  phase: string;
  message?: string;
}

export interface RoleStatus {
  phase: string;
  replicas: number;
  currentReplicas: number;
  readyReplicas: number;
  message?: string;
  masterInstance?: string;
  instanceStatus: Record<string, InstanceStatus>;
}

export interface DolphinDBStatus {
  phase: string;
  controllerStatus?: RoleStatus;
  datanodeStatus?: RoleStatus;
  computenodeStatus?: RoleStatus;
}

export type LicenseCheck = { valid: true } | { valid: false; reason: 'empty' | 'malformed' | 'expired' };

/**
 * A license "looks valid" when its first line is printable text with a comma-separated header.
 * When the first field is a `YYYY.MM.DD` date in the past, the license counts as expired.
 */
export function checkLicense(text: string | undefined, now: Date): LicenseCheck {
  if (text === undefined || text.trim() === '') return { valid: false, reason: 'empty' };
  const first = text.split('\n', 1)[0].replace(/\r$/, '');
  if (!first.includes(',') || /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/.test(first))
    return { valid: false, reason: 'malformed' };
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(first.split(',')[0].trim());
  if (m) {
    const expiry = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
    if (expiry < now.getTime()) return { valid: false, reason: 'expired' };
  }
  return { valid: true };
}

// ---------- Go formatting ----------

function goTime(t: Date | string | undefined): string {
  if (t === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const iso = d.toISOString(); // 2025-03-04T08:15:22.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** Kubernetes' generated Go String() of a ContainerState, e.g. the observed
 * `&ContainerState{Waiting:&ContainerStateWaiting{Reason:PodInitializing,Message:,},Running:nil,Terminated:nil,}`. */
export function formatContainerState(s: V1ContainerState | undefined): string {
  const w = s?.waiting ? `&ContainerStateWaiting{Reason:${s.waiting.reason ?? ''},Message:${s.waiting.message ?? ''},}` : 'nil';
  const r = s?.running ? `&ContainerStateRunning{StartedAt:${goTime(s.running.startedAt)},}` : 'nil';
  const t = s?.terminated
    ? `&ContainerStateTerminated{ExitCode:${s.terminated.exitCode},Signal:${s.terminated.signal ?? 0},Reason:${s.terminated.reason ?? ''},` +
      `Message:${s.terminated.message ?? ''},StartedAt:${goTime(s.terminated.startedAt)},FinishedAt:${goTime(s.terminated.finishedAt)},` +
      `ContainerID:${s.terminated.containerID ?? ''},}`
    : 'nil';
  return `&ContainerState{Waiting:${w},Running:${r},Terminated:${t},}`;
}

const waiting = (reason: string, message = ''): V1ContainerState => ({ waiting: { reason, message } });

export function isPodReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Why an instance is not ready, as a Go ContainerState string. */
export function describeNotReady(pod: V1Pod | undefined, name: string, server = 'dolphindb'): string {
  if (!pod) return formatContainerState(waiting('ContainerCreating', `pod ${name} does not exist yet`));
  const cs = pod.status?.containerStatuses?.find((c) => c.name === server);
  if (cs?.state && (cs.state.waiting || cs.state.running || cs.state.terminated)) return formatContainerState(cs.state);
  const sched = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (sched && sched.status === 'False')
    return formatContainerState(waiting(sched.reason ?? 'Unschedulable', sched.message ?? ''));
  return formatContainerState(waiting('PodInitializing'));
}

export interface StatusInput {
  name: string;
  spec: SimSpec;
  /** Pods of this cluster (any; matched by name). */
  pods: readonly V1Pod[];
  configHash: string;
  license: LicenseCheck;
  /** Default: the inferred dialect. */
  dialect?: Dialect;
}

export interface StatusResult {
  status: DolphinDBStatus;
  /** Index of the lowest-index Ready controller (the simulated Raft leader), if any. */
  leaderIndex: number | undefined;
}

const STATUS_KEY: Readonly<Record<RoleName, 'controllerStatus' | 'datanodeStatus' | 'computenodeStatus'>> = {
  controller: 'controllerStatus',
  datanode: 'datanodeStatus',
  computenode: 'computenodeStatus',
};

export function computeStatus(input: StatusInput): StatusResult {
  const { name, spec, pods, configHash } = input;
  const d = input.dialect ?? dialectFor('inferred');
  const byName = new Map(pods.map((p) => [p.metadata?.name ?? '', p]));
  const status: DolphinDBStatus = { phase: 'Available' };
  let leaderIndex: number | undefined;
  let allReady = input.license.valid;

  for (const role of spec.roles) {
    const rs: RoleStatus = { phase: 'Ready', replicas: role.replicas, currentReplicas: 0, readyReplicas: 0, instanceStatus: {} };
    const messages: string[] = [];
    let active = 0;
    for (let i = 0; i < role.replicas; i++) {
      const key = stsName(name, role.role, i);
      const pname = podName(name, role.role, i);
      if (instanceOf(role, i).paused) {
        // `Paused` is an invented phase (§3 documents Ready and Progressing only).
        if (d.pausedPhase) rs.instanceStatus[key] = { phase: 'Paused', message: 'instance is paused' };
        continue;
      }
      active++;
      const pod = byName.get(pname);
      const alive = pod !== undefined && !pod.metadata?.deletionTimestamp;
      if (alive) rs.currentReplicas++;
      const ready = alive && isPodReady(pod) && pod.metadata?.annotations?.[ANNOTATION_CONFIG_HASH] === configHash;
      if (ready) {
        rs.readyReplicas++;
        rs.instanceStatus[key] = { phase: 'Ready' };
        if (role.role === 'controller' && leaderIndex === undefined) leaderIndex = i;
      } else {
        const msg = describeNotReady(pod, pname, d.containers.server(role.role));
        rs.instanceStatus[key] = { phase: 'Progressing', message: msg };
        messages.push(msg);
      }
    }
    if (rs.readyReplicas < active) {
      rs.phase = 'Progressing';
      rs.message = messages.join('\n');
    }
    if (!input.license.valid) {
      rs.phase = 'Progressing';
      rs.message = [invalidLicenseMessage(name, role.role), ...messages].join('\n');
    }
    const writeMaster = d.masterWithOneController || spec.clusterType === 'multicontroller';
    if (role.role === 'controller' && leaderIndex !== undefined && writeMaster)
      rs.masterInstance = podName(name, 'controller', leaderIndex);
    if (rs.phase !== 'Ready') allReady = false;
    status[STATUS_KEY[role.role]] = rs;
  }
  if (!allReady) status.phase = 'Progressing';
  return { status, leaderIndex };
}

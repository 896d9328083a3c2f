// What a pod's status says about one container's log: is there anything to read yet, did the
// container restart, will it ever run again. Tolerates any missing field.
import { arr, field, num, str } from '../explorer/objects';

export interface ContainerLogState {
  /** Running, or terminated at least once: the kubelet has a log to serve. */
  readonly readable: boolean;
  readonly running: boolean;
  readonly restartCount: number;
  /** A previous instance exists (`--previous` has something to show). */
  readonly hasPrevious: boolean;
  /** Waiting reason, e.g. ContainerCreating, PodInitializing, CrashLoopBackOff. */
  readonly waitingReason?: string;
  /** The pod is finished (Succeeded/Failed): nothing will be written any more. */
  readonly podFinished: boolean;
}

export function containerLogState(pod: unknown, container: string): ContainerLogState {
  const statuses = [...arr(pod, 'status', 'containerStatuses'), ...arr(pod, 'status', 'initContainerStatuses')];
  const cs = statuses.find((s) => str(s, 'name') === container);
  const running = field(cs, 'state', 'running') !== undefined;
  const terminated = field(cs, 'state', 'terminated') !== undefined;
  const hasPrevious = field(cs, 'lastState', 'terminated') !== undefined;
  const phase = str(pod, 'status', 'phase');
  return {
    readable: running || terminated || hasPrevious,
    running,
    restartCount: num(cs, 'restartCount') ?? 0,
    hasPrevious,
    waitingReason: str(cs, 'state', 'waiting', 'reason') ?? (cs ? undefined : phase === 'Pending' ? 'Pending' : undefined),
    podFinished: phase === 'Succeeded' || phase === 'Failed',
  };
}

// Answers of the observe commands: the common Answers plus what they read from a tree node (the
// object and container picked), and whether a script passed the answers (then nothing is asked
// beyond what is missing).
import type { ExplorerNode } from '../../../core/explorer/nodes';
import { toAnswers, type Answers } from './answers';

export interface ObserveAnswers extends Answers {
  /** Kind of the object the node stands for (`pod`, `statefulset`, `service`, `pvc`, …). */
  readonly objectKind?: string;
  /** Name of that object (pod name for pods and containers). */
  readonly objectName?: string;
  readonly container?: string;
  /** true when a script or test passed an answers object: no prompts beyond what is missing. */
  readonly scripted: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isNode(v: unknown): v is ExplorerNode {
  return isRecord(v) && isRecord(v.key) && typeof v.kind === 'string' && typeof v.id === 'string';
}

export function observeAnswers(arg: unknown): ObserveAnswers {
  const base = toAnswers(arg);
  if (isNode(arg)) {
    const ref = arg.ref;
    // A container node carries its pod as ref and the container name as label.
    const container = arg.kind === 'container' ? arg.label : undefined;
    // An instance node stands for the StatefulSet; its pod is `<instance>-0`.
    const podName = arg.kind === 'instance' && ref ? `${ref.name}-0` : ref?.name;
    return {
      ...base,
      context: base.context ?? ref?.context,
      namespace: base.namespace ?? ref?.namespace,
      objectKind: arg.kind === 'instance' ? 'pod' : ref?.kind,
      objectName: podName,
      container,
      scripted: false,
    };
  }
  const extra = base.extra;
  const s = (k: string): string | undefined => (typeof extra[k] === 'string' ? (extra[k] as string) : undefined);
  return {
    ...base,
    objectKind: s('kind'),
    objectName: s('pod') ?? s('object'),
    container: s('container'),
    scripted: isRecord(arg),
  };
}

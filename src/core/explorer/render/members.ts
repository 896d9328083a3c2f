// Render: a role's instances, an instance's pod and a pod's containers.
import type { Translate } from '../../i18n/translate';
import type { KubeObject } from '../../k8s/resources';
import { nodeId } from '../ids';
import type { ExplorerNode } from '../nodes';
import { age, arr, num, podSummary, rec, str } from '../objects';
import { phaseLook } from '../status';
import { coords, type ClusterAt } from './cluster';
import { message, parts, phaseIcon, toneOf } from './common';

export interface InstanceView {
  readonly instance: string;
  /** The instance's status from the DolphinDB object, if reported. */
  readonly status?: { readonly phase?: string; readonly message?: string };
  /** Its pod, if it exists. */
  readonly pod?: KubeObject;
  readonly leader: boolean;
  readonly paused: boolean;
}

export function instanceNode(at: ClusterAt, v: InstanceView, t: Translate): ExplorerNode {
  const st = v.status;
  const ps = v.pod ? podSummary(v.pod) : undefined;
  const look = phaseLook(st?.phase ?? (ps ? (ps.isReady ? 'Ready' : ps.phase) : undefined));
  // Paused comes from the spec: the operator need not report a phase for a paused instance
  // (§3 documents only Ready and Progressing), and then "no pod" is the expected state.
  const words = st || ps || !v.paused ? [st?.phase ?? (ps?.isReady ? 'Ready' : (ps?.phase ?? t('no pod')))] : [];
  if (v.leader) words.unshift(t('leader'));
  if (v.paused) words.push(t('paused'));
  return {
    id: nodeId({ kind: 'instance', ...coords(at), instance: v.instance }),
    kind: 'instance',
    label: v.instance,
    description: words.join(' · '),
    tooltip: st?.message,
    icon: v.leader ? 'leader' : v.paused ? 'paused' : phaseIcon(look, 'instance'),
    tone: toneOf(look),
    collapsible: 'collapsed',
    ref: { context: at.context, kind: 'statefulset', name: v.instance, namespace: at.namespace },
    caps: ['copyName', 'showYaml', 'logs'],
    key: { t: 'instance', ...coords(at), instance: v.instance },
  };
}

export function podNode(context: string, pod: KubeObject, t: Translate): ExplorerNode {
  const ns = pod.metadata.namespace ?? '';
  const s = podSummary(pod);
  const look = phaseLook(s.reason && !s.isReady ? s.reason : s.isReady ? 'Running' : s.phase);
  return {
    id: nodeId({ kind: 'pod', context, namespace: ns, pod: pod.metadata.name }),
    kind: 'pod',
    label: pod.metadata.name,
    description: parts(
      s.reason && !s.isReady ? s.reason : s.phase,
      `${s.ready}/${s.total}`,
      s.restarts ? t('{0} restarts', s.restarts) : '',
      s.node,
      age(pod.metadata.creationTimestamp),
    ),
    icon: 'pod',
    tone: toneOf(look),
    collapsible: 'collapsed',
    ref: { context, kind: 'pod', name: pod.metadata.name, namespace: ns },
    caps: ['copyName', 'showYaml', 'logs', 'delete', 'revealOwner'],
    key: { t: 'pod', context, namespace: ns, pod: pod.metadata.name },
  };
}

export function podMissingMessage(context: string, namespace: string, podName: string, t: Translate): ExplorerNode {
  return message(
    nodeId({ kind: 'none', parent: { kind: 'pod', context, namespace, pod: podName } }),
    t('Pod {0} does not exist', podName),
    'missing',
  );
}

/** Init containers first, then the app containers, with their state and restarts. */
export function containerNodes(context: string, pod: KubeObject, t: Translate): ExplorerNode[] {
  const namespace = pod.metadata.namespace ?? '';
  const podName = pod.metadata.name;
  const statuses = new Map(arr(pod, 'status', 'containerStatuses').map((c) => [str(c, 'name') ?? '', c]));
  const mk = (c: unknown, init: boolean): ExplorerNode => {
    const name = str(c, 'name') ?? '?';
    const st = statuses.get(name);
    const ready = st ? (st as Record<string, unknown>).ready === true : false;
    const state = st ? (Object.keys(rec(st, 'state'))[0] ?? '') : '';
    return {
      id: nodeId({ kind: 'container', context, namespace, pod: podName, container: name }),
      kind: 'container',
      label: name,
      description: parts(
        init ? t('init') : '',
        str(c, 'image') ?? '',
        state,
        st ? t('{0} restarts', num(st, 'restartCount') ?? 0) : '',
      ),
      icon: init ? 'initContainer' : 'container',
      // Not ready yet reads as in progress (yellow), as the pod's own phases do.
      ...(init ? {} : { tone: ready ? ('ok' as const) : ('progress' as const) }),
      collapsible: 'none',
      ref: { context, kind: 'pod', name: podName, namespace },
      caps: init ? [] : ['logs'],
      key: { t: 'leaf' },
    };
  };
  return [
    ...arr(pod, 'spec', 'initContainers').map((c) => mk(c, true)),
    ...arr(pod, 'spec', 'containers').map((c) => mk(c, false)),
  ];
}

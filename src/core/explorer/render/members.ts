// Render: a role's instances and an instance's containers. An instance always holds exactly one
// pod (`<instance>-0`), so the pod is folded into the instance's row: its status joins the
// instance's description, its containers are the instance's children, its actions the instance's
// menu. Container ids keep their pod-based form (ids.ts), so they are the same as before the fold.
import type { Translate } from '../../i18n/translate';
import type { KubeObject } from '../../k8s/resources';
import { nodeId } from '../ids';
import type { Capability, ExplorerNode, NodeState } from '../nodes';
import { age, arr, num, podSummary, rec, str, type PodSummary } from '../objects';
import { phaseLook } from '../status';
import { coords, type ClusterAt } from './cluster';
import { message, parts, phaseIcon, toneOf } from './common';
import { levelTone, memoryLevelOf, oomKilledContainers, useTooltip, useWords, worseTone } from './usage';
import type { PodUse, ResourceUse } from '../../metrics/usage';

export interface InstanceView {
  readonly instance: string;
  /** The instance's status from the DolphinDB object, if reported. */
  readonly status?: { readonly phase?: string; readonly message?: string };
  /** Its pod, if it exists. */
  readonly pod?: KubeObject;
  readonly leader: boolean;
  /** The spec's `instances.<i>.paused`. */
  readonly paused: boolean;
  /** The spec asks for a Service of the instance's own (`instances.<i>.service`). */
  readonly hasService: boolean;
  /** Its pod's resource use, where the metrics API reports it. */
  readonly use?: PodUse;
}

/** The pod's words when they add to the instance's phase: a waiting reason, ready containers, restarts, age. */
function podWords(ps: PodSummary, pod: KubeObject, t: Translate): string[] {
  return [
    ps.reason && !ps.isReady ? ps.reason : '',
    `${ps.ready}/${ps.total}`,
    ps.restarts ? t('{0} restarts', ps.restarts) : '',
    age(pod.metadata.creationTimestamp),
  ].filter((w) => w);
}

function podTooltip(pod: KubeObject, ps: PodSummary, t: Translate): string[] {
  return [
    `${t('Pod')}: ${pod.metadata.name}`,
    `${t('Phase')}: ${ps.phase}${ps.reason ? ` (${ps.reason})` : ''}`,
    `${t('Ready containers')}: ${ps.ready}/${ps.total}`,
    `${t('Restarts')}: ${ps.restarts}`,
    `${t('Node')}: ${ps.node || '-'}`,
    `${t('Pod IP')}: ${str(pod, 'status', 'podIP') ?? '-'}`,
    `${t('Created')}: ${pod.metadata.creationTimestamp ?? '?'}`,
  ];
}

export function instanceNode(at: ClusterAt, v: InstanceView, t: Translate): ExplorerNode {
  const st = v.status;
  const ps = v.pod ? podSummary(v.pod) : undefined;
  const look = phaseLook(st?.phase ?? (ps ? (ps.isReady ? 'Ready' : ps.phase) : undefined));
  // Paused comes from the spec: the operator need not report a phase for a paused instance
  // (§3 documents only Ready and Progressing), and then "no pod" is the expected state.
  const words = st || ps || !v.paused ? [st?.phase ?? (ps?.isReady ? 'Ready' : (ps?.phase ?? t('no pod')))] : [];
  if (v.leader) words.unshift(t('leader'));
  // An operator that reports the phase `Paused` already says it.
  if (v.paused && !/^paused$/i.test(st?.phase ?? '')) words.push(t('paused'));
  if (v.pod && ps) words.push(...podWords(ps, v.pod, t));
  const oom = v.pod ? oomKilledContainers(v.pod) : [];
  if (oom.length > 0) words.push(t('OOMKilled'));
  if (v.use) words.push(useWords(v.use.total, t));
  const states: NodeState[] = [v.paused ? 'paused' : 'running', v.hasService ? 'hasService' : 'noService'];
  const podCaps: Capability[] = v.pod ? ['podYaml', 'copyPodName'] : [];
  const tip = [
    `**${v.instance}**`,
    ...(st?.message ? ['', st.message] : []),
    '',
    ...(v.pod && ps ? podTooltip(v.pod, ps, t) : [t('Pod {0} does not exist', `${v.instance}-0`)]),
    ...(oom.length > 0 ? ['', t('Killed for running out of memory (OOMKilled): {0}', oom.join(', '))] : []),
    ...(v.use ? ['', ...useTooltip(v.use.containers, t)] : []),
    ...(v.hasService ? [t('Has a Service of its own')] : []),
  ].join('  \n');
  return {
    id: nodeId({ kind: 'instance', ...coords(at), instance: v.instance }),
    kind: 'instance',
    label: v.instance,
    description: words.join(' · '),
    tooltip: tip,
    icon: v.leader ? 'leader' : v.paused ? 'paused' : phaseIcon(look, 'instance'),
    tone: worseTone(worseTone(toneOf(look), oom.length > 0 ? 'warning' : undefined), v.use ? levelTone(v.use.level) : undefined),
    collapsible: 'collapsed',
    ref: { context: at.context, kind: 'statefulset', name: v.instance, namespace: at.namespace },
    ...(v.pod
      ? { podRef: { context: at.context, kind: 'pod' as const, name: v.pod.metadata.name, namespace: at.namespace } }
      : {}),
    caps: ['copyName', 'showYaml', 'logs', ...podCaps],
    states,
    key: { t: 'instance', ...coords(at), instance: v.instance },
  };
}

export function podMissingMessage(context: string, namespace: string, podName: string, t: Translate): ExplorerNode {
  return message(
    nodeId({ kind: 'none', parent: { kind: 'pod', context, namespace, pod: podName } }),
    t('Pod {0} does not exist', podName),
    'missing',
  );
}

/** Init containers first, then the app containers, with their state, restarts and resource use. */
export function containerNodes(
  context: string,
  pod: KubeObject,
  t: Translate,
  uses?: ReadonlyMap<string, ResourceUse>,
): ExplorerNode[] {
  const oom = new Set(oomKilledContainers(pod));
  const namespace = pod.metadata.namespace ?? '';
  const podName = pod.metadata.name;
  const statuses = new Map(
    [...arr(pod, 'status', 'initContainerStatuses'), ...arr(pod, 'status', 'containerStatuses')].map((c) => [
      str(c, 'name') ?? '',
      c,
    ]),
  );
  const mk = (c: unknown, init: boolean): ExplorerNode => {
    const name = str(c, 'name') ?? '?';
    const image = str(c, 'image');
    const st = statuses.get(name);
    const ready = st ? (st as Record<string, unknown>).ready === true : false;
    const state = st ? (Object.keys(rec(st, 'state'))[0] ?? '') : '';
    const caps: Capability[] = [...(init ? [] : (['logs'] as const)), ...(image ? (['copyImage'] as const) : [])];
    const use = init ? undefined : uses?.get(name);
    const killed = !init && oom.has(name);
    const tone = init ? undefined : worseTone(ready ? 'ok' : 'progress', killed ? 'warning' : undefined);
    return {
      id: nodeId({ kind: 'container', context, namespace, pod: podName, container: name }),
      kind: 'container',
      label: name,
      description: parts(
        init ? t('init') : '',
        image ?? '',
        state,
        st ? t('{0} restarts', num(st, 'restartCount') ?? 0) : '',
        killed ? t('OOMKilled') : '',
        use ? useWords(use, t) : '',
      ),
      tooltip: [
        `**${name}**`,
        '',
        `${t('Pod')}: ${podName}`,
        `${t('Image')}: ${image ?? '-'}`,
        ...(use ? ['', ...useTooltip(new Map([[name, use]]), t)] : []),
      ].join('  \n'),
      icon: init ? 'initContainer' : 'container',
      // Not ready yet reads as in progress (yellow), as the pod's own phases do; memory near its
      // limit or an OOM kill as a warning.
      ...(tone ? { tone: worseTone(tone, use ? levelTone(memoryLevelOf(use)) : undefined) } : {}),
      collapsible: 'none',
      ref: { context, kind: 'pod', name: podName, namespace },
      ...(image ? { image } : {}),
      caps,
      key: { t: 'leaf' },
    };
  };
  return [
    ...arr(pod, 'spec', 'initContainers').map((c) => mk(c, true)),
    ...arr(pod, 'spec', 'containers').map((c) => mk(c, false)),
  ];
}

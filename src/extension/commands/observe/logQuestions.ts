// The questions of Cluster Logs as one guided flow (common/flow.ts): which instances (only the
// roles the cluster has) and how to read the log; Pod Logs likewise: pod, container (only when
// the pod has several) and how.
import type { RoleAbbrev } from '../../../core/dolphindb/names';
import type { KubeObject } from '../../../core/k8s/resources';
import { containersOf, defaultContainer } from '../../../core/logs/containers';
import { t } from '../../localize';
import { dismissed } from '../common/deps';
import { runFlow, type FlowValues, type PickChoice } from '../common/flow';
import { proceed, stop, type Step } from '../common/step';

export interface StreamChoice {
  readonly follow: boolean;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly previous: boolean;
}

interface HowItem extends PickChoice {
  readonly value: string;
  readonly choice: StreamChoice;
}

/** The ways to read a log; "previous" only for one container. */
export function howItems(tailDefault: number, allowPrevious: boolean): HowItem[] {
  const items: HowItem[] = [
    {
      value: 'follow',
      label: t('Follow'),
      description: t('last {0} lines, then new ones', tailDefault),
      choice: { follow: true, tailLines: tailDefault, previous: false },
    },
    {
      value: 'last',
      label: t('Last {0} lines', tailDefault),
      description: t('no follow'),
      choice: { follow: false, tailLines: tailDefault, previous: false },
    },
    { value: '10m', label: t('Follow, since 10 minutes'), choice: { follow: true, sinceSeconds: 600, previous: false } },
    { value: '1h', label: t('Follow, since 1 hour'), choice: { follow: true, sinceSeconds: 3600, previous: false } },
  ];
  if (allowPrevious)
    items.push({
      value: 'previous',
      label: t('Previous instance'),
      description: t('the log of the container before its last restart'),
      choice: { follow: false, tailLines: tailDefault, previous: true },
    });
  return items;
}

const ALL = '*';

/**
 * Which instances and how, for the cluster `where` (namespace/name) of `context`. `roles` are the
 * cluster's; `givenRole` (a tree node's or a script's) skips the first question.
 */
export async function askClusterLogs(opts: {
  readonly where: string;
  readonly context: string;
  readonly roles: readonly RoleAbbrev[];
  readonly givenRole?: RoleAbbrev;
  readonly tailDefault: number;
}): Promise<Step<{ role?: RoleAbbrev; choice: StreamChoice }>> {
  const how = howItems(opts.tailDefault, false);
  const command = t('Cluster logs');
  const flow = await runFlow({
    command,
    title: () => t('{0} of {1} in {2}', command, opts.where, opts.context),
    given: opts.givenRole ? { role: opts.givenRole } : {},
    steps: [
      {
        kind: 'pick',
        id: 'role',
        placeholder: t('Which instances'),
        choices: () =>
          Promise.resolve(
            proceed({ items: [{ label: t('All instances'), value: ALL }, ...opts.roles.map((r) => ({ label: r }))] }),
          ),
      },
      { kind: 'pick', id: 'how', placeholder: t('How to read the log'), choices: () => Promise.resolve(proceed({ items: how })) },
    ],
  });
  if (!flow.ok) return flow;
  const role = opts.roles.find((r) => r === flow.value.role);
  const choice = (how.find((h) => h.value === flow.value.how) ?? how[0]).choice;
  return proceed({ ...(role ? { role } : {}), choice });
}

/** Names of a pod's (non-init) containers, the DolphinDB server's first. */
function containerNames(pod: KubeObject): string[] {
  const def = defaultContainer(pod);
  const names = containersOf(pod)
    .filter((c) => !c.init)
    .map((c) => c.name);
  return names.sort((x, y) => Number(y === def) - Number(x === def));
}

/**
 * Which pod (of `pods`), which container (only when the pod has several) and how. `givenPod` and
 * `givenContainer` (a tree node's) skip their questions.
 */
export async function askPodLogs(opts: {
  readonly where: string;
  readonly context: string;
  readonly pods: readonly KubeObject[];
  readonly givenPod?: string;
  readonly givenContainer?: string;
  readonly tailDefault: number;
}): Promise<Step<{ pod: string; container?: string; choice: StreamChoice }>> {
  const how = howItems(opts.tailDefault, true);
  const byName = new Map(opts.pods.map((p) => [p.metadata.name, p]));
  const containers = (v: FlowValues): string[] => {
    const pod = v.pod !== undefined ? byName.get(v.pod) : undefined;
    return pod ? containerNames(pod) : [];
  };
  const command = t('Pod logs');
  const flow = await runFlow({
    command,
    title: (v) => t('{0} of {1} in {2}', command, v.pod ? `${opts.where}: ${v.pod}` : opts.where, opts.context),
    given: {
      ...(opts.givenPod ? { pod: opts.givenPod } : {}),
      ...(opts.givenContainer ? { container: opts.givenContainer } : {}),
    },
    steps: [
      {
        kind: 'pick',
        id: 'pod',
        placeholder: t('Pod'),
        choices: () =>
          Promise.resolve(
            proceed({
              items: [...byName.keys()].sort().map((label) => ({ label })),
              ...(byName.size === 0 ? { notice: { label: t('The cluster has no pods yet.') } } : {}),
            }),
          ),
      },
      {
        kind: 'pick',
        id: 'container',
        applies: (v) => containers(v).length > 1,
        placeholder: t('Container'),
        choices: (v) => {
          const names = containers(v);
          return Promise.resolve(
            proceed({
              items: names.map((n, i) => ({ label: n, ...(i === 0 ? { description: t('DolphinDB server') } : {}) })),
            }),
          );
        },
      },
      { kind: 'pick', id: 'how', placeholder: t('How to read the log'), choices: () => Promise.resolve(proceed({ items: how })) },
    ],
  });
  if (!flow.ok) return flow;
  const { pod, container } = flow.value;
  if (!pod) return stop(dismissed());
  const choice = (how.find((h) => h.value === flow.value.how) ?? how[0]).choice;
  return proceed({ pod, ...(container ? { container } : {}), choice });
}

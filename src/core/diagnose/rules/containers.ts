// Containers that cannot start or keep crashing: image pulls, CrashLoopBackOff (with the last
// log lines), OOM kills, configuration errors.
import { arr, field, num, str } from '../../explorer/objects';
import type { KubeObject } from '../../k8s/resources';
import type { Translate } from '../../i18n/translate';
import type { DiagnoseInputs, Finding } from '../types';
import { distinct } from '../util';

const PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

interface Hit {
  readonly pod: KubeObject;
  readonly container: string;
  readonly status: unknown;
}

function statuses(pod: KubeObject): { name: string; s: unknown }[] {
  return [...arr(pod, 'status', 'initContainerStatuses'), ...arr(pod, 'status', 'containerStatuses')].map((s) => ({
    name: str(s, 'name') ?? '?',
    s,
  }));
}

export function containerRule(i: DiagnoseInputs, t: Translate): Finding[] {
  const pull: Hit[] = [];
  const crash: Hit[] = [];
  const config: Hit[] = [];
  for (const pod of i.pods) {
    for (const { name, s } of statuses(pod)) {
      const waiting = str(s, 'state', 'waiting', 'reason');
      if (waiting && PULL.has(waiting)) pull.push({ pod, container: name, status: s });
      else if (waiting && CONFIG.has(waiting)) config.push({ pod, container: name, status: s });
      else if (
        waiting === 'CrashLoopBackOff' ||
        ((num(s, 'restartCount') ?? 0) > 0 &&
          (num(s, 'lastState', 'terminated', 'exitCode') ?? 0) !== 0 &&
          field(s, 'ready') !== true)
      )
        crash.push({ pod, container: name, status: s });
    }
  }
  const out: Finding[] = [];
  if (pull.length > 0) {
    const images = distinct(pull.map((h) => imageOf(h)));
    out.push({
      code: 'image-pull',
      severity: 'error',
      title: t('Images cannot be pulled'),
      detail: t('{0} cannot pull {1}.', pull.map((h) => `${h.pod.metadata.name}/${h.container}`).join(', '), images.join(', ')),
      next: t(
        'Check that spec.version is in the suite versions list (dolphindb-env-config) and that the nodes can reach the registry (proxy, mirror via global.registry, imagePullSecrets).',
      ),
      objects: distinct(
        pull.map((h) => `Pod/${h.pod.metadata.name}`),
        50,
      ),
      evidence: distinct(pull.map((h) => str(h.status, 'state', 'waiting', 'message') ?? '').filter((m) => m)),
    });
  }
  for (const h of crash) {
    const term = field(h.status, 'lastState', 'terminated');
    const reason = str(term, 'reason');
    const exit = num(term, 'exitCode');
    const restarts = num(h.status, 'restartCount') ?? 0;
    const logs = i.crashLogs?.find((l) => l.pod === h.pod.metadata.name && l.container === h.container);
    const oom = reason === 'OOMKilled';
    out.push({
      code: oom ? 'oom-killed' : 'crashloop',
      severity: 'error',
      title: oom
        ? t('Container {0} of {1} is killed for using too much memory', h.container, h.pod.metadata.name)
        : t('Container {0} of {1} keeps crashing', h.container, h.pod.metadata.name),
      detail:
        t('It restarted {0} times; the last run ended with {1} (exit code {2}).', restarts, reason ?? '?', exit ?? '?') +
        (logs && logs.lines.length > 0 ? ' ' + t('Its last log lines are below.') : ''),
      next: oom
        ? t(
            'Raise resources.limits.memory of the role, or lower maxMemSize in the DolphinDB configuration so the server stays below the limit.',
          )
        : t(
            'Read the log lines below (the full log: logs --previous of container {0}); with logMode 0 the server log is a file in the log directory, not the container log.',
            h.container,
          ),
      objects: [`Pod/${h.pod.metadata.name}`],
      evidence: logs?.lines ?? (str(term, 'message') ? [str(term, 'message') as string] : []),
    });
  }
  if (config.length > 0) {
    out.push({
      code: 'container-config',
      severity: 'error',
      title: t('Containers cannot be created'),
      detail: t('{0} fail before starting.', config.map((h) => `${h.pod.metadata.name}/${h.container}`).join(', ')),
      next: t('A referenced ConfigMap, Secret or volume is usually missing: read the messages below and kubectl describe pod.'),
      objects: distinct(
        config.map((h) => `Pod/${h.pod.metadata.name}`),
        50,
      ),
      evidence: distinct(config.map((h) => str(h.status, 'state', 'waiting', 'message') ?? '').filter((m) => m)),
    });
  }
  return out;
}

function imageOf(h: Hit): string {
  const spec = [...arr(h.pod, 'spec', 'initContainers'), ...arr(h.pod, 'spec', 'containers')].find(
    (c) => str(c, 'name') === h.container,
  );
  return str(spec, 'image') ?? str(h.status, 'image') ?? '?';
}

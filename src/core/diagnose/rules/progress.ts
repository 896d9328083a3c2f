// What remains when nothing specific was found: roles still Progressing (with the operator's
// messages), pods running but not ready, and warning events no other finding explains.
import { str } from '../../explorer/objects';
import { podSummary } from '../../explorer/objects';
import { roleStatuses } from '../../explorer/status';
import type { Translate } from '../../i18n/translate';
import type { DiagnoseInputs, Finding } from '../types';
import { distinct, eventMessage, involvedKind, involvedName, isWarning, ref, statusMessages } from '../util';
import { LICENSE_SYMPTOM } from './license';

export function progressRule(i: DiagnoseInputs, t: Translate): Finding[] {
  if (!i.ddb) return [];
  const out: Finding[] = [];
  const slow = roleStatuses(i.ddb).filter(
    (r) => r.desired > 0 && (r.ready < r.desired || (r.phase !== undefined && r.phase !== 'Ready')),
  );
  if (slow.length > 0) {
    out.push({
      code: 'progressing',
      severity: 'warning',
      title: t('Cluster {0} is not ready yet', i.cluster),
      detail: t(
        'Ready instances: {0}. Phase: {1}.',
        slow.map((r) => `${r.role} ${r.ready}/${r.desired}`).join(', '),
        str(i.ddb, 'status', 'phase') ?? '?',
      ),
      next: t(
        "Changes restart every instance; wait for the phase Available. If it does not come, read the messages below and the pods' events.",
      ),
      objects: [`DolphinDB/${i.cluster}`],
      evidence: distinct(
        statusMessages(i.ddb).filter((m) => !LICENSE_SYMPTOM.test(m)),
        4,
      ),
    });
  }
  const unready = i.pods.filter((p) => {
    const s = podSummary(p);
    return s.phase === 'Running' && !s.isReady;
  });
  if (unready.length > 0) {
    out.push({
      code: 'pods-not-ready',
      severity: 'warning',
      title: t('{0} pods run but are not ready', unready.length),
      detail: t('{0}: a readiness check fails or a container is not ready.', unready.map((p) => p.metadata.name).join(', ')),
      next: t('Look at the container states and events with Describe on the pod.'),
      objects: unready.map((p) => ref(p, 'Pod')),
    });
  }
  return out;
}

/** Warning events that no other finding quotes or is about. */
export function otherWarningsRule(
  i: DiagnoseInputs,
  t: Translate,
  quoted: ReadonlySet<string>,
  covered: ReadonlySet<string>,
): Finding[] {
  const rest = i.events.filter((e) => {
    if (!isWarning(e) || covered.has(`${involvedKind(e)}/${involvedName(e)}`)) return false;
    const m = eventMessage(e);
    return ![...quoted].some((q) => q.includes(m) || m.includes(q));
  });
  if (rest.length === 0) return [];
  const lines = distinct(
    rest.map((e) => `${str(e, 'reason') ?? '?'} (${involvedKind(e)}/${involvedName(e)}): ${eventMessage(e)}`),
    8,
  );
  return [
    {
      code: 'other-warnings',
      severity: 'info',
      title: t('{0} other warning events', rest.length),
      detail: t('Warnings that none of the findings above explain.'),
      next: t('Open the Events report of the cluster for the full list.'),
      objects: distinct(
        rest.map((e) => `${involvedKind(e)}/${involvedName(e)}`),
        20,
      ),
      evidence: lines,
    },
  ];
}

// The invalid-license symptom (docs/domain.md §5.3): the operator reports
// `persistentvolumeclaim "log-ddb-<name>-<role>-<i>-0" not found`, which points at storage but
// means the license was rejected.
import { str } from '../../explorer/objects';
import { configMapName } from '../../dolphindb/names';
import { phaseView } from '../../dolphindb/status';
import { roleStatuses } from '../../explorer/status';
import type { Translate } from '../../i18n/translate';
import type { DiagnoseInputs, Finding } from '../types';
import { distinct, eventMessage, statusMessages } from '../util';

export const LICENSE_SYMPTOM = /persistentvolumeclaim\s+"?(log-ddb-[^"\s]+)"?\s+not\s+found/i;

/** The phase reads as healthy and every role has all its instances ready. */
function healthy(ddb: unknown): boolean {
  if (!ddb || phaseView(str(ddb, 'status', 'phase')).tone !== 'ok') return false;
  const roles = roleStatuses(ddb);
  return roles.length > 0 && roles.every((r) => r.ready >= r.desired);
}

export function licenseRule(i: DiagnoseInputs, t: Translate): Finding[] {
  // Events outlive their cause: on a cluster that is healthy now, an old symptom event (e.g. from
  // a license replaced since, or a moment before the license ConfigMap was read) is history, not
  // a diagnosis. The operator's current status messages still count.
  const fromEvents = (healthy(i.ddb) ? [] : i.events)
    .filter((e) => LICENSE_SYMPTOM.test(eventMessage(e)))
    .map((e) => `${str(e, 'reason') ?? 'Event'}: ${eventMessage(e)}`);
  const fromStatus = statusMessages(i.ddb).filter((m) => LICENSE_SYMPTOM.test(m));
  const evidence = distinct([...fromEvents, ...fromStatus], 4);
  if (evidence.length === 0) return [];
  // The PVC really may be missing; say so when it is absent from what was read.
  const named = LICENSE_SYMPTOM.exec(evidence.join('\n'))?.[1];
  const exists = named ? i.pvcs.some((p) => p.metadata.name === named) : false;
  return [
    {
      code: 'invalid-license',
      severity: 'critical',
      title: t('The license of cluster {0} is probably invalid', i.cluster),
      detail:
        t(
          'The operator reports a missing log PersistentVolumeClaim; with DolphinDB this message is the documented symptom of an invalid or unofficial license, not of a storage problem.',
        ) + (named && exists ? ' ' + t('PVC {0} does exist, which confirms the license as the cause.', named) : ''),
      next: t(
        'Replace license.lic in ConfigMap ddb-{0} (namespace {1}) with a valid license and restart the cluster pods (the Swap license command does both); also update ConfigMap dolphindb-license for clusters created later.',
        i.cluster,
        i.namespace,
      ),
      objects: [`ConfigMap/${configMapName(i.cluster)}`],
      evidence,
    },
  ];
}

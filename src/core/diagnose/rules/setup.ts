// Before any pod can exist: the CRD, the operator, the cluster object, and whether the operator
// created the StatefulSets at all (docs/domain.md §2.1, §7.1, §11 "CR created but no pods").
import { arr, num, str } from '../../explorer/objects';
import type { Translate } from '../../i18n/translate';
import { DDB_CRD_NAME } from '../../dolphindb/names';
import type { DiagnoseInputs, Finding } from '../types';
import { distinct, eventMessage, involvedKind, involvedName, isWarning } from '../util';

export function crdRule(i: DiagnoseInputs, t: Translate): Finding[] {
  if (i.crdPresent !== false) return [];
  return [
    {
      code: 'crd-missing',
      severity: 'critical',
      title: t('The DolphinDB CRD is not installed'),
      detail: t('CustomResourceDefinition {0} does not exist, so the API server does not know the kind DolphinDB.', DDB_CRD_NAME),
      next: t(
        'Install the DolphinDB suite (dolphindb-mgr). Suites v1.1.1 and later register the CRD when the operator starts: wait until the CRD is Established before creating clusters.',
      ),
      objects: [`CustomResourceDefinition/${DDB_CRD_NAME}`],
    },
  ];
}

function operatorEnv(op: unknown, name: string): string | undefined {
  for (const c of arr(op, 'spec', 'template', 'spec', 'containers'))
    for (const e of arr(c, 'env')) if (str(e, 'name') === name) return str(e, 'value');
  return undefined;
}

export function operatorRule(i: DiagnoseInputs, t: Translate): Finding[] {
  if (!i.suite) {
    return [
      {
        code: 'suite-not-found',
        severity: 'error',
        title: t('No DolphinDB suite found'),
        detail: t(
          'No ConfigMap dolphindb-env-config was found in namespace {0} or in the namespaces that could be read, so there is no operator to create the cluster.',
          i.namespace,
        ),
        next: t(
          'Install the suite with Helm (release dolphindb-mgr), or check that you may read the namespace where it is installed.',
        ),
        objects: [],
      },
    ];
  }
  const op = i.suite.operator;
  const ns = i.suite.namespace;
  if (!op) {
    return [
      {
        code: 'operator-missing',
        severity: 'critical',
        title: t('The DolphinDB operator is not installed'),
        detail: t('StatefulSet dolphindb-operator does not exist in namespace {0}; nothing reconciles DolphinDB objects.', ns),
        next: t('Reinstall or upgrade the suite (helm upgrade dolphindb-mgr … --reuse-values) so the operator is deployed.'),
        objects: [`StatefulSet/dolphindb-operator`],
      },
    ];
  }
  const ready = num(op, 'status', 'readyReplicas') ?? 0;
  const out: Finding[] = [];
  if (ready === 0) {
    out.push({
      code: 'operator-not-running',
      severity: 'critical',
      title: t('The DolphinDB operator is not running'),
      detail: t(
        'StatefulSet dolphindb-operator in namespace {0} has 0 of {1} replicas ready, so cluster changes are not applied.',
        ns,
        num(op, 'spec', 'replicas') ?? 1,
      ),
      next: t(
        'Look at the operator pods (kubectl describe pod dolphindb-operator-0 -n {0}). A pod stuck in ContainerCreating usually means ConfigMap dolphindb-license is missing: install the suite with --set-file license.content=<license file>.',
        ns,
      ),
      objects: [`StatefulSet/dolphindb-operator`],
    });
  }
  // The operator manages its own namespace only unless installed with global.allNamespace=true.
  const work = operatorEnv(op, 'WorkNamespace');
  if (work && work !== 'all' && work !== i.namespace && i.ddb && i.statefulsets.length === 0) {
    out.push({
      code: 'namespace-not-managed',
      severity: 'error',
      title: t('The operator does not manage namespace {0}', i.namespace),
      detail: t(
        'The operator watches namespace {0} only (WorkNamespace), so it ignores DolphinDB objects in {1}.',
        work,
        i.namespace,
      ),
      next: t('Create the cluster in namespace {0}, or reinstall the suite with --set global.allNamespace=true.', work),
      objects: [`DolphinDB/${i.cluster}`],
    });
  }
  return out;
}

export function creationRule(i: DiagnoseInputs, t: Translate): Finding[] {
  if (i.crdPresent === false) return [];
  if (!i.ddb) {
    return [
      {
        code: 'cluster-missing',
        severity: 'error',
        title: t('DolphinDB {0} does not exist', i.cluster),
        detail: t('There is no DolphinDB object named {0} in namespace {1}.', i.cluster, i.namespace),
        next: t('Check the namespace and the name, or create the cluster.'),
        objects: [`DolphinDB/${i.cluster}`],
      },
    ];
  }
  const ddbEvents = i.events.filter((e) => involvedKind(e) === 'DolphinDB' && involvedName(e) === i.cluster && isWarning(e));
  if (i.statefulsets.length === 0) {
    const ev = distinct(ddbEvents.map((e) => `${str(e, 'reason') ?? ''}: ${eventMessage(e)}`));
    return [
      {
        code: 'no-statefulsets',
        severity: 'error',
        title: t('The operator created no StatefulSets for {0}', i.cluster),
        detail:
          ev.length > 0
            ? t('The DolphinDB object exists but has no StatefulSets; its warning events say why.')
            : t('The DolphinDB object exists but has no StatefulSets and no warning events.'),
        next:
          ev.length > 0
            ? t('Fix what the events name (a rejected spec is the usual cause), then re-apply the DolphinDB object.')
            : t(
                'Read the operator logs (kubectl logs dolphindb-operator-0 -n <suite namespace>): reconcile errors for a spec the API server accepted appear only there.',
              ),
        objects: [`DolphinDB/${i.cluster}`],
        evidence: ev,
      },
    ];
  }
  // StatefulSets exist, but some have no pod: the StatefulSet controller's events say why.
  const podNames = new Set(i.pods.map((p) => p.metadata.name));
  const out: Finding[] = [];
  for (const sts of i.statefulsets) {
    const want = num(sts, 'spec', 'replicas') ?? 1;
    if (want === 0 || podNames.has(`${sts.metadata.name}-0`)) continue;
    const ev = distinct(
      i.events
        .filter((e) => involvedKind(e) === 'StatefulSet' && involvedName(e) === sts.metadata.name && isWarning(e))
        .map(eventMessage),
    );
    out.push({
      code: 'pod-not-created',
      severity: 'error',
      title: t('StatefulSet {0} has no pod', sts.metadata.name),
      detail:
        ev.length > 0
          ? t('The StatefulSet controller could not create pod {0}-0.', sts.metadata.name)
          : t('Pod {0}-0 does not exist yet.', sts.metadata.name),
      next:
        ev.length > 0
          ? t('Fix what the events name (quota, admission, invalid pod template), then the pod is created automatically.')
          : t('Wait a moment; if it stays missing, run kubectl describe statefulset {0} -n {1}.', sts.metadata.name, i.namespace),
      objects: [`StatefulSet/${sts.metadata.name}`],
      evidence: ev,
    });
  }
  return out;
}

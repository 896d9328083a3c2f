// diagnoseCluster: every rule over the gathered objects, findings ranked by severity (rule order
// breaks ties: causes before their consequences). Pure: no I/O, no clock unless given.
import { english, type Translate } from '../i18n/translate';
import { SEVERITY_ORDER, type DiagnoseInputs, type Finding } from './types';
import { containerRule } from './rules/containers';
import { dnsRule } from './rules/dns';
import { licenseRule } from './rules/license';
import { otherWarningsRule, progressRule } from './rules/progress';
import { schedulingRule, storageRule } from './rules/scheduling';
import { creationRule, crdRule, operatorRule } from './rules/setup';

export function diagnoseCluster(inputs: DiagnoseInputs, t: Translate = english): Finding[] {
  const found: Finding[] = [
    ...crdRule(inputs, t),
    ...operatorRule(inputs, t),
    ...creationRule(inputs, t),
    ...licenseRule(inputs, t),
    ...storageRule(inputs, t),
    ...schedulingRule(inputs, t),
    ...containerRule(inputs, t),
    ...dnsRule(inputs, t),
  ];
  // "Not ready yet" only adds something when no cause was found.
  if (!found.some((f) => f.severity === 'critical' || f.severity === 'error')) found.push(...progressRule(inputs, t));
  const quoted = new Set(found.flatMap((f) => f.evidence ?? []));
  const covered = new Set(found.flatMap((f) => f.objects));
  found.push(...otherWarningsRule(inputs, t, quoted, covered));
  return found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.f.severity) - SEVERITY_ORDER.indexOf(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
}

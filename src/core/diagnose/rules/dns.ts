// The domainSuffix problem (docs/domain.md §2.3 customMeta.domainSuffix, §6.3 customDomainSuffix,
// §11): when the cluster DNS domain is not cluster.local the instances cannot reach each other
// unless the suffix is set. Best effort: the real domain is known only when CoreDNS' Corefile is
// readable; otherwise only inconsistencies between the CR and the suite are reported.
import { parse as parseYaml } from 'yaml';
import { field, str } from '../../explorer/objects';
import type { Translate } from '../../i18n/translate';
import type { DiagnoseInputs, Finding } from '../types';

const DEFAULT_SUFFIX = 'svc.cluster.local';

export function suiteDomainSuffix(envConfig: string | undefined): string | undefined {
  if (!envConfig) return undefined;
  try {
    const v = str(parseYaml(envConfig) as unknown, 'global', 'customDomainSuffix');
    return v && v.trim() ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** `kubernetes cluster.local in-addr.arpa ip6.arpa {` in a Corefile → `cluster.local`. */
export function corefileDomain(corefile: string): string | undefined {
  const m = /^\s*kubernetes\s+([A-Za-z0-9.-]+)/m.exec(corefile);
  return m?.[1]?.replace(/\.$/, '');
}

const DNS_FAILURE = /no such host|could not resolve|name or service not known|unknown host|temporary failure in name resolution/i;

export function dnsRule(i: DiagnoseInputs, t: Translate): Finding[] {
  if (!i.ddb) return [];
  const crSuffix = str(field(i.ddb, 'spec', 'customMeta'), 'domainSuffix')?.trim() || undefined;
  const suiteSuffix = suiteDomainSuffix(i.suite?.envConfig);
  const effective = crSuffix ?? suiteSuffix ?? DEFAULT_SUFFIX;
  const dnsErrors = (i.crashLogs ?? []).flatMap((l) => l.lines.filter((x) => DNS_FAILURE.test(x))).slice(0, 3);
  const out: Finding[] = [];
  const name = `DolphinDB/${i.cluster}`;
  if (i.clusterDomain) {
    const expected = `svc.${i.clusterDomain}`;
    if (effective !== expected) {
      out.push({
        code: 'domain-suffix',
        severity: i.clusterDomain === 'cluster.local' ? 'warning' : 'error',
        title: t('The DNS suffix {0} does not match the cluster domain {1}', effective, i.clusterDomain),
        detail: t(
          'Cluster DNS serves *.{0}, but the DolphinDB instances address each other under {1}{2}, so they cannot resolve each other.',
          expected,
          effective,
          crSuffix ? '' : t(' (the default; spec.customMeta.domainSuffix is not set)'),
        ),
        next: t(
          'Set spec.customMeta.domainSuffix: {0} in the DolphinDB object (or install the suite with --set global.customDomainSuffix={0}).',
          expected,
        ),
        objects: [name],
        evidence: dnsErrors,
      });
    }
    return out;
  }
  if (crSuffix && suiteSuffix && crSuffix !== suiteSuffix) {
    out.push({
      code: 'domain-suffix-mismatch',
      severity: 'warning',
      title: t('The cluster and the suite use different DNS suffixes'),
      detail: t(
        'spec.customMeta.domainSuffix is {0}, the suite (global.customDomainSuffix) uses {1}. Only one of them can match the cluster DNS domain.',
        crSuffix,
        suiteSuffix,
      ),
      next: t(
        'Find the cluster domain (the kubernetes line of the CoreDNS Corefile, usually cluster.local) and use svc.<domain> in both.',
      ),
      objects: [name],
      evidence: dnsErrors,
    });
  } else if (crSuffix && !crSuffix.startsWith('svc.')) {
    out.push({
      code: 'domain-suffix-format',
      severity: 'warning',
      title: t('domainSuffix {0} does not start with svc.', crSuffix),
      detail: t(
        'Service names resolve as <service>.<namespace>.svc.<cluster domain>; the documented value is svc.cluster.local.',
      ),
      next: t('Use svc.<cluster domain> (e.g. svc.cluster.local) in spec.customMeta.domainSuffix.'),
      objects: [name],
      evidence: dnsErrors,
    });
  } else if (dnsErrors.length > 0) {
    out.push({
      code: 'dns-resolution',
      severity: 'warning',
      title: t('DolphinDB instances fail to resolve host names'),
      detail: t(
        'The crash logs show name resolution errors. If the cluster DNS domain is not cluster.local, the DNS suffix must be set.',
      ),
      next: t('Check the cluster domain (CoreDNS Corefile) and set spec.customMeta.domainSuffix: svc.<domain>.'),
      objects: [name],
      evidence: dnsErrors,
    });
  }
  return out;
}

// A cluster at a glance (in the spirit of `cnpg status`): phase, mode, version, ready instances
// per role, the leader, how to connect, storage, license expiry (never the content) and recent
// warnings, as Markdown from gathered objects.
import { age, podSummary, str } from '../explorer/objects';
import { configMapName, parsePodName } from '../dolphindb/names';
import { modeText, roleStatuses } from '../explorer/status';
import { english, type Translate } from '../i18n/translate';
import type { ClusterSnapshot } from '../diagnose/gather';
import { eventCount, eventTime } from '../describe/events';
import { clusterEndpoints, endpointsMarkdown } from './endpoints';

export interface SummaryOptions {
  readonly t?: Translate;
  readonly now?: number;
  /** How many recent warnings to list (default 5). */
  readonly warnings?: number;
}

function roleTitle(role: 'ctr' | 'dn' | 'cn', t: Translate): string {
  return role === 'ctr' ? t('Controllers') : role === 'dn' ? t('Data nodes') : t('Compute nodes');
}

function cell(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function clusterSummaryMarkdown(snapshot: ClusterSnapshot, opts: SummaryOptions = {}): string {
  const t = opts.t ?? english;
  const now = opts.now ?? Date.now();
  const { cluster, namespace, ddb } = snapshot;
  const out: string[] = [`# ${t('DolphinDB cluster {0}', `${namespace}/${cluster}`)}`, ''];
  if (!ddb) {
    out.push(t('The DolphinDB object does not exist.'), '');
    return out.join('\n');
  }
  const phase = str(ddb, 'status', 'phase') ?? t('unknown');
  out.push(
    `| | |`,
    `|---|---|`,
    `| ${t('Phase')} | **${cell(phase)}** |`,
    `| ${t('Mode')} | ${cell(modeText(ddb))} |`,
    `| ${t('Version')} | ${cell(str(ddb, 'spec', 'version') ?? '?')} |`,
    `| ${t('Log mode')} | ${cell(str(ddb, 'spec', 'logMode') ?? t('not set'))} |`,
    `| ${t('Storage class')} | ${cell(str(ddb, 'spec', 'storageClassName') ?? t('cluster default'))} |`,
    `| ${t('Age')} | ${age(ddb.metadata.creationTimestamp, now)} |`,
    '',
  );

  // Roles and instances.
  out.push(`## ${t('Instances')}`, '');
  const roles = roleStatuses(ddb);
  const leader = roles.find((r) => r.role === 'ctr')?.master;
  out.push(`| ${t('Role')} | ${t('Ready')} | ${t('Phase')} |`, '|---|---|---|');
  for (const r of roles) out.push(`| ${roleTitle(r.role, t)} | ${r.ready}/${r.desired} | ${cell(r.phase ?? '—')} |`);
  out.push('');
  if (leader) out.push(`${t('Leader')}: \`${leader}\``, '');
  const pods = [...snapshot.pods]
    .filter((p) => parsePodName(cluster, p.metadata.name))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (pods.length > 0) {
    out.push(
      `| ${t('Pod')} | ${t('Status')} | ${t('Ready')} | ${t('Restarts')} | ${t('Node')} | ${t('Age')} |`,
      '|---|---|---|---|---|---|',
    );
    for (const p of pods) {
      const s = podSummary(p);
      const status = s.reason && !s.isReady ? s.reason : s.phase;
      const mark = p.metadata.name === leader ? ` ★ ${t('leader')}` : '';
      out.push(
        `| \`${p.metadata.name}\`${mark} | ${cell(status)} | ${s.ready}/${s.total} | ${s.restarts} | ${cell(s.node || '—')} | ${age(p.metadata.creationTimestamp, now)} |`,
      );
    }
    out.push('');
  }

  // Endpoints.
  out.push(`## ${t('Endpoints')}`, '');
  const suffix = str(ddb, 'spec', 'customMeta', 'domainSuffix') || 'svc.cluster.local';
  out.push(endpointsMarkdown(clusterEndpoints(cluster, namespace, snapshot.services, snapshot.nodes ?? [], suffix), t));
  if (!snapshot.nodes)
    out.push(t('Node addresses are not readable with your permissions, so NodePort addresses are not shown.'), '');

  // Storage.
  out.push(`## ${t('Storage')}`, '');
  if (snapshot.pvcs.length === 0) out.push(t('No PersistentVolumeClaims.'), '');
  else {
    out.push(`| ${t('PVC')} | ${t('Status')} | ${t('Capacity')} | ${t('Storage class')} |`, '|---|---|---|---|');
    for (const p of [...snapshot.pvcs].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      out.push(
        `| \`${p.metadata.name}\` | ${cell(str(p, 'status', 'phase') ?? 'Pending')} | ${cell(str(p, 'status', 'capacity', 'storage') ?? str(p, 'spec', 'resources', 'requests', 'storage') ?? '?')} | ${cell(str(p, 'spec', 'storageClassName') ?? '—')} |`,
      );
    }
    out.push('');
  }

  // License: expiry only.
  out.push(`## ${t('License')}`, '');
  const lic = snapshot.license;
  if (!lic) out.push(t('ConfigMap {0} is not readable.', configMapName(cluster)));
  else if (!lic.present)
    out.push(
      t(
        'ConfigMap {0} holds no license (key license.lic is missing or empty): the cluster cannot start.',
        configMapName(cluster),
      ),
    );
  else if (!lic.wellFormed)
    out.push(t('The license in ConfigMap {0} is not a well-formed DolphinDB license.', configMapName(cluster)));
  else if (lic.expired) out.push(`**${t('Expired on {0}.', lic.expiry ?? '?')}**`);
  else out.push(t('Valid until {0}.', lic.expiry ?? '?'));
  out.push('');

  // Recent warnings.
  const warnings = [...snapshot.events].filter((e) => str(e, 'type') === 'Warning').sort((a, b) => eventTime(b) - eventTime(a));
  out.push(`## ${t('Recent warnings')}`, '');
  if (warnings.length === 0) out.push(t('None.'), '');
  else {
    for (const e of warnings.slice(0, opts.warnings ?? 5)) {
      const obj = `${str(e, 'involvedObject', 'kind') ?? ''}/${str(e, 'involvedObject', 'name') ?? ''}`;
      const n = eventCount(e);
      out.push(
        `- ${age(new Date(eventTime(e)).toISOString(), now)} · **${cell(str(e, 'reason') ?? '?')}** ${cell(obj)}${n > 1 ? ` ×${n}` : ''}: ${cell(str(e, 'message') ?? '')}`,
      );
    }
    if (warnings.length > (opts.warnings ?? 5))
      out.push('', t('{0} more warnings in the Events report.', warnings.length - (opts.warnings ?? 5)));
    out.push('');
  }
  return out.join('\n');
}

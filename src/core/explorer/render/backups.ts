// Render: a cluster's Backups and Restores (the operator's backup.dolphindb.io objects), under one
// group node that exists only where the backup API is served. Status words are the operator's,
// shown verbatim; known ones get a tone.
import { backupMessage, backupStatus } from '../../backup/facts';
import type { Translate } from '../../i18n/translate';
import type { KubeObject, ResourceKind } from '../../k8s/resources';
import type { ClusterBackupList } from '../backups';
import { nodeId } from '../ids';
import type { ExplorerNode } from '../nodes';
import { age } from '../objects';
import { phaseLook } from '../status';
import { coords, type ClusterAt } from './cluster';
import { parts, toneOf } from './common';

/** Words a backup tool reports for a finished or failed run, beyond DolphinDB's own phases. */
const DONE = new Set(['Complete', 'Completed', 'Succeeded', 'Success', 'Finished', 'Done']);
const FAILED = new Set(['Failed', 'Failure', 'Error']);

function statusTone(status: string | undefined): ExplorerNode['tone'] {
  if (status && DONE.has(status)) return 'ok';
  if (status && FAILED.has(status)) return 'error';
  return toneOf(phaseLook(status));
}

export function backupsGroup(at: ClusterAt, list: ClusterBackupList, t: Translate): ExplorerNode {
  const failed = [...list.backups, ...list.restores].filter((o) => FAILED.has(backupStatus(o) ?? '')).length;
  return {
    id: nodeId({ kind: 'backups', ...coords(at) }),
    kind: 'backups',
    label: t('Backups'),
    description: parts(
      t('{0} backups', list.backups.length),
      list.api.restore ? t('{0} restores', list.restores.length) : '',
      failed > 0 ? t('{0} failed', failed) : '',
    ),
    icon: 'backup',
    ...(failed > 0 ? { tone: 'error' as const } : {}),
    collapsible: 'collapsed',
    caps: list.api.backup ? ['createBackup'] : [],
    key: { t: 'backups', ...coords(at) },
  };
}

function objectNode(at: ClusterAt, o: KubeObject, kind: ResourceKind, which: 'backup' | 'restore', t: Translate): ExplorerNode {
  const status = backupStatus(o);
  const message = backupMessage(o);
  const created = o.metadata.creationTimestamp;
  const tip = [
    `**${o.metadata.name}** · ${which === 'backup' ? t('Backup') : t('Restore')}`,
    '',
    `${t('Status')}: ${status ?? t('not reported')}`,
    ...(message ? [message] : []),
    `${t('Created')}: ${created ?? '?'}`,
  ].join('  \n');
  return {
    id: nodeId({ kind: which, context: at.context, namespace: at.namespace, name: o.metadata.name }),
    kind: which,
    label: o.metadata.name,
    description: parts(which === 'restore' ? t('Restore') : '', status ?? t('no status'), created ? age(created) : ''),
    tooltip: tip,
    icon: which,
    tone: statusTone(status),
    collapsible: 'none',
    ref: { context: at.context, kind: which, name: o.metadata.name, namespace: at.namespace, version: kind.version },
    caps: ['copyName', 'showYaml', 'delete'],
    key: { t: 'leaf' },
  };
}

/** Newest first: the run a user looks for is usually the last one. */
const newestFirst = (a: KubeObject, b: KubeObject): number =>
  (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
  a.metadata.name.localeCompare(b.metadata.name);

export function backupNodes(at: ClusterAt, list: ClusterBackupList, t: Translate): ExplorerNode[] {
  const out: ExplorerNode[] = [];
  if (list.api.backup)
    for (const o of [...list.backups].sort(newestFirst)) out.push(objectNode(at, o, list.api.backup, 'backup', t));
  if (list.api.restore)
    for (const o of [...list.restores].sort(newestFirst)) out.push(objectNode(at, o, list.api.restore, 'restore', t));
  return out;
}

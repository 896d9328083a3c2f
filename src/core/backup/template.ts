// The Backup a user starts from: a YAML document to review before applying. The operator's
// spec fields are not published (docs/domain.md §8, §14.14), so the template names the cluster in the
// ways the tree reads it back (label and `spec.dolphindbName`) and says the rest is the user's
// to fill in from their operator's CRD (`kubectl explain`).
import { stringify } from 'yaml';
import { LABELS } from '../dolphindb/names';
import { english, type Translate } from '../i18n/translate';
import type { ResourceKind } from '../k8s/resources';

export function backupTemplate(
  kind: ResourceKind,
  at: { namespace: string; name: string },
  now: Date = new Date(),
  t: Translate = english,
): string {
  const stamp = now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  const doc = {
    apiVersion: `${kind.group}/${kind.version}`,
    kind: kind.kind,
    metadata: {
      name: `${at.name}-backup-${stamp}`,
      namespace: at.namespace,
      labels: { [LABELS.name]: at.name },
    },
    spec: { dolphindbName: at.name },
  };
  const notes = [
    t(
      'A backup of DolphinDB cluster {0}/{1}. Review it, then apply it (DolphinDB: Apply Backup or Restore).',
      at.namespace,
      at.name,
    ),
    t('The operator decides the spec: see `kubectl explain {0}.spec` for its storage fields.', `${kind.plural}.${kind.group}`),
    t('Only one backup per cluster runs at a time.'),
  ];
  return `${notes.map((n) => `# ${n}`).join('\n')}\n${stringify(doc)}`;
}

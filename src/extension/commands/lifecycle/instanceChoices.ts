// Which instances a per-instance command acts on, and how the Add Volume questions reach the
// instance level and a new PVC. From an instance node: that instance. From a role node, a
// cluster node or the palette: a multi-select pick of the instances (the guide gives each of
// three data nodes a Service). Scripts answer `instances: [{role, index}, …]`, or `role` with
// `indexes: [0, 1, 2]`, or `role` and `index`.
import * as vscode from 'vscode';
import { parseRole, type Role } from '../../../core/dolphindb/names';
import { isStandalone, replicasOf, rolesOf, type ClusterObject } from '../../../core/operations/cluster';
import type { InstanceTarget } from '../../../core/operations';
import type { AddVolumeRequest } from '../../../core/operations/volumes';
import { t } from '../../localize';
import type { Answers } from '../common/answers';
import { askText, pickRole } from '../common/prompts';

function scriptedInstances(a: Answers): InstanceTarget[] | undefined | 'invalid' {
  const list = a.extra.instances;
  if (Array.isArray(list)) {
    const out: InstanceTarget[] = [];
    for (const x of list) {
      const role = typeof x === 'object' && x !== null ? parseRole((x as { role?: unknown }).role as string) : undefined;
      const index = typeof x === 'object' && x !== null ? (x as { index?: unknown }).index : undefined;
      if (!role || typeof index !== 'number') return 'invalid';
      out.push({ role, index });
    }
    return out;
  }
  const indexes = a.extra.indexes;
  const role = a.role !== undefined ? parseRole(a.role) : undefined;
  if (Array.isArray(indexes) && role)
    return indexes.filter((i): i is number => typeof i === 'number').map((index) => ({ role, index }));
  if (role && a.index !== undefined) return [{ role, index: a.index }];
  return undefined;
}

/** The instances to change; undefined when the user dismissed the pick; 'invalid' for a bad script. */
export async function pickInstances(a: Answers, cluster: ClusterObject): Promise<InstanceTarget[] | undefined | 'invalid'> {
  const given = scriptedInstances(a);
  if (given !== undefined) return given;
  const { spec } = cluster;
  const roles: Role[] = isStandalone(spec) ? ['datanode'] : rolesOf(spec);
  const only = a.role !== undefined ? parseRole(a.role) : undefined;
  const items = roles
    .filter((r) => !only || r === only)
    .flatMap((role) =>
      Array.from({ length: isStandalone(spec) ? 1 : replicasOf(spec, role) }, (_, index) => ({
        label: `${role} ${index}`,
        target: { role, index },
      })),
    );
  const picks = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: t('Instances (pick one or more)'),
  });
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => p.target);
}

/** The Add Volume questions: role, one instance or all, the source (hostPath, an existing or a new PVC), mount. */
export async function askVolume(a: Answers, cluster: ClusterObject): Promise<AddVolumeRequest | undefined> {
  const { spec } = cluster;
  const role = await pickRole(a, isStandalone(spec) ? ['datanode'] : rolesOf(spec));
  if (!role) return undefined;
  let index = a.index;
  const replicas = isStandalone(spec) ? 1 : replicasOf(spec, role);
  if (index === undefined && replicas > 1) {
    const scope = await vscode.window.showQuickPick(
      [
        { label: t('All {0} instances', role), index: undefined },
        ...Array.from({ length: replicas }, (_, i) => ({ label: t('Only {0} {1}', role, i), index: i as number | undefined })),
      ],
      { placeHolder: t('Which instances get the volume') },
    );
    if (!scope) return undefined;
    index = scope.index;
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'hostPath', source: 'hostPath' as const },
      { label: t('Existing PersistentVolumeClaim'), source: 'pvc' as const },
      { label: t('New PersistentVolumeClaim (created now)'), source: 'newPvc' as const },
    ],
    { placeHolder: t('Volume source') },
  );
  if (!kind) return undefined;
  const source = await askText(
    undefined,
    kind.source === 'hostPath' ? t('Host path (absolute)') : t('PersistentVolumeClaim name'),
    '',
  );
  if (!source) return undefined;
  let create: { size: string; storageClassName?: string } | undefined;
  if (kind.source === 'newPvc') {
    const size = await askText(undefined, t('Size of the new PersistentVolumeClaim'), '10Gi');
    if (!size) return undefined;
    const sc = await askText(
      undefined,
      t('StorageClass of the new PersistentVolumeClaim (empty: the cluster default)'),
      typeof spec.storageClassName === 'string' ? spec.storageClassName : '',
    );
    if (sc === undefined) return undefined;
    create = { size, ...(sc ? { storageClassName: sc } : {}) };
  }
  const name = await askText(undefined, t('Volume name'), 'extra');
  const mountPath = name ? await askText(undefined, t('Mount path in the container (absolute)'), '/data/extra') : undefined;
  if (!name || !mountPath) return undefined;
  return {
    role,
    ...(index !== undefined ? { index } : {}),
    name,
    mountPath,
    source:
      kind.source === 'hostPath'
        ? { kind: 'hostPath', path: source }
        : { kind: 'pvc', claimName: source, ...(create ? { create } : {}) },
  };
}

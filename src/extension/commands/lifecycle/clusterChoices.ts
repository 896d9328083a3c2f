// Small reads of the cluster that prompts offer as choices: StorageClasses and node addresses.
import { t } from '../../localize';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { arr, str } from '../../../core/explorer/objects';
import type { PickList } from '../common/flow';
import { proceed, type Step } from '../common/step';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** StorageClass names, the cluster default first; empty when they cannot be read. */
export async function storageClasses(http: KubeHttp): Promise<{ name: string; isDefault: boolean }[]> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass), {
    operation: t('list {0}', 'storageclasses'),
  });
  if (!r.ok) return [];
  return r.value.items
    .map((o) => ({ name: o.metadata.name, isDefault: o.metadata.annotations?.[DEFAULT_CLASS] === 'true' }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

/** InternalIP addresses of the nodes, for the webserver's nodePortIP. */
export async function nodeAddresses(http: KubeHttp): Promise<string[]> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.node), { operation: t('list {0}', 'nodes') });
  if (!r.ok) return [];
  const out = new Set<string>();
  for (const n of r.value.items)
    for (const a of arr(n, 'status', 'addresses'))
      if (str(a, 'type') === 'InternalIP' && str(a, 'address')) out.add(str(a, 'address') ?? '');
  return [...out];
}

/** StorageClasses as a flow step's choices; an empty list says what to do. */
export async function storageClassChoices(http: KubeHttp): Promise<Step<PickList>> {
  const classes = await storageClasses(http);
  return proceed({
    items: classes.map((s) => ({ label: s.name, ...(s.isDefault ? { description: t('default') } : {}) })),
    ...(classes.length === 0
      ? { notice: { label: t('No StorageClass found: install one (e.g. local-path-provisioner) first') } }
      : {}),
  });
}

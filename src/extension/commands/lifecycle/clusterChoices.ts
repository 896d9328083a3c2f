// Small reads of the cluster that prompts offer as choices: StorageClasses and node addresses.
import { t } from '../../localize';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { arr, str } from '../../../core/explorer/objects';
import type { PickChoice, PickList } from '../common/flow';
import { LOCAL_PATH_STORAGE_CLASS } from '../../../core/operations/localPathManifest';
import { INSTALL_LOCAL_PATH, offersLocalPath, TYPE_STORAGE_CLASS } from './storageChoice';
import { proceed, type Step } from '../common/step';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** StorageClass names, the cluster default first; undefined when they cannot be read. */
export async function storageClasses(http: KubeHttp): Promise<{ name: string; isDefault: boolean }[] | undefined> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass), {
    operation: t('list {0}', 'storageclasses'),
  });
  if (!r.ok) return undefined;
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

/**
 * StorageClasses as a flow step's choices, then "Type a StorageClass name…" always, and "Install
 * the local-path provisioner…" when there is none (or they cannot be listed); storageChoice.ts.
 */
export async function storageClassChoices(http: KubeHttp): Promise<Step<PickList>> {
  const classes = await storageClasses(http);
  const listing = { names: classes?.map((c) => c.name) };
  const typed: PickChoice = {
    label: t('$(edit) Type a StorageClass name…'),
    value: TYPE_STORAGE_CLASS,
    detail: t('For a class this list does not show, or when StorageClasses cannot be listed.'),
  };
  const install: PickChoice = {
    label: t('$(add) Install the local-path provisioner…'),
    value: INSTALL_LOCAL_PATH,
    detail: t(
      'Creates StorageClass {0}: volumes in a folder of the node their pod runs on. Asks before it changes anything.',
      LOCAL_PATH_STORAGE_CLASS,
    ),
  };
  const items: PickChoice[] = [
    ...(classes ?? []).map((s) => ({ label: s.name, ...(s.isDefault ? { description: t('default') } : {}) })),
    ...(offersLocalPath(listing) ? [install] : []),
    typed,
  ];
  const notice =
    classes === undefined
      ? { label: t('StorageClasses cannot be listed with your permissions: type a name, or install local-path.') }
      : classes.length === 0
        ? { label: t('The cluster has no StorageClass: install the local-path provisioner, or type a name.') }
        : undefined;
  return proceed({ items, ...(notice ? { notice } : {}) });
}

// The StorageClass question of the install and create flows, apart from any UI: besides the
// classes the cluster lists, the pick always offers to type a name (a namespace-scoped user may
// not be allowed to list StorageClasses), and, when the cluster has none or they cannot be
// listed, to install the local-path provisioner first. Pure, so the rules are unit tested.
import type { FlowValues } from '../common/flowPlan';

/** Pick answer: ask for a typed name next (not a valid name itself, so never a clash). */
export const TYPE_STORAGE_CLASS = '<type>';
/** Pick answer: install the local-path provisioner, then use its StorageClass. */
export const INSTALL_LOCAL_PATH = '<local-path>';

export interface StorageClassListing {
  /** Names, the default first; undefined when they could not be listed. */
  readonly names: readonly string[] | undefined;
}

/** Whether the pick offers to install the provisioner: nothing listed, or listing not allowed. */
export const offersLocalPath = (l: StorageClassListing): boolean => l.names === undefined || l.names.length === 0;

/** Whether the typed-name step is asked, for the step ids `pick` (the pick) and its follower. */
export const asksTypedStorageClass = (values: FlowValues, pick: string): boolean => values[pick] === TYPE_STORAGE_CLASS;

/**
 * The StorageClass the answers mean: the picked class, the typed one, or INSTALL_LOCAL_PATH
 * (resolved by the command, which installs the provisioner before anything else changes).
 */
export function storageClassAnswer(values: FlowValues, pick: string, typed: string): string | undefined {
  const v = values[pick];
  return v === TYPE_STORAGE_CLASS ? values[typed]?.trim() || undefined : v;
}

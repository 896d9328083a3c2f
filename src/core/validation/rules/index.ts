// The semantic rules of docs/domain.md §2.6, run after the schema walk, in a fixed order so problems
// come out in a stable order.
import { checkIdentity } from './identity';
import { checkInstances } from './instances';
import { checkExistingCluster, checkNamespaceExists } from './liveCluster';
import { checkLogCleanLimit } from './logClean';
import { checkMetadata } from './metadata';
import { checkResources } from './resources';
import { checkStorageClass } from './storage';
import { checkTopology } from './topology';
import { checkVersion } from './version';
import { checkVolumes } from './volumes';
import type { Rule } from './context';

/** Rules about the document as a whole. */
export const DOCUMENT_RULES: readonly Rule[] = [checkIdentity, checkMetadata, checkNamespaceExists, checkExistingCluster];

/** Rules about `spec`; skipped when spec is not a map (the schema already reported that). */
export const SPEC_RULES: readonly Rule[] = [
  checkTopology,
  checkVersion,
  checkLogCleanLimit,
  checkResources,
  checkVolumes,
  checkInstances,
  checkStorageClass,
];

export { identityOf, isDolphinDBDocument } from './identity';
export type { RuleContext } from './context';

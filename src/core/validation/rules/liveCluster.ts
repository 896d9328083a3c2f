// DDB-W024 and DDB-H001: where the document would land in the connected cluster. Both run only
// when the caller read the facts (namespace list, DolphinDB names of the document's namespace);
// offline, or when RBAC refused the list, they stay silent.
import { stringValue } from '../tree';
import type { RuleContext } from './context';

/** DDB-W024: `kubectl apply` into a namespace that does not exist fails ("namespaces … not found"). */
export function checkNamespaceExists(rc: RuleContext): void {
  const namespaces = rc.known.namespaces;
  if (!namespaces) return;
  const loc = rc.tree.get(rc.tree.get(rc.root, 'metadata'), 'namespace');
  const namespace = stringValue(loc);
  if (!loc || namespace === undefined || namespace === '' || namespaces.includes(namespace)) return;
  rc.report.at(loc, 'DDB-W024', 'namespace.missing', { namespace });
}

/** DDB-H001: a cluster of this name is already there, so applying updates it (not an error). */
export function checkExistingCluster(rc: RuleContext): void {
  const existing = rc.known.existingClusters;
  if (!existing) return;
  const metadata = rc.tree.get(rc.root, 'metadata');
  const namespace = stringValue(rc.tree.get(metadata, 'namespace'));
  const loc = rc.tree.get(metadata, 'name');
  const name = stringValue(loc);
  // The list is for one namespace; a document without one would land in a default we cannot see here.
  if (!loc || name === undefined || namespace !== existing.namespace || !existing.names.includes(name)) return;
  rc.report.at(loc, 'DDB-H001', 'cluster.exists', { name, namespace });
}

// DDB-E001 and the question every document is asked first: is it a DolphinDB object at all?
// Only those are validated; every other document in the file is left untouched.
import { DDB_API_VERSION, DDB_GROUP, DDB_KIND } from '../../dolphindb/names';
import { displayValue, present, stringValue, type Located, type Tree } from '../tree';
import type { RuleContext } from './context';

export interface Identity {
  readonly apiVersion?: string;
  readonly kind?: string;
}

export function identityOf(tree: Tree, root: Located): Identity {
  const apiVersion = stringValue(tree.get(root, 'apiVersion'));
  const kind = stringValue(tree.get(root, 'kind'));
  return { ...(apiVersion !== undefined ? { apiVersion } : {}), ...(kind !== undefined ? { kind } : {}) };
}

/**
 * A DolphinDB document, possibly with a wrong apiVersion or kind: kind DolphinDB in any case, or
 * any kind in the DolphinDB API group except the list kind.
 */
export function isDolphinDBDocument(id: Identity): boolean {
  if (id.kind?.toLowerCase() === DDB_KIND.toLowerCase()) return true;
  const group = id.apiVersion?.split('/')[0];
  return group === DDB_GROUP && id.kind !== 'DolphinDBList';
}

export function checkIdentity(rc: RuleContext): void {
  const { tree, report, root } = rc;
  const apiVersion = tree.get(root, 'apiVersion');
  const kind = tree.get(root, 'kind');
  const apiText = stringValue(apiVersion);
  const kindText = stringValue(kind);

  if (apiText !== DDB_API_VERSION) {
    if (!present(apiVersion)) {
      report.at(
        kind ?? root,
        'DDB-E001',
        'identity.apiVersionMissing',
        {},
        { target: 'key', path: 'apiVersion', data: { suggestion: DDB_API_VERSION } },
      );
    } else {
      report.at(
        apiVersion,
        'DDB-E001',
        'identity.apiVersion',
        { value: displayValue(apiVersion.node) },
        { data: { suggestion: DDB_API_VERSION } },
      );
    }
  }
  if (kindText !== DDB_KIND) {
    if (!present(kind)) {
      report.at(
        apiVersion ?? root,
        'DDB-E001',
        'identity.kindMissing',
        {},
        { target: 'key', path: 'kind', data: { suggestion: DDB_KIND } },
      );
    } else {
      report.at(
        kind,
        'DDB-E001',
        'identity.kind',
        { apiVersion: apiText ?? '', value: displayValue(kind.node) },
        { data: { suggestion: DDB_KIND } },
      );
    }
  }
}

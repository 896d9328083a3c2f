// DDB-E017 (the schema checks each key's format; this catches the same index written twice,
// e.g. `0:` and `"0":`, which YAML allows but JSON collapses) and DDB-W017 (an index with no
// instance because it is >= replicas).
import { integerValue } from '../tree';
import { roleBlocks, type RuleContext } from './context';

const INDEX_RE = /^[0-9]+$/;

export function checkInstances(rc: RuleContext): void {
  for (const { role, block } of roleBlocks(rc)) {
    const replicas = integerValue(rc.tree.get(block, 'replicas'));
    const seen = new Map<number, string>();
    for (const entry of rc.tree.entries(rc.tree.get(block, 'instances'))) {
      const key = String(entry.path[entry.path.length - 1]);
      if (!INDEX_RE.test(key)) continue;
      const index = Number(key);
      const rawKey = entry.key && 'source' in entry.key && typeof entry.key.source === 'string' ? entry.key.source : key;
      const other = seen.get(index);
      if (other !== undefined) {
        rc.report.at(entry, 'DDB-E017', 'instances.duplicate', { index, key: rawKey, other }, { target: 'key' });
        continue;
      }
      seen.set(index, rawKey);
      if (replicas !== undefined && replicas >= 0 && index >= replicas) {
        if (replicas === 0) rc.report.at(entry, 'DDB-W017', 'instances.noReplicas', { role, key }, { target: 'key' });
        else
          rc.report.at(
            entry,
            'DDB-W017',
            'instances.beyondReplicas',
            { role, key, replicas, last: replicas - 1 },
            { target: 'key' },
          );
      }
    }
  }
}

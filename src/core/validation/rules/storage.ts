// DDB-W023: storageClassName must name an existing StorageClass (only when the caller lists them).
import { nearest } from '../suggest';
import { stringValue } from '../tree';
import type { RuleContext } from './context';

export function checkStorageClass(rc: RuleContext): void {
  const classes = rc.known.storageClasses;
  if (!classes) return;
  const loc = rc.tree.get(rc.spec, 'storageClassName');
  const value = stringValue(loc);
  if (!loc || value === undefined || classes.includes(value)) return;
  const suggestion = nearest(value, classes);
  const available = classes.length === 0 ? '-' : classes.slice(0, 10).join(', ') + (classes.length > 10 ? ', …' : '');
  rc.report.at(loc, 'DDB-W023', 'storageClass.missing', { value, available }, suggestion ? { data: { suggestion } } : {});
}

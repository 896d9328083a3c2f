// DDB-E013: the schema checks that logCleanLimit is a quoted decimal; this checks its range (0, 1].
import { stringValue } from '../tree';
import type { RuleContext } from './context';

const DECIMAL_RE = /^[0-9]*\.?[0-9]+$/;

export function checkLogCleanLimit(rc: RuleContext): void {
  const loc = rc.tree.get(rc.spec, 'logCleanLimit');
  const value = stringValue(loc);
  if (!loc || value === undefined || !DECIMAL_RE.test(value)) return;
  const n = Number(value);
  if (!(n > 0 && n <= 1)) rc.report.at(loc, 'DDB-E013', 'logCleanLimit.range', { value });
}

// DDB-E002 (name required; its format is checked by the schema) and DDB-W002 (long names).
import { DNS1123_LABEL_MAX, MAX_RECOMMENDED_NAME_LENGTH, podName, pvcName } from '../../dolphindb/names';
import { present, stringValue } from '../tree';
import type { RuleContext } from './context';

export function checkMetadata(rc: RuleContext): void {
  const { tree, report, root } = rc;
  const metadata = tree.get(root, 'metadata');
  const name = tree.get(metadata, 'name');
  if (!present(name)) {
    report.at(name ?? metadata ?? root, 'DDB-E002', 'name.missing', {}, { target: 'key', path: 'metadata.name' });
    return;
  }
  const value = stringValue(name);
  // Longer than 63 is already an E002 from the schema; W002 covers the range the schema accepts.
  if (value !== undefined && value.length > MAX_RECOMMENDED_NAME_LENGTH && value.length <= DNS1123_LABEL_MAX) {
    report.at(name, 'DDB-W002', 'name.long', { length: value.length, example: pvcName('core', podName(value, 'controller', 0)) });
  }
}

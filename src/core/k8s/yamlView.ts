// How a live object is shown to a person: without managedFields and other server noise, and,
// for diffs, without status.
import { stringify } from 'yaml';
import type { KubeObject } from './resources';

export function stripForDisplay(obj: KubeObject, opts: { dropStatus?: boolean } = {}): KubeObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject & Record<string, unknown>;
  delete copy.metadata.managedFields;
  const annotations = copy.metadata.annotations;
  if (annotations) {
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
  }
  if (opts.dropStatus) {
    delete copy.status;
    const m = copy.metadata as Record<string, unknown>;
    for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp']) delete m[k];
  }
  return copy;
}

export function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

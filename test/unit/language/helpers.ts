// Shared by the language unit tests: cursor markers in YAML sources, and applying text edits.
import { LineIndex } from '../../../src/core/language';
import type { Position, TextEdit } from '../../../src/core/language';

/** `src` with one `|` (or `marker`) at the cursor → the text without it and the cursor position. */
export function cursor(src: string, marker = '|'): { text: string; pos: Position } {
  const offset = src.indexOf(marker);
  if (offset < 0) throw new Error(`no ${marker} cursor marker`);
  const text = src.slice(0, offset) + src.slice(offset + marker.length);
  return { text, pos: new LineIndex(text).positionAt(offset) };
}

/** Applies non-overlapping edits (LSP semantics: all ranges refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits]
    .map((e) => ({ e, s: lines.offsetAt(e.range.start), t: lines.offsetAt(e.range.end) }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const { e, s, t } of sorted) out = out.slice(0, s) + e.newText + out.slice(t);
  return out;
}

export const DDB_HEAD = 'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\n';

/** A valid multicontroller CR (the shape of the reference's 3×3 example). */
export const VALID_CR = `${DDB_HEAD}metadata:
  name: ha
  namespace: dolphindb
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.5
  storageClassName: local-path
  logMode: 2
  controller:
    replicas: 3
    port: 31210
    dataSize: 1Gi
    logSize: 1Gi
    resources:
      limits:
        cpu: "1"
        memory: 1Gi
      requests:
        cpu: "1"
        memory: 1Gi
  datanode:
    replicas: 3
    port: 32210
    dataSize: 5Gi
    logSize: 1Gi
    resources:
      limits:
        cpu: "1"
        memory: 2Gi
      requests:
        cpu: "1"
        memory: 2Gi
`;

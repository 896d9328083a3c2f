// Duplicate map keys. yaml's own `uniqueKeys` check compares every key with every earlier one,
// which is quadratic: a 20 000-key map took seconds. This is the same check in linear time
// (keys compared by type and value, as yaml does), run over every map of a document once.
import { isMap, isScalar, visit, type Document } from 'yaml';

const MAX_REPORTED = 100;

/** Chunk-relative [start, end) offsets of each repeated key, in document order. */
export function duplicateKeyRanges(doc: Document.Parsed): [number, number][] {
  const out: [number, number][] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id) && key.range) out.push([key.range[0], key.range[1]]);
        seen.add(id);
      }
      return out.length >= MAX_REPORTED ? visit.BREAK : undefined;
    },
  });
  return out;
}

// The namespaces the DolphinDB objects of a file live in, read from the text without parsing it.
// The server needs them before validation (to ask the cluster for that namespace's facts), and a
// full parse just for this would double the cost of every keystroke's validation.
import { splitDocuments } from '../validation/split';

// Same leniency as the validator: kind in any case, or the DolphinDB API group.
const DDB_RE = /^(?:kind:[ \t]*["']?DolphinDB["']?[ \t]*(?:#.*)?$|apiVersion:[ \t]*["']?dolphindb\.dolphindb\.io\/)/im;
const METADATA_RE = /^metadata:[ \t]*(.*)$/m;
const FLOW_NAMESPACE_RE = /[{,][ \t]*namespace[ \t]*:[ \t]*["']?([^"',}\s]+)/;
const BLOCK_NAMESPACE_RE = /^([ \t]+)namespace:[ \t]*["']?([^"'#\s]+)/;

/**
 * `metadata.namespace` of each document that looks like a DolphinDB object (undefined where it
 * has none), in document order. Block and single-line flow style; anything fancier reads as none.
 */
export function dolphinDBNamespaces(text: string): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const chunk of splitDocuments(text)) {
    const doc = text.slice(chunk.start, chunk.end);
    if (!DDB_RE.test(doc)) continue;
    out.push(namespaceIn(doc));
  }
  return out;
}

function namespaceIn(doc: string): string | undefined {
  const m = METADATA_RE.exec(doc);
  if (!m) return undefined;
  if (m[1].trimStart().startsWith('{')) return FLOW_NAMESPACE_RE.exec(m[1])?.[1];
  // The lines of the metadata block: indented, up to the next line at column 0.
  let indent: string | undefined;
  for (const line of doc.slice(m.index + m[0].length + 1).split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^[ \t]/.test(line)) break;
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    indent ??= lead;
    // Only direct children of metadata (labels or annotations may hold a `namespace:` key too).
    if (lead !== indent) continue;
    const ns = BLOCK_NAMESPACE_RE.exec(line);
    if (ns) return ns[2];
  }
  return undefined;
}

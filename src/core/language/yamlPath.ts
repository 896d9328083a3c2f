// Where a position is in a parsed YAML document: the path of keys and indices that leads to the
// node under the cursor, and the reverse (the node at a path, the scalar at a range). Aliases are
// never followed, so the walk is linear in the text however the anchors are shared.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';

export type Segment = string | number;

export interface PathHit {
  readonly path: readonly Segment[];
  /** Whether the cursor is on the key of the entry at `path`, or on its (scalar) value. */
  readonly on: 'key' | 'value';
  /** Node to highlight, chunk-relative offsets [start, end). */
  readonly start: number;
  readonly end: number;
}

const MAX_DEPTH = 64;

const keyText = (key: unknown): string | undefined => {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
};

/** The deepest key or scalar value whose text holds `offset` (chunk-relative; end inclusive). */
export function pathAt(doc: Document.Parsed, offset: number): PathHit | undefined {
  let node: unknown = doc.contents;
  const path: Segment[] = [];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => covers(p.key, offset) || covers(p.value, offset));
      if (!pair) return undefined;
      const k = keyText(pair.key);
      if (k === undefined) return undefined;
      path.push(k);
      if (covers(pair.key, offset)) return hit(path, 'key', pair.key as Node);
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => covers(item, offset));
      if (i < 0) return undefined;
      path.push(i);
      node = node.items[i];
    } else if ((isScalar(node) || isAlias(node)) && path.length > 0) {
      return hit(path, 'value', node as Node);
    } else {
      return undefined;
    }
  }
  return undefined;
}

function covers(node: unknown, offset: number): boolean {
  const r = (node as Node | null | undefined)?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

function hit(path: readonly Segment[], on: 'key' | 'value', node: Node): PathHit {
  const r = node.range ?? [0, 0, 0];
  return { path: [...path], on, start: r[0], end: r[1] };
}

/** The map entry at `path` (keys compared as text, so `0:` matches "0"); aliases are not followed. */
export function pairAt(doc: Document.Parsed, path: readonly Segment[]): Pair | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isPair(p) && keyText(p.key) === String(last));
}

/** The node at `path`, or undefined when a step is missing. Root for the empty path. */
export function nodeAt(doc: Document.Parsed, path: readonly Segment[]): Node | null | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      return undefined;
    }
  }
  return (node ?? null) as Node | null;
}

/** The scalar (or alias) whose range is exactly [start, end) (chunk-relative), searched depth-first. */
export function scalarAtRange(doc: Document.Parsed, start: number, end: number): Scalar | undefined {
  const stack: unknown[] = [doc.contents];
  let budget = 100_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    const r = (node as Node | null | undefined)?.range;
    if (!r || r[0] > end || r[2] < start) continue;
    if (isScalar(node)) {
      if (r[0] === start && r[1] === end) return node;
    } else if (isMap(node)) {
      for (const p of node.items) stack.push(p.key, p.value);
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** Keys of the map at `path` (as text). */
export function keysAt(doc: Document.Parsed, path: readonly Segment[]): string[] {
  const node = nodeAt(doc, path);
  if (!isMap(node)) return [];
  return node.items.map((p) => keyText(p.key)).filter((k): k is string => k !== undefined);
}

/**
 * Parses the validator's dotted path (`spec.datanode.volumeMounts[0].name`, `a["b.c"]`) back into
 * segments. Unparseable input yields undefined.
 */
export function parsePath(text: string): Segment[] | undefined {
  const out: Segment[] = [];
  const re = /([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) {
      try {
        out.push(JSON.parse(m[3]) as string);
      } catch {
        return undefined;
      }
    }
    pos = re.lastIndex;
  }
  return out;
}

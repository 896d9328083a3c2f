// Read access to one parsed YAML document for the schema walk and the rules. It resolves
// aliases (counted, so an alias bomb cannot blow up the work), keeps for each value the node to
// highlight (the alias itself, not its distant anchor) and the key node, and classifies scalars
// the way Kubernetes' JSON decoder will see them.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

export type Segment = string | number;

/** A value in the document, with where to point at it. */
export interface Located {
  /** The value node with aliases resolved; null for an empty value (`key:`). */
  readonly node: Node | null;
  /** Node whose range to highlight for the value (the alias when the value came from one). */
  readonly at: Node | null;
  /** Key node when the value is a map entry. */
  readonly key?: Node;
  readonly path: readonly Segment[];
}

export type JsonKind = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export const MAX_ALIAS_RESOLUTIONS = 100;

export class Tree {
  private readonly resolved = new Map<Node, Node | null>();
  aliasLimitHit = false;

  constructor(private readonly doc: Document.Parsed) {}

  root(): Located {
    const node = this.resolve(this.doc.contents as Node | null);
    return { node, at: this.doc.contents as Node | null, path: [] };
  }

  /**
   * Resolves an alias to its anchored node. Distinct alias nodes are capped; the walk's visit
   * budget (schemaWalk) bounds the re-visits of shared subtrees that make alias bombs explode.
   */
  resolve(node: Node | null | undefined): Node | null {
    if (!node) return null;
    if (!isAlias(node)) return node;
    const cached = this.resolved.get(node);
    if (cached !== undefined) return cached;
    if (this.resolved.size >= MAX_ALIAS_RESOLUTIONS) {
      this.aliasLimitHit = true;
      return null;
    }
    let target: Node | null = null;
    try {
      const t = node.resolve(this.doc);
      // An alias of an alias is not valid YAML, but a partial parse may produce anything.
      target = t && !isAlias(t) ? (t as Node) : null;
    } catch {
      target = null;
    }
    this.resolved.set(node, target);
    return target;
  }

  /** Map entries with a plain (string or number) key; merge keys and complex keys are skipped. */
  entries(loc: Located | undefined): Located[] {
    if (!loc?.node || !isMap(loc.node)) return [];
    const out: Located[] = [];
    for (const pair of loc.node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = pair.key.value;
      if (typeof k !== 'string' && typeof k !== 'number') continue;
      const valueNode = (pair.value ?? null) as Node | null;
      out.push({ node: this.resolve(valueNode), at: valueNode, key: pair.key, path: [...loc.path, String(k)] });
    }
    return out;
  }

  /** The entry `key` of a map (string comparison, so `0:` and `"0":` both match "0"). */
  get(loc: Located | undefined, key: string): Located | undefined {
    if (!loc?.node || !isMap(loc.node)) return undefined;
    for (const pair of loc.node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = pair.key.value;
      if ((typeof k === 'string' || typeof k === 'number') && String(k) === key) {
        const valueNode = (pair.value ?? null) as Node | null;
        return { node: this.resolve(valueNode), at: valueNode, key: pair.key, path: [...loc.path, key] };
      }
    }
    return undefined;
  }

  /** Walks several keys; undefined as soon as one is missing. */
  getIn(loc: Located | undefined, keys: readonly string[]): Located | undefined {
    let cur = loc;
    for (const k of keys) cur = this.get(cur, k);
    return cur;
  }

  items(loc: Located | undefined): Located[] {
    if (!loc?.node || !isSeq(loc.node)) return [];
    return loc.node.items.map((item, i) => {
      const n = (item ?? null) as Node | null;
      return { node: this.resolve(n), at: n, path: [...loc.path, i] };
    });
  }
}

/** Whether a located value is present and not null (`key:` with nothing counts as absent). */
export function present(loc: Located | undefined): loc is Located & { node: Node } {
  return !!loc?.node && kindOf(loc.node) !== 'null';
}

export function scalarValue(loc: Located | undefined): unknown {
  return loc?.node && isScalar(loc.node) ? loc.node.value : undefined;
}

export function stringValue(loc: Located | undefined): string | undefined {
  const v = scalarValue(loc);
  return typeof v === 'string' ? v : undefined;
}

export function integerValue(loc: Located | undefined): number | undefined {
  return loc?.node && kindOf(loc.node) === 'integer' ? (scalarValue(loc) as number) : undefined;
}

/**
 * JSON kind of a node as the API server's decoder sees it. A YAML float that happens to be whole
 * (`3.0`, `1e3`) is a JSON number that Go refuses to decode into an int, so it is `number`.
 */
export function kindOf(node: Node): JsonKind {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number') {
      const src = typeof node.source === 'string' ? node.source : String(v);
      const whole = Number.isInteger(v) && (/^[-+]?0x/i.test(src) || !/[.eE]/.test(src));
      return whole ? 'integer' : 'number';
    }
    if (typeof v === 'bigint') return 'integer';
    return 'string';
  }
  return 'null';
}

/** Short text of a scalar for messages (never a whole map), capped so messages stay readable. */
export function displayValue(node: Node | null): string {
  if (!node) return 'null';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node)) return '?';
  const v = node.value;
  const s = typeof v === 'string' ? v : typeof node.source === 'string' && node.source !== '' ? node.source : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** `spec.datanode.volumeMounts[0].name`; keys with dots or slashes are bracket-quoted. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

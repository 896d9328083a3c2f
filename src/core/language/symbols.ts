// Outline of a file: one entry per DolphinDB object (named after metadata.name, with mode and
// version as detail), and under it the key tree as written. Other documents are left to other
// YAML tooling. Aliases are shown, never expanded, and the tree is capped per document.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument, YamlFile } from './documents';
import type { OutlineSymbol, SymbolKindName } from './types';

const MAX_SYMBOLS_PER_DOCUMENT = 2_000;
/** Across the file: a 2,000-CR file still gets one entry per CR, but not a 20 MB outline. */
const MAX_SYMBOLS_PER_FILE = 20_000;
const MAX_DEPTH = 12;

export interface SymbolOptions {
  /**
   * Stop after this many milliseconds and outline the documents reached so far. Parsing is the
   * cost (a 4,000-document file took 3.7 s), and an outline request blocks the server meanwhile.
   */
  readonly timeBudgetMs?: number;
}

export function documentSymbols(file: YamlFile, opts: SymbolOptions = {}): OutlineSymbol[] {
  const deadline = opts.timeBudgetMs === undefined ? Infinity : Date.now() + opts.timeBudgetMs;
  let left = MAX_SYMBOLS_PER_FILE;
  const out: OutlineSymbol[] = [];
  // Only parsing is cut short: outlining the documents already parsed is cheap next to it.
  for (const d of file.dolphinDBDocuments(deadline)) {
    const budget = { left: Math.min(left, MAX_SYMBOLS_PER_DOCUMENT) };
    const granted = budget.left;
    out.push(clusterSymbol(file, d, budget));
    left -= granted - Math.max(0, budget.left);
  }
  return out;
}

function clusterSymbol(file: YamlFile, d: ParsedDocument, budget: { left: number }): OutlineSymbol {
  const root = d.doc.contents;
  const children = isMap(root) ? mapChildren(file, d, root, 0, budget) : [];
  const find = (name: string): OutlineSymbol | undefined => children.find((c) => c.name === name);
  const nameSym = find('metadata')?.children.find((c) => c.name === 'name');
  const spec = find('spec');
  const detailOf = (key: string): string | undefined => spec?.children.find((c) => c.name === key)?.detail;
  const mode = [detailOf('mode'), detailOf('clusterType')].filter(Boolean).join('/');
  const detail = ['DolphinDB', mode, detailOf('version')].filter((s) => !!s).join(' · ');
  // The content, not the `---` marker or leading comments, is what the entry spans.
  const contentStart = (root as Node | null)?.range?.[0] ?? d.doc.range[0];
  const start = d.base + contentStart;
  const end = d.base + d.doc.range[2];
  const range = file.lines.range(start, Math.max(start, end));
  return {
    // The name does not depend on the symbol budget: past the file's cap a document has no
    // children, but the outline still names it.
    name: nameSym?.detail ?? metadataName(d) ?? d.kind ?? 'DolphinDB',
    detail,
    kind: 'cluster',
    range,
    selectionRange: nameSym?.selectionRange ?? file.lines.range(start, start),
    children,
  };
}

function metadataName(d: ParsedDocument): string | undefined {
  const v = d.doc.getIn(['metadata', 'name']);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function mapChildren(file: YamlFile, d: ParsedDocument, map: Node, depth: number, budget: { left: number }): OutlineSymbol[] {
  if (!isMap(map)) return [];
  const out: OutlineSymbol[] = [];
  for (const pair of map.items) {
    if (budget.left-- <= 0) break;
    const key = pair.key as Node | null;
    if (!isScalar(key) || !key.range) continue;
    const value = (pair.value ?? null) as Node | null;
    const end = value?.range ? value.range[1] : key.range[1];
    out.push(entry(file, d, String(key.value), key.range[0], key.range[1], end, value, depth, budget));
  }
  return out;
}

function entry(
  file: YamlFile,
  d: ParsedDocument,
  name: string,
  selStart: number,
  selEnd: number,
  end: number,
  value: Node | null,
  depth: number,
  budget: { left: number },
): OutlineSymbol {
  const { kind, detail } = describeValue(value);
  let children: OutlineSymbol[] = [];
  if (depth < MAX_DEPTH && value) {
    if (isMap(value)) children = mapChildren(file, d, value, depth + 1, budget);
    else if (isSeq(value)) children = seqChildren(file, d, value, depth + 1, budget);
  }
  return {
    name,
    ...(detail !== undefined ? { detail } : {}),
    kind,
    range: file.lines.range(d.base + selStart, d.base + Math.max(selStart, end)),
    selectionRange: file.lines.range(d.base + selStart, d.base + selEnd),
    children,
  };
}

function seqChildren(file: YamlFile, d: ParsedDocument, seq: Node, depth: number, budget: { left: number }): OutlineSymbol[] {
  if (!isSeq(seq)) return [];
  const out: OutlineSymbol[] = [];
  seq.items.forEach((item, i) => {
    if (budget.left-- <= 0) return;
    const node = (item ?? null) as Node | null;
    if (!node?.range) return;
    // Kubernetes lists (volumes, mounts) are keyed by `name`; show it the way kubectl users read them.
    const nameNode = isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === 'name')?.value : undefined;
    const label = isScalar(nameNode) && nameNode.value !== null ? `[${i}] ${String(nameNode.value)}` : `[${i}]`;
    // The item's first line is what the outline selects.
    const firstLineEnd = file.lines.lineEnd(file.lines.positionAt(d.base + node.range[0]).line) - d.base;
    out.push(
      entry(
        file,
        d,
        label,
        node.range[0],
        Math.min(node.range[1], Math.max(node.range[0], firstLineEnd)),
        node.range[1],
        node,
        depth,
        budget,
      ),
    );
  });
  return out;
}

function describeValue(value: Node | null): { kind: SymbolKindName; detail?: string } {
  if (!value) return { kind: 'null' };
  if (isAlias(value)) return { kind: 'alias', detail: `*${value.source}` };
  if (isMap(value)) return { kind: 'object' };
  if (isSeq(value)) return { kind: 'array', detail: `${value.items.length}` };
  if (isScalar(value)) {
    const v = value.value;
    const text = v === null || v === undefined ? '' : String(v);
    const detail = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    const kind: SymbolKindName =
      typeof v === 'number' || typeof v === 'bigint'
        ? 'number'
        : typeof v === 'boolean'
          ? 'boolean'
          : v === null
            ? 'null'
            : 'string';
    return { kind, detail };
  }
  return { kind: 'null' };
}
